"""Write benchmarks/labels/split.json: the one tune/test split of the contamination labels.

Run once: ``python benchmarks/split_labels.py [--shared PATH]``. The rule (documented in
benchmarks/labels/README.md) uses only paths and the webpool README's source table, never the
document texts, so it was fixed before any document was read: within each stratum, order the
paths by sha1 of the path and alternate tune, test, tune, ...
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPLIT = ROOT / "benchmarks" / "labels" / "split.json"

# raw/webpool/README.md: upstream repository by file number, and the 15 whole-page non-articles.
WEBPOOL_SOURCES = [
    (1, 13, "assignment4_jerryson"),
    (14, 16, "assignment4_damek"),
    (17, 30, "sogoucs"),
    (31, 38, "sogouca"),
    (39, 45, "weixin"),
    (46, 70, "newsspider"),
    (71, 80, "news_blockchain"),
]
WEBPOOL_NON_ARTICLES = {1, 2, 4, 5, 6, 7, 8, 9, 10, 13, 14, 16, 29, 30, 70}


def stratum(rel: str) -> str:
    """Source of a document; webpool is split by upstream repository and article/non-article."""
    parts = rel.split("/")
    folder = parts[1]
    if folder == "webpool":
        n = int(parts[2].removesuffix(".txt"))
        repo = next(name for lo, hi, name in WEBPOOL_SOURCES if lo <= n <= hi)
        return f"webpool/{repo}/{'non_article' if n in WEBPOOL_NON_ARTICLES else 'article'}"
    if folder == "chinesewebtext":
        return "chinesewebtext/" + parts[2].rsplit("_", 1)[0]  # e.g. fasttext_dirty
    return folder


def candidates(corpus: Path) -> list[str]:
    """Labelled plain-text docs, the webpool, and HTML pages (gold or not; gold may come later).

    The unlabelled plain-text docs of chinesewebtext/ and blockchain_news_cls/ are the blind
    half and are never listed.
    """
    paths = [
        json.loads(p.read_text(encoding="utf-8"))["file"]
        for p in sorted((corpus / "labels").glob("*.json"))
    ]
    raw = corpus / "raw"
    paths += [f"raw/webpool/{p.name}" for p in sorted((raw / "webpool").glob("[0-9]*.txt"))]
    for pattern in (
        "gne_tests/*.html",
        "magic_html_bench/*.html",
        "readability_testpages/*/source.html",
        "trafilatura_tests/*.html",
        "zh_web_extraction_dataset/original/*.html",
    ):
        paths += [str(p.relative_to(corpus)) for p in sorted(raw.glob(pattern))]
    return sorted(set(paths))


def split(paths: list[str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for rel in paths:
        groups[stratum(rel)].append(rel)
    out: dict[str, list[str]] = {"tune": [], "test": []}
    for name in sorted(groups):
        ordered = sorted(groups[name], key=lambda r: hashlib.sha1(r.encode()).hexdigest())
        for i, rel in enumerate(ordered):
            out["tune" if i % 2 == 0 else "test"].append(rel)
    return {k: sorted(v) for k, v in out.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    args = parser.parse_args()
    result = split(candidates(args.shared / "data" / "contamination"))
    SPLIT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"tune {len(result['tune'])}, test {len(result['test'])} -> {SPLIT}")


if __name__ == "__main__":
    main()
