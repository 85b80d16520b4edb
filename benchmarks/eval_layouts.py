"""Clean stories in other layouts: does the checker flag what a page's line breaks change?

Run: ``python benchmarks/eval_layouts.py [--shared PATH] [--show N]``.

The shared news texts (``data/news/*.txt``: real articles without contamination, one
paragraph a line, line 1 the headline) are checked as they are, with every sentence on a line
of its own, and with every phrase (up to a comma or a sentence end) on a line of its own, as
some account and forum pages print stories. Nothing in them is contamination (datelines
aside, which the labels count as chrome): every flagged character below the headline and every
page judged not an article is a false alarm, and one that appears only in another layout is a
rule that reads the line breaks instead of the text. The texts are read at run time and never
copied; without them the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from eval_injection import DEFAULT_SHARED, read_news  # noqa: E402

from cleaning import STORY_KINDS, check  # noqa: E402

# A piece up to its closing mark, closing quotes and brackets included.
LAYOUTS = {
    "as is": None,
    "sentences": re.compile(r"[^。！？；]+(?:[。！？；][”’」』）)\"]*|$)"),
    "phrases": re.compile(r"[^。！？；，]+(?:[。！？；，][”’」』）)\"]*|$)"),
}


def relayout(lines: list[str], pieces: re.Pattern[str] | None) -> str:
    if pieces is None:
        return "\n".join(lines) + "\n"
    out = [lines[0]]
    for paragraph in lines[1:]:
        out.extend(m.group(0) for m in pieces.finditer(paragraph) if m.group(0).strip())
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--show", type=int, default=0, help="list N flagged blocks per layout")
    args = parser.parse_args(argv)
    news = read_news(args.shared)
    if len(news) < 3:
        print(f"no news texts under {args.shared / 'data' / 'news'}: nothing to evaluate")
        return 0
    print(f"{len(news)} news texts; false flags below the headline, pages judged not articles")
    for name, breaks in LAYOUTS.items():
        flagged = total = 0
        signals: Counter[str] = Counter()
        alarms: list[str] = []
        shown: list[str] = []
        for key, lines in news.items():
            result = check(relayout(lines, breaks))
            if not result.document.is_article:
                alarms.append(f"{key}:{result.document.kind}")
            for block in result.blocks:
                if block.start < len(lines[0]):
                    continue
                total += len(block.text)
                if block.kind not in STORY_KINDS:
                    flagged += len(block.text)
                    signals.update(block.meta.get("signals", []))
                    shown.append(f"    {key} {block.kind} {block.text[:40]!r}")
        print(
            f"{name:10} flagged {flagged:6d}/{total} chars ({100 * flagged / total:.2f}%), "
            f"pages {len(alarms)}: {' '.join(alarms) or '-'} | "
            + ", ".join(f"{s} {n}" for s, n in signals.most_common(6))
        )
        print("\n".join(shown[: args.show]) if args.show else "", end="\n" if args.show else "")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
