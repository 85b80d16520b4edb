"""The checker's verdicts on the shared corpus, as a compact snapshot kept in the repo.

    python tools/snapshot_verdicts.py           # compare with tests/cleaning/verdicts.json
    python tools/snapshot_verdicts.py --write   # store the current verdicts (after a
                                                # change meant to alter them; review the diff)

Covers every HTML document of ``data/contamination`` (``docs.tsv``, role ``document``),
every labelled document (its ``labels/*.json`` and the project's
``benchmarks/labels/contamination/*.json``) and the seed. The unlabelled plain-text
documents are blind and never opened: plain text is only reached through labels/.
Per document, per block: start and end offsets and the kind, no text
("start-end" and the kind's letter, ``CODES``, joined by commas).
``tests/cleaning/test_snapshot.py`` compares.
The shared directory is ``NEWSROOM_SHARED_DIR`` (default ``../shared``).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaning import check, decode  # noqa: E402

SNAPSHOT = ROOT / "tests" / "cleaning" / "verdicts.json"
# One letter per kind keeps the snapshot small (most blocks of web pages are chrome);
# a kind not listed here is written out whole.
CODES = {"paragraph": "p", "heading": "h", "caption": "c", "figure": "f", "table_cells": "t",
         "foreign": "x", "chrome": "n", "disclaimer": "d", "residue": "r", "duplicate": "u"}
SEED = Path("data") / "seed" / "000_246e21f996374ec1.txt"


def shared_dir() -> Path:
    """The settings' rule (newsroom/settings.py) without loading Django."""
    return Path(os.environ.get("NEWSROOM_SHARED_DIR") or ROOT.parent / "shared")


def titles(corpus: Path) -> dict[str, str]:
    """Titles the corpus records for its plain-text documents (as eval_contamination)."""
    found: dict[str, str] = {}
    for meta in corpus.glob("raw/*/_meta.jsonl"):
        for line in meta.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            found[f"raw/{meta.parent.name}/{record['file']}"] = (record.get("title") or "").strip()
    return found


def label_files(corpus: Path) -> list[Path]:
    """The corpus's own labels and the project's (benchmarks/labels/contamination)."""
    return sorted([*(corpus / "labels").glob("*.json"),
                   *(ROOT / "benchmarks" / "labels" / "contamination").glob("*.json")])


def documents(shared: Path) -> Iterator[tuple[str, str, str, str]]:
    """(name, text, format, title) of every document the snapshot covers, in order."""
    corpus = shared / "data" / "contamination"
    named = titles(corpus)
    with (corpus / "docs.tsv").open(encoding="utf-8", newline="") as listing:
        html = sorted(row["path"] for row in csv.DictReader(listing, delimiter="\t")
                      if row["role"] == "document" and row["path"].endswith(".html"))
    labelled = sorted({
        json.loads(path.read_text(encoding="utf-8"))["file"] for path in label_files(corpus)
    })
    for path in html:
        yield path, decode((corpus / path).read_bytes(), "html"), "html", ""
    for path in labelled:
        if path.endswith(".html"):
            continue  # already above
        text = (corpus / path).read_text(encoding="utf-8")
        yield path, text, "text", named.get(path, "")
    yield "seed", (shared / SEED).read_text(encoding="utf-8"), "text", ""


def verdicts(text: str, fmt: str, title: str) -> str:
    result = check(text, fmt, title=title)
    return ",".join(f"{b.start}-{b.end}{CODES.get(b.kind, ' ' + b.kind)}" for b in result.blocks)


def snapshot(shared: Path) -> dict[str, str]:
    return {name: verdicts(text, fmt, title) for name, text, fmt, title in documents(shared)}


def differences(stored: dict[str, str], current: dict[str, str]) -> list[str]:
    out = []
    for name in sorted(stored.keys() | current.keys()):
        was, now = stored.get(name), current.get(name)
        if was == now:
            continue
        if was is None or now is None:
            out.append(f"{name}: {'added' if was is None else 'gone'}")
            continue
        old, new = was.split(","), now.split(",")
        first = next((k for k, (a, b) in enumerate(zip(old, new, strict=False)) if a != b),
                     min(len(old), len(new)))
        out.append(f"{name}: block {first}: {old[first:first + 1]} -> {new[first:first + 1]} "
                   f"({len(old)} -> {len(new)} blocks)")
    return out


def stored_verdicts() -> dict[str, str]:
    stored = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    stored.pop("_kinds", None)
    return stored


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="store the current verdicts")
    args = parser.parse_args(argv)
    shared = shared_dir()
    if not (shared / "data" / "contamination" / "docs.tsv").is_file():
        print(f"no corpus at {shared}/data/contamination (set NEWSROOM_SHARED_DIR)")
        return 2
    current = snapshot(shared)
    if args.write:
        stored = {"_kinds": {code: kind for kind, code in CODES.items()}, **current}
        SNAPSHOT.write_text(json.dumps(stored, ensure_ascii=False, indent=0, sort_keys=True)
                            + "\n", encoding="utf-8")
        print(f"wrote {len(current)} documents to {SNAPSHOT.relative_to(ROOT)}")
        return 0
    changed = differences(stored_verdicts(), current)
    print("\n".join(changed) if changed else f"{len(current)} documents: verdicts unchanged")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
