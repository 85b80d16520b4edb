"""Synthetic index pages: does the checker tell a page of headlines from an article?

Run: ``python benchmarks/eval_pages.py [--shared PATH] [--seed N] [--show N]``

The labelled corpus holds few listing and index pages, most from one or two sites, so a
listing rule fitted to them says little about the next site's index. This script builds its
own at run time from the shared news pool (``data/news/*.txt``: real, clean articles, one
paragraph a line, line 1 the headline): the headlines, ten to a page, in the layouts index
pages print them, as plain text and as HTML:

- ``headlines``: one headline a line;
- ``dated``: a headline and its date on one line;
- ``teasers``: a headline, the start of its lead cut off with an ellipsis, a date line;
- ``counts``: a section label and its number of stories ("科技 (12)"), as tag and archive
  lists print them, before the headlines;
- ``html list`` and ``html teasers``: the same as an HTML ``<ul>`` of links with dates, and
  as entries of a heading, a teaser paragraph and a date.

Every page is an index, none an article: the score is how many are judged not articles. The
articles themselves are checked as well, as plain text and as a simple HTML page: every one
judged not an article is a false alarm. Dates and section labels are drawn with a fixed
seed; the texts are read at run time and never copied anywhere (without them the script
says so and exits 0).
"""

from __future__ import annotations

import argparse
import html
import random
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from eval_injection import DEFAULT_SHARED, read_news  # noqa: E402

from cleaning import check  # noqa: E402

PER_PAGE = 10
TEASER_CHARS = 40
SECTIONS = ("科技", "财经", "国际", "社会", "体育", "文化", "汽车", "健康", "教育", "房产")

Entry = tuple[str, str, str]  # headline, lead, date


def _date(rng: random.Random) -> str:
    return f"20{rng.randint(15, 23)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _headlines(entries: list[Entry], rng: random.Random) -> str:
    return "\n".join(h for h, _, _ in entries)


def _dated(entries: list[Entry], rng: random.Random) -> str:
    return "\n".join(f"{h}  {d}" for h, _, d in entries)


def _teasers(entries: list[Entry], rng: random.Random) -> str:
    return "\n".join(f"{h}\n{lead[:TEASER_CHARS]}…\n{d}" for h, lead, d in entries)


def _counts(entries: list[Entry], rng: random.Random) -> str:
    labels = [f"{s} ({rng.randint(3, 400)})" for s in rng.sample(SECTIONS, 6)]
    return "\n".join([*labels, *(h for h, _, _ in entries)])


def _html_list(entries: list[Entry], rng: random.Random) -> str:
    items = "".join(
        f'<li><a href="/news/{k}.html">{html.escape(h)}</a> <span>{d}</span></li>'
        for k, (h, _, d) in enumerate(entries)
    )
    return f"<html><head><title>新闻中心</title></head><body><ul>{items}</ul></body></html>"


def _html_teasers(entries: list[Entry], rng: random.Random) -> str:
    items = "".join(
        f'<div class="item"><h3><a href="/news/{k}.html">{html.escape(h)}</a></h3>'
        f"<p>{html.escape(lead[:TEASER_CHARS])}…</p><span>{d}</span></div>"
        for k, (h, lead, d) in enumerate(entries)
    )
    return f"<html><head><title>新闻中心</title></head><body>{items}</body></html>"


LAYOUTS: dict[str, tuple[str, Callable[[list[Entry], random.Random], str]]] = {
    "headlines": ("text", _headlines),
    "dated": ("text", _dated),
    "teasers": ("text", _teasers),
    "counts": ("text", _counts),
    "html list": ("html", _html_list),
    "html teasers": ("html", _html_teasers),
}


def article_html(lines: list[str]) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in lines[1:])
    head = html.escape(lines[0])
    return f"<html><head><title>{head}</title></head><body><h1>{head}</h1>{body}</body></html>"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--show", type=int, default=0, help="list N missed pages per layout")
    args = parser.parse_args(argv)
    news = read_news(args.shared)
    if len(news) < PER_PAGE:
        print(f"no news texts under {args.shared / 'data' / 'news'}: nothing to evaluate")
        return 0
    rng = random.Random(args.seed)
    entries = [(lines[0], lines[1], _date(rng)) for lines in news.values()]
    print(f"index pages from {len(news)} news headlines, {PER_PAGE} a page, seed {args.seed}")
    caught_all = pages_all = 0
    for name, (fmt, build) in LAYOUTS.items():
        order = entries[:]
        rng.shuffle(order)
        kinds: Counter[str] = Counter()
        missed = []
        for k in range(0, len(order) - PER_PAGE + 1, PER_PAGE):
            text = build(order[k : k + PER_PAGE], rng)
            verdict = check(text, fmt).document
            kinds[verdict.kind] += 1
            if verdict.is_article:
                missed.append(text[:60].replace("\n", " | "))
        pages = sum(kinds.values())
        caught = pages - kinds["article"]
        caught_all += caught
        pages_all += pages
        found = ", ".join(f"{k} {n}" for k, n in kinds.most_common() if k != "article")
        print(f"{name:13} caught {caught:2d}/{pages} | {found or '-'}")
        for line in missed[: args.show]:
            print(f"    missed {line!r}")
    print(f"{'all':13} caught {caught_all:2d}/{pages_all}")
    for fmt in ("text", "html"):
        alarms = []
        for key, lines in news.items():
            text = "\n".join(lines) + "\n" if fmt == "text" else article_html(lines)
            verdict = check(text, fmt).document
            if not verdict.is_article:
                alarms.append(f"{key}:{verdict.kind}")
        print(f"articles ({fmt}) judged not articles: {len(alarms)}/{len(news)} "
              f"{' '.join(alarms)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
