"""Declare entity labels for the news pool by surface string; write offsets only.

    .venv/bin/python tools/label_news.py split            # write split.json (once)
    .venv/bin/python tools/label_news.py build DECL_DIR   # NNN.txt declarations -> NNN.json
    .venv/bin/python tools/label_news.py show NNN         # print a doc's labels for checking

The texts are other people's words, so the committed labels hold offsets only
and the declarations (which quote names) stay outside the repository (``var/``).
A declaration file has one mention-set per line::

    <kind letter><tag 0/1> <surface>[ @i,j,...]

kind letters: o organisation, p person, l place, d product, e event, w work;
``x`` (no tag digit) blocks a span without labelling it (a name inside a common
word). Without ``@`` every occurrence is labelled; with it, only those
occurrence indices (0-based, counted over the raw text). Spans never overlap:
the longest declared surface wins, so ``华为Mate 20`` hides the ``华为`` in it.
Context narrows a surface: ``今年的[[腾讯车联]]`` labels only the bracketed part
where the whole string occurs. Lines starting with ``#`` are comments.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "benchmarks" / "labels" / "news"
KINDS = {"o": "organisation", "p": "person", "l": "place", "d": "product", "e": "event",
         "w": "work"}
LINE = re.compile(r"^(?:(?P<kind>[opldew])(?P<tag>[01])|(?P<block>x)) (?P<surface>.+?)"
                  r"(?: @(?P<occ>\d+(?:,\d+)*))?$")


def news_dir() -> Path:
    shared = Path(os.environ.get("NEWSROOM_SHARED_DIR", ROOT.parent / "shared"))
    return shared / "data" / "news"


def split(readme: Path) -> dict[str, list[str]]:
    """Alternate files within each topic group; groups start on alternating sides."""
    text = readme.read_text(encoding="utf-8")
    groups: dict[str, list[str]] = {}
    row = re.compile(r"^\| (\d{3})\.txt \|.*\| (tech|business|finance|general):[^|]*\|[^|]*\|$",
                     re.M)
    for match in row.finditer(text):
        groups.setdefault(match.group(2), []).append(match.group(1))
    tune: list[str] = []
    test: list[str] = []
    for number, group in enumerate(("tech", "business", "finance", "general")):
        for index, name in enumerate(sorted(groups[group])):
            (tune if (index + number) % 2 == 0 else test).append(name)
    return {"tune": sorted(tune), "test": sorted(test),
            "rule": "files sorted by number within topic groups (tech, business, finance, "
                    "general from the pool README) alternate tune/test; each group starts on "
                    "the side the previous group did not"}


def _loose(literal: str) -> str:
    return r"\s+".join(re.escape(part) for part in literal.split(" "))


def _glued(text: str, start: int, end: int) -> bool:
    """A Latin name inside a longer Latin word (``UC`` in ``UCWeb``) is no mention."""
    def latin(char: str) -> bool:
        return char.isascii() and char.isalnum()
    return ((start > 0 and latin(text[start]) and latin(text[start - 1]))
            or (end < len(text) and latin(text[end - 1]) and latin(text[end])))


def parse(declarations: str, text: str, doc: str) -> list[dict]:
    spans: list[tuple[int, int, str | None, bool]] = []
    errors: list[str] = []
    for number, raw in enumerate(declarations.splitlines(), 1):
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        match = LINE.match(line)
        if not match:
            errors.append(f"{doc}:{number}: cannot parse {line!r}")
            continue
        surface = match.group("surface")
        left, _, rest = surface.rpartition("[[") if "[[" in surface else ("", "", surface)
        name, _, right = rest.partition("]]")
        # a space in a declaration matches any run of white space (NBSP in 017)
        pattern = "(?<=" + _loose(left) + ")" if left else ""
        pattern += "(" + _loose(name) + ")" + ("(?=" + _loose(right) + ")" if right else "")
        found = [(m.start(1), m.end(1)) for m in re.finditer(pattern, text)]
        found = [span for span in found if not _glued(text, *span)]
        if not found:
            errors.append(f"{doc}:{number}: {surface!r} not in text")
            continue
        wanted = found
        if match.group("occ"):
            indices = [int(i) for i in match.group("occ").split(",")]
            if max(indices) >= len(found):
                errors.append(f"{doc}:{number}: {surface!r} has {len(found)} occurrences")
                continue
            wanted = [found[i] for i in indices]
        kind = None if match.group("block") else KINDS[match.group("kind")]
        for start, end in wanted:
            spans.append((start, end, kind, match.group("tag") == "1"))
    if errors:
        raise SystemExit("\n".join(errors))
    kept: list[tuple[int, int, str | None, bool]] = []
    for span in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(span[1] <= k[0] or k[1] <= span[0] for k in kept):
            kept.append(span)
    mentions = [{"start": s, "end": e, "kind": k, "tag": t}
                for s, e, k, t in sorted(kept) if k is not None]
    for m in mentions:
        surface = text[m["start"]:m["end"]]
        if surface != surface.strip() or "\n" in surface:
            raise SystemExit(f"{doc}: bad span {m}")
    return mentions


def build(decl_dir: Path) -> None:
    news = news_dir()
    for path in sorted(decl_dir.glob("[0-9][0-9][0-9].txt")):
        text = (news / path.name).read_text(encoding="utf-8")
        mentions = parse(path.read_text(encoding="utf-8"), text, path.stem)
        record = {"file": path.name,
                  "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                  "mentions": mentions}
        out = LABELS / f"{path.stem}.json"
        out.write_text(json.dumps(record, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        print(f"{path.stem}: {len(mentions)} mentions")


def show(doc: str) -> None:
    text = (news_dir() / f"{doc}.txt").read_text(encoding="utf-8")
    record = json.loads((LABELS / f"{doc}.json").read_text(encoding="utf-8"))
    for m in record["mentions"]:
        print(m["start"], m["kind"], int(m["tag"]), text[m["start"]:m["end"]])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("split")
    b = sub.add_parser("build")
    b.add_argument("decl_dir", type=Path)
    s = sub.add_parser("show")
    s.add_argument("doc")
    args = parser.parse_args()
    if args.command == "split":
        result = split(news_dir() / "README.md")
        (LABELS / "split.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
        print(len(result["tune"]), "tune,", len(result["test"]), "test")
    elif args.command == "build":
        build(args.decl_dir)
    else:
        show(args.doc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
