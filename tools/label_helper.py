"""Label contamination documents by segment numbers and substrings instead of raw offsets.

``python tools/label_helper.py show raw/webpool/001.txt`` prints the document one segment per
line (segments end at newlines and at U+E40C, the Sogou paragraph mark) with its number and
character offsets. ``python tools/label_helper.py build SPEC.py`` runs a spec file that calls
``doc(...)`` and writes one label file per document into benchmarks/labels/contamination/, after
computing and validating the offsets (trimmed, sorted, non-overlapping, in range, known kinds) and
story_chars, by the rules of shared/data/contamination/labels/README.md. The spec files hold
substrings of the documents, so they stay outside the repository; only offsets are committed.

Selectors in a spec (segments are numbered from 1 as ``show`` prints them):
``L(a, b=None)`` segments a..b; ``S(n, sub, to=None)`` the substring ``sub`` of segment n, or
from ``sub`` to the end of ``to`` ("$" = segment end; ``sub="^"`` = segment start);
``G(a, sub, b, to)`` from ``sub`` in segment a to the end of ``to`` in segment b;
``RX(pattern)`` every regex match in the document (dropped where an explicit span covers it);
``ALL()`` the whole text. A span is ``(selector, kind, note)``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "labels" / "contamination"
CORPUS = ROOT / ".." / "shared" / "data" / "contamination"
CONTAMINATION = {"foreign", "chrome", "disclaimer", "residue", "duplicate"}
KINDS = CONTAMINATION | {"heading", "caption", "table_cells"}
FLAGS = {"spun_text", "title_hijack", "not_an_article", "pinyin_interleaved", "machine_garbage"}
_SEP = re.compile(r"\n|\ue40c")


def segments(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _SEP.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _find(text: str, seg: tuple[int, int], sub: str, after: int | None = None) -> int:
    lo = seg[0] if after is None else max(seg[0], after)
    i = text.find(sub, lo, seg[1])
    if i < 0:
        raise ValueError(f"substring {sub!r} not in segment at {seg}")
    return i


class L:
    def __init__(self, a: int, b: int | None = None):
        self.a, self.b = a, b if b is not None else a

    def resolve(self, text, segs):
        return [(segs[self.a - 1][0], segs[self.b - 1][1])]


class S:
    def __init__(self, n: int, sub: str, to: str | None = None):
        self.n, self.sub, self.to = n, sub, to

    def resolve(self, text, segs):
        seg = segs[self.n - 1]
        start = seg[0] if self.sub == "^" else _find(text, seg, self.sub)
        if self.to is None:
            return [(start, start + len(self.sub))]
        if self.to == "$":
            return [(start, seg[1])]
        j = _find(text, seg, self.to, start + (0 if self.sub == "^" else len(self.sub)))
        return [(start, j + len(self.to))]


class G:
    def __init__(self, a: int, sub: str, b: int, to: str):
        self.a, self.sub, self.b, self.to = a, sub, b, to

    def resolve(self, text, segs):
        sa, sb = segs[self.a - 1], segs[self.b - 1]
        start = sa[0] if self.sub == "^" else _find(text, sa, self.sub)
        end = sb[1] if self.to == "$" else _find(text, sb, self.to) + len(self.to)
        return [(start, end)]


class RX:
    weak = True

    def __init__(self, pattern: str):
        self.pattern = re.compile(pattern)

    def resolve(self, text, segs):
        return [m.span() for m in self.pattern.finditer(text)]


class ALL:
    def resolve(self, text, segs):
        return [(0, len(text))]


def story_chars(text: str, spans: list[dict]) -> int:
    covered = [False] * len(text)
    for s in spans:
        if s["kind"] in CONTAMINATION:
            covered[s["start"] : s["end"]] = [True] * (s["end"] - s["start"])
    return sum(1 for i, ch in enumerate(text) if not ch.isspace() and not covered[i])


def validate(label: dict, text: str) -> list[str]:
    """Problems of one label file against its text (empty list = valid)."""
    errors, last = [], 0
    for s in label["spans"]:
        if s["kind"] not in KINDS:
            errors.append(f"unknown kind {s['kind']}")
        if not (0 <= s["start"] < s["end"] <= len(text)):
            errors.append(f"span out of range {s['start']}:{s['end']}")
            continue
        if s["start"] < last:
            errors.append(f"span {s['start']}:{s['end']} unsorted or overlapping")
        piece = text[s["start"] : s["end"]]
        if piece != piece.strip():
            errors.append(f"span {s['start']}:{s['end']} not trimmed")
        last = s["end"]
    if not set(label["doc_flags"]) <= FLAGS:
        errors.append(f"unknown flags {set(label['doc_flags']) - FLAGS}")
    if label["story_chars"] != story_chars(text, label["spans"]):
        errors.append("story_chars does not match the spans")
    if "not_an_article" in label["doc_flags"] and not (
        len(label["spans"]) == 1 and label["spans"][0]["kind"] in {"chrome", "foreign"}
    ):
        errors.append("a not_an_article doc needs exactly one chrome/foreign span")
    return errors


def doc(file: str, spans, flags=(), conf="high", comment=""):
    text = (CORPUS / file).read_text(encoding="utf-8")
    segs = segments(text)
    strong, weak = [], []
    for selector, kind, note in spans:
        for start, end in selector.resolve(text, segs):
            start, end = trim(text, start, end)
            if start < end:
                item = {"start": start, "end": end, "kind": kind, "note": note}
                (weak if getattr(selector, "weak", False) else strong).append(item)
    strong.sort(key=lambda s: s["start"])
    for w in weak:
        if not any(s["start"] < w["end"] and w["start"] < s["end"] for s in strong):
            strong.append(w)
    strong.sort(key=lambda s: s["start"])
    label = {
        "file": file,
        "lang": "zh" if "blockchain_news_cls" not in file else "en",
        "spans": strong,
        "doc_flags": list(flags),
        "story_chars": story_chars(text, strong),
        "confidence": conf,
        "comment": comment,
    }
    errors = validate(label, text)
    if errors:
        raise SystemExit(f"{file}: " + "; ".join(errors))
    folder, name = file.split("/")[-2:]
    out = OUT / f"{folder}__{name.rsplit('.', 1)[0]}.json"
    out.write_text(json.dumps(label, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    nonws = sum(1 for ch in text if not ch.isspace())
    print(f"{out.name}: {len(strong)} spans, story {label['story_chars']}/{nonws}")
    for s in strong:
        piece = text[s["start"] : s["end"]].replace("\n", "⏎").replace("\ue40c", "¶")
        print(f"  {s['start']:>5}:{s['end']:<5} {s['kind']:<11} {piece[:40]}…{piece[-15:]}")


def show(file: str) -> None:
    text = (CORPUS / file).read_text(encoding="utf-8")
    for n, (a, b) in enumerate(segments(text), 1):
        if text[a:b].strip():
            print(f"{n:>3} [{a}:{b}] {text[a:b]}")


if __name__ == "__main__":
    if sys.argv[1] == "show":
        for f in sys.argv[2:]:
            print(f"===== {f}")
            show(f)
    elif sys.argv[1] == "build":
        spec = Path(sys.argv[2]).read_text(encoding="utf-8")
        exec(compile(spec, sys.argv[2], "exec"), {**globals()})  # noqa: S102 - own spec files
