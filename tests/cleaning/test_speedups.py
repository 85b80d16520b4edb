"""The checker's shortcuts must never change an answer, only skip work."""

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import islice

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaning import cohesion, html, lexicon, memory, pages, segment, signals, typography
from cleaning.codes import code_points, text_of
from cleaning.document import pinyin
from cleaning.html import _parse, _spans, _squeeze
from cleaning.lexicon import (
    CHROME_BITS,
    CHROME_LINE,
    CHROME_LINE_OPENS,
    CREDIT,
    CRYPTO,
    DISCLAIMER,
    GAMBLING,
    PINYIN,
    SIGN_UP,
    SIGN_UP_OPENS,
    SPUN,
    Lines,
    credit_match,
    maybe_chrome_bits,
    maybe_crypto,
    maybe_disclaimer,
    maybe_gambling,
)
from cleaning.memory import (
    _DROP,
    _sorted_by_block,
    fingerprints,
    normalise,
    normalise_all,
)
from cleaning.segment import Segment
from cleaning.signals import _TAIL, _TAIL_LINE, SUMMARY_LABEL, terms, years
from cleaning.structure import HEADING_OPENS, is_heading
from cleaning.verdict import _DUP_SCAN, _ELLIPSIS, _drop_ellipsis, duplicates
from cleaning.vocabulary import TermTable, _han_terms, _pairs, changes, term_set

from .test_off_topic import RUN_TEXT, reference_runs

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*[A-Za-z0-9]|[A-Za-z]{2,}")


def reference_terms(text: str) -> list[str]:
    out: list[str] = []
    for run in _HAN_RUN.findall(text):
        if len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    out.extend(w.lower() for w in _WORD.findall(text))
    return out


PIECES = st.lists(
    st.one_of(
        st.text(max_size=12),
        st.sampled_from(
            [
                "威尼斯人",
                "YABO",
                "BeT365",
                "ag代理",
                "BİTCOIN",
                "bıtcoin",
                "uſdt",
                "Token",
                "区块链",
                "数据来源:烯牛数据",
                "Photo via Reuters",
                "İMAGE BY x",
                "PİCTURES from y",
                "中",
                "人工智能",
                " ",
                "\n",
            ]
        ),
    ),
    max_size=8,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(PIECES)
def test_prefilters_never_miss(text: str) -> None:
    if GAMBLING.search(text):
        assert maybe_gambling(text)
    if CRYPTO.search(text):
        assert maybe_crypto(text)
    assert (credit_match(text) is None) == (CREDIT.match(text) is None)


@settings(max_examples=400, deadline=None)
@given(PIECES)
def test_terms_unchanged(text: str) -> None:
    assert terms(text) == reference_terms(text)


def test_caseless_twins() -> None:
    assert maybe_crypto("BİTCOIN") and CRYPTO.search("BİTCOIN")
    assert maybe_crypto("uſdt") and CRYPTO.search("uſdt")
    assert credit_match("İMAGE BY Reuters") is not None


# --- pre-checks added for DISCLAIMER and CHROME_BITS; batched fingerprints ------

MORE_PIECES = st.lists(
    st.one_of(
        st.text(max_size=12),
        st.sampled_from(
            [
                "版权所有",
                "免责声明",
                "未经授权不得转载",
                "ALL RIGHTS RESERVED",
                "all rights reſerved",
                "COPYRİGHT 2023",
                "© 2024",
                "does not constitute investment advıce",
                "评论(12)",
                "阅读 300",
                "3 条评论",
                "责任编辑：",
                "#话题#",
                "12 10:30",
                "2023-07-26 10:30",
                "HTTPS://x",
                "WWW.a",
                "数据来源：烯牛",
                "图：新华社",
                "Photo: AP",
                "CREDİT: x",
                "SOURCE: y",
                "1",
                "\n",
            ]
        ),
    ),
    max_size=8,
).map("".join)


@settings(max_examples=600, deadline=None)
@given(MORE_PIECES)
def test_more_prefilters_never_miss(text: str) -> None:
    if DISCLAIMER.search(text):
        assert maybe_disclaimer(text)
    if CHROME_BITS.search(text):
        assert maybe_chrome_bits(text)
    assert (credit_match(text) is None) == (CREDIT.match(text) is None)


# --- one scan of the whole document for every block's pre-checks ---------------

BLOCKS = st.lists(
    st.one_of(PIECES, MORE_PIECES, st.sampled_from(["[2022/8/2 2:53:15]", "x [2023/1/1 1:02] ",
                                                     "İ\u0307#", "\u0307http"]),
              # Words of one list running into another's (one scan finds both).
              st.sampled_from(["节点击量", "下载手机版权", "威尼斯人气", "出处置惩罚", "真人气",
                               "区块链上", "先容\n希翼", "颠末", "内容简介：", "【导读】",
                               "SUMMARY:", "提要求", "成人视频", "V在线", "PayDay Loan",
                               "外链代发", "黑户口子"])),
    max_size=6,
)


@settings(max_examples=500, deadline=None)
@given(BLOCKS)
def test_lines_match_the_per_block_prechecks(texts: list[str]) -> None:
    lines = Lines(texts)
    every = range(len(texts))
    assert lines.gambling() == {i for i in every if maybe_gambling(texts[i])}
    assert lines.crypto() == {i for i in every if maybe_crypto(texts[i])}
    assert lines.disclaimer() == {i for i in every if maybe_disclaimer(texts[i])}
    # A pre-check may say yes too often, never too seldom.
    assert lines.chrome_bits() >= {i for i in every if maybe_chrome_bits(texts[i])}
    tails = {i for i in lines.matching(_TAIL_LINE) if _TAIL.search(texts[i])}
    assert tails == {i for i in every if _TAIL.search(texts[i])}
    assert lines.spun() == {i for i in every if SPUN.search(texts[i])}
    assert lines.spam() == {i for i in every if lexicon.maybe_spam(texts[i])}
    assert lines.summary() == {i for i in every if lexicon._SUMMARY_CORES.search(texts[i])}
    if any(SUMMARY_LABEL.search(t) for t in texts):  # DocContext's summary_doc holds
        assert lines.summary() or "summary" in lines.folded


@given(st.lists(st.tuples(st.integers(0, (1 << 43) - 1), st.integers(0, 40)), max_size=60))
def test_term_pairs_packed_or_not(rows: list[tuple[int, int]]) -> None:
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    blocks = np.array([r[1] for r in rows], dtype=np.int64)
    want = sorted(Counter(rows).items())
    for packed in (True, False):
        got = _pairs(ids, blocks, 41, packed=packed)
        assert list(zip(*(a.tolist() for a in got), strict=True)) == [
            (i, b, c) for (i, b), c in want
        ]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="北京中(（)）bejingAB ", max_size=40))
def test_pinyin_tries_each_bracket(text: str) -> None:
    assert (pinyin(text) is not None) == (len(PINYIN.findall(text)) >= 3)


LABELS = st.lists(
    st.one_of(
        st.text(max_size=6),
        st.sampled_from(
            ["【", " ", "\t", "ſhare:", "SHARE THIS", "Tags", "相关阅读", "编辑", "：", "|"]
        ),
    ),
    max_size=5,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(LABELS)
def test_chrome_line_opens_never_misses(text: str) -> None:
    if CHROME_LINE.match(text):
        assert CHROME_LINE_OPENS.match(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [" ", "By signing up, you agree", "ſubscribe to our daily newsletter", "SIGN UP for",
             "订阅我们的周报", "x", "By clicking Go you consent"]
        ),
        max_size=3,
    ).map("".join)
)
def test_sign_up_opens_never_misses(text: str) -> None:
    if SIGN_UP.match(text):
        assert SIGN_UP_OPENS.match(text)


def test_line_openers_hold_every_first_character_of_a_match() -> None:
    # Every character that can open a match (on its own, or before a character the
    # pattern takes next) is in the opener set or is a space.
    for pattern, chars, follower in (
        (CHROME_LINE_OPENS, lexicon.CHROME_LINE_FIRSTS, "上"),
        (SIGN_UP_OPENS, lexicon.SIGN_UP_FIRSTS, "b"),
    ):
        for code in range(0x110000):
            c = chr(code)
            if pattern.match(c) or pattern.match(c + follower):
                assert c in chars or c.isspace(), hex(code)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789x١٢ \n", max_size=14))
def test_years_look_behind_after_the_first_digit(text: str) -> None:
    old = re.findall(r"(?<!\d)((?:19[89]|20[0-4])\d)(?!\d)", text)
    assert years(text) == [int(y) for y in old]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="一二、.．1 第章（(）)【】:：\nx", max_size=12))
def test_heading_without_scanning_for_the_colon(text: str) -> None:
    old = re.compile(HEADING_OPENS.pattern.join(["^", "|[:：]$"]))
    assert is_heading(text) == bool(old.search(text))


@given(st.text())
def test_normalise_drops_exactly_what_it_did(text: str) -> None:
    folded = text.casefold()
    assert _DROP.sub("", folded) == re.sub(r"[\s\W_]+", "", folded)


def test_block_sort_survives_a_clash_of_top_bits() -> None:
    # Two different hashes of one block sharing their top 48 bits force the exact path.
    hashes = np.array([5 << 16 | 9, 7, 5 << 16 | 1, 5 << 16 | 9, 3], dtype=np.uint64)
    block = np.array([0, 1, 0, 0, 0])
    ordered, blocks = _sorted_by_block(hashes, block, 2)
    assert ordered.tolist() == [3, 5 << 16 | 1, 5 << 16 | 9, 5 << 16 | 9, 7]
    assert blocks.tolist() == [0, 0, 0, 0, 1]


@given(st.text(alphabet=" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u2028\u3000ab中", max_size=30))
def test_squeeze_is_the_whitespace_regex(text: str) -> None:
    assert _squeeze(text) == re.sub(r"\s+", " ", text).strip()


_M64 = (1 << 64) - 1


def _fmix64(h: int) -> int:
    h ^= h >> 33
    h = (h * 0xFF51AFD7ED558CCD) & _M64
    h ^= h >> 33
    h = (h * 0xC4CEB9FE1A85EC53) & _M64
    return h ^ (h >> 33)


def reference_fingerprint(text: str) -> int:
    """The fingerprint written plainly: one shingle, one hash, one bit at a time."""
    norm = normalise(text)
    if not norm:
        return 0
    codes = [ord(c) for c in re.sub(r"\d+", "0", norm)]
    if len(codes) <= 3:
        keys = {sum(c << (21 * k) for k, c in enumerate(codes))}
    else:
        keys = {codes[i] | codes[i + 1] << 21 | codes[i + 2] << 42 for i in range(len(codes) - 2)}
    hashes = sorted(_fmix64(k) for k in keys)[:255]
    value = 0
    for bit in range(64):
        if sum((h >> bit) & 1 for h in hashes) * 2 > len(hashes):
            value |= 1 << bit
    return value - (1 << 64) if value >= 1 << 63 else value


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="ab中文字😀é\u0301 ,.09٣\U000104a0１", max_size=600), max_size=12))
def test_fingerprints_match_reference(texts: list[str]) -> None:
    assert fingerprints(texts) == [reference_fingerprint(t) for t in texts]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet="ab中文字é ,.09", max_size=400), max_size=12),
    st.sampled_from([0, 1 << 40]),
)
def test_fingerprints_by_either_sort_of_the_shingles(texts: list[str], runs: int) -> None:
    """Merged runs (stable sort) or quicksort, whichever _MERGED_RUNS picks: the same
    fingerprints as the plain reference."""
    kept = memory._MERGED_RUNS
    memory._MERGED_RUNS = runs  # 0: always the quicksort; 2**40: always the stable sort
    try:
        assert fingerprints(texts) == [reference_fingerprint(t) for t in texts]
    finally:
        memory._MERGED_RUNS = kept


def test_fingerprints_edge_counts() -> None:
    # 254 / 255 / 256+ distinct shingles straddle the sketch's size; lone surrogates
    # and astral characters take the whole code-point range.
    texts = ["".join(chr(0x4E00 + i) for i in range(n + 2)) for n in (1, 2, 253, 254, 255, 300)]
    texts += ["a" * 5000, "", "  ", "ab", "\ud800ab\udfff", "𠀀𠀁𠀂" * 3]
    assert fingerprints(texts) == [reference_fingerprint(t) for t in texts]
    known = {t: normalise(t) for t in texts}
    assert fingerprints(texts, known) == fingerprints(texts)


def test_fingerprints_of_the_bmp_sorted_as_one_word() -> None:
    # Without an astral character the shingles and their blocks are packed 16 bits a
    # code point and sorted as one word; the sketch's edge, digit runs at a text's edges,
    # texts shorter than a shingle and lone surrogates must read as the plain reference.
    texts = ["".join(chr(0x4E00 + i) for i in range(n + 2)) for n in (1, 254, 255, 256, 400)]
    texts += ["12ab34", "9", "a", "ab", "99", "x1", "1x", "\ud800ab\udfff", "\uffff\uffffz"]
    texts += ["a1b22c333d" * 40, "".join(chr(0x3400 + (i * 7919) % 20000) for i in range(3000))]
    assert fingerprints(texts) == [reference_fingerprint(t) for t in texts]
    for text in texts:
        assert fingerprints([text]) == [reference_fingerprint(text)]


def reference_vocabulary(texts: list[str], reference: set[int]) -> list[tuple]:
    """Novelty, key novelty and absent key terms with sets of strings, as first written."""
    lists = [terms(t) for t in texts]
    sets = [set(found) for found in lists]
    seen: set[str] = set()
    shared: set[str] = set()
    for i in reference:
        shared |= seen & sets[i]
        seen |= sets[i]
    out = []
    for i, (found, own) in enumerate(zip(lists, sets, strict=True)):
        other = shared if i in reference else seen
        novelty = len(own - other) / len(own) if own else 0.0
        keys = [t for t, n in Counter(found).most_common() if n >= 2 and len(t) > 1]
        if len(found) - len(own) < 2 or len(keys) < 2:
            out.append((novelty, 0.0, []))
        else:
            absent = [t for t in keys if t not in other]
            out.append((novelty, len(absent) / len(keys), absent))
    return out


VOCABULARY_TEXT = st.text(alphabet="模型芯片云大中 abAB1-’,。\n\U00020000\u0130\u212a", max_size=80)


@settings(max_examples=400, deadline=None)
@given(st.lists(VOCABULARY_TEXT, min_size=1, max_size=8), st.data())
def test_term_table_matches_string_sets(texts: list[str], data) -> None:
    reference = data.draw(st.sets(st.integers(0, len(texts) - 1)))
    table = TermTable(texts)
    assert table.distinct.tolist() == [len(set(terms(t))) for t in texts]
    assert table.han == [len(re.findall("[\u4e00-\u9fff]", t)) for t in texts]
    mask = np.zeros(len(texts), dtype=np.int64)
    mask[list(reference)] = 1
    novelty, key, absent = table.against(mask)
    for i, (want_novelty, want_key, want_absent) in enumerate(
        reference_vocabulary(texts, reference)
    ):
        assert novelty[i] == want_novelty
        assert key[i] == want_key
        assert absent[i] == len(want_absent)
        assert (table.absent_keys(i) if absent[i] else []) == want_absent


@settings(max_examples=300, deadline=None)
@given(VOCABULARY_TEXT, VOCABULARY_TEXT)
def test_term_sets_count_like_string_sets(a: str, b: str) -> None:
    assert len(term_set(a)) == len(set(terms(a)))
    assert len(term_set(a) & term_set(b)) == len(set(terms(a)) & set(terms(b)))


def reference_duplicates(segments, labels=True):
    """duplicates() written plainly: every block scans its window of sorted norms."""
    norms = []
    for s in segments:
        stripped = _drop_ellipsis(s.text)
        if labels:
            stripped = SUMMARY_LABEL.sub("", stripped)
        norms.append(normalise(stripped))
    by_prefix = defaultdict(list)
    for i, norm in enumerate(norms):
        if len(norm) >= 12:
            by_prefix[norm[:12]].append(i)
    found = {}
    for group in by_prefix.values():
        if len(group) < 2:
            continue
        ordered = sorted(group, key=lambda k: (norms[k], k))
        keys = [norms[k] for k in ordered]
        for i in group:
            a = norms[i]
            labelled = bool(SUMMARY_LABEL.search(segments[i].text))
            teaser = bool(_ELLIPSIS.search(segments[i].text[-40:]))
            best = None
            pos = bisect_left(keys, a)
            window = range(pos, min(len(keys), pos + _DUP_SCAN))
            equal = [ordered[k] for k in window if keys[k] == a]
            earlier = [ordered[k] for k in range(pos, len(keys)) if keys[k] == a and ordered[k] < i]
            # A teaser or summary repeats the next equal block; any other copy the first.
            if (labelled or teaser) and [j for j in equal if j > i]:
                best = min(j for j in equal if j > i)
            elif earlier and not segments[i].tag:
                best = min(earlier)
            for k in window:
                b = keys[k]
                if not b.startswith(a):
                    break
                j = ordered[k]
                # Only the start of a later, longer block.
                if len(b) > len(a) and j > i and j not in found and (best is None or j < best):
                    best = j
            if best is not None:
                what = "summary repeating" if labelled else "teaser of" if teaser else "copy of"
                found[i] = (what, best)
    return found


DUP_LINES = st.lists(
    st.builds(
        lambda stem, tail, label, dots: label + stem + tail + dots,
        st.sampled_from(["The quick brown fox jumps", "北京大模型公司发布新产品了吗", "x" * 12]),
        st.sampled_from(["", " over", " over the dog", "X", "，今天"]),
        st.sampled_from(["", "摘要：", "Summary: "]),
        st.sampled_from(["", "...", "…"]),
    ),
    max_size=150,
)


@settings(max_examples=400, deadline=None)
@given(DUP_LINES, st.booleans())
def test_duplicates_settle_equal_runs_like_the_scan(texts: list[str], labels: bool) -> None:
    segments = [Segment(0, len(t), t, i + 1) for i, t in enumerate(texts)]
    got = {
        i: (s.reason.rsplit(" block ", 1)[0], int(s.reason.split(" block ")[1].split()[0]))
        for i, s in duplicates(segments, labels=labels).items()
    }
    assert got == reference_duplicates(segments, labels)


SOUP = st.lists(
    st.one_of(
        st.sampled_from(
            ["p", "div", "span", "b", "br", "img", "table", "tr", "td", "li", "ul", "a",
             "html", "body", "head", "title", "h2", "figure"]
        ).flatmap(
            lambda tag: st.sampled_from(
                [f"<{tag}>", f"</{tag}>", f"<{tag.upper()} class='x>y'>", f"<{tag}\n id=a>"]
            )
        ),
        st.sampled_from(
            ["text", "中文", "\n", "\n\n", " ", "<!-- c <p> -->", "<script>if (a<b) x()</script>",
             "<style>p{}</style>", "&amp;", "<", ">", "<?pi ?>"]
        ),
    ),
    max_size=40,
)


NORMALISE_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(
            [
                *"\x00\u0301\u0308\u0327\u1100\u1161\u11a8\uac00ß\u0130\u03a3ﬁ＿_ \n\u2028①Ａ١",
                *("\U000104a0", "\U0001d400", "\U0001f600", "\U00020000"),
            ]
        ),
    ),
    max_size=20,
)


@settings(max_examples=600, deadline=None)
@given(st.lists(NORMALISE_TEXT, max_size=8))
def test_normalise_all_is_normalise_of_each(texts: list[str]) -> None:
    assert normalise_all(texts) == [normalise(t) for t in texts]


def test_normalise_all_across_a_composing_seam() -> None:
    # A text opening with a combining mark or a jamo vowel must not join the text before.
    texts = ["e", "\u0301x", "\u1100", "\u1161\u11a8", "A_b"]
    assert normalise_all(texts) == [normalise(t) for t in texts]
    assert normalise_all(texts) == ["e", "x", "\u1100", "\u1161\u11a8", "ab"]


def test_normalise_all_folds_case_by_table_as_casefold() -> None:
    # One table folds the BMP character by character; a character folding to several
    # (ß, ŉ, ligatures the NFKC step left) or one past the BMP leaves it to casefold().
    cases = ["ABCΣΑΣ Ωmega", "Straße", "ŉ", "İstanbul", "Ꭰ ꭰ ᏸ", "K Å", "\U00010400x",
             "ǅ ǈ ǋ", "ẞ", "ΐ ΰ", "Ａ１", "中文ＡＢ"]
    for text in cases:
        assert normalise_all([text, "Q"]) == [normalise(text), "q"]
    for low, high in ((0x20, 0xDF), (0x370, 0x3C0), (0x20, 0x3000)):
        chars = "".join(map(chr, range(low, high)))
        assert normalise_all([chars]) == [normalise(chars)]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(["报名", "优惠", "QQ群", "qq群", "热线", "\n", "x", "名", "报"]),
            max_size=8,
        ).map("".join),
        max_size=10,
    )
)
def test_offer_words_counted_in_one_scan(texts: list[str]) -> None:
    from cleaning.signals import _PROMO, _promo_counts

    assert _promo_counts(texts) == [len(_PROMO.findall(t)) for t in texts]


_SHARE_WORDS = re.compile(
    r"分享到|分享至|分享给|转发到|朋友圈|扫一扫|扫码|二维码|长按(?:识别|关注)|点击(?:上方|下方|蓝字|关注)"
    r"|关注(?:我们|本号|公众号)|请关注|微信号[:：]|微信公众号[:：]|share (?:this|on)|follow us",
    re.IGNORECASE,
)


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            list("分享到至给转发朋友圈扫一码二维长按识别关注点击上方下方蓝字我们本号公众请微信:：")
            + list("shareSHAREſthisonTHISONfollowusFOLLOWUSİıK ")
            + ["share this", "follow us", "SHARE ON", "ſhare on", "Follow Us"]
        ),
        max_size=14,
    ).map("".join)
)
def test_share_prompt_opens_with_a_class(text: str) -> None:
    from cleaning.signals import SHARE_PROMPT

    old, new = _SHARE_WORDS.search(text), SHARE_PROMPT.search(text)
    assert (old and (old.span(), old.group(0))) == (new and (new.span(), new.group(0)))


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["/", ".", "<", '"', "'", ">", "img", "IMG", "jpg", "PNG", "a", "中", " ", "http:",
             'target="_blank"', "x.gif", "2.5", "gİf", "GıF", "jpeg", "JPE", "webp", "bmp", "i"]
        ),
        max_size=10,
    ).map("".join)
)
def test_image_residue_needs_what_the_gate_asks(text: str) -> None:
    from cleaning.segment import _IMG_RESIDUE, _maybe_image

    if _IMG_RESIDUE.search(text):
        assert _maybe_image(text)


# --- issue #15, speed: shared scans and cheaper constructors ---------------------


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet="0123456789x١ \n年", max_size=14), max_size=6))
def test_years_of_every_block_in_one_scan(texts: list[str]) -> None:
    from cleaning.signals import _YEAR

    found = Lines(texts).grouped(_YEAR)
    assert [[int(y) for y in found.get(i, [])] for i in range(len(texts))] == [
        years(t) for t in texts
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(PIECES, st.sampled_from(["先容希翼", "颠末", "YABO娱乐", "博彩网"])),
                max_size=6))
def test_page_features_with_the_signals_counts(texts: list[str]) -> None:
    """Gambling counts and the spinner pre-check handed over by the checker change nothing."""
    from cleaning.lexicon import SPUN
    from cleaning.pages import features
    from cleaning.signals import DocContext

    segments = [Segment(0, len(t), t) for t in texts if t.strip()]
    if not segments:
        return
    ctx = DocContext.build(segments)
    assert ctx.spun_doc == any(SPUN.search(s.text) for s in segments)
    assert features(segments) == features(
        segments, gambling=ctx.gambling_doc, hits=ctx.gambling_counts(), spinner=ctx.spun_doc
    )
    whole = "\n".join(texts)
    if not maybe_gambling(whole):  # the checker's shortcut for plain text
        assert DocContext.build(segments, gambling=False).gambling_counts() == {}
        assert ctx.gambling_counts() == {}


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="【】[]［］:：abc 1２。,!", max_size=16))
def test_field_rows_need_a_colon_or_a_bracket(text: str) -> None:
    from cleaning.pages import _FIELD_HINT, _FIELD_ROW

    if _FIELD_ROW.match(text):
        assert _FIELD_HINT.search(text)


def test_new_block_is_the_dataclass() -> None:
    from cleaning.model import Block, new_block

    fields = (3, 10, 20, "chrome", 0.9, ("why",), "text", {"signals": ["x"]}, -5)
    made = new_block(*fields)
    assert made == Block(*fields) and type(made) is Block


def test_etree_parser_builds_the_lxml_html_tree() -> None:
    import lxml.etree
    import lxml.html
    import pytest

    source = ("<html><head><title>T <b>1</b> &amp; 2</title></head><body><h1>Hi<!-- c -->"
              " <?pi x?>there</h1><div class=a><p>One<br>two</p><img src=x.png></div>"
              "</body></html>")
    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
    want = lxml.html.document_fromstring(source, parser=parser)
    assert lxml.etree.tostring(_parse(source)) == lxml.etree.tostring(want)
    for empty in ("", "   "):
        with pytest.raises(lxml.etree.ParserError):
            _parse(empty)
    assert html.extract(source).title == "T <b>1</b> & 2"  # a title holds no markup


def _flatten_by_the_loop(text: str, max_depth: int) -> tuple[str, int]:
    """flatten_deep as it was: every tag walked in Python."""
    depth, cut = 0, []
    for m in html._TAG.finditer(text):
        name = m.group(2).lower()
        if name in html._VOID or m.group(0).endswith("/>"):
            continue
        if m.group(1):
            if depth > max_depth:
                cut.append(m.span())
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > max_depth:
                cut.append(m.span())
    return (html._blank(text, cut), len(cut)) if cut else (text, 0)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["<div>", "</div>", "<p class=a>", "</p>", "<br>", "<BR/>",
                                 "<img src='x.png'>", "</img>", "<a/>", "<linK>", "<lınk>",
                                 "<hr >", "</x/>", "text", "<", ">", "\n"]), max_size=30))
def test_flatten_deep_walks_the_tags_in_one_array(pieces: list[str]) -> None:
    text = "".join(pieces)
    for max_depth in range(4):
        assert html.flatten_deep(text, max_depth) == _flatten_by_the_loop(text, max_depth)


def test_evidence_of_one_signal_is_the_sum() -> None:
    import math
    from collections import defaultdict

    from cleaning.signals import Signal
    from cleaning.verdict import _evidence

    def summed(signals: list[Signal]) -> tuple[float, str]:
        by_kind: dict[str, float] = defaultdict(float)
        for s in signals:
            by_kind[s.kind] += s.weight
        story = by_kind.pop("story", 0.0)
        if not by_kind:
            return -story, ""
        return sum(by_kind.values()) - story, max(by_kind, key=lambda k: by_kind[k])

    for kind in ("story", "chrome", "foreign"):
        for weight in (0.0, -0.0, 0.25, 1.3, -0.5):
            one = [Signal("x", kind, weight, "why")]
            got, want = _evidence(one), summed(one)
            assert got == want and math.copysign(1, got[0]) == math.copysign(1, want[0])


# --- TermTable.runs: every run assembled at once, neighbour sums along whole lines ------
# (were: one loop per run length, and the neighbour sums one short row per table row)


@settings(max_examples=200, deadline=None)
@given(st.lists(RUN_TEXT, min_size=1, max_size=12), st.data())
def test_runs_with_members_match_string_sets(texts: list[str], data) -> None:
    """Runs made only of member blocks count as the string sets do; the figures keep
    their types (whole counts, a float share)."""
    n = len(texts)
    reference = data.draw(st.sets(st.integers(0, n - 1)))
    members = np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)))
    title = data.draw(st.none() | st.integers(0, n - 1))
    margin = data.draw(st.integers(0, 1))
    mask = np.zeros(n, dtype=np.int64)
    mask[list(reference)] = 1
    runs = TermTable(texts).runs(mask, title, 3, members=members, margin=margin)
    assert [a.dtype.kind for a in runs] == ["i"] * 7 + ["f", "i"]
    got = {
        (r[0], r[1]): r
        for r in zip(*(a.tolist() for a in runs), strict=True)
        if members[r[0] : r[0] + r[1]].all()
    }
    want = {
        (r[0], r[1]): r
        for r in reference_runs(texts, reference, title, 3, margin)
        if members[r[0] : r[0] + r[1]].all()
    }
    assert got.keys() == want.keys()
    for k, row in got.items():
        assert row[:7] + row[8:] == want[k][:7] + want[k][8:]
        assert abs(row[7] - want[k][7]) < 1e-9


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 2**64 - 1)), max_size=40))
def test_block_sort_reads_the_blocks_off_the_keys(pairs: list[tuple[int, int]]) -> None:
    """The one-sort path takes each hash's block from its sorted key's top bits (was: a
    gather by the sort order): the same as sorting (block, hash) pairs."""
    pairs.sort(key=lambda p: p[0])  # shingles come in block order
    hashes = np.array([h for _, h in pairs], dtype=np.uint64)
    block = np.array([b for b, _ in pairs], dtype=np.int64)
    ordered, blocks = _sorted_by_block(hashes, block, 6)
    assert blocks.dtype == block.dtype
    assert list(zip(blocks.tolist(), ordered.tolist(), strict=True)) == sorted(pairs)


def reference_han_terms(text: str) -> tuple[list[int], list[int]]:
    """Where each Han term starts and its id, character by character."""
    han = [0x4E00 <= ord(c) <= 0x9FFF for c in text]
    at, ids = [], []
    for i, c in enumerate(text):
        nxt = i + 1 < len(text) and han[i + 1]
        if han[i] and nxt:
            at.append(i)
            ids.append(ord(c) << 21 | ord(text[i + 1]))
        elif han[i] and not (i and han[i - 1]):
            at.append(i)
            ids.append(ord(c))
    return at, ids


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="的模型芯片云大中在 abAB1,。\n\U00020000", max_size=40))
def test_han_terms_read_the_follower_only_where_needed(text: str) -> None:
    """The follower of each term's first character is gathered at the terms only (was: a
    shifted copy of the whole text): the same terms and ids."""
    at, ids, _ = _han_terms(text)
    assert (at.tolist(), ids.tolist()) == reference_han_terms(text)


# --- whole-document character and word tests (callgrind round) ------------------------


@settings(max_examples=400, deadline=None)
@given(st.one_of(PIECES, MORE_PIECES))
def test_word_prechecks_as_substring_tests(text: str) -> None:
    """A substring test per ASCII word says what the words' alternation said."""
    folded = lexicon._fold_text(text)
    for cores, words, maybe in (
        (lexicon._GAMBLING_CORES, lexicon._GAMBLING_WORDS, maybe_gambling),
        (lexicon._CRYPTO_CORES, lexicon._CRYPTO_WORDS, maybe_crypto),
        (lexicon._DISCLAIMER_CORES, lexicon._DISCLAIMER_WORDS, maybe_disclaimer),
    ):
        assert maybe(text) == bool(cores.search(text) or words.search(folded))


def _class_members(pattern: re.Pattern[str]) -> set[str]:
    return {chr(c) for c in range(0x110000) if pattern.match(chr(c))}


def test_control_characters_listed_as_the_classes() -> None:
    run_class = re.compile(signals._CONTROL_RUN.pattern.removesuffix("{3,}"))
    assert set(signals._CONTROL_CHARS) == _class_members(run_class)
    assert set(segment._CONTROL_CHARS) == _class_members(segment._CONTROL)
    assert {chr(c) for c in range(0x10000) if segment._IS_CONTROL[c]} == set(
        segment._CONTROL_CHARS
    )


ODD_CHARS = st.sampled_from(
    ["\r", "\r\n", "\x85", "\u2028", "\u2029", "\ue000", "\uf8ff", "\udfff", "\U0001f600",
     "\x00", "\x1f", "\x7f", "\u2400", "\ufffd", "\u200b", "\ufffe", "\uffff", "\ud7ff"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(PIECES, ODD_CHARS), max_size=6), st.integers(0, 900))
def test_long_text_character_tests(pieces: list[str], repeat: int) -> None:
    """The code-point answers for a long text are the regex scan's and the substring
    tests' (short texts take those very paths)."""
    text = "中文段落。" * repeat + "".join(pieces)
    codes = segment._code_points(text)
    assert segment._has_odd_break(text, codes) == (segment._ODD_BREAK.search(text) is not None)
    assert segment._has_control(text, codes) == (segment._CONTROL.search(text) is not None)
    assert any(c in text for c in signals._CONTROL_CHARS) == (
        re.search(signals._CONTROL_RUN.pattern.removesuffix("{3,}"), text) is not None
    )
    assert segment._lines(text, codes) == segment._lines(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(RUN_TEXT, min_size=1, max_size=9), st.integers(1, 4), st.data())
def test_runs_shape_by_shape_match_string_sets(texts: list[str], longest: int, data) -> None:
    """TermTable.runs figured shape by shape (a run length and the row's block's place in
    it; was: all shapes' pairs tiled into one array and gathered) counts as the string
    sets do, for any longest run, runs at the document's edges included."""
    n = len(texts)
    reference = data.draw(st.sets(st.integers(0, n - 1)))
    title = data.draw(st.none() | st.integers(0, n - 1))
    margin = data.draw(st.integers(0, 1))
    mask = np.zeros(n, dtype=np.int64)
    mask[list(reference)] = 1
    runs = TermTable(texts).runs(mask, title, longest, margin=margin)
    got = sorted(zip(*(a.tolist() for a in runs), strict=True), key=lambda r: (r[1], r[0]))
    want = sorted(
        reference_runs(texts, reference, title, longest, margin), key=lambda r: (r[1], r[0])
    )
    assert [r[:7] + r[8:] for r in got] == [r[:7] + r[8:] for r in want]
    assert all(abs(a[7] - b[7]) < 1e-9 for a, b in zip(got, want, strict=True))


# --- page features: question markers one literal at a time, names read in place -------

QA_TEXT = st.text(alphabet="QＱ问题AＡ答回 \u3000。；;？?:：1x中", max_size=30)


@settings(max_examples=500, deadline=None)
@given(QA_TEXT)
def test_markers_one_at_a_time_find_what_the_class_finds(text: str) -> None:
    assert any(q.search(text) for q in pages._QUESTIONS) == bool(pages._QUESTION.search(text))
    assert any(a.search(text) for a in pages._ANSWERS) == bool(pages._ANSWER.search(text))


_REFERENCE_NAME_RUN = re.compile(r"[\u4e00-\u9fffA-Za-z0-9（）()]{6,}")


def reference_names(text: str) -> list[str]:
    """pages._names as it was: the suffix searched in a copy of each whole run."""
    found = []
    for run in _REFERENCE_NAME_RUN.finditer(text):
        m = pages._NAME_SUFFIX.search(run.group(), 4, 26)
        if m is not None:
            found.append(run.group()[: m.end()])
    return found


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="北京某某科技有限公司集团中心官网平台娱乐工厂ab1（）(), 。", max_size=60))
def test_names_read_in_place(text: str) -> None:
    assert pages._names(text) == reference_names(text)


YEAR_BLOCKS = st.lists(st.text(alphabet="1920 8340年\n", max_size=14), min_size=1, max_size=5)


@settings(max_examples=500, deadline=None)
@given(YEAR_BLOCKS)
def test_years_by_branch_as_the_alternation(texts: list[str]) -> None:
    """_YEAR's branches scanned apart (each opening with a literal) and merged in text
    order give each block the years the alternation gives."""
    lines = Lines(texts)
    assert lines.grouped(*signals._YEARS) == lines.grouped(signals._YEAR)
# Class/id names: ASCII letters either case, word breaks, the odd Unicode fold (ſ, K).
NAMES = st.text(alphabet="aAbBdDeEhHnNoOtTsSkKrR-_ 1正文ſKİ", max_size=24) | st.sampled_from(
    ["Sidebar-Left", "ARTICLE body", "nav", "post-Content", "ad-Break", "HEADER", "ſhare"]
)


@given(NAMES)
def test_names_patterns_search_as_ignorecase(names: str) -> None:
    for pattern in (html._NEGATIVE, html._POSITIVE, html._UNLIKELY, html._MAYBE):
        assert pattern.lower.pattern == pattern.lower.pattern.lower()
        expected = re.search(pattern.blind.pattern, names, re.IGNORECASE) is not None
        assert pattern.search(names) is expected


@given(st.lists(NAMES, max_size=6), st.sampled_from(["div", "p", "section", "ul"]))
def test_unlikely_answers_the_same_with_names_seen_before(names: list[str], tag: str) -> None:
    seen: dict[str, bool] = {}
    for name in names + names:
        el = html.lxml.etree.Element(tag, {"class": name})
        joined = name + " "  # class, a space, id
        fresh = (
            tag != "p"
            and bool(joined.strip())
            and re.search(html._UNLIKELY.blind.pattern, joined, re.IGNORECASE) is not None
            and re.search(html._MAYBE.blind.pattern, joined, re.IGNORECASE) is None
        )
        assert bool(html._unlikely(el, tag, seen)) is fresh


# What _TOKENS said with lazy dots, before the bodies were read run by run.
LAZY_TOKENS = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style|textarea|xmp)\b[^>]*>.*?(?:</\1\s*>|\Z)"
    r"|<(/?)([A-Za-z][\w:.-]*)",
    re.DOTALL | re.IGNORECASE,
)
TOKEN_SOUP = st.lists(
    st.sampled_from(
        ["<!--", "-->", "-", "--", "->", "<", ">", "/", " ", "\n", "x", "<p>", "</p>",
         "<script>", "</script>", "</SCRIPT >", "</scripts>", "<style a='>'>", "</style",
         "<xmp>", "</xmp>", "<textarea>", "</textarea\n>", "<scriptx>", "<!--->", "中"]
    ),
    max_size=30,
)


@settings(max_examples=500)
@given(TOKEN_SOUP)
def test_tokens_read_bodies_as_the_lazy_pattern(pieces: list[str]) -> None:
    source = "".join(pieces)
    got = [(m.span(), m.groups()) for m in html._TOKENS.finditer(source)]
    assert got == [(m.span(), m.groups()) for m in LAZY_TOKENS.finditer(source)]


CRYPTO_TEXT = st.lists(
    st.sampled_from(
        ["比特币", "区块", "链上", "交易所", "BTC", "btc", "Bitcoin", "BİTCOIN", "bıtcoin", "Token",
         "TOKEN", "to\u212aen", "ETH", "Web3", "DeFi", "nft", "crypto", "blockchain", "中", "a",
         " ", "\n", "İ", "ſ"]
    ),
    max_size=14,
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(CRYPTO_TEXT)
def test_crypto_words_are_the_alternation_s_findall(text: str) -> None:
    assert lexicon.crypto_words(text) == CRYPTO.findall(text)


_TEASER_WHOLE = re.compile(r"(?:\.{3,}|…+)\s*$|\d+\s*(?:人气|阅读|浏览|评论)|\d{1,2}:\d{2}")


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.sampled_from(["...", "..", ".", "…", "。", " ", "\n", "\u3000", "\x85", "1", "12", "٣",
                         "²", ":", "：", "人气", "阅读", "浏览", "评论", "中文", "a"]),
        max_size=14,
    ).map("".join)
)
def test_teaser_marks_read_off_the_text_are_the_alternation(text: str) -> None:
    """document._teaser_mark (str methods around the end, the counter words and the
    colons; before it, each mark's regex searched apart) finds what the alternation does."""
    from cleaning.document import _teaser_mark

    assert _teaser_mark(text) == bool(_TEASER_WHOLE.search(text))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 9), *[st.booleans()] * 3), max_size=40),
    st.integers(0, 3),
)
def test_field_counts_are_the_weighted_bincount(rows, extra: int) -> None:
    """Runs' five figures from one bincount of bins and flag bits, as a bincount per
    field weighted by its flag (content, shared, repeated, both, titled)."""
    from cleaning.vocabulary import _field_counts

    bins = np.array([row[0] for row in rows], dtype=np.int64)
    a, b, c = (np.array([row[k] for row in rows], dtype=bool) for k in (1, 2, 3))
    size = (int(bins.max()) + 1 if len(bins) else 0) + extra
    flags = np.stack([np.ones(len(bins), dtype=bool), a, b, a & b, c])
    weighted = np.bincount(
        (bins + size * np.arange(5)[:, None]).ravel(), weights=flags.ravel(), minlength=5 * size
    ).reshape(5, size).astype(np.int64)
    bits = a * 1 | b * 2 | c * 4
    counted = _field_counts(bits * size + bins, size)
    assert counted.dtype == weighted.dtype and np.array_equal(counted, weighted)
    # The version before (bins times 8 plus bits, an integer matrix product) agrees.
    by_bits = np.bincount(bins * 8 | bits, minlength=8 * size).reshape(size, 8)
    assert np.array_equal(counted, _FIELDS_OF_BITS_BEFORE @ by_bits.T)


_FIELDS_OF_BITS_BEFORE = np.array(
    [
        [1] * 8,
        [bits & 1 != 0 for bits in range(8)],
        [bits & 2 != 0 for bits in range(8)],
        [bits & 3 == 3 for bits in range(8)],
        [bits & 4 != 0 for bits in range(8)],
    ],
    dtype=np.int64,
)


# SPAM as it was written before its caseless and cased branches were set apart.
_SPAM_BEFORE = re.compile(
    r"伟哥|威而钢|犀利士|必利劲|壮阳|印度神油|延时(?:喷剂|药|湿巾)|春药|催情|迷药|性药|减肥药|代孕"
    r"|治疗阳痿|阳痿|早泄|无抵押贷款|黑户(?:贷款|口子|秒下)|网贷口子|贷款口子|下款|秒批|秒到账"
    r"|信用卡套现|快速借款|急用钱|成人(?:影院|网站|视频|电影|直播)|福利(?:视频|影院|姬)|色情"
    r"|黄色(?:网站|视频)|av(?:在线|女优)|一夜情|约炮|裸聊|援交|快速排名|刷排名|seo优化|网站优化"
    r"|蜘蛛池|外链(?:代发|出售)|百度快照|站群|黑帽seo|关键词排名"
    r"|(?<![a-z])(?:viagra|cialis|levitra|payday loans?|cash loans?|online casino|sports betting"
    r"|porn\w*|escort services?|buy (?:cheap )?pills|seo services|backlinks)(?![a-z])",
    re.IGNORECASE,
)
_SPAM_CORES_BEFORE = re.compile(
    r"伟哥|威而钢|犀利士|必利劲|壮阳|印度神油|延时|春药|催情|迷药|性药|减肥药|代孕|阳痿|早泄|无抵押贷款"
    r"|黑户|口子|下款|秒批|秒到账|信用卡套现|快速借款|急用钱|成人|福利|色情|黄色|[vV]在线|[vV]女优"
    r"|一夜情|约炮|裸聊|援交|快速排名|刷排名|[oO]优化|网站优化|蜘蛛池|外链|百度快照|站群|黑帽|关键词排名"
)
SPAM_PIECES = st.lists(
    st.one_of(
        st.text(alphabet="avseoAVSEOſ 黑帽户口子在线女优化贷款网站成人视频x\n", max_size=6),
        st.sampled_from(
            ["av", "AV", "Av在线", "av女优", "SEO", "seo优化", "Seo优化", "黑帽SEO", "黑帽ſeo",
             "黑户口子", "网贷口子", "口子", "成人视频", "网站优化", "viagra", "CIALIS",
             "payday loans", "Pornography", "porn", "sports betting", "buy cheap pills",
             "seo services", "ſeo services", "backlinks", "xbacklinks", "online casinos", "中文"]
        ),
    ),
    max_size=8,
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(SPAM_PIECES)
def test_spam_split_in_two_is_the_one_alternation(text: str) -> None:
    from cleaning.lexicon import _SPAM_CORES, SPAM, holds_spam

    before = [(m.span(), m.group(0)) for m in _SPAM_BEFORE.finditer(text)]
    assert [(m.span(), m.group(0)) for m in SPAM.finditer(text)] == before
    assert holds_spam(text) == bool(before)
    assert [m.span() for m in _SPAM_CORES.finditer(text)] == [
        m.span() for m in _SPAM_CORES_BEFORE.finditer(text)
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["关注我们", "扫码关注", "完", "x" * 201, ""]), max_size=12))
def test_printed_again_is_the_scan_of_the_blocks_below(texts: list[str]) -> None:
    """One dictionary of last places answers what a scan of the later blocks did."""
    ctx = signals.DocContext.build([Segment(0, len(t), t) for t in texts])
    for i, text in enumerate(texts):
        scanned = len(text) <= 200 and any(s.text == text for s in ctx.segments[i + 1 :])
        assert signals._printed_again(i, ctx) == scanned


@given(
    st.lists(
        st.one_of(
            PIECES, st.sampled_from(["彩票中心", "金沙江", "YABO娱乐", "Bet365\n皇冠", "博彩网"])
        ),
        max_size=6,
    ),
    st.integers(0, 6),
)
def test_brands_from_the_signals_hits_are_names_brand(texts: list[str], cut: int) -> None:
    """The brand texts the checker hands over answer as names_brand over the whole text."""
    from cleaning.lexicon import names_brand
    from cleaning.pages import features
    from cleaning.signals import DocContext

    segments = [Segment(0, len(t), t) for t in texts if t.strip()]
    if not segments:
        return
    ctx = DocContext.build(segments)
    whole = "\n".join(s.text for s in segments)
    assert ctx.brand_doc == (ctx.gambling_doc and names_brand(whole))
    assert ctx.brand_texts() == {s.text for s in segments if names_brand(s.text)}
    measured, cells = segments[:cut], [s.text for s in segments[cut:]]
    if measured:
        hints = {"gambling": ctx.gambling_doc, "hits": ctx.gambling_counts()}
        assert features(measured, cells=cells, **hints) == features(
            measured, cells=cells, brands=ctx.brand_texts(), **hints
        )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            PIECES,
            st.sampled_from(["成人视频", "V在线", "PayDay Loans", "viagra", "黑户口子", "博彩网"]),
        ),
        max_size=6,
    ),
    st.integers(0, 6),
)
def test_spam_texts_from_the_signals_are_holds_spam(texts: list[str], cut: int) -> None:
    """The spam texts the checker hands over answer as holds_spam over the whole text."""
    from cleaning.lexicon import SPAM
    from cleaning.pages import features
    from cleaning.signals import DocContext

    segments = [Segment(0, len(t), t) for t in texts if t.strip()]
    if not segments:
        return
    ctx = DocContext.build(segments)
    assert ctx.spam_texts() == {s.text for s in segments if SPAM.search(s.text)}
    measured = segments[:cut]
    if measured:
        assert features(measured) == features(measured, spam=ctx.spam_texts())


_CORE_WORDS = lexicon._ANY_CORE.pattern.split("|")


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_CORE_WORDS),
            st.sampled_from(_CORE_WORDS).map(lambda w: w[:-1]),  # a word cut short
            st.text(alphabet="区块链交易所赞©节点来源\n 𠀀\ud800a", max_size=4),
            st.text(max_size=3),
        ),
        max_size=12,
    ).map("".join)
)
def test_core_matches_are_the_alternation_s_finditer(text: str) -> None:
    """The numpy pick of where a core word can start finds what re's scan finds."""
    expected = [(m.start(), m.group()) for m in lexicon._ANY_CORE.finditer(text)]
    assert [(m.start(), m.group()) for m in lexicon.word_matches(text)] == expected


_GAMBLING_CORE_WORDS = lexicon._GAMBLING_CORES.pattern.split("|")


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_GAMBLING_CORE_WORDS),
            st.sampled_from(_GAMBLING_CORE_WORDS).map(lambda w: w[:-1]),
            st.sampled_from(["YABO", "Bet365", "bet36"]),
            st.text(max_size=3),
        ),
        max_size=8,
    ).map("".join),
    st.integers(0, 2),
)
def test_maybe_gambling_over_a_document_is_the_cores_search(text: str, at: int) -> None:
    """Over a document-sized text the numpy pick of where a core can start answers as
    re's scan of the cores did."""
    filler = "新闻" * (lexicon.BLOCK_CHARS // 2)
    long = (text + filler, filler + text, filler[:-1] + text + filler)[at]
    folded = lexicon._fold(long)
    expected = bool(lexicon._GAMBLING_CORES.search(long)) or any(
        w in folded for w in lexicon._GAMBLING_ASCII
    )
    assert maybe_gambling(long) == expected
    found = [(m.start(), m.group()) for m in lexicon._GAMBLING_CORES.finditer(long)]
    scan = lexicon.word_matches(long, lexicon._GAMBLING_SCAN)
    assert [(m.start(), m.group()) for m in scan] == found


SEAM_PIECES = st.lists(
    st.one_of(
        st.text(alphabet="ab 。，中文?/.\"<[", max_size=6),
        st.sampled_from([
            "Read: The Big Story", " Read about Tokens now", "[2023/1/2 10:00:00]", "消息",
            "北京3月2日消息", "本报讯（记者 王五）", "新华社北京11月29日电", "记者李亮报道，",
            "【环球网报道 记者 张三】", "<img src=x>", "/img/a.jpg", "a.PNG", "?（中文）?",
            "。（东南网）", "['a', 'b']", '["x", "y"]', "\\n", "  ", "。", "”", "Tail. ",
        ]),
    ),
    max_size=10,
)


@settings(max_examples=500, deadline=None)
@given(SEAM_PIECES)
def test_lines_without_a_seam_character_have_no_cut(pieces: list[str]) -> None:
    line = "".join(pieces).strip()
    if (
        len(line) <= 200
        and "  " not in line
        and "lso" not in line
        and not segment._MAYBE_CUT.search(line)
    ):
        assert segment._cut_points(line, False, False, False) == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="AZaz中ΩωЖж\u0130\u212a\u0131\u017f\u0307ÄßK 1", max_size=40),
                min_size=1, max_size=8), st.integers(1, 200))
def test_document_fold_agrees_with_lower_at_ascii(pieces: list[str], repeat: int) -> None:
    text = "\n".join(pieces) * repeat
    slow, fast = lexicon._fold_text(text), lexicon._fold_document(text)
    assert len(slow) == len(fast)
    assert [(k, c) for k, c in enumerate(slow) if c.isascii()] == [
        (k, c) for k, c in enumerate(fast) if c.isascii()
    ]



def test_document_fold_of_every_character() -> None:
    # Every BMP character but those that fold to ASCII from outside A-Z: numpy lowers
    # A-Z alone, and every ASCII character stands where str.lower() puts one.
    text = "".join(chr(c) for c in range(0x10000) if chr(c) not in lexicon._FOLDS_TO_ASCII)
    slow, fast = lexicon._fold_text(text), lexicon._fold_document(text)
    assert len(slow) == len(fast) == len(text)
    assert [(k, c) for k, c in enumerate(slow) if c.isascii()] == [
        (k, c) for k, c in enumerate(fast) if c.isascii()
    ]


def reference_nearby(table, rows, in_ref, reach):
    """_nearby's running sums as first written: np.cumsum down axis 0."""
    term = table._term
    width, m = 2 * reach + 1, len(rows)
    users = np.zeros((width + 1, m))
    occurs = np.zeros((width + 1, m))
    for j, row in enumerate(rows.tolist()):
        for other in range(max(row - reach, 0), min(row + reach, len(term) - 1) + 1):
            delta = int(table._block[other] - table._block[row])
            if term[other] == term[row] and abs(delta) <= reach:
                users[delta + reach + 1, j] = in_ref[other]
                occurs[delta + reach + 1, j] = table._count[other]
    return np.cumsum(users, axis=0), np.cumsum(occurs, axis=0)


@settings(max_examples=200, deadline=None)
@given(st.lists(VOCABULARY_TEXT, min_size=1, max_size=8), st.data())
def test_nearby_sums_line_by_line_as_cumsum(texts: list[str], data) -> None:
    from cleaning.vocabulary import _nearby

    table = TermTable(texts)
    reach = data.draw(st.integers(0, 3))
    reference = np.array(data.draw(st.lists(st.integers(0, 1), min_size=len(texts),
                                            max_size=len(texts))), dtype=np.int64)
    in_ref = reference[table._block]
    every = np.arange(len(table._term))
    kept = data.draw(st.lists(st.booleans(), min_size=len(every), max_size=len(every)))
    # Every row (the first and last look past the ends), and some of them (as _runs asks).
    for rows in (every, every[np.array(kept, dtype=bool)]):
        for got, want in zip(_nearby(table, rows, in_ref, reach),
                             reference_nearby(table, rows, in_ref, reach), strict=True):
            assert got.shape == want.shape and np.array_equal(got, want)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="12０٣90年月日-/.: 人气阅读次条篇点击（(abc", max_size=40), st.booleans())
def test_dated_needs_a_digit(text: str, body: bool) -> None:
    want = len(text) <= 120 and not body and bool(
        pages._DATE.search(text) or pages._COUNTER.search(text)
    )
    assert pages._dated(text, body) == want


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="-—－本文转载自摘选原引于某刊（(ab1._）) ，", max_size=30))
def test_source_line_opens_with_what_the_pattern_needs(text: str) -> None:
    want = not signals._CLAUSE_MARK.search(text) and signals._SOURCE_LINE.match(text) is not None
    assert signals._source_line(text) == want
    for opening in ("转自", "本文摘自", "—— ", "-"):
        line = opening + text
        assert signals._source_line(line) == (
            not signals._CLAUSE_MARK.search(line) and signals._SOURCE_LINE.match(line) is not None
        )


def alternatives(alternation: str) -> list[str]:
    """The alternatives of ``alternation`` at its own level (groups and classes kept)."""
    out, depth, start = [], 0, 0
    for k, c in enumerate(alternation):
        if c in "([" and alternation[k - 1 : k] != "\\":
            depth += 1
        elif c in ")]" and alternation[k - 1 : k] != "\\":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(alternation[start:k])
            start = k + 1
    return [*out, alternation[start:]]


def _top_alternatives(pattern: str) -> list[str]:
    """The alternatives of the one group ``^\\s*(?:…)\\s*$`` holds, split at its own bars."""
    return alternatives(pattern[pattern.index("(?:") + 3 : pattern.rindex(")")])


def test_ui_control_openers_read_off_the_pattern() -> None:
    from cleaning.lexicon import UI_CONTROL, UI_CONTROL_FIRSTS

    words = _top_alternatives(UI_CONTROL.pattern)
    assert "关闭" in words and "close" in words and "[×✕✖]" in words
    firsts = {c for w in words for c in (w[1:-1] if w.startswith("[") else w[0])}
    assert firsts <= UI_CONTROL_FIRSTS
    # Every character re.IGNORECASE takes for one of those is in the set too.
    opens = re.compile("[" + "".join(sorted(firsts)) + "]", re.IGNORECASE)
    for code in range(0x110000):
        if opens.match(chr(code)):
            assert chr(code) in UI_CONTROL_FIRSTS, hex(code)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="关闭全屏自动播放查看大图点击展开文收起上下一张重广告中 ×abCLOSEſKplay",
               max_size=12))
def test_ui_control_precheck_never_misses(text: str) -> None:
    from cleaning.lexicon import UI_CONTROL, UI_CONTROL_FIRSTS

    if UI_CONTROL.match(text):
        assert text[:1] in UI_CONTROL_FIRSTS or text[:1].isspace()


def reference_merge_outside(segments, judged):
    """_merge_outside's renumbering as first written (every page taken the long way)."""
    inside = iter(judged)
    out, position = [], {}
    for seg in segments:
        assert not seg.outside
        position[len(position)] = len(out)
        out.append(next(inside))
    for j in out:
        if "caption_index" in j.meta:
            j.meta["caption_index"] = position.get(int(j.meta["caption_index"]), -1)
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(-3, 8)), min_size=1, max_size=6))
def test_merge_outside_without_outside_blocks(links: list[int | None]) -> None:
    from cleaning.checker import _merge_outside
    from cleaning.verdict import Judged

    def made():
        segments = [Segment(k, k + 1, f"第{k}段") for k in range(len(links))]
        judged = [
            Judged(seg, meta={} if link is None else {"caption_index": link})
            for seg, link in zip(segments, links, strict=True)
        ]
        return segments, judged

    got = _merge_outside(*made())
    want = reference_merge_outside(*made())
    assert [(j.seg, j.meta) for j in got] == [(j.seg, j.meta) for j in want]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="AZaz中ΩΣσЖж\u0130\u212a\u0131\u017f\u0307K \n\u2028.:",
                        max_size=40), min_size=1, max_size=8), st.integers(1, 120))
def test_blocks_fold_cut_from_the_raw_texts(pieces: list[str], repeat: int) -> None:
    # The checker folds a plain text once and cuts each block's fold out of it.
    text = "\n".join(pieces) * repeat
    folded = lexicon.fold_by_character(text)
    if folded is not None:
        assert folded == lexicon._fold_document(text)
    segments = segment.segment_text(text)
    joined = signals._joined_fold(segments, folded)
    if joined is not None:
        assert joined == lexicon._fold_document("\n".join(s.text for s in segments))


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="。！？!?…”\"’』」）)a中\n ", max_size=8))
def test_ends_sentence_is_the_final_punctuation_pattern(text: str) -> None:
    assert signals.ends_sentence(text) == (signals._FINAL_PUNCT.search(text) is not None)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["http", "ww", "w.", "bet", "365", "payday", " loan", "to",
                                 "ken", "中", "\n", "s", "e"]), max_size=12).map("".join))
def test_word_scan_finds_what_the_any_word_alternation_finds(text: str) -> None:
    fast = [m.span() for m in lexicon.word_matches(text, lexicon._ANY_WORD_SCAN)]
    assert fast == [m.span() for m in lexicon._ANY_WORD.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["报名", "优惠", "特", "惠", "QQ群", "Q", "微信号", "加微信",
                                 "扫码", "\n", "价目表", "目"]), max_size=12))
def test_promo_counts_are_the_blocks_findall(texts: list[str]) -> None:
    texts = texts or [""]
    assert signals._promo_counts(texts) == [len(signals._PROMO.findall(t)) for t in texts]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(["电", "动", "车", "A", "7", "·", "（", "）", "(", ")", "英文",
                                 "，", ",", "是", "指", "一", "种", "又", "称", "名", "也", "叫",
                                 "简", "这", "。", "\n"]), max_size=30).map("".join))
def test_defines_matches_hold_an_anchor_in_their_head(text: str) -> None:
    """entry_blocks' pre-check never rules out a block _DEFINES matches."""
    if signals._DEFINES.match(text):
        head = text[: signals.DEFINES_HEAD]
        assert signals._DEFINES_ANCHOR.search(head)
        assert any(c in head for c in "是称名叫")


def test_defines_anchor_at_the_longest_head_is_kept() -> None:
    text = "八个字的名称术语" + "（" + "x" * 40 + "）" + "，是指一种东西。"
    assert signals._DEFINES.match(text)
    assert signals._DEFINES_ANCHOR.search(text[: signals.DEFINES_HEAD])


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(["《", "》", "书", "是", "作者", "某", "创作", "的", "小说", "小",
                                 "说", "最新", "章节", "目录", "全文", "阅读", "免费", "在线",
                                 "无弹窗", "TXT", "txt", "下载", "全本", "推荐", "精彩", "节选",
                                 "，", "\n"]), max_size=14).map("".join))
def test_novel_patterns_hold_an_anchor(text: str) -> None:
    """_novel_candidates' substring pre-check never rules out a block novel_ad reads."""
    if signals._NOVEL_PROMPT.search(text) or signals._NOVEL_BLURB.search(text):
        assert any(a in text for a in signals._NOVEL_ANCHORS)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(["原价", "现价", "仅需", "¥", "￥", "9", "8", ".", "5", "元",
                                 "起", " ", "低至"]), max_size=10).map("".join))
def test_price_matches_hold_yuan(text: str) -> None:
    if signals._PRICE.search(text):
        assert "元" in text


def test_search_endings_end_on_a_listed_character() -> None:
    for ending in signals._SEARCH_ENDINGS:
        assert ("关键词" + ending)[-1:] in signals._SEARCH_LAST
    assert ""[-1:] not in signals._SEARCH_LAST


@dataclass
class _UnitAsItWas:
    seg: object
    el: object
    holder: object
    links: int = 0
    furniture: object | None = None


def _main_content_as_it_was(
    units: list, body: object
) -> tuple[set[object], dict]:
    """html._main_content as it was: units as a dataclass, each loop reading them anew."""
    own_len: dict[object, int] = {}
    own_links: dict[object, int] = {}
    for u in units:
        el = u.el
        own_len[el] = own_len.get(el, 0) + len(u.seg.text)
        own_links[el] = own_links.get(el, 0) + u.links
    order = list(body.iter(html.lxml.etree.Element))  # type: ignore[attr-defined]
    total_len = dict(own_len)
    total_links = dict(own_links)
    len_of, links_of = total_len.get, total_links.get
    for el in reversed(order):
        n = len_of(el)
        if not n:
            continue
        parent = el.getparent()
        if parent is not None:
            total_len[parent] = len_of(parent, 0) + n
            total_links[parent] = links_of(parent, 0) + links_of(el, 0)
    page_len = total_len.get(body, 0) or 1
    # Furniture that holds most of the page is a wrapper with an unlucky class name.
    real_furniture = {
        u.furniture
        for u in units
        if u.furniture is not None and total_len.get(u.furniture, 0) < 0.3 * page_len
    }
    content: dict[object, float] = {}
    punctuation = html._punct_counts([u.seg.text for u in units])
    # A holder and its ancestors, up to five levels (many blocks share a holder).
    chains: dict[object, list[object]] = {}
    content_of = content.get
    for u, punct in zip(units, punctuation, strict=True):
        seg = u.seg
        if u.furniture in real_furniture or seg.tag in ("h", "figure"):
            continue
        n = len(seg.text)
        if n < 25:
            continue
        score = 1 + punct + min(n / 100, 3)
        if u.links:  # (no links: times 1 - 0.0, the same number)
            score *= 1 - min(u.links / n, 1.0)
        holder = u.holder
        chain = chains.get(holder)
        if chain is None:
            chain = chains[holder] = [holder, *islice(holder.iterancestors(), 4)]  # type: ignore[attr-defined]
        for node, share in zip(chain, html._LEVEL_SHARE, strict=False):
            content[node] = content_of(node, 0.0) + score / share
    outside_why: dict = {}
    if not content:
        return set(body.iter()), outside_why  # type: ignore[attr-defined]

    def link_density(node: object) -> float:
        n = total_len.get(node, 0)
        return min(total_links.get(node, 0) / n, 1.0) if n else 1.0

    final = {
        node: (c + html._TAG_BASE.get(html._tag(node), 0.0) + html._class_weight(node))
        * (1 - link_density(node))
        for node, c in content.items()
    }
    ranked = sorted(final, key=final.__getitem__, reverse=True)
    top = ranked[0]
    best = final[top]
    # Several strong, separate candidates under one ancestor: the ancestor is the article
    # (its text is split over sections). Judged by text alone, not by class names.
    top_ancestors = set(top.iterancestors())  # type: ignore[attr-defined]
    top_content = content[top]
    alternatives = [
        n
        for n in sorted(content, key=content.__getitem__, reverse=True)[:8]
        if n is not top
        and n not in top_ancestors
        and top not in set(n.iterancestors())  # type: ignore[attr-defined]
        and content[n] >= 0.75 * top_content
    ]
    if len(alternatives) >= 3:
        ancestor_sets = [set(n.iterancestors()) for n in alternatives]  # type: ignore[attr-defined]
        node = top.getparent()
        while node is not None and node is not body:
            if sum(1 for s in ancestor_sets if node in s) >= 3:
                top = node
                break
            node = node.getparent()
    # Climb while the parent scores higher (the article's text is split over children).
    last = final.get(top, 0.0)
    node = top.getparent()
    while node is not None and node is not body:
        if node not in final:
            node = node.getparent()
            continue
        if final[node] < best / 3:
            break
        if final[node] > last:
            top = node
            break
        last = final[node]
        node = node.getparent()
    while top.getparent() is not None and top.getparent() is not body:
        parent = top.getparent()
        if sum(1 for c in parent if isinstance(c.tag, str)) != 1:
            break
        top = parent
    keep = [top]
    parent = top.getparent()
    top_score = final.get(top, best)
    if parent is not None:
        threshold = max(10.0, top_score * 0.2)
        top_class = top.get("class") or ""
        for sib in parent:
            if sib is top or not isinstance(sib.tag, str):
                continue
            bonus = top_score * 0.2 if top_class and sib.get("class") == top_class else 0.0
            if final.get(sib, 0.0) + bonus >= threshold:
                keep.append(sib)
                continue
            n = total_len.get(sib, 0)
            if html._tag(sib) in ("p", "h2", "h3", "blockquote", "pre", "ul", "ol") and n:
                density = link_density(sib)
                if n > 80 and density < 0.25:
                    keep.append(sib)
    inside: set[object] = set()
    for node in keep:
        inside.update(node.iter())  # type: ignore[attr-defined]
    main_len = sum(total_len.get(n, 0) for n in keep) or 1
    for i, u in enumerate(units):
        if u.el not in inside:
            continue
        if (
            u.furniture is not None
            and u.furniture in real_furniture
            and total_len.get(u.furniture, 0) < 0.3 * main_len
        ):
            outside_why[i] = (
                "furniture_class",
                html.reason("furniture-inside"),
            )
            continue
        text = u.seg.text
        if u.links and u.links >= 0.6 * len(text) and u.seg.tag != "h":
            outside_why[i] = ("link_text", html.reason("link-text"))
    return inside, outside_why


MAIN_SOUP = st.lists(
    st.sampled_from(
        ["<div class=content>", "<div class=sidebar>", "<div id=comments>", "</div>", "<p>",
         "</p>", "<article>", "</article>", "<a href=/x>", "</a>", "<h2>", "</h2>", "<br>",
         "<ul><li>", "</li></ul>", "<section>", "</section>",
         "一段足够长的正文，讲述了事情的来龙去脉。它有逗号、句号；还有问号？",
         "A sentence long enough to count, with commas, and a full stop.", "短", "\n"]
    ),
    max_size=50,
)


@settings(max_examples=300, deadline=None)
@given(MAIN_SOUP)
def test_main_content_reads_tuples_as_it_read_the_dataclass(pieces: list[str]) -> None:
    source = "<html><body>" + "".join(pieces) + "</body></html>"
    root = _parse(source)
    body = root.find("body")
    units = html._Emitter(source, _spans(root, source), html._blockish(body)).run(body, {})
    old = [_UnitAsItWas(*u) for u in units]
    assert html._main_content(units, body) == _main_content_as_it_was(old, body)

class _CohesionBefore(cohesion.Cohesion):
    """cohesion.Cohesion as first written (per-row gathers, every neighbour sum over every
    shared row, times 0 or 1): the reference its shortcuts must match to the bit."""

    def __init__(self, table: TermTable, story: set[int], longest: int = 3) -> None:
        n = len(table.distinct)
        self.table, self.longest, self.n = table, longest, n
        in_story = np.zeros(n, dtype=bool)
        in_story[list(story)] = True
        rows = np.flatnonzero(table.content() & in_story[table._block])
        term, block = table._term[rows], table._block[rows].astype(np.int64)
        ids = table._id[changes(table._id)]
        story_terms = term[changes(term)] if len(term) else term
        self.w2 = np.zeros(table._terms)
        self.w2[story_terms] = cohesion.squared_idf(ids[story_terms])
        w = self.w2[term]
        after = np.zeros(len(rows), dtype=bool)
        after[:-1] = term[1:] == term[:-1]
        before = np.zeros(len(rows), dtype=bool)
        before[1:] = after[:-1]
        opens, closes = np.flatnonzero(~before), np.flatnonzero(~after)
        group = np.cumsum(~before) - 1
        low, high = block[opens][group], block[closes][group]
        users = (closes - opens + 1)[group]
        self.size = np.bincount(block, weights=w, minlength=n)
        self.total = float(w[~before].sum())
        alone = users == 1
        self.single_before = np.concatenate(
            [[0.0], np.cumsum(np.bincount(block[alone], weights=w[alone], minlength=n))]
        )
        width = longest + 2
        span = high - low
        local = ~before & ~alone & (span < width)
        cells = (n + width) * width
        at = low * width + span
        by_span = np.bincount(at[local], weights=w[local], minlength=cells)
        self.within = np.cumsum(by_span.reshape(n + width, width), axis=1)
        pair = local & (users == 2)
        self.ends = np.bincount(at[pair], weights=w[pair], minlength=cells).reshape(
            n + width, width
        )
        self.low = np.full(table._terms, cohesion._FAR)
        self.high = np.full(table._terms, -cohesion._FAR)
        self.low[term[opens]] = block[opens]
        self.high[term[closes]] = block[closes]
        shared = np.flatnonzero(~alone)
        self.term, self.block, self.w = term[shared], block[shared], w[shared]
        m = len(shared)
        self.prev = np.full(m, -cohesion._FAR)
        self.prev[1:] = np.where(before[shared][1:], self.block[:-1], -cohesion._FAR)
        self.ahead = []
        for k in range(1, width):
            later = np.full(m, cohesion._FAR)
            if k < m:
                same = self.term[k:] == self.term[:-k]
                later[:-k] = np.where(same, self.block[k:], cohesion._FAR)
            self.ahead.append(later)

    def runs(self, candidates: list[int], title: int | None) -> cohesion.RunCohesion | None:
        n, block, w, size = self.n, self.block, self.w, self.size
        member = np.zeros(n + self.longest + 1, dtype=bool)
        member[candidates] = True
        whead = float(size[title]) if title is not None and 0 <= title < n else 0.0
        head_w = None
        if whead:
            in_title = np.zeros(len(self.low), dtype=bool)
            in_title[self.term[block == title]] = True
            head_w = w * in_title[self.term]
        single, after = self.single_before, self.ahead[0]
        total = self.total
        figures = []
        fit = member[:n].copy()
        for length in range(1, self.longest + 1):
            if length > 1:
                fit &= member[length - 1 : n + length - 1]
            start = np.flatnonzero(fit)
            if not len(start):
                break
            lo, hi = start - 1, start + length
            local = sum(self.within[lo + j, hi - lo - j] for j in range(length + 2))
            gone = single[np.minimum(hi + 1, n)] - single[lo] + local
            mine = single[hi] - single[start] + local - self.ends[lo, hi - lo]
            wrun = single[hi] - single[start] + self._union(length, w)[start]
            # Shared with the block before the run (the term's next user within the run),
            # after it (its previous one), and between those two (a user ``gap`` blocks on).
            gap = length + 1
            to_prev = np.bincount(block, weights=w * (after - block <= length), minlength=n)
            to_next = np.bincount(block, weights=w * (block - self.prev <= length), minlength=n)
            bridged = np.zeros(len(block), dtype=bool)
            for later in self.ahead[:gap]:
                bridged |= later == block + gap
            both = np.bincount(block, weights=w * bridged, minlength=n)
            wprev = size[lo]
            nxt = np.minimum(hi, n - 1)
            wnext = np.where(hi < n, size[nxt], 0.0)
            rest = (wrun - mine) / np.sqrt(np.maximum(wrun * (total - gone), 1e-12))
            rest[(wrun <= 0) | (total - gone <= 0)] = 0.0
            runsize = np.maximum(wrun, 1e-12)
            link = np.maximum(
                to_prev[lo] / np.sqrt(runsize * np.maximum(wprev, 1e-12)),
                to_next[nxt] * (hi < n) / np.sqrt(runsize * np.maximum(wnext, 1e-12)),
            )
            bridge = np.where(
                (wprev > 0) & (wnext > 0),
                both[lo] / np.sqrt(np.maximum(wprev * wnext, 1e-12)),
                np.nan,
            )
            if head_w is not None:
                toward = self._union(length, head_w)[start] / np.sqrt(runsize * whead)
            else:
                toward = np.zeros(len(start))
            figures.append((np.full(len(start), length), start, rest, link, bridge, toward))
        if not figures:
            return None
        typical = float(np.median(figures[0][2]))
        if typical <= 0:
            return None
        length, start, rest, link, bridge, toward = (
            np.concatenate(column) for column in zip(*figures, strict=True)
        )
        return cohesion.RunCohesion(start, start + length - 1, rest / typical, link, bridge, toward)

    def _union(
        self, length: int, weights: np.ndarray, rows: np.ndarray | None = None
    ) -> np.ndarray:
        n, block, prev = self.n, self.block, self.prev
        if rows is not None:
            block, prev = block[rows], prev[rows]
        opening = np.maximum(np.maximum(prev + 1, block - length + 1), 0)
        diff = np.bincount(opening, weights=weights, minlength=n + 1)
        diff -= np.bincount(block + 1, weights=weights, minlength=n + 1)
        return np.cumsum(diff)[:n]

    def own(self, first: int, last: int) -> tuple[int, bool]:
        """own() as first written: every row of the run's blocks, through the table's
        block index, counted in a dict."""
        table = self.table
        content = table.content()
        counts: dict[int, int] = {}
        held = []
        for k in range(first, last + 1):
            rows = table.rows_of(k)
            rows = rows[content[rows]]
            terms = table.row_terms[rows].tolist()
            held.append(set(terms))
            for t, c in zip(terms, table.row_counts[rows].tolist(), strict=True):
                counts[t] = counts.get(t, 0) + c
        least, low, high, w2 = cohesion.OWN_IDF**2, self.low, self.high, self.w2
        own = {
            t
            for t, c in counts.items()
            if c >= 2 and w2[t] >= least and low[t] >= first - 1 and high[t] <= last + 1
        }
        parts = [table.words[p] for p in cohesion.ADDRESS_PARTS if p in table.words]
        if parts:
            ids = table.term_ids()
            own -= set(np.searchsorted(ids, parts).tolist())
        blocks = [own & h for h in held]
        if len(blocks) == 1:
            return len(own), bool(blocks[0])
        every = all(
            any(mine & other for j, other in enumerate(blocks) if j != k)
            for k, mine in enumerate(blocks)
        )
        return len(own), every


def _bigram_weights_by_search(ids: np.ndarray) -> np.ndarray:
    words, squared = (np.asarray(a) for a in cohesion._background())
    weight = np.where(ids >= cohesion._WORD_BASE, cohesion.LATIN_IDF**2, cohesion.UNKNOWN_IDF**2)
    at = np.minimum(np.searchsorted(words, ids), len(words) - 1)
    known = words[at] == ids
    weight[known] = squared[at[known]]
    return weight


# Paragraphs written for this test: two stories and an unrelated item, mixed by hypothesis.
_COHESION_PARAGRAPHS = [
    "青石市地铁三号线今天开通运营，线路连接城北新区和老城中心，沿线居民通勤时间缩短一半。",
    "地铁集团介绍，三号线首班车六点发车，高峰时段行车间隔四分钟，老城中心站可换乘一号线。",
    "住在城北新区的李先生说，过去坐班车上班要一个多小时，现在乘地铁只要三十分钟。",
    "三号线列车采用六节编组，车厢内设有电子线路图，到站前会用普通话和英语播报换乘信息。",
    "松河县今年起对城乡公交实行一元票价，县里新购置的八十辆电动公交车已全部投入使用。",
    "县运输管理所表示，一元票价实施以来，城乡公交乘坐人数增长四成，充电桩也在乡镇建成。",
    "本届围棋邀请赛在江畔体育馆举行，来自八个城市的棋手参赛，冠军将获得十万元奖金。",
    "围棋邀请赛的裁判长说，比赛采用中国规则，每方用时两小时，读秒三次，每次六十秒。",
    "Metro Line 3 opened today, see www.example.com for the timetable of Line 3 trains.",
]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(range(len(_COHESION_PARAGRAPHS))), min_size=1, max_size=14),
    st.integers(0, 3),
    st.lists(st.booleans(), min_size=14, max_size=14),
)
def test_cohesion_measures_match_the_first_version(
    picks: list[int], title: int, outside: list[bool]
) -> None:
    """Candidates are story blocks (as cohesion_blocks picks them); some blocks may be
    left out of the story."""
    lines = [_COHESION_PARAGRAPHS[k] for k in picks]
    table = TermTable(lines)
    story = {k for k in range(len(lines)) if not outside[k]} or {0}
    new, old = cohesion.Cohesion(table, story), _CohesionBefore(table, story)
    for name in ("size", "single_before", "within", "ends", "prev"):
        assert np.array_equal(getattr(new, name), getattr(old, name)), name
    assert new.total == old.total
    candidates = sorted(story - {0})
    head = title if title < len(lines) else None
    got, want = new.runs(candidates, head), old.runs(candidates, head)
    assert (got is None) == (want is None)
    if got is not None:
        for a, b in zip(got, want, strict=True):
            assert np.array_equal(a, b, equal_nan=True)
        for first, last in zip(got.first.tolist(), got.last.tolist(), strict=True):
            assert new.own(first, last) == old.own(first, last)


def test_squared_idf_matches_a_search_of_the_whole_table() -> None:
    table = TermTable(_COHESION_PARAGRAPHS)
    ids = table._id[changes(table._id)]
    assert np.array_equal(cohesion.squared_idf(ids), _bigram_weights_by_search(ids))


# typography: runs counted by their edges in C, and a convention's second way counted only
# when its first could break or be broken; checked against the first version's loop.
_ALNUM_RUN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._/+-]*[A-Za-z0-9])?")


def _spacing_by_loop(text: str) -> tuple[int, int]:
    spaced = tight = 0
    padded = f" {text} "
    for m in _ALNUM_RUN.finditer(padded, 1):
        a, b = m.span()
        before, after = padded[a - 1], padded[b]
        if "\u4e00" <= before <= "\u9fff" or "\u4e00" <= after <= "\u9fff":
            tight += 1
        if (before == " " and "\u4e00" <= padded[a - 2] <= "\u9fff") or (
            after == " " and "\u4e00" <= padded[b + 1 : b + 2] <= "\u9fff"
        ):
            spaced += 1
    return spaced, tight


def _breaking_counting_all(texts: list[str]) -> list[bool]:
    out = [False] * len(texts)
    for convention in (_spacing_by_loop, typography.commas):
        pairs = [convention(t) for t in texts]
        total_a = sum(a for a, _ in pairs)
        total_b = sum(b for _, b in pairs)
        votes_a = sum(1 for a, b in pairs if a > b)
        votes_b = sum(1 for a, b in pairs if b > a)
        for k, (a, b) in enumerate(pairs):
            if out[k] or not (a or b):
                continue
            if typography._against(a, b, total_a - a, total_b - b):
                out[k] = typography._outvoted(votes_a, votes_b)
            elif typography._against(b, a, total_b - b, total_a - a):
                out[k] = typography._outvoted(votes_b, votes_a)
    return out


TYPO_PIECES = st.sampled_from(
    ["中", "文", " ", "  ", "5", "G", "ab", ".", "/", "-", "+", "_", ",", "，", "\n", "x", "。"]
)

# Whole boundaries of each way, so that some texts break the others' convention.
TYPO_UNITS = st.sampled_from(["年5G月", "年 5G 月", "年 a.b", "年5", "他,", "他，", "文字", "x y"])
TYPO_TEXTS = st.builds(
    lambda unit, n, rest: unit * n + "".join(rest),
    TYPO_UNITS, st.integers(0, 5), st.lists(TYPO_UNITS, max_size=3),
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(TYPO_PIECES, max_size=30).map("".join))
def test_spacing_counts_as_the_loop_did(text: str) -> None:
    assert typography.spacing(text) == _spacing_by_loop(text)


@settings(max_examples=1500, deadline=None)
@given(st.lists(TYPO_TEXTS, max_size=12))
def test_breaking_as_when_every_way_was_counted(texts: list[str]) -> None:
    assert typography.breaking(texts) == _breaking_counting_all(texts)


# --- credit_match: its pre-checks asked only where their matches can be -----------


def reference_credit_match(text: str) -> object:
    """credit_match as it was: both pre-checks scan the whole line."""
    if lexicon._CREDIT_HAN.search(text) or lexicon._CREDIT_WORDS.search(lexicon._fold(text)):
        return CREDIT.match(text)
    return None


CREDIT_PIECES = st.lists(
    st.one_of(
        st.text(max_size=6),
        st.sampled_from(["图", "源", "摄", ":", "：", " ", "|", "IMAGE", "İmage", "PHOTO",
                         "piCture", "credit", "SOURCE", "ſource", "via", "by", "新华社", "AP",
                         "数据来源", "图片", "\n"]),
    ),
    max_size=8,
).map("".join)


@settings(max_examples=600, deadline=None)
@given(CREDIT_PIECES)
def test_credit_match_as_it_was(text: str) -> None:
    found, was = credit_match(text), reference_credit_match(text)
    assert (found is None) == (was is None)
    if found is not None:
        assert found.groupdict() == was.groupdict() and found.span() == was.span()


def test_no_other_character_folds_to_e_or_o() -> None:
    assert not [c for c in map(chr, range(0x110000))
                if c not in "eoEO" and ("e" in c.lower() or "o" in c.lower())]


def _old_code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40))
def test_code_points_as_the_codec(text: str) -> None:
    """numpy's UCS-4 copy reads each code point as the codec does (surrogates, NULs and
    astral characters too), and text_of gives the text back, trailing NULs and all."""
    codes = code_points(text)
    assert codes.dtype == np.uint32
    assert codes.tolist() == _old_code_points(text).tolist()
    assert text_of(codes) == text
    assert text_of(codes[::2].copy()) == text[::2]
    assert text_of(codes[codes != 0x41]) == text.replace("A", "")


def test_code_points_edges() -> None:
    for text in ["", "\0", "a\0", "\0a", "\ud800", "x\U0001f600\0\0", "北京"]:
        assert code_points(text).tolist() == _old_code_points(text).tolist()
        assert text_of(code_points(text)) == text


_OLD_META_DATE = re.compile(
    r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?|\d{1,2}月\d{1,2}日|\d{1,2}:\d{2}"
)


@given(st.text(alphabet="0121920 :-/.年月日x北\u0663", max_size=40))
def test_meta_date_with_its_first_digit_in_front(text: str) -> None:
    """The same matches, at the same places, as the pattern with three digit-led branches."""
    new = signals._META_DATE
    assert [m.span() for m in new.finditer(text)] == [
        m.span() for m in _OLD_META_DATE.finditer(text)
    ]
    assert new.sub("", text) == _OLD_META_DATE.sub("", text)
    for pos in range(len(text) + 1):
        m, old = new.search(text, pos), _OLD_META_DATE.search(text, pos)
        assert (m and m.span()) == (old and old.span())
