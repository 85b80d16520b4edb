"""structure.assign as it was, kept here: the rewrite must give every block the same entry.

It made a placeholder entry for every block before giving each its own, and asked
split_credit twice of a credit line (once to decide, once in _caption)."""

from statistics import median

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaning import structure
from cleaning.reasons import reason
from cleaning.segment import Segment
from cleaning.signals import CONTRIBUTED, is_prose, is_short_line
from cleaning.structure import (
    MIN_TABLE_RUN,
    _is_cell,
    _tie_figures,
    is_heading,
    split_credit,
)


def _old_caption(seg, why):
    meta = {}
    credit = split_credit(seg.text)
    if not credit:
        return ("caption", [why], meta)
    meta.update(credit)
    return ("caption", [why, reason("credit", credit=str(credit["credit"]))], meta)


def _old_single(seg, i, story_first, story_last, title_index):
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
        return _old_caption(seg, reason("figure-caption"))
    if seg.tag == "cell":
        return ("table_cells", [reason("table-cell")], {})
    if len(text) < 120 and not text.endswith("。") and split_credit(text):
        return _old_caption(seg, reason("caption-credit-line"))
    if is_prose(text) or not is_short_line(text) or CONTRIBUTED.match(text):
        return ("paragraph", [], {})
    if is_heading(text):
        return ("heading", [reason("section-heading")], {})
    if i < story_first:
        return ("heading", [reason("before-story")], {})
    if seg.tag in {"li", "p", "pre"}:
        return ("paragraph", [], {})
    if len(text) <= 50:
        return _old_caption(seg, reason("caption-standalone"))
    return ("paragraph", [], {})


def _old_assign(segments, contaminated, story_first, story_last, title_index):
    n = len(segments)
    out = [("paragraph", [], {}) for _ in range(n)]
    table_no = 0
    i = 0
    while i < n:
        seg = segments[i]
        if contaminated[i]:
            i += 1
            continue
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
                if last.tag != "cell" and (
                    split_credit(last.text)
                    or (len(last.text) >= 8 and len(last.text) >= 2 * median(lengths))
                ):
                    out[run[-1]] = _old_caption(last, reason("caption-after-table"))
                    run = run[:-1]
                why = reason("table-cells", n=len(run))
                for k in run:
                    out[k] = ("table_cells", [why], {"table": table_no})
                i = j
                continue
        out[i] = _old_single(seg, i, story_first, story_last, title_index)
        i += 1
    _tie_figures(segments, contaminated, out)
    return out


# Lines of my own: credit lines (Chinese and English), headings, cells, prose, captions.
LINES = st.sampled_from([
    "港口的渡轮今天恢复了正常班次，乘客在码头排起了长队。",
    "图片来源：海港日报", "摄影：王小明", "渡轮靠岸 | 图源: 本报记者", "数据来源：统计局",
    "The harbour at dawn. Photo: Ana Lee", "Image via the city archive", "Source: port office",
    "一、航线调整", "2.1 新的时刻表", "第三章 码头", "（二）票价", "【说明】", "时刻表：",
    "九点", "十点半", "12", "A", "渡轮", "北岸码头", "Ferry times", "",
    "A quiet morning at the pier, with gulls over the water and a long queue for tickets.",
    "本报记者 张三 报道", "上午九点，第一班渡轮离港。", "票价 20 元", "x" * 60, "图" * 130,
])
SEGMENTS = st.lists(
    st.tuples(
        st.lists(LINES, min_size=1, max_size=3).map(" ".join),
        st.sampled_from(["", "", "", "cell", "h", "figure", "caption", "li", "p", "pre"]),
        st.sampled_from(["", "", "", "figure"]),
        st.integers(0, 3),
        st.booleans(),
    ),
    max_size=30,
)


def _segments(rows):
    return [
        Segment(k, k + 1, text, line=line, tag=tag, hint=hint,
                meta={"src": "/a.jpg"} if k % 2 else {})
        for k, (text, tag, hint, line, _) in enumerate(rows)
    ]


@settings(max_examples=400, deadline=None)
@given(SEGMENTS, st.integers(0, 30), st.integers(0, 30), st.one_of(st.none(), st.integers(0, 30)))
def test_assign_gives_every_block_what_it_did(rows, first, last, title) -> None:
    contaminated = [c for *_, c in rows]
    new_segs, old_segs = _segments(rows), _segments(rows)
    new = structure.assign(new_segs, contaminated, first, last, title)
    old = _old_assign(old_segs, contaminated, first, last, title)
    assert repr(new) == repr(old)
    assert [s.meta for s in new_segs] == [s.meta for s in old_segs]
    # No two blocks share an entry's list or dict (callers add to them).
    assert len({id(m) for _, _, m in new}) == len(new)
    assert len({id(r) for _, r, _ in new}) == len(new)


def test_a_credit_line_keeps_its_credit() -> None:
    segs = [Segment(0, 1, "渡轮靠岸 | 图源: 本报记者")]
    assert structure.assign(segs, [False], 0, 0, None) == [
        ("caption", [reason("caption-credit-line"), reason("credit", credit="本报记者")],
         {"caption": "渡轮靠岸", "credit": "本报记者"})
    ]
