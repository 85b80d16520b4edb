"""Whole-document verdicts: is this import an article at all?

Some imports are not articles with contamination in them but pages that were
never articles: an SEO doorway page (casino brands glued onto a template
company text), a listing or index page (teasers, "Subject (count)" lines,
dates), a login or error page, machine-spun text, a help/FAQ, shop or profile
page (kind "service"). No block verdict fixes those, so the checker judges the
document as a whole from document-level features: how much of it reads as
sentences, how much is short lines and list shapes, how dense the gambling
lexicon and the repeated keywords are, whether a title of spam words heads a body that
tells none of it (a doorway's borrowed text), and the structure of a service page
(questions with answers addressed to the reader, "label: value" rows, a seller's
phone numbers and prices) rather than any site's words.

Each feature adds evidence for one non-article kind (weights add up, as in
``verdict``); the kind with the most evidence wins when it reaches
``THRESHOLD``. Weights and thresholds were tuned on the tuning half of the
project's split (``benchmarks/labels/split.json``) and are reported on the
test half by ``benchmarks/eval_contamination.py``.
"""

from __future__ import annotations

import importlib.util
import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, chain, pairwise, repeat
from operator import methodcaller
from pathlib import Path
from typing import NamedTuple

import numpy as np

from .codes import code_points
from .document import listing_page
from .lexicon import (
    GAMBLING,
    GAMBLING_COMMON,
    PHONE,
    SPAM,
    SPUN,
    holding,
    holds_spam,
    maybe_gambling,
    maybe_spam,
    names_brand,
)
from .model import ARTICLE, PAGE_KINDS, DocumentVerdict
from .reasons import Reason, reason
from .segment import Segment
from .signals import ends_sentence, is_body, is_han_text, is_short_line
from .vocabulary import term_set

THRESHOLD = 1.0
# The conservative gate (a whole article lost is an editor's worst error): a non-article
# verdict needs at least LISTING_GROUPS independent listing signals (or DOORWAY_GROUPS
# doorway signals when the page has a story core), and a page holding a story core (a run
# of consecutive sentence-like blocks of CORE_CHARS, one of them CORE_BLOCK long) is an
# article whatever lines surround it. Chosen by leave-one-source-out cross-validation on
# the tuning half (benchmarks/cv_page_verdict.py).
LISTING_GROUPS = 2
DOORWAY_GROUPS = 2
CORE_CHARS = 150
CORE_BLOCK = 100
# A listing's entries (title, teaser, date): an article has at most one such triple.
DATED_ENTRIES = 3
# A listing overwhelms a story core of one paragraph (a category page's introduction): at
# least LIST_ENTRIES list lines, LIST_DOMINANT of the lines, and no second paragraph.
LIST_ENTRIES = 12
LIST_DOMINANT = 0.7

# Spam stuffing (doorway pages of any trade: gambling, pharmacy, loans, adult, SEO): spam
# words in STUFFED_SHARE of the sentences, STUFFED_TERMS different ones; KEYWORD_LINES lines
# made of spam words (keyword lists, anchors such as "<brand>官网"), KEYWORD_SHARE of the lines
# (a few spam lines injected into a long story leave it an article); a title of spam words.
STUFFED_SHARE = 0.35
STUFFED_TERMS = 3
KEYWORD_LINES = 3
KEYWORD_SHARE = 0.3


# Help, shop and profile pages (kind "service"): SERVICE_GROUPS independent groups of
# evidence without a story core; at least QA_PAIRS question/answer pairs; field rows at least
# FIELD_ROWS of them and FIELD_SHARE of the lines; CONTACT_ROWS lines with phone numbers.
SERVICE_GROUPS = 2
QA_PAIRS = 2
FIELD_ROWS = 6
FIELD_SHARE = 0.35
CONTACT_ROWS = 2


@dataclass(frozen=True, slots=True)
class PageFeatures:
    """Document-level measurements the verdict is computed from (all shares are 0..1)."""

    blocks: int
    chars: int
    prose_share: float  # characters in sentence-like blocks
    short_lines: float  # blocks too short and unpunctuated to be a paragraph
    list_lines: float  # "Subject (count)", teaser "...", date or counter lines
    nav_lines: float  # very short labels (menu items, bullets)
    gambling_blocks: int
    gambling_rate: float  # gambling words per 1,000 characters
    repeated_share: float  # characters in blocks whose text occurs more than once
    glued_name: tuple[str, int]  # most repeated long Han name and how often it occurs
    error_words: int
    spun_words: int
    longest_prose: int  # characters of the longest sentence-like block
    distinct_names: int  # different company/site names (a link farm lists dozens)
    core_chars: int = 0  # longest run of consecutive sentence-like blocks holding a long one
    # The same with a sentence broken over several lines taken whole (phrase-per-line layouts).
    sentence_core: int = 0
    qa_pairs: int = 0  # question markers matched by answer markers (a help or FAQ page)
    reader_words: int = 0  # polite second person outside question/answer blocks
    dated_entries: int = 0  # title, teaser and date (or counter) lines in a row
    narrative_share: float = 1.0  # prose characters outside question/answer blocks
    field_rows: int = 0  # "label: value" rows (specifications, profiles, shop details)
    field_share: float = 0.0  # of all lines, table cell lines included
    contact_rows: int = 0  # lines holding a phone or messenger number
    price_rows: int = 0  # lines holding a price or a quote
    gambling_selling: int = 0  # gambling words on a page naming a casino brand (see names_brand)
    prose_blocks: int = 0  # sentence-like blocks
    sentences: int = 0  # sentences of the sentence-like blocks
    spam_sentences: int = 0  # ... holding a spam word (SPAM, or a gambling brand's word)
    spam_terms: int = 0  # different spam words in the sentence-like blocks
    report_sentences: int = 0  # ... sentences that report on crime or its prosecution
    keyword_lines: int = 0  # lines made mostly of spam words
    cut_paragraphs: int = 0  # paragraphs holding a quote or bracket cut open (see cut_open)


_COUNT_LINE = re.compile(r"^[^()（）\[\]【】]{1,40}[(（\[【]\s*\d{1,6}\s*[)）\]】]$")
_DATE = re.compile(
    r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\d{1,2}\s*[-/]\s*\d{1,2}\s+\d{1,2}:\d{2}"
)
# What a teaser's line ends in, bar trailing whitespace ("....": its last three dots).
_TEASER_ENDS = ("...", "…", "。。。", ">>", "»", "[详细]", "［详细］")
_COUNTER = re.compile(
    r"\d+\s*(?:人气|阅读|浏览|评论|次|人|条|篇)\b|(?:人气|阅读|浏览|点击)\s*[:：(（]?\s*\d"
)
# Every _DATE and _COUNTER match holds a decimal digit: a line without one needs neither.
_DIGIT = re.compile(r"\d")
_BULLET = re.compile(r"^\s*(?:[•·●◆■▪►>»\-–*]|\d{1,2}[.、)])\s*")
_ERROR = re.compile(
    r"404|页面不存在|页面未找到|找不到(?:该|此)?页面|您访问的页面|无法访问|服务器错误|访问出错|出错了"
    r"|请(?:先)?登录|用户登录|会员登录|登录密码|忘记密码|验证码|用户名|注册账号|立即注册"
    r"|page not found|not found|access denied|forbidden|sign in|log in|forgot (?:your )?password"
    r"|username|internal server error"
    r"|页面(?:已被?删除|已过期|已失效)|(?:不存在|已被?删除)或|您(?:要|所)?(?:访问|查看|查找|找)的(?:页面|内容|文章)"
    r"|网址(?:输入)?有误|秒后自动跳转|does not exist|no longer (?:exists|available)"
    r"|could not be found|cannot be found|has been (?:re)?moved|return to the home ?page"
    r"|错误代码|服务器繁忙|请稍后(?:再|重)试|error code|try again later",
    re.IGNORECASE,
)
# A company or site name: a run of name characters (tried only where such a run starts,
# so a long sentence costs one attempt, not one per character) up to its first suffix.
# The run's first 26 characters are captured (the rest of it consumed): all a suffix
# search needs, handed over as strings (no match object to query per run).
_NAME_RUN = re.compile(r"([\u4e00-\u9fffA-Za-z0-9（）()]{6,26})[\u4e00-\u9fffA-Za-z0-9（）()]*")
_NAME_SUFFIX = re.compile(r"公司|集团|中心|网|官网|平台|娱乐|科技|工厂|厂")


def _names(text: str) -> list[str]:
    """Each run of name characters up to its first suffix (4 to 22 characters before it)."""
    found = []
    for head in _NAME_RUN.findall(text):
        m = _NAME_SUFFIX.search(head, 4)
        if m is not None:
            found.append(head[: m.end()])
    return found


# _NAME_RUN's characters by code point: 1 a name character, 2 one that opens a _NAME_SUFFIX
# alternative. Past the table (``take`` clips to its last entry): 0.
_NAME_CLASS = np.zeros(0x10000, dtype=np.uint8)
_NAME_CLASS[0x4E00:0xA000] = 1
for _low, _high in (("A", "Z"), ("a", "z"), ("0", "9")):
    _NAME_CLASS[ord(_low) : ord(_high) + 1] = 1
_NAME_CLASS[[ord(c) for c in "（）()"]] = 1
# Each alternative of _NAME_SUFFIX by its first character (no two share one): the second
# character it needs, or 0 for a suffix of one character.
_SUFFIXES = ("公司", "集团", "中心", "网", "官网", "平台", "娱乐", "科技", "工厂", "厂")
_SUFFIX_SECOND = np.zeros(0x10000, dtype=np.uint32)
for _suffix in _SUFFIXES:
    _NAME_CLASS[ord(_suffix[0])] = 2
    _SUFFIX_SECOND[ord(_suffix[0])] = ord(_suffix[1:]) if len(_suffix) > 1 else 0
_NAME_HEAD = 26  # _NAME_RUN's captured head: the run's first 26 characters
_SUFFIX_FROM = 4  # a suffix is searched for from the head's fifth character


# The texts features() reads names from hold one of these (most paragraphs hold none).
_NAME_HINTS = ("公司", "网", "平台", "娱乐", "厂")


def _names_by_text(texts: Sequence[str], codes: np.ndarray) -> list[list[str]]:
    """``_names`` of each of ``texts``, whose code points laid end to end one newline apart
    (no name character) are ``codes``, read off the code points at once where _NAME_RUN
    and _NAME_SUFFIX test every character of every text.

    A run of six name characters or more is a match (a shorter one holds none: each of
    its characters is tried); its head is its first _NAME_HEAD characters. A suffix match
    starts at a character opening an alternative, and only that alternative can match
    there; the head's leftmost one from its fifth character, if it ends within the head,
    ends the name (one starting further on would start past the head)."""
    out: list[list[str]] = [[] for _ in texts]
    flags = np.zeros(len(codes) + 2, dtype=np.uint8)
    flags[1:-1] = _NAME_CLASS.take(codes, mode="clip")
    name = flags != 0
    opens = np.flatnonzero(name[1:-1] & ~name[:-2])
    closes = np.flatnonzero(name[1:-1] & ~name[2:]) + 1
    long = closes - opens >= 6
    opens, closes = opens[long], closes[long]
    at = np.flatnonzero(flags == 2) - 1
    if not len(opens) or not len(at):
        return out
    second = _SUFFIX_SECOND[codes[at]]
    two = second != 0
    matched = ~two | (codes.take(at + 1, mode="clip") == second)
    # A suffix's second character may lie past the text (a newline, a name character
    # of no alternative): then it is no match, as the comparison says.
    at, ends = at[matched], (at + 1 + two)[matched]
    if not len(at):
        return out
    heads = np.minimum(closes, opens + _NAME_HEAD)
    k = np.minimum(at.searchsorted(opens + _SUFFIX_FROM), len(at) - 1)
    found = np.flatnonzero((at[k] >= opens + _SUFFIX_FROM) & (ends[k] <= heads))
    if not len(found):
        return out
    whole = "\n".join(texts)
    text_ends = np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1)
    first = opens[found]
    owner = text_ends.searchsorted(first, side="right").tolist()
    for i, a, b in zip(owner, first.tolist(), ends[k[found]].tolist(), strict=True):
        out[i].append(whole[a:b])
    return out


def spam_words(text: str, gambling: bool = True, common: bool = True) -> list[str]:
    """Spam words: SPAM, and GAMBLING's (``gambling``: whether any can be in the text), its
    ordinary words (GAMBLING_COMMON) too if ``common`` (on a page naming a casino brand, or in
    a line or title made of such words)."""
    found = [m.group(0).lower() for m in SPAM.finditer(text)] if maybe_spam(text) else []
    if gambling:
        found += [
            w for w in map(str.lower, GAMBLING.findall(text)) if common or w not in GAMBLING_COMMON
        ]
    return found


_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])")
# A report on spam (a crackdown, a trial) names the spam words in sentences about the police,
# a court or a regulator: such sentences make the words the story's subject, not stuffing.
_REPORT = re.compile(
    r"警方|公安|民警|警察|涉案|嫌疑人|犯罪|违法|非法|打击|查处|判处|判决|法院|检察|被告|抓获|整治"
    r"|监管|立案|举报|\b(?:police|arrest\w*|court|illegal|crackdown|regulators?|prosecut\w*)\b",
    re.IGNORECASE,
)
REPORT_SENTENCES = 2
# A site's tail after its keywords ("<brand>官网", "<kw>登录入口").
_SITE_TAIL = r"官网|官方网站|网站|登录|登陆|入口|下载|注册|网址|首页|平台"
# What a keyword line holds besides its words: separators, and a site's tail.
_KEYWORD_FILLER = re.compile(
    rf"[\s|｜、，,/_\-·•:：【】\[\]()（）]|{_SITE_TAIL}|app", re.IGNORECASE
)
KEYWORD_LINE_CHARS = 80


def _keyword_line(text: str, words: list[str]) -> bool:
    """A line made of spam words: a keyword list, or an anchor such as "<brand>官网".

    Not ``signals.keyword_line``, which reads a line's shape (search phrases of any trade,
    "<stem>哪家好_<stem>多少钱", on a stem the story never uses) to flag one block: this
    one reads the spam lexicon's share of a line, to measure a whole page. On the tuning
    half's blocks and the spam injections of seed 15 they agree on 14 lines, differ on 105.
    """
    if not words or len(text) > KEYWORD_LINE_CHARS or ends_sentence(text):
        return False
    rest = _KEYWORD_FILLER.sub("", text)
    return sum(map(len, words)) >= 0.6 * len(rest)


def keyword_page(keyword_lines: int, lines: int) -> bool:
    """Do lines made of spam words make up the page (KEYWORD_LINES of them, KEYWORD_SHARE
    of its lines), rather than a few pasted into a story?"""
    return keyword_lines >= KEYWORD_LINES and keyword_lines >= KEYWORD_SHARE * lines


def brand_sells(lines: Iterable[str]) -> bool:
    """Does a casino brand on a plain-text page sell its ordinary gambling words too (the
    checker's ``brands``: see ``segment._gambling_cuts`` and ``features``)?

    It does where a sentence of the page's running text names it (``is_body``, no keyword
    line), or where lines of spam material (keyword lines, short lines naming a brand: an
    anchor, a search phrase) make up the page (keyword_page). A brand named only in a few
    such lines set against the page's text is spam pasted into a story: the block verdicts
    flag those lines, and the story's own vocabulary does not depend on them, so the
    ordinary words it says (a game-industry story's 棋牌 and 赌博, a lottery story's 彩票)
    stay its subject, as on a page that names no brand. Judged on the lines as written,
    before a glued keyword is cut out of its sentence.
    """
    counts = Counter(line for line in (raw.strip() for raw in lines) if line)
    listed = 0
    for text, times in counts.items():
        brand = names_brand(text)
        keyword = _keyword_line(text, spam_words(text))
        if is_body(text) and not keyword:
            if brand:
                return True
        elif brand or keyword:
            listed += times
    return keyword_page(listed, counts.total())


def spam_title(text: str) -> bool:
    """A title of spam words: two different ones, or one on a short line with a site's tail."""
    if not text or len(text) > 60:
        return False
    words = set(spam_words(text))
    return len(words) >= 2 or (len(words) == 1 and _keyword_line(text, list(words)))


# A spam title over a borrowed text (the doorway's template): once its spam words and a
# site's tail are set aside, fewer than TITLE_SHARED of the title's terms are in the body
# (``vocabulary.term_set``: Han bigrams, lone Han characters, Latin words),
# which has its spam words and the title's keywords glued into it set aside too. A story's
# headline names what its body tells: every headline of the news pool shares three terms or
# more with its body (a share would not do: a short headline's bigrams across words dilute
# it to a quarter), the synthetic glued doorways (tune seeds) one at most.
TITLE_SHARED = 2
# Where a keyword title is cut into its keywords ("<kw>_<kw>_<kw>官网", "<kw>|<kw>"); a space
# is no cut (it parts the words of an English headline).
_TITLE_CUT = re.compile(
    rf"\s*(?:[|｜、，,/_·•【】\[\]()（）]|\s[-–—]\s|{_SITE_TAIL})\s*|^-|-$", re.IGNORECASE
)


def _spam_removed(text: str) -> str:
    """``text`` with its spam and gambling words blanked out."""
    if maybe_spam(text):
        text = SPAM.sub(" ", text)
    return GAMBLING.sub(" ", text) if maybe_gambling(text) else text


def unrelated_title(title: str, body: Iterable[str]) -> bool:
    """Does a spam title speak of nothing the body tells (see TITLE_SHARED)?"""
    own = term_set(_KEYWORD_FILLER.sub(" ", _spam_removed(title)))
    # Joined as they stood: a glued keyword may have been cut off into a block of its own.
    told = "".join(body)
    # Longest first (then by text: a set's order changes with the hash seed), so that a
    # keyword holding another is blanked out whole.
    for keyword in sorted({k for k in _TITLE_CUT.split(title) if len(k) >= 2},
                          key=lambda k: (-len(k), k)):
        told = told.replace(keyword, " ")
    return len(own & term_set(_spam_removed(told))) < TITLE_SHARED


# Under an unrelated spam title, its trade glued into the borrowed sentences: spam words in
# STUFFED_SHARE of GLUED_SENTENCES or more, GLUED_TERMS different ones.
GLUED_SENTENCES = 3
GLUED_TERMS = 2


def glued_spam(body: Iterable[str], common: bool) -> bool:
    """Spam words glued into the sentences of a body (its blocks joined as they stood: the
    checker cuts a glued keyword off into a block of its own). ``common``: see spam_words."""
    sentences = [s for s in _SENTENCE_END.split("".join(body)) if len(s) >= 4]
    found = [spam_words(s, common=common) for s in sentences]
    words = {w for ws in found for w in ws}
    return (
        len(sentences) >= GLUED_SENTENCES
        and sum(map(bool, found)) >= STUFFED_SHARE * len(sentences)
        and len(words) >= GLUED_TERMS
    )


_ERROR_PAGE_CHARS = 3000
# An error message or a form's line; a story paragraph is longer (twice as many characters in
# a language written in words).
ERROR_LINE_CHARS = 60

# Question and answer markers opening a block or following a pause inside it ("Q: ... A: ...",
# "问：... 答：..."): the structure of a help or FAQ page, and of a press Q&A, which is why a
# story core still decides (see _agreed).
# Each pattern opens with its marker's first character and looks behind it for the pause, so
# a scan skips ahead by first character (a look-behind first would try every position).
_QUESTION = re.compile(r"[QＱ问](?<![^\s\u3000。；;][QＱ问])题?\s*\d{0,2}\s*[:：]")
_ANSWER = re.compile(
    r"(?:[AＡ答](?<![^\s\u3000。；;？?][AＡ答])|回答(?<![^\s\u3000。；;？?]回答))\s*\d{0,2}\s*[:：]"
)
_QA_HINT = re.compile(r"[QＱ问AＡ答]")
# _QUESTION and _ANSWER once per marker: each opens with a literal, which re finds by a
# fast scan for that character (a class first costs a test of the class per character).
# Whether a whole page holds any question or answer is asked of these.
_QUESTIONS = tuple(
    re.compile(rf"{q}(?<![^\s\u3000。；;]{q})题?\s*\d{{0,2}}\s*[:：]") for q in "QＱ问"
)
_ANSWERS = tuple(
    re.compile(rf"{a}(?<![^\s\u3000。；;？?]{a})\s*\d{{0,2}}\s*[:：]")
    for a in ("A", "Ａ", "答", "回答")
)
# The polite second person: a help page speaks to its reader ("填写您的资料"), a report
# speaks about other people. Counted outside question/answer blocks, where a reporter's
# question may address the person interviewed.
_READER = re.compile(r"您")
READER_WORDS = 2
READER_RATE = 3.0  # per 1,000 characters: a report quoting one "您" is no help page
QUESTION_CHARS = 60
# A field row: a short label and its value ("重量：1.2kg", "【联系方式】...", "Price: 20"), no
# sentence. The label holds no sentence punctuation and does not end in a digit (a clock time
# "16:39" is no field).
_FIELD_ROW = re.compile(
    r"^\s*(?:[【\[［][^【】\[\]［］]{1,10}[】\]］]\s*[:：]?"
    r"|[^\d\s:：，。,.!?！？【】\[\]［］][^:：，。,.!?！？【】\[\]［］]{0,11}(?<!\d)\s*[:：])\s*\S"
)
FIELD_ROW_CHARS = 80
# A phone number (mobile, landline with area code, service line) or a messenger account.
_CONTACT = re.compile(
    PHONE + r"|(?:QQ|Q Q|ＱＱ|微信|WeChat|热线|电话|手机|座机|Tel|Phone)"
    r"\s*[号群]?\s*[】\]）)]?\s*[:：]?\s*\d{5,}",
    re.IGNORECASE,
)
_PRICE = re.compile(r"[￥¥$€£]\s*\d|\d\s*元(?![素件])|报价|价格|售价|优惠价|price", re.IGNORECASE)


def _teaser(text: str) -> bool:
    """A teaser cut off: "..." or "[详细]" at the end of the line."""
    # Read off the line's tail by str methods: no regex call on every line.
    return text[-12:].rstrip().endswith(_TEASER_ENDS)


# Longest line an index page's entry (a teaser, a dated or counted line) is taken to be.
LIST_LINE_CHARS = 120


def _dated(text: str, body: bool) -> bool:
    """A short line that is no sentence but carries a date or a counter."""
    return (
        len(text) <= LIST_LINE_CHARS
        and not body
        and _DIGIT.search(text) is not None
        and (_DATE.search(text) is not None or _COUNTER.search(text) is not None)
    )


def list_entry(
    text: str, *, body: bool | None = None, teaser: bool | None = None, dated: bool | None = None
) -> bool:
    """A line of an index page: a teaser cut off, a dated or counted line, or "Subject
    (count)". ``body`` (``is_body``), ``teaser`` and ``dated``: when the caller knows them
    already."""
    if len(text) > LIST_LINE_CHARS:
        return False
    if _teaser(text) if teaser is None else teaser:
        return True
    if dated is None:
        dated = _dated(text, is_body(text) if body is None else body)
    if dated:
        return True
    return (")" in text or "）" in text or "]" in text or "】" in text) and bool(
        _COUNT_LINE.match(text)
    )


def index_entries(segments: Sequence[Segment]) -> bool:
    """Are the segments entries of a list (or none at all)? All of them, or LIST_ENTRIES and
    LIST_DOMINANT of them below a heading or two (an HTML page whose main content the
    extractor found to be an index)."""
    # Stops at the first line that is no entry when there are too few lines to outweigh it
    # (most HTML pages are articles: their first paragraph ends the test).
    allowed = (1 - LIST_DOMINANT) * len(segments) if len(segments) >= LIST_ENTRIES else 0
    misses = 0
    for segment in segments:
        if not list_entry(segment.text):
            misses += 1
            if misses > allowed:
                return False
    return len(segments) - misses >= LIST_ENTRIES or misses == 0


def _shape(body: bool, dated: bool, short_line: bool) -> str:
    """One letter per line for the entry test: P paragraph, D date or counter line, T short
    line (a title), o anything else."""
    if body:
        return "P"
    return "D" if dated else "T" if short_line else "o"


# A line ending in one of these stops mid-sentence: the next line goes on with it.
MID_SENTENCE = ("，", ",", "、")


def _sentences(texts: list[str]) -> list[tuple[str, int]]:
    """Consecutive lines joined where a line stops mid-sentence: (text, lines joined), the
    lines of a joined text kept apart by newlines."""
    out: list[tuple[str, int]] = []
    for text in texts:
        if out and out[-1][0].endswith(MID_SENTENCE):
            out[-1] = (out[-1][0] + "\n" + text, out[-1][1] + 1)
        else:
            out.append((text, 1))
    return out


def _joined_prose(text: str, unfit: set[str]) -> bool:
    """Lines joined into a sentence read as running text: no line of it unfit, and no list
    of names (a link farm broken at its commas)."""
    if not is_body(text) or any(part in unfit for part in text.split("\n")):
        return False
    found = _names(text)
    return not (len(found) >= 5 and sum(map(len, found)) >= 0.5 * len(text))


# A sentence broken into this many lines or more holds the story as a long paragraph would.
CORE_LINES = 3


def _core(blocks: Iterable[tuple[str, int, bool]], dialogue: set[str]) -> int:
    """Characters of the longest run of consecutive prose blocks (text, lines joined in it,
    is prose) holding a long one: CORE_BLOCK characters, or a sentence of CORE_LINES lines.
    A question or answer line continues a run."""
    core = run = 0
    run_long = False
    for text, parts, prose in blocks:
        if prose:
            size = len(text) - parts + 1  # the newlines joining its lines left out
            run += size
            run_long = run_long or size >= CORE_BLOCK or parts >= CORE_LINES
            if run_long:
                core = max(core, run)
        elif text in dialogue:
            # A short question between answers continues an interview's story.
            continue
        else:
            run, run_long = 0, False
    return core


# Every _FIELD_ROW match holds a colon or an opening bracket.
_FIELD_HINT = re.compile(r"[:：【\[［]")


def _field_row(text: str) -> bool:
    return (
        len(text) <= FIELD_ROW_CHARS
        and _FIELD_HINT.search(text) is not None
        and not ends_sentence(text)
        and bool(_FIELD_ROW.match(text))
    )


def _field_rows(counts: Mapping[str, int]) -> int:
    """Field rows among the distinct texts ``counts`` holds, each counted as often as it
    occurs. One scan of the short texts laid end to end finds the few holding a hint
    (most pages have a colon in a handful of lines), where a search per text costs a
    regex call on every short line; a newline is no hint, so no hint spans two texts."""
    short = [text for text in counts if len(text) <= FIELD_ROW_CHARS]
    starts = list(accumulate((len(text) + 1 for text in short), initial=0))
    hinted = {
        short[bisect_right(starts, m.start()) - 1] for m in _FIELD_HINT.finditer("\n".join(short))
    }
    return sum(counts[text] for text in hinted if _field_row(text))


def features(
    segments: list[Segment],
    *,
    gambling: bool | None = None,
    shapes: bool = True,
    cells: Sequence[str] = (),
    hits: Mapping[str, int] | None = None,
    brands: Collection[str] | None = None,
    spinner: bool | None = None,
    spam: Collection[str] | None = None,
) -> PageFeatures:
    """Measure one document (its main segments, in order).

    ``gambling``: whether a gambling word can be in the text at all, when the caller
    already knows (None: find out here). ``shapes=False`` skips the line-shape shares
    (short, navigation and list lines), which only the plain-text listing test reads.
    ``cells``: the lines of flattened tables, measured for field rows and gambling words
    only. ``hits``: how
    many GAMBLING words each text holds, for every text holding any (the checker's signals
    have counted them already; None: counted here). ``brands``: the texts among those
    for which ``names_brand`` is true, when the caller has them (None: one scan here).
    ``spinner``: whether a SPUN word can
    be in the text at all, when the caller knows (None: find out here). ``spam``: the
    texts in which SPAM matches, among these or more (None: one scan here).
    """
    texts = [s.text for s in segments]
    n = len(texts)
    chars = sum(map(len, texts)) or 1
    short = listy = nav = spun = 0
    questions = answers = contacts = prices = 0
    reader_of: dict[str, int] = {}  # polite second person per text, times its occurrences
    shape_of: dict[str, str] = {}
    dialogue: set[str] = set()  # blocks holding a question or answer marker, question lines
    counts = Counter(texts)
    # (No text occurs twice where there are as many distinct texts as blocks.)
    repeated = (
        sum(len(t) for t in texts if counts[t] > 1 and len(t) >= 4) if len(counts) < n else 0
    )
    names: Counter[str] = Counter()
    name_lists: set[str] = set()  # blocks that are lists of names (link farms), not prose
    whole = "\n".join(texts)
    # The distinct texts that can hold a name read here (most paragraphs cannot), in order
    # of first occurrence: their names read off their own code points, not the whole page's.
    named = list(dict.fromkeys(texts[k] for k in holding(texts, _NAME_HINTS, whole)))
    if named:
        codes = code_points("\n".join(named))
        found_in = dict(zip(named, _names_by_text(named, codes), strict=True))
    for text in named:
        found = found_in[text]
        # Counted in place (Counter.update's checks cost more than a few names), in the
        # order of first occurrence, as update would insert them (most_common breaks ties
        # by order; a set's order of strings would change with the hash seed).
        for name in dict.fromkeys(found):
            names[name] += counts[text] * found.count(name)
        if len(found) >= 5 and sum(map(len, found)) >= 0.5 * len(text):
            name_lists.add(text)
    glued = names.most_common(1)[0] if names else ("", 0)
    # A name glued into sentence after sentence makes those sentences template text.
    template = glued[0] if glued[1] >= 5 else None
    # One scan of the whole text says which word lists can match at all.
    if gambling is None:
        gambling_doc = maybe_gambling("\n".join((whole, *cells)) if cells else whole)
    else:
        gambling_doc = gambling
    # Over the whole page: a brand in a flattened table still names the page's business.
    brand_doc = gambling_doc and (
        names_brand("\n".join((whole, *cells)))
        if brands is None
        else any(t in brands for t in chain(counts, cells))
    )
    spun_doc = SPUN.search(whole) is not None if spinner is None else spinner
    # The same for the service page's shapes: most stories have none of them at all.
    qa_doc = any(q.search(whole) for q in _QUESTIONS) and any(a.search(whole) for a in _ANSWERS)
    reader_doc = _READER.search(whole) is not None
    body_of = {text: is_body(text) for text in counts}
    # Error and login words count only on a short page (see judge_page).
    error_doc = len(whole) < _ERROR_PAGE_CHARS and _ERROR.search(whole) is not None
    # Each distinct text is measured once and counted as often as it occurs, feature by
    # feature: a feature the page cannot show (no question marker, no "您", no error word
    # on it) costs no look at its texts.
    items = counts.items()
    # Gambling words per text holding any (``hits`` may name texts of table cells too).
    if hits is not None:
        casinos = {text: hits[text] for text in hits.keys() & counts.keys() if hits[text]}
    elif gambling_doc:
        casinos = {text: found for text in counts if (found := len(GAMBLING.findall(text)))}
    else:
        casinos = {}
    teasers = set(filter(_teaser, counts))
    qa_texts: set[str] = set()  # blocks holding a question or answer marker
    if qa_doc:
        for text in filter(_QA_HINT.search, counts):
            asked, answered = len(_QUESTION.findall(text)), len(_ANSWER.findall(text))
            questions += asked * counts[text]
            answers += answered * counts[text]
            if asked + answered:
                qa_texts.add(text)
        dialogue.update(qa_texts)
    # Short lines ending in a question mark.
    asks = {
        text
        for text in counts
        if len(text) <= QUESTION_CHARS and text.rstrip().endswith(("？", "?"))
    }
    if reader_doc:
        for text, times in items:
            polite = len(_READER.findall(text))
            if polite:
                reader_of[text] = polite * times
    errors_of = (
        {
            text: found
            for text in counts
            if len(text) <= 200 and (found := len(_ERROR.findall(text)))
        }
        if error_doc
        else {}
    )
    # Never prose: a teaser, a text selling gambling (words that sell gambling: all of
    # them on a page naming a casino brand, none on a page whose only gambling words are
    # ordinary ones, a lottery story's), one carrying the glued name, and a short line that
    # says the page is missing or asks for a password (the error or form itself, sentence
    # or not): no evidence of an article.
    unfit = set(teasers)
    if brand_doc:
        unfit.update(casinos)
    if template:
        unfit.update(text for text in counts if template in text)
    unfit.update(text for text, errors in errors_of.items() if _error_line(text, errors))
    # Measured once here, read again for the story core.
    prose_texts = {
        text
        for text in counts
        if body_of[text] and text not in unfit and text not in name_lists
    }
    prose = sum(len(text) * counts[text] for text in prose_texts)
    longest = max(map(len, prose_texts), default=0)
    qa_prose = sum(len(text) * counts[text] for text in prose_texts & qa_texts)
    if shapes:
        for text, times in items:
            body = body_of[text] and text not in name_lists
            short_line = is_short_line(text)
            if short_line:
                short += times
            # A navigation label: eight characters at most once a bullet is dropped (a
            # text that short already needs no dropping).
            if (
                len(text) <= 8 or (len(text) <= 16 and len(_BULLET.sub("", text)) <= 8)
            ) and not ends_sentence(text):
                nav += times
            # Both are false for a line past LIST_LINE_CHARS, _dated for a body too: most
            # paragraphs need neither call.
            listable = len(text) <= LIST_LINE_CHARS
            dated = listable and not body and _dated(text, body)
            if listable and list_entry(text, body=body, teaser=text in teasers, dated=dated):
                listy += times
            shape_of[text] = _shape(body_of[text], dated and len(text) <= 40, short_line)
    gambling_blocks = gambling_words = 0
    for text, casino in casinos.items():
        gambling_blocks += counts[text]
        gambling_words += casino * counts[text]
    gambling_selling = gambling_words if brand_doc else 0
    error = sum(errors * counts[text] for text, errors in errors_of.items())
    if spun_doc:
        spun = sum(len(SPUN.findall(text)) * times for text, times in items)
    # A flattened table sells as the page around it does (a casino's bonus table is the
    # casino's): its cells holding gambling words count as blocks of the page's lexicon,
    # their characters with them.
    gambling_chars = chars
    # (``hits`` names every text holding a gambling word: empty, no cell holds one.)
    if gambling_doc and cells and (hits is None or hits):
        for text in cells:
            casino = hits.get(text, 0) if hits is not None else len(GAMBLING.findall(text))
            if casino:
                gambling_blocks += 1
                gambling_words += casino
                gambling_selling += casino if brand_doc else 0
                gambling_chars += len(text)
    # Spam stuffing: how many sentences hold spam words, and lines made of them. Looked for
    # only where a spam word is on the page at all.
    sentences = spam_sentences = report = keyword_lines = 0
    spam_found: set[str] = set()
    # No SPAM match spans a line: the whole text holds one where a block does.
    spam_doc = holds_spam(whole) if spam is None else any(t in spam for t in counts)
    if brand_doc or spam_doc:
        for text, times in counts.items():
            words = spam_words(text, gambling_doc)
            keyword_lines += _keyword_line(text, words) * times
            if not body_of[text] or text in name_lists:
                continue
            for sentence in _SENTENCE_END.split(text):
                if len(sentence) < 4:
                    continue
                found = spam_words(sentence, gambling_doc, brand_doc) if words else []
                sentences += times
                spam_sentences += bool(found) * times
                report += (_REPORT.search(sentence) is not None) * times
                spam_found.update(found)
    # Question lines answered by a paragraph: they continue an interview's story core (see
    # below). They are no evidence of a FAQ on their own: advice columns ask them too. And a
    # listing of dated entries: a title line, its teaser and a date or counter line, again.
    entries = 0
    shape = ""
    for at, text in enumerate(texts) if asks or shapes else ():
        if text in asks and at + 1 < n and body_of[texts[at + 1]]:
            dialogue.add(text)
        if shapes:
            shape = (shape + shape_of[text])[-3:]
            entries += shape in ("TPD", "TDP")
    reader = sum(words for text, words in reader_of.items() if text not in dialogue)
    # The story core: consecutive prose blocks in page order (prose as counted above).
    core = _core(zip(texts, repeat(1), map(prose_texts.__contains__, texts)), dialogue)
    sentence_core = core
    # Quotes and brackets cut open, in paragraphs (a sentence broken over lines taken whole).
    cut = sum(counts[text] for text in cut_open(texts, whole) if text in prose_texts)
    if any(map(methodcaller("endswith", MID_SENTENCE), texts)):
        units = _sentences(texts)
        sentence_core = _core(
            ((text, parts, text in prose_texts if parts == 1 else _joined_prose(text, unfit))
             for text, parts in units),
            dialogue,
        )
        if cut:
            cut_units = cut_open([text for text, _ in units])
            cut = sum(
                counts[text] if parts == 1 else 1
                for text, parts in units
                if text in cut_units
                and (text in prose_texts if parts == 1 else _joined_prose(text, unfit))
            )
    # Table cell lines (left out of the segments: they say nothing of a listing) can be
    # field rows of a specification or a profile.
    cell_fields = sum(_field_row(text) for text in cells)
    lines = n + len(cells)
    field_rows = _field_rows(counts) + cell_fields
    field_share = field_rows / lines if lines else 0.0
    # A seller's numbers and prices only support questions and answers or field rows (see
    # judge_page): they are looked for on such pages only, not in every story.
    if min(questions, answers) >= QA_PAIRS or (
        field_rows >= FIELD_ROWS and field_share >= FIELD_SHARE
    ):
        for text, times in counts.items():
            contacts += (_CONTACT.search(text) is not None) * times
            prices += (_PRICE.search(text) is not None) * times
    return PageFeatures(
        qa_pairs=min(questions, answers),
        reader_words=reader,
        dated_entries=entries,
        narrative_share=(prose - qa_prose) / chars,
        field_rows=field_rows,
        field_share=field_share,
        contact_rows=contacts,
        price_rows=prices,
        core_chars=core,
        sentence_core=sentence_core,
        blocks=n,
        chars=chars,
        prose_share=prose / chars,
        short_lines=short / n if n else 0.0,
        list_lines=listy / n if n else 0.0,
        nav_lines=nav / n if n else 0.0,
        gambling_blocks=gambling_blocks,
        gambling_rate=1000 * gambling_words / gambling_chars,
        gambling_selling=gambling_selling,
        prose_blocks=sum(counts[text] for text in prose_texts),
        sentences=sentences,
        spam_sentences=spam_sentences,
        spam_terms=len(spam_found),
        report_sentences=report,
        keyword_lines=keyword_lines,
        cut_paragraphs=cut,
        repeated_share=repeated / chars,
        glued_name=glued,
        error_words=error,
        spun_words=spun,
        longest_prose=longest,
        distinct_names=len(names),
    )


def _squash(evidence: float) -> float:
    return round(1.0 / (1.0 + math.exp(-4.0 * (evidence - THRESHOLD))), 3)


def judge_page(
    segments: list[Segment],
    *,
    title: str = "",
    fmt: str = "text",
    gambling: bool | None = None,
    cells: Sequence[str] = (),
    hits: Mapping[str, int] | None = None,
    brands: Collection[str] | None = None,
    spinner: bool | None = None,
    spam: Collection[str] | None = None,
) -> DocumentVerdict:
    """Article or not, from the document's features (see the module docstring).

    ``fmt="html"``: the segments are the page's main content as the extractor chose it,
    split at every element, so short lines say little; there the listing verdict rests on
    the teaser-listing test alone (no HTML page of the tuning half is a listing, so no
    shape threshold could be tuned for HTML). ``cells``: lines of flattened tables; ``hits``,
    ``brands``, ``spinner`` and ``spam``: see ``features``.
    """
    if not segments:
        return DocumentVerdict()
    f = features(
        segments,
        gambling=gambling,
        shapes=fmt == "text",
        cells=cells,
        hits=hits,
        brands=brands,
        spinner=spinner,
        spam=spam,
    )
    evidence: dict[str, list[tuple[float, Reason]]] = {kind: [] for kind in PAGE_KINDS}
    thin = f.prose_share < 0.35
    # Doorway and spam pages: a gambling lexicon that the page is built around, or one
    # name glued into sentence after sentence.
    if f.gambling_blocks >= 3 and f.gambling_rate >= 4 and _selling(f):
        evidence["doorway"].append(
            (
                0.8 + min(f.gambling_rate / 40, 0.5),
                reason("gambling-blocks", n=f.gambling_blocks, rate=f"{f.gambling_rate:.0f}"),
            )
        )
    elif f.gambling_blocks >= 1 and f.gambling_rate >= 1.5 and thin:
        evidence["doorway"].append((0.5, reason("gambling-thin")))
    gambling_title = bool(title and GAMBLING.search(title) and f.gambling_blocks)
    if gambling_title:
        evidence["doorway"].append((0.4, reason("gambling-title")))
    # Spam of any trade stuffed into the sentences, listed in lines, or making the title (the
    # page's title, or its first line when that is a short line).
    head = segments[0].text if fmt == "text" and not ends_sentence(segments[0].text) else ""
    by_title = spam_title(title)
    titled = by_title or spam_title(head)
    # A spam title over a body that tells of none of it: the body is borrowed.
    body = [s.text for s in (segments if by_title else segments[1:])]
    unrelated = titled and unrelated_title(title if by_title else head, body)
    glued_in = unrelated and glued_spam(body, f.gambling_selling > 0)
    spam = _spam_groups(f, titled, unrelated, glued_in)
    if spam.stuffed:
        evidence["doorway"].append(
            (
                0.8,
                reason(
                    "spam-stuffed",
                    share=f"{100 * f.spam_sentences / f.sentences:.0f}",
                    n=f.spam_terms,
                ),
            )
        )
    elif spam.glued:
        evidence["doorway"].append((0.8, reason("spam-glued")))
    if spam.keyword_lines:
        evidence["doorway"].append((0.8, reason("keyword-lines", n=f.keyword_lines)))
    if spam.unrelated:
        evidence["doorway"].append((0.6, reason("spam-title-unrelated")))
    elif spam.titled and not gambling_title:
        evidence["doorway"].append((0.4, reason("spam-title")))
    name, times = f.glued_name
    glued = times >= 5 and times * len(name) >= 0.05 * f.chars
    farm = f.distinct_names >= 15 and f.distinct_names * 400 >= f.chars
    if glued:
        evidence["doorway"].append((0.6, reason("glued-name", name=name[:20], n=times)))
    if farm:
        evidence["doorway"].append((0.8, reason("link-farm", n=f.distinct_names)))
    if glued and farm:
        evidence["doorway"].append((0.5, reason("template-page")))
    if f.spun_words >= 3:
        evidence["spun"].append((0.5 + 0.1 * min(f.spun_words, 10), reason("spun-words")))
    salad = False
    if f.cut_paragraphs >= SPUN_CUTS:
        # Sentences cut out of their quotes and brackets, and next to sentences of other stories:
        # measured only where quotes were cut open (one scan of a few paragraphs' words).
        linked = sentence_links([text for text, _ in _sentences([s.text for s in segments])])
        salad = linked is not None and linked < SPUN_LINKED
        if salad:
            evidence["spun"].append((0.5, reason("spun-cut", n=f.cut_paragraphs)))
            evidence["spun"].append((0.6, reason("spun-unlinked", share=f"{100 * linked:.0f}")))
    # Listing and index pages: short lines and list shapes, little running text.
    if f.blocks >= 8 and fmt == "text":
        if f.prose_share < 0.2:
            evidence["listing"].append(
                (0.7, reason("prose-share", share=f"{100 * f.prose_share:.0f}"))
            )
        elif thin:
            evidence["listing"].append(
                (0.35, reason("prose-share", share=f"{100 * f.prose_share:.0f}"))
            )
        if f.short_lines >= 0.6:
            evidence["listing"].append(
                (0.3, reason("short-lines", share=f"{100 * f.short_lines:.0f}"))
            )
        if f.list_lines >= 0.2:
            # A list that overwhelms the page says more than one that shares it.
            weight = 0.8 if _overwhelming_list(f) else 0.5
            evidence["listing"].append(
                (weight, reason("list-lines", share=f"{100 * f.list_lines:.0f}"))
            )
        if f.dated_entries >= DATED_ENTRIES:
            evidence["listing"].append((0.8, reason("dated-entries", n=f.dated_entries)))
        if f.longest_prose < 150:
            evidence["listing"].append((0.2, reason("no-running-text")))
        if f.nav_lines >= 0.3:
            evidence["listing"].append((0.2, reason("nav-lines")))
        if f.repeated_share >= 0.15 and thin:
            evidence["listing"].append((0.2, reason("repeated-lines")))
    # The older listing test (teaser lines, or one label repeated in a short page).
    listing = listing_page(segments)
    if listing:
        evidence["listing"].append((2.0, listing))
    # Login and error pages: the words of a form or an error, and hardly any story.
    if f.error_words >= 2 and f.prose_share < 0.3 and f.chars < _ERROR_PAGE_CHARS:
        evidence["error"].append((0.6 + 0.1 * min(f.error_words, 4), reason("error-words")))
        if f.longest_prose < 150:
            evidence["error"].append((0.2, reason("no-running-text")))
    # Help, shop and profile pages: questions with their answers, "label: value" rows, a
    # seller's numbers and prices, where an article tells a story in sentences.
    # Plain text only, as for the listing shapes: no HTML page of the tuning half is one.
    service = _service_groups(f) if fmt == "text" else ServiceGroups(*[False] * 5)
    if service.qa:
        evidence["service"].append(
            (0.6 + 0.1 * min(f.qa_pairs, 5), reason("qa-pairs", n=f.qa_pairs))
        )
    if service.fields:
        evidence["service"].append(
            (0.4 + f.field_share, reason("field-rows", share=f"{100 * f.field_share:.0f}"))
        )
    if service.contacts:
        evidence["service"].append((0.3, reason("contact-rows", n=f.contact_rows)))
    if service.prices and evidence["service"]:
        evidence["service"].append((0.2, reason("price-rows")))
    if service.fields and service.contacts and service.prices:
        evidence["service"].append((0.4, reason("shop-record")))
    if service.thin and evidence["service"]:
        evidence["service"].append((0.2, reason("no-running-text")))
    # Running text of any length speaks for an article, whatever the page around it.
    story = 0.0
    if f.longest_prose >= 300:
        story += 0.5
    if f.prose_share >= 0.6:
        story += 0.6
    elif f.prose_share >= 0.45:
        story += 0.3
    totals = {k: sum(w for w, _ in v) for k, v in evidence.items() if v}
    if not totals:
        return DocumentVerdict(ARTICLE, _squash(-story), ())
    # A doorway page carries listing shapes too: enough evidence of its own makes it one.
    kind = max(totals, key=lambda k: totals[k])
    if totals.get("doorway", 0.0) >= THRESHOLD:
        kind = "doorway"
    elif kind == "listing" and totals.get("error", 0.0) >= THRESHOLD and not _entries(f, listing):
        # Short lines and no sentences are any page chrome's shapes: without entries of a
        # list, the words of an error or a form name the page.
        kind = "error"
    total = totals[kind] + (totals.get("listing", 0.0) * 0.5 if kind == "doorway" else 0.0)
    if kind == "doorway" and (spam.stuffed or spam.glued or spam.keyword_lines):
        # Spam glued into or listed between borrowed sentences: those sentences are the
        # template, no story (the gate still asks two groups of a page with a core).
        story = 0.0
    if kind == "spun" and salad:
        # Sentences of several stories shuffled together: their sentences tell no story.
        story = 0.0
    if kind == "service":
        # Help texts and product blurbs are written in sentences too, so the share of
        # sentences says nothing here: only a long paragraph (and the core, see _agreed) does.
        story = 0.5 if f.longest_prose >= 300 else 0.0
    net = total - story
    reasons = tuple(r for _, r in sorted(evidence[kind], key=lambda x: -x[0]))
    if kind == "listing" and not listing and fmt == "text" and net >= THRESHOLD:
        # Measured only where a listing verdict is near: a headline test per title line.
        headed = headed_story([s.text for s in segments])
    else:
        headed = False
    if kind == "spun" and salad and net >= THRESHOLD:
        # Both groups of a salad agree: its paragraphs are no story core (see SPUN_CUTS).
        return DocumentVerdict(kind, _squash(net), reasons)
    if net < THRESHOLD or not _agreed(kind, f, bool(listing), spam=spam, headed=headed):
        return DocumentVerdict(ARTICLE, _squash(min(net, THRESHOLD - 0.01)), ())
    return DocumentVerdict(kind, _squash(net), reasons)


def _selling(f: PageFeatures) -> bool:
    """Do the page's gambling words sell gambling? A casino brand does; ordinary words
    (lottery, card games: GAMBLING_COMMON) only on a page that tells no story in sentences,
    for a news story about the lottery says them in every paragraph."""
    return f.gambling_selling > 0 or f.prose_share < 0.35


class SpamGroups(NamedTuple):
    """Evidence of spam stuffing (a doorway page of any trade), each group counted once."""

    stuffed: bool  # spam words in many sentences, several different ones
    keyword_lines: bool  # lines made of spam words
    # A title made of spam words: evidence, never a group of the gate alone (see _agreed): a
    # story under an injected spam title is an article to clean block by block.
    titled: bool
    # ... whose other words the body never tells (see unrelated_title): a group of the gate,
    # for then the body is borrowed text, not the story the title heads.
    unrelated: bool = False
    # Spam words glued into the sentences under such a title (see glued_spam): stuffing
    # measured on the text as it stood, one group with ``stuffed``.
    glued: bool = False


def _spam_groups(
    f: PageFeatures, titled: bool, unrelated: bool = False, glued: bool = False
) -> SpamGroups:
    """``unrelated``: see unrelated_title; ``glued``: see glued_spam (under such a title)."""
    # Sentences about the police or a court make the spam words a report's subject.
    reported = f.report_sentences >= REPORT_SENTENCES
    return SpamGroups(
        stuffed=not reported
        and f.sentences >= 4
        and f.spam_sentences >= STUFFED_SHARE * f.sentences
        and f.spam_terms >= STUFFED_TERMS,
        keyword_lines=keyword_page(f.keyword_lines, f.blocks),
        titled=titled and not reported,
        unrelated=unrelated and not reported,
        glued=glued and not reported,
    )


class ServiceGroups(NamedTuple):
    """Independent groups of evidence for a help, shop or profile page (each counts once)."""

    qa: bool
    fields: bool
    contacts: bool
    prices: bool
    thin: bool


def _service_groups(f: PageFeatures) -> ServiceGroups:
    return ServiceGroups(
        qa=f.qa_pairs >= QA_PAIRS
        and f.reader_words >= READER_WORDS
        and 1000 * f.reader_words >= READER_RATE * f.chars,
        fields=f.field_rows >= FIELD_ROWS and f.field_share >= FIELD_SHARE,
        contacts=f.contact_rows >= CONTACT_ROWS,
        prices=f.price_rows >= 1,
        # No paragraph of running text, and sentences are not most of the page.
        thin=f.longest_prose < 150 and f.narrative_share < 0.6,
    )


def _agreed(
    kind: str,
    f: PageFeatures,
    teaser_listing: bool,
    *,
    spam: SpamGroups | None = None,
    headed: bool = False,
) -> bool:
    """The conservative gate: independent signals agree, and no story core speaks against.

    Signals of one group (a low prose share and no long paragraph both read the same
    sentences) count once; see LISTING_GROUPS and CORE_CHARS. ``headed``: see headed_story.
    """
    core = f.core_chars >= CORE_CHARS
    if kind == "service":
        # With a story core only the full shop record (fields, a seller's numbers, prices)
        # outweighs it: a press Q&A or a product review with a spec list stays an article.
        service = _service_groups(f)
        if core:
            return service.fields and service.contacts and service.prices
        # Prices are in many stories: they only support a shop record, never agree alone.
        return sum(service) - service.prices >= SERVICE_GROUPS
    if kind == "doorway":
        name, times = f.glued_name
        spam = spam or _spam_groups(f, False)
        groups = sum(
            (
                # Gambling words and stuffed spam words read the same words: one group.
                (f.gambling_blocks >= 1 and f.gambling_rate >= 1.5 and _selling(f))
                or spam.stuffed
                or spam.glued,
                times >= 5 and times * len(name) >= 0.05 * f.chars,
                f.distinct_names >= 15 and f.distinct_names * 400 >= f.chars,
                spam.keyword_lines,
                # The title agrees only with spam spread through the body: a story under an
                # injected title keeps its own lists of names and its own lottery words.
                spam.unrelated and (spam.stuffed or spam.glued or spam.keyword_lines),
            )
        )
        # A phrase-per-line story has no long block, but its sentences make a core.
        return groups >= (DOORWAY_GROUPS if f.sentence_core >= CORE_CHARS else 1)
    if core and not (kind == "listing" and _overwhelming_list(f)):
        return False
    if kind != "listing":
        return True
    if headed and f.dated_entries < DATED_ENTRIES:
        # A short story under its own headline beside a long list: the list is its chrome.
        return False
    groups = sum(
        (
            f.prose_share < 0.35 or f.longest_prose < 150,
            f.short_lines >= 0.6 or f.nav_lines >= 0.3,
            f.list_lines >= 0.2 or teaser_listing or f.dated_entries >= DATED_ENTRIES,
            f.repeated_share >= 0.15,
        )
    )
    return groups >= LISTING_GROUPS


def _overwhelming_list(f: PageFeatures) -> bool:
    """A list that overwhelms the story core: one paragraph (a category page's introduction)
    above LIST_ENTRIES list lines or more, LIST_DOMINANT of the page's lines."""
    return (
        f.prose_blocks <= 1
        and f.list_lines >= LIST_DOMINANT
        and f.list_lines * f.blocks >= LIST_ENTRIES
    )


def _entries(f: PageFeatures, teaser_listing: Reason | None) -> bool:
    """Entries of a list on the page: teasers, counts, dates (the evidence a listing has of
    its own, where short lines and no running text are any chrome's)."""
    return bool(teaser_listing) or f.list_lines >= 0.2 or f.dated_entries >= DATED_ENTRIES


# A headline: a title line of HEADLINE_CHARS (no list entry, no sentence ending in a full
# stop) above running text that shares HEADED_TERMS terms with it (``vocabulary.term_set``):
# the lines below it up to the next list entry, the first or second of them prose (a
# dateline may stand between). 45 of the news pool's 50 headlines share two or more with their
# first paragraph, one unrelated headline in 28 does; a section label ("全部分类", "热门标签")
# is shorter than any headline.
HEADLINE_CHARS = (10, 80)
HEADED_TERMS = 2


def headed_story(texts: Sequence[str]) -> bool:
    """Is most of the page's running text told under a headline of its own (see
    HEADLINE_CHARS)? A short post beside a long archive or related-links list is, where a
    category page's introduction sits under a section label."""
    # Paragraphs that end a sentence: a list's entry may read as a sentence up to its date.
    prose = [
        is_body(t) and ends_sentence(t) and not _teaser(t) and not _error_line(t) for t in texts
    ]
    total = sum(len(t) for t, p in zip(texts, prose, strict=True) if p)
    headed = at = 0
    while at < len(texts) - 1:
        title = texts[at]
        at += 1
        if (
            prose[at - 1]
            or not (prose[at] or (at + 1 < len(texts) and prose[at + 1]))
            or not HEADLINE_CHARS[0] <= len(title) <= HEADLINE_CHARS[1]
            or title.endswith(("。", "."))
            or list_entry(title, body=False)
        ):
            continue
        told = []
        while at < len(texts) and not list_entry(texts[at], body=prose[at]):
            if prose[at]:
                told.append(texts[at])
            at += 1
        if len(term_set(title) & term_set("".join(told))) >= HEADED_TERMS:
            headed += sum(map(len, told))
    return total > 0 and 2 * headed >= total


def _error_line(text: str, errors: int | None = None) -> bool:
    """A short line of an error message or a form (see ERROR_LINE_CHARS). ``errors``: its
    _ERROR matches, when the caller has counted them."""
    if not (_ERROR.search(text) if errors is None else errors):
        return False
    return len(text) <= ERROR_LINE_CHARS * (1 if is_han_text(text) else 2)


# Spun text (sentence and clause salads of real stories): quotes and brackets cut open in
# SPUN_CUTS paragraphs or more (a sentence or clause taken out of the one around it), and fewer
# than SPUN_LINKED of the adjacent sentences sharing a content word (next to sentences of other
# stories). Each alone overlaps real text: no news story has two cut paragraphs, but one
# article of the labelled tune half does (its sentences link 59%); news stories link 26% of
# their sentences or more, tune-half articles down to 5% (none with a cut paragraph). Together
# they catch a quarter of the tune seeds' salads, and no story.
SPUN_CUTS = 2
SPUN_LINKED = 0.25
SPUN_SENTENCES = 8
# Pairs whose two halves belong in one paragraph (a quote opened in a paragraph of its own and
# closed paragraphs later is allowed: its paragraphs open with it).
_PAIRS = {"“": "”", "（": "）", "《": "》", "「": "」", "『": "』", "【": "】"}
_CLOSING = {closing: opening for opening, closing in _PAIRS.items()}
# The marks as ranges of code points (first, count): “” 《》「」『』【】 （）.
_MARK_RANGES = ((0x201C, 2), (0x300A, 8), (0xFF08, 2))
assert {chr(a + k) for a, n in _MARK_RANGES for k in range(n)} == {*_PAIRS, *_CLOSING}


def cut_open(
    texts: Sequence[str], whole: str | None = None, codes: np.ndarray | None = None
) -> set[str]:
    """Paragraphs of two sentences or more whose quote or bracket closes before it opens, or
    stays open where it did not open the paragraph (and neither goes on over a line break).
    A line of one sentence is left out (in a sentence-per-line layout a quote goes on over
    several), and so are lines broken mid-sentence and text with decoding damage. The page's
    marks are found in one pass over its code points (most paragraphs hold none). ``whole``:
    the texts joined by newlines, when the caller has joined them, and ``codes`` its code
    points (uint32), when it has read them."""
    whole = "\n".join(texts) if whole is None else whole
    if codes is None:
        codes = code_points(whole)
    # Unsigned: a code point below a range's first wraps round to a large number.
    marked = (codes - np.uint32(_MARK_RANGES[0][0])) < _MARK_RANGES[0][1]
    for first, size in _MARK_RANGES[1:]:
        marked |= (codes - np.uint32(first)) < size
    at = np.flatnonzero(marked)
    if not at.size:
        return set()
    # The text each mark is in: texts are laid end to end, one newline apart.
    ends = np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1)
    lines = np.searchsorted(ends, at, side="right")
    # Most marks pair up with their neighbour in the same text: an opening (even code point)
    # right before its closing (the next code point). Only texts with another mark are read.
    mark = codes[at].astype(np.int64)
    paired = np.zeros(len(mark), dtype=bool)
    match = (mark[1:] == mark[:-1] + 1) & (mark[:-1] % 2 == 0) & (lines[1:] == lines[:-1])
    paired[:-1] |= match
    paired[1:] |= match
    # Each other text's marks: quotes closed before they open, and quotes left open.
    loose: dict[int, tuple[set[str], set[str]]] = {}
    for line in np.unique(lines[~paired]).tolist():
        first, last = np.searchsorted(lines, [line, line + 1]).tolist()
        loose[line] = _unpaired(codes[at[first:last]].tobytes().decode("utf-32-le"))
    found: set[str] = set()
    none: tuple[set[str], set[str]] = (set(), set())
    for line, (closed, left) in loose.items():
        text = texts[line]
        # A quote closed on the next line goes on over a line break (as a layout of one
        # sentence a line breaks it), and so does one opened on the line before; a quote
        # that opens a paragraph may close paragraphs later.
        closed = closed - loose.get(line - 1, none)[1]
        left = left - loose.get(line + 1, none)[0] - {text.lstrip()[:1]}
        if (
            (closed or left)
            and ends_sentence(text)
            and _sentence_ends(text) >= 2
            and not _damaged(text)
        ):
            found.add(text)
    return found


def _sentence_ends(text: str) -> int:
    return text.count("。") + text.count("！") + text.count("？") + text.count("!")


def _damaged(text: str) -> bool:
    """Decoding damage: a "?" or a replacement character where a quote may have been."""
    return "?" in text or "\ufffd" in text


def _unpaired(marks: str) -> tuple[set[str], set[str]]:
    """A paragraph's marks (in order): the quotes and brackets it closes before it opens
    them, and those it leaves open (each by its opening mark)."""
    depth = dict.fromkeys(_PAIRS, 0)
    closed: set[str] = set()
    for mark in marks:
        if mark in depth:
            depth[mark] += 1
        elif depth[_CLOSING[mark]]:
            depth[_CLOSING[mark]] -= 1
        else:
            closed.add(_CLOSING[mark])
    return closed, {o for o, n in depth.items() if n}


_LINK_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]+[”’」』]?")
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]{2,}")
CONTENT_IDF = 7.0


@cache
def _content_words() -> frozenset[str]:
    """Two-character words rare in general text (IDF of CONTENT_IDF or more in the table
    jieba ships for keyword extraction): the words that carry a sentence's subject."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(spec.submodule_search_locations[0]) / "analyse" / "idf.txt"
    with path.open(encoding="utf-8") as table:
        return frozenset(
            word
            for word, _, idf in (line.partition(" ") for line in table)
            if len(word) == 2 and float(idf) >= CONTENT_IDF
        )


def sentence_links(texts: Sequence[str]) -> float | None:
    """The share of adjacent sentences (of the paragraphs, in order) that share a content
    word (see _content_words) or a Latin name; None under SPUN_SENTENCES sentences."""
    words = _content_words()
    if not words:
        return None
    terms = [
        {s[k : k + 2] for k in range(len(s) - 1) if s[k : k + 2] in words}
        | {w.lower() for w in _LATIN_NAME.findall(s)}
        for text in texts
        if is_body(text)
        for s in _LINK_SENTENCE.findall(text)
        if len(s) >= 8
    ]
    if len(terms) < SPUN_SENTENCES:
        return None
    return sum(bool(a & b) for a, b in pairwise(terms)) / (len(terms) - 1)
