"""Speed rewrites of issue 15 that read every block's characters at once (signals'
BlockChars: prose, bodies, candidate lists; lexicon.holding) against the per-block code
they replaced."""

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaning import lexicon, signals
from cleaning.segment import Segment
from cleaning.signals import (
    _HAS_AMP,
    _HAS_APOSTROPHE,
    _HAS_BACKSLASH,
    _HAS_BAR,
    _HAS_BOOK_CLOSE,
    _HAS_DOT,
    _HAS_LT,
    _HAS_QUOTE,
    _NOVEL_ANCHORS,
    _SEARCH_ENDINGS,
    _SEARCH_LAST,
    _WORDLESS_CHARS,
    MENU_LABELS,
    SEARCH_LINE_CHARS,
    _marks_chars,
)

# Pieces of blocks: Han text, stops, closers, clause marks, Latin words and sentences,
# newlines at the end, the characters the candidate tests look for, search suffixes and
# novel anchors, and a character past the BMP.
PIECES = [
    "地铁三号线今天开通", "中文", "消息", "消", "息", "。", "！", "？", "?", "!", "…", "”", "」",
    "）", ")", "，", "；", ":", "：", "word ", "Metro line opened today. ", "a b c ", "\n",
    " ", "\u3000", "|", "｜", ".", "<", '"', "&", "'", "\\", "》", "小说", "阅读", "官网",
    "下载", "价格", "x" * 30, "中" * 45, "\U00020000", "12",
]
BLOCKS = st.lists(
    st.lists(st.sampled_from(PIECES), max_size=12).map("".join), min_size=1, max_size=10
)


def old_is_prose(text: str) -> bool:
    """signals.is_prose as it was, before DocContext.build found every block's at once."""
    han = sum(map(len, signals._HAN_RUN.findall(text)))
    if han >= 6 and signals.ends_sentence(text):
        return True
    if han >= 12:
        return han >= 40 or bool(signals._CLAUSE_PUNCT.search(text))
    words = len(text.split())
    return words >= 12 and bool(signals._LATIN_END.search(text))


@settings(max_examples=500, deadline=None)
@given(BLOCKS)
def test_prose_and_sentence_ends_read_off_the_blocks_characters(texts: list[str]) -> None:
    chars = signals._block_chars(texts)
    assert chars.ends.tolist() == [signals.ends_sentence(t) for t in texts]
    assert chars.lengths.tolist() == list(map(len, texts))
    han = [sum(map(len, signals._HAN_RUN.findall(t))) for t in texts]
    assert signals._proses(texts, han, chars) == [old_is_prose(t) for t in texts]
    # What is_prose says of a block after DocContext.build, and of any other text.
    segs = [Segment(0, len(t), t) for t in texts if t.strip()]
    if segs:
        signals.DocContext.build(segs)
        for seg in segs:
            signals.is_prose.cache_clear()
            assert signals.is_prose(seg.text) == old_is_prose(seg.text)
    signals.is_prose.cache_clear()
    assert signals.is_prose("另一段话，不在文中。" * 3) == old_is_prose("另一段话，不在文中。" * 3)


def old_sort_blocks(ctx: signals.DocContext) -> tuple[list[int], ...]:
    """DocContext._sort_blocks as it was: every test asked block by block."""
    short, heads, markup, menus, searches, books = [], [], [], [], [], []
    bars, controls, need = ctx.bars, ctx._controls, MENU_LABELS - 1
    held = ctx.markup_marks
    marks = (_HAS_LT if "<" in held else 0) | (_HAS_QUOTE if '"' in held else 0) | (
        _HAS_AMP if "&" in held else 0
    )
    escapes = (_HAS_APOSTROPHE if "'" in held else 0) | (_HAS_BACKSLASH if "\\" in held else 0)
    for i, (seg, flags) in enumerate(zip(ctx.segments, ctx._flags, strict=True)):
        text = seg.text
        n = len(text)
        spaced = text.count(" ") + text.count("\u3000")
        if n <= 400:
            short.append(i)
            if n <= 200 and ((bars and flags & _HAS_BAR) or spaced >= need):
                menus.append(i)
        if n > 80 or "消息" in text:
            heads.append(i)
        if (
            seg.hint == "residue"
            or i in controls
            or (flags & _HAS_DOT and n < 80)
            or n <= 3
            or (flags & escapes and _marks_chars(text) <= _WORDLESS_CHARS)
            or flags & marks
        ):
            markup.append(i)
        if text[-1:] in _SEARCH_LAST and n <= SEARCH_LINE_CHARS and text.endswith(
            _SEARCH_ENDINGS
        ):
            searches.append(i)
        if flags & _HAS_BOOK_CLOSE and any(a in text for a in _NOVEL_ANCHORS):
            books.append(i)
    return short, heads, markup, menus, searches, books


@settings(max_examples=500, deadline=None)
@given(BLOCKS, st.data())
def test_candidate_lists_as_the_block_by_block_tests_gave_them(texts: list[str], data) -> None:
    hints = data.draw(st.lists(st.sampled_from(["", "residue", "figure"]), min_size=len(texts),
                               max_size=len(texts)))
    segs = [Segment(0, len(t), t, hint=h) for t, h in zip(texts, hints, strict=True)]
    ctx = signals.DocContext.build(segs)
    got = (ctx._heads, ctx._markup, ctx._menus, ctx._searches, ctx._books)
    short, *want = old_sort_blocks(ctx)
    assert got == tuple(want)
    assert all(type(i) is int for found in (ctx._short, *got) for i in found)
    # chrome_line is asked of fewer of the short blocks: those it can fire on.
    assert set(ctx._short) <= set(short) and ctx._short == sorted(ctx._short)


@settings(max_examples=500, deadline=None)
@given(BLOCKS, st.lists(st.sampled_from(["...", "…", "。。。", "消息", "网", "公司", "x"]),
                        max_size=4))
def test_holding_as_a_test_per_text(texts: list[str], needles: list[str]) -> None:
    texts = [t.replace("\n", " ") for t in texts]  # blocks joined by newlines hold none
    want = [k for k, t in enumerate(texts) if any(n in t for n in needles)]
    assert lexicon.holding(texts, needles) == want
    assert lexicon.holding(texts, needles, "\n".join(texts)) == want


# Blocks of Han text, Latin words and crypto words, for the term table and the vocabulary
# signal.
TERM_BLOCKS = st.lists(
    st.lists(st.sampled_from(["地铁", "公司", "的", "线路", "开通", "比特币", "以太坊", "区块链",
                              "Metro", "line", "bitcoin", "3", "，", "。", "\n"]),
             max_size=25).map("".join),
    min_size=1,
    max_size=10,
)


@settings(max_examples=300, deadline=None)
@given(TERM_BLOCKS)
def test_term_table_from_the_joined_code_points_as_from_the_texts(texts: list[str]) -> None:
    from cleaning.codes import code_points
    from cleaning.vocabulary import TermTable

    whole = "\n".join(texts)
    codes = code_points(whole + "\n")[:-1]
    got, want = TermTable(texts, (whole, codes)), TermTable(texts)
    for name in ("row_ids", "row_blocks", "row_terms", "row_counts", "distinct", "total"):
        a, b = getattr(got, name), getattr(want, name)
        assert a.dtype == b.dtype and a.tolist() == b.tolist()
    assert got.han == want.han and got.words == want.words


# Blocks of a few Han characters in any order (terms shared more or less with the other
# blocks), now and then a crypto word.
VARIED_BLOCKS = st.lists(
    st.lists(st.sampled_from([*"地铁公司线路开通", "市场", "用户", "数据", "平台", "芯片", "比特币",
                              "区块链", "bitcoin"]),
             min_size=4, max_size=40).map("".join),
    min_size=4,
    max_size=12,
)


@settings(max_examples=400, deadline=None)
@given(VARIED_BLOCKS, st.data())
def test_vocabulary_asked_of_its_candidates_only_misses_no_signal(texts: list[str], data) -> None:
    """The blocks _worded leaves out (eight distinct terms or more, but nothing that weighs)
    get no vocabulary signal: it was asked of every block with eight terms."""
    segs = [Segment(0, len(t), t) for t in texts]
    ctx = signals.DocContext.build(segs)
    story = data.draw(st.sets(st.integers(0, len(segs) - 1), min_size=4))
    ctx.set_reference(story)
    asked = set(signals._worded(ctx))
    distinct = ctx.vocabulary.distinct.tolist()
    for i in range(len(segs)):
        if distinct[i] >= 8 and i not in asked:
            assert signals.vocabulary(i, ctx) == []


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet="#1٣a:：中 \n", max_size=8), min_size=1, max_size=10))
def test_chrome_bits_openings_as_the_test_per_block(texts: list[str]) -> None:
    chars = signals._block_chars(texts)
    want = {i for i, t in enumerate(texts) if lexicon._opens_chrome_bits(t)}
    assert signals._chrome_bits_opens(texts, chars) == want
    assert chars.first.tolist() == [ord(t[0]) if t else 10 for t in texts]


# Lines chrome_line flags (labels, bylines, datelines, share prompts, title bars, contact and
# source lines, hashtags, link residue) and pieces of them, with story text.
CHROME_PIECES = [
    "记者", "张三", "编辑", "李四", "分享到", "微信", "扫一扫", "关注我们", "#", "话题", "】", "]",
    "：",
    ":", "来源", "作者", "2024年", "3月5日", "12:30", "-", " - ", "_", "|", "｜", "转自", "摘自",
    "本文", "电话", "13800138000", "阅读", "评论", "1", " ", "\u3000", "地铁三号线今天开通", "。",
    "，", "share this", "Follow us", "订阅", "登录", "返回顶部", "上一篇", "下一篇", "【", "(",
    "（", "记者 张三 编辑 李四", "责任编辑：王五", "电话：010-12345678 地址：北京市",
    "阅读 1234 评论 56", "来源：某某日报 作者：赵六 2024-03-05 12:30", "——某某（someid）",
    "2024年3月5日 某某网", "2024-03-05 新华社", "某某日报 2024.3.5",
]
CHROME_BLOCKS = st.lists(
    st.lists(st.sampled_from(CHROME_PIECES), min_size=1, max_size=8).map("".join),
    min_size=1,
    max_size=10,
)


@settings(max_examples=600, deadline=None)
@given(CHROME_BLOCKS, st.data())
def test_chrome_line_asked_of_its_candidates_only_misses_no_signal(texts, data) -> None:
    """A short block _sort_blocks leaves out of chrome_line's candidates gets no signal
    from it (plain-text and HTML blocks, with and without hints)."""
    n = len(texts)
    hints = data.draw(st.lists(st.sampled_from(["", "dateline", "credit", "residue"]),
                               min_size=n, max_size=n))
    tags = data.draw(st.lists(st.sampled_from(["", "p", "li"]), min_size=n, max_size=n))
    segs = [Segment(0, len(t), t, tag=g, hint=h)
            for t, g, h in zip(texts, tags, hints, strict=True) if t.strip()]
    if not segs:
        return
    ctx = signals.DocContext.build(segs)
    asked = set(ctx._short)
    for i, seg in enumerate(segs):
        if len(seg.text) <= 400 and i not in asked:
            assert signals.chrome_line(i, ctx) == []
