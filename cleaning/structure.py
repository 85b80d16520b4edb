"""Story structure: headings, captions, figures and flattened tables.

Runs after the contamination verdicts, over the blocks that stay story, so a
short line between paragraphs becomes a caption or a table cell rather than a
suspect. Captions get their credit split off; an image reference left in the
text becomes a figure tied to the caption that follows it.
"""

from __future__ import annotations

import re
from statistics import median

from .lexicon import credit_match
from .reasons import Reason, reason
from .segment import Segment
from .signals import CONTRIBUTED, is_prose, is_short_line

# A numbered or labelled section heading, or a line ending in a colon.
HEADING_OPENS = re.compile(
    r"(?:[一二三四五六七八九十百]+[、.．]|\d+(?:\.\d+)*[、.．\s]|第[一二三四五六七八九十\d]{1,3}[章节部分篇]"
    r"|[（(][一二三四五六七八九十\d]{1,2}[)）]|【[^】]{1,20}】$)"
)


def is_heading(text: str) -> bool:
    """``re.search(HEADING_OPENS.pattern + "|[:：]$", text)`` without scanning the line for
    the colon ($ also matches before a final newline)."""
    return (
        HEADING_OPENS.match(text) is not None
        or text.endswith((":", "："))
        or text.endswith((":\n", "：\n"))
    )
MIN_TABLE_RUN = 5
MAX_CELL = 30


def split_credit(text: str) -> dict[str, object] | None:
    """``AIGC赛道…|数据来源:烯牛数据`` -> caption and credit."""
    if len(text) > 200:
        return None
    m = credit_match(text)
    if not m:
        return None
    caption = (
        m.group("caption") if m.group("caption") is not None else m.group("caption_en")
    ) or ""
    credit = m.group("credit") or m.group("credit_en") or ""
    if not credit.strip():
        return None
    return {"caption": caption.strip(" |｜丨,"), "credit": credit.strip()}


# assign()'s entry for a block not yet given one (every block gets one), and _caption's
# credit when the caller has not read it.
_PLACEHOLDER: tuple[str, list[str], dict[str, object]] = ("paragraph", [], {})
_UNREAD: dict[str, object] = {}


def _is_cell(seg: Segment) -> bool:
    return len(seg.text) <= MAX_CELL and is_short_line(seg.text)


def assign(
    segments: list[Segment],
    contaminated: list[bool],
    story_first: int,
    story_last: int,
    title_index: int | None,
) -> list[tuple[str, list[str], dict[str, object]]]:
    """A story kind, reasons and meta for every block (contaminated ones get placeholders)."""
    n = len(segments)
    # Every block gets its entry below; only a contaminated one keeps a placeholder.
    out: list[tuple[str, list[str], dict[str, object]]] = [_PLACEHOLDER] * n
    table_no = 0
    i = 0
    while i < n:
        seg = segments[i]
        if contaminated[i]:
            out[i] = ("paragraph", [], {})
            i += 1
            continue
        # (An element's tag is asked first: an HTML block is never a plain-text cell line.)
        if seg.tag == "cell" or (story_first <= i <= story_last and not seg.tag and _is_cell(seg)):
            j = i
            while (
                j < n
                and not contaminated[j]
                and (segments[j].tag == "cell" or (not segments[j].tag and _is_cell(segments[j])))
            ):
                j += 1
            if j - i >= MIN_TABLE_RUN or (seg.tag == "cell" and j - i >= 2):
                table_no += 1
                run = list(range(i, j))
                lengths = [len(segments[k].text) for k in run[:-1]]
                last = segments[run[-1]]
                credit = split_credit(last.text) if last.tag != "cell" else None
                if last.tag != "cell" and (
                    credit or (len(last.text) >= 8 and len(last.text) >= 2 * median(lengths))
                ):
                    out[run[-1]] = _caption(last, reason("caption-after-table"), credit)
                    run = run[:-1]
                why = reason("table-cells", n=len(run))  # one (immutable) reason for the run
                for k in run:
                    out[k] = ("table_cells", [why], {"table": table_no})
                i = j
                continue
        out[i] = _single(seg, i, story_first, story_last, title_index)
        i += 1
    _tie_figures(segments, contaminated, out)
    return out


def _caption(
    seg: Segment, why: Reason, credit: dict[str, object] | None = _UNREAD
) -> tuple[str, list[str], dict[str, object]]:
    """``credit``: split_credit(seg.text) where the caller already has it."""
    meta: dict[str, object] = {}
    if credit is _UNREAD:
        credit = split_credit(seg.text)
    if not credit:
        return ("caption", [why], meta)
    meta.update(credit)
    return ("caption", [why, reason("credit", credit=str(credit["credit"]))], meta)


def _single(
    seg: Segment, i: int, story_first: int, story_last: int, title_index: int | None
) -> tuple[str, list[str], dict[str, object]]:
    text = seg.text
    if seg.tag == "figure":
        return ("figure", [reason("image")], {"src": seg.meta.get("src", "")})
    if seg.hint == "figure":
        return ("figure", [reason("image-reference")], {"src": seg.meta.get("src", "")})
    if seg.tag == "h" or i == title_index:
        if i == title_index:
            return ("heading", [reason("page-title")], {"title": True})
        return ("heading", [reason("heading-element")], {})
    if seg.tag == "caption":
        return _caption(seg, reason("figure-caption"))
    if seg.tag == "cell":
        return ("table_cells", [reason("table-cell")], {})
    if len(text) < 120 and not text.endswith("。"):
        credit = split_credit(text)
        if credit:
            return _caption(seg, reason("caption-credit-line"), credit)
    if is_prose(text) or not is_short_line(text) or CONTRIBUTED.match(text):
        return ("paragraph", [], {})
    if is_heading(text):
        return ("heading", [reason("section-heading")], {})
    if i < story_first:
        return ("heading", [reason("before-story")], {})
    if seg.tag in {"li", "p", "pre"}:
        return ("paragraph", [], {})
    if len(text) <= 50:
        return _caption(seg, reason("caption-standalone"))
    return ("paragraph", [], {})


def _tie_figures(
    segments: list[Segment],
    contaminated: list[bool],
    out: list[tuple[str, list[str], dict[str, object]]],
) -> None:
    """Figure -> following caption; the fragment an image tag was glued to is truncated."""
    for i, seg in enumerate(segments):
        if seg.hint != "figure":
            continue
        _kind, reasons, meta = out[i]
        for j in range(i + 1, min(i + 3, len(segments))):
            if segments[j].hint == "figure" or not segments[j].text:
                break
            if segments[j].line != seg.line and out[j][0] == "caption" and not contaminated[j]:
                meta["caption_index"] = j
                break
            if (
                segments[j].line != seg.line
                and is_short_line(segments[j].text)
                and not contaminated[j]
            ):
                out[j] = _caption(segments[j], reason("caption-under-image"))
                meta["caption_index"] = j
                break
            if segments[j].line != seg.line:
                break
        out[i] = ("figure", reasons, meta)
        if i > 0 and segments[i - 1].line == seg.line:
            segments[i - 1].meta["truncated"] = True
