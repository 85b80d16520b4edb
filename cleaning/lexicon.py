"""Small fixed word lists the signals lean on.

They only ever *support* a verdict: each list names a kind of page furniture
or injection that is the same on every site (navigation labels, copyright
notices, casino brands). Topic vocabulary is judged relative to the document
in ``signals.vocabulary``; the topic lists here are used only when the rest of
the article does not share the topic.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import accumulate, chain
from typing import NamedTuple

import numpy as np

from .codes import code_points, text_of

# A notice is told by what it disclaims, not by one site's wording: whose views the text
# holds (the author's only, not the site's), what it is not (advice, an offer), who owns it
# (rights, reprints, removal on request) and who answers for it (no one, the reader).
DISCLAIMER = re.compile(
    r"郑重声明|免责声明|版权归原作者|版权归原作者所有|版权所有|未经(?:许可|授权|允许).{0,8}转载"
    r"|严禁转载|禁止转载|转载请注明|不代表本(?:站|网|平台|刊|报|号|公众号|媒体)|仅供参考.{0,6}不构成"
    r"|不构成(?:任何)?(?:投资|理财|法律|医疗)?建议|如有侵权|侵权请联系|请第一时间联系我们"
    r"|仅代表(?:作者|个人|原作者)(?:本人)?(?:的)?(?:观点|立场|看法)"
    r"|(?:观点|立场|内容)(?:仅|只)代表(?:作者|个人)|不代表.{0,6}(?:观点|立场)"
    r"|(?:版权|著作权)(?:归|属于).{0,12}所有|(?:联系|告知|通知)(?:我们|本站|小编)?.{0,8}删除"
    r"|(?:本(?:站|网|平台|号|公众号)|我们).{0,12}不(?:承担|负)(?:任何)?(?:法律)?责任"
    r"|投资有风险|风险自担|入市(?:需|须)谨慎|投资(?:需|须)谨慎"
    # What a notice is not, said other ways: no advice or offer of any kind, no basis for
    # a decision; a notice by its heading (a menu's link of that name has no colon);
    # reprints on conditions; the site's stand and role kept apart from the text (it only
    # stores it, vouches for nothing in it). Issue 15: shapes, not any page's sentences.
    r"|不构成.{0,6}(?:建议|要约|推荐|依据)|不作为.{0,6}(?:投资|买卖|交易|决策).{0,4}(?:依据|建议)"
    r"|(?:特别|版权|法律|风险)声明\s*[:：]|(?:如需|如要|欲)转载|转载(?:须|需|请)(?:经|获得|联系|保留)"
    r"|与本(?:站|网|平台|刊|报|号|公众号)(?:站)?立场无关|仅提供(?:信息)?存储(?:空间)?服务"
    r"|(?:本(?:站|网|平台|文)|我们).{0,10}不(?:对|保证).{0,16}(?:真实性|准确性|完整性)"
    r"|市场有风险"
    r"|all rights reserved|copyright\s*(?:©|\(c\)|\d{4})|©\s*\d{4}"
    r"|not (?:be )?(?:construed as|considered) (?:financial|investment) advice"
    r"|does not constitute (?:financial|investment|legal) advice"
    r"|(?:is|are) not (?:intended as|meant as|a substitute for) (?:financial|investment|legal"
    r"|medical|professional) advice"
    r"|for (?:informational|information|educational|reference) purposes only"
    r"|(?:views|opinions) expressed (?:in|here|by)"
    r"|do(?:es)? not necessarily (?:reflect|represent) the (?:views|opinions|position)",
    re.IGNORECASE,
)

# A Chinese phone number: a mobile, a landline with its area code, a 400 service line; no
# digit on either side. Ads (signals) and seller pages (pages) look for the same numbers.
PHONE = r"(?:1(?<!\d1)[3-9]\d{9}|0(?<!\d0)\d{2,3}-?\d{7,8}|4(?<!\d4)00-?\d{3}-?\d{4})(?!\d)"

# Lines that start with a navigation or metadata label.
_CHROME_LABELS = (
    r"上一篇|下一篇|上一条|下一条|上一页|下一页|上篇|下篇|相关新闻|相关阅读|相关报道|相关链接"
    r"|相关文章|相关推荐|推荐阅读|延伸阅读|热门推荐|热门文章|猜你喜欢|更多精彩|阅读更多|阅读全文"
    r"|本文关键词|关键词|关键字|标签|tags?|责任编辑|编辑|作者|来源|出处|原标题|文章来源|本文来源"
    r"|分享到|分享至|点击查看|返回首页|返回顶部|返回列表|赞赏提示|扫码|扫一扫|关注我们|媒体专栏"
    r"|本文访问地址|本文地址|原文链接|打印本页|关闭窗口|发布时间|发表时间|更新时间|浏览次数|阅读量"
    r"|share (?:this|on)|share:|follow us|subscribe to our|sign up for"
    r"|related(?: articles| posts)?:"
    r"|read more|continue reading|advertisement|sponsored"
)
_LABEL_OPENS = r"^\s*(?:[【\[(（]?\s*)?"
CHROME_LINE = re.compile(
    _LABEL_OPENS + f"(?:{_CHROME_LABELS})" + r"\s*(?:[】\])）]\s*)?(?:[:：|｜]|$|\s)",
    re.IGNORECASE,
)
# CHROME_LINE cut after the label's first character: one character class instead
# of trying every label in turn, so most lines are ruled out cheaply. (Splitting
# at every "|" also yields the first characters of inner alternatives: a few more
# characters in the class, never one fewer.)
_LABEL_FIRSTS = "".join(sorted({re.escape(a[0]) for a in _CHROME_LABELS.split("|")}))
CHROME_LINE_OPENS = re.compile(_LABEL_OPENS + f"[{_LABEL_FIRSTS}]", re.IGNORECASE)
# Characters other than an ASCII letter's two cases that re.IGNORECASE matches it by.
_CASE_TWINS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def opening_chars(firsts: Iterable[str]) -> frozenset[str]:
    """The first characters of a line that a case-insensitive ``^\\s*[firsts]`` can match,
    but for the spaces (str.isspace()): a set lookup of a line's first character rules
    most lines out for a fraction of a regex call (tests check every character)."""
    out: set[str] = set()
    for c in firsts:
        out.update((c, c.lower(), c.upper()), _CASE_TWINS.get(c.lower(), ""))
    return frozenset(c for c in out if len(c) == 1)


# What a CHROME_LINE_OPENS match can open with (or a space).
CHROME_LINE_FIRSTS = opening_chars(chain("【[(（", (a[0] for a in _CHROME_LABELS.split("|"))))


def opening_pairs(words: Iterable[str]) -> frozenset[str]:
    """The first two characters a case-insensitive match of one of ``words`` (alternatives
    that open with two literal characters, or a one-character class such as "[×✕✖]")
    can open with. A short line opening with the first character of a label runs no
    label pattern unless its second character fits too (tests check the alternatives)."""
    out: set[str] = set()
    for w in words:
        if w.startswith("["):
            out.update(w[1:-1])  # a one-character alternative: that character alone
        else:
            out.update(a + b for a in opening_chars(w[0]) for b in opening_chars(w[1]))
    return frozenset(out)


def opens_with(text: str, openings: frozenset[str]) -> bool:
    """Whether ``text``, past its leading spaces, opens with one of ``openings``."""
    if text[:1].isspace():
        text = text.lstrip()
    return text[:2] in openings or text[:1] in openings


# The label's first two characters, where CHROME_LINE_OPENS's match ends on the first.
CHROME_LINE_PAIRS = opening_pairs(_CHROME_LABELS.split("|"))
# A whole line that is only an interface control or an ad label (gallery and video
# widgets, ad slots): never story text. Whole-line only: "Close to..." is a sentence.
_UI_CONTROLS = (
    r"close|full ?screen|autoplay|view (?:photos|gallery|graphic)|caption|expand|collapse"
    r"|play|pause|mute|unmute|replay|skip ad|previous|next|advertising|ad|sponsored content"
    r"|wait \d+ seconds? to continue\.?|[×✕✖]"
    r"|关闭|全屏|自动播放|查看大图|点击查看大图|点击放大|展开全文|收起|上一张|下一张|重播|广告"
)
UI_CONTROL = re.compile(rf"^\s*(?:{_UI_CONTROLS})\s*$", re.IGNORECASE)
# What a UI_CONTROL match can open with (or a space): the first characters of its words,
# with their case twins. A line opening with any other character cannot match.
UI_CONTROL_FIRSTS = opening_chars("cfavepmursnw×✕✖关全自查点展收上下重广")
# What a line that UI_CONTROL matches opens with past its spaces (opens_with).
UI_CONTROL_OPENINGS = opening_pairs(_UI_CONTROLS.split("|"))
# Newsletter and sign-up boxes inside an article (English tech sites are full of them).
SIGN_UP = re.compile(
    r"^\s*(?:by (?:signing up|subscribing|clicking [^,]{1,30}),? (?:you )?(?:agree|consent)"
    r"|(?:sign up|subscribe) (?:for|to) (?:our|the) [\w\s'’-]{0,40}newsletter"
    r"|订阅我们的(?:新闻通讯|邮件|周报|日报))",
    re.IGNORECASE,
)
# Every SIGN_UP match opens (after spaces) with b, s or 订: a one-class test first.
SIGN_UP_OPENS = re.compile(r"^\s*[bs订]", re.IGNORECASE)
SIGN_UP_FIRSTS = opening_chars("bs订")  # what it can open with (or a space)
# Metadata fragments anywhere in a short line: counters, comment counts, bylines.
# Metadata fields, whatever the site: a count of readers, views, comments or likes (before or
# after its number, with a unit of ten thousand), an author, editor or source label, a
# publication time, a reading time.
CHROME_BITS = re.compile(
    r"评论\s*[(（]\d+[)）]|\d+\s*人气|阅读\s*[(（:：]?\s*\d+|浏览\s*[(（:：]?\s*\d+|点击量"
    r"|(?:阅读|浏览|点击|播放|评论|点赞)(?:量|数|次数)\s*[(（:：]?\s*\d"
    r"|\d+(?:\.\d+)?\s*[万wW]?\s*(?:次浏览|次阅读|次播放|人阅读|人浏览|人看过|人已读|条评论|赞)"
    r"|(?:发布|发表|更新)(?:时间|日期)\s*[:：]"
    # Case-sensitive, so that the pre-check's words find it (no Kelvin sign for "k").
    r"|(?-i:\b\d[\d,.]*\s*[kKmM]?\s+(?:[Vv]iews|[Rr]eads|[Cc]omments|[Ll]ikes|[Ss]hares)\b"
    r"|\b\d+\s*min(?:ute)?s? read\b)"
    r"|责任编辑[:：]|编辑[:：]|作者[:：]|出处[:：]|来源[:：]"
    r"|^\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?|^\d{4}[-/年]\d{1,2}[-/月]\d{1,2}日?\s+\d{1,2}:\d{2}"
    r"|^#[^#\s]{1,20}#|https?://|www\.\w",
    re.IGNORECASE,
)
# What every CHROME_BITS match opens with (a property test holds the scan to CHROME_BITS).
# CHROME_BITS_SCAN finds the same matches, but rules out most positions of a line with
# this one class instead of trying every branch at each.
CHROME_BITS_LEADS = r"[\d#评阅浏点播发更责编作出来hw]"
CHROME_BITS_SCAN = re.compile(
    f"(?={CHROME_BITS_LEADS})(?:{CHROME_BITS.pattern})", CHROME_BITS.flags
)

GAMBLING = re.compile(
    r"威尼斯人|现金网|太阳城|百家乐|娱乐城|真人娱乐|娱乐平台|娱乐官网|娱乐代理|娱乐网址|娱乐电子|博彩"
    r"|棋牌|彩票|时时彩|六合彩|幸运8|幸运飞艇|北京赛车|赛车pk10|葡京|赌场|赌博|电玩城|骰宝|老虎机|捕鱼"
    r"|体育app|体育官网|体育官方|体育平台|app下载手机版|下载手机版|登录器|登录入口|手机版登录|官网登录"
    r"|yabo|亚博|乐虎|华体会|开云|万博|必威|bet365|威廉希尔|金沙|皇冠|ag代理|bb电子|pt电子|电子游戏"
    r"|海德体育|欧宝体育|ope体育|爱游戏|半岛体育|米乐|九游|ag真人|沙巴体育|球探|足彩|竞彩|盘口",
    re.IGNORECASE,
)

# Words of GAMBLING that are also ordinary words or names: 金沙 (the Jinsha river), 皇冠 (a
# crown, a car), 捕鱼 (fishing), 彩票 and 棋牌 (what lottery and game stories are about). Standing
# bare in a sentence they are the sentence's own; an injection glues a brand's tail to them
# ("金沙娱乐官网") or names a brand that is nothing else.
GAMBLING_COMMON = frozenset(
    (
        *("博彩", "棋牌", "彩票", "足彩", "竞彩", "赌场", "赌博", "电子游戏", "捕鱼", "老虎机"),
        *("金沙", "皇冠", "球探", "盘口", "太阳城", "威尼斯人", "乐虎", "万博"),
    )
)


def names_brand(text: str) -> bool:
    """Does ``text`` hold a GAMBLING word that is not also an ordinary word? Where none
    is, the ordinary ones are the text's own subject (a lottery story); where one is, they
    sell too."""
    return any(m.group(0).lower() not in GAMBLING_COMMON for m in GAMBLING.finditer(text))

# What spam pages sell besides gambling: pharmacy, loans, adult content, search-engine
# services (zh and en). Like GAMBLING, a page is judged by where and how densely the words
# stand (``pages``), never by one word: a story about a crackdown names them too.
# Its branches in two parts: the caseless (Han) words, which ``re`` finds by a scan for
# their first characters, and those with ASCII letters, which it tries at every position
# (see holds_spam). No two branches can match at one position, so their order is free.
_SPAM_CASELESS = (
    r"伟哥|威而钢|犀利士|必利劲|壮阳|印度神油|延时(?:喷剂|药|湿巾)|春药|催情|迷药|性药|减肥药|代孕"
    r"|治疗阳痿|阳痿|早泄|无抵押贷款|黑户(?:贷款|口子|秒下)|网贷口子|贷款口子|下款|秒批|秒到账"
    r"|信用卡套现|快速借款|急用钱|成人(?:影院|网站|视频|电影|直播)|福利(?:视频|影院|姬)|色情"
    r"|黄色(?:网站|视频)|一夜情|约炮|裸聊|援交|快速排名|刷排名|网站优化"
    r"|蜘蛛池|外链(?:代发|出售)|百度快照|站群|关键词排名"
)
_SPAM_CASED = (
    r"av(?:在线|女优)|seo优化|黑帽seo"
    r"|(?<![a-z])(?:viagra|cialis|levitra|payday loans?|cash loans?|online casino|sports betting"
    r"|porn\w*|escort services?|buy (?:cheap )?pills|seo services|backlinks)(?![a-z])"
)
SPAM = re.compile(f"{_SPAM_CASELESS}|{_SPAM_CASED}", re.IGNORECASE)

# A topic lexicon used only relative to the document: a crypto block is
# suspicious in an AI story, not in a crypto story.
CRYPTO = re.compile(
    r"比特币|以太坊|区块链|交易所|矿池|矿机|矿企|算力云|哈希率|节点|代币|链上|钱包|稳定币|合约|挖矿"
    r"|空投|公链|主网|白皮书|DeFi|NFT|Web3|BTC|ETH|USDT|Token|Bitcoin|blockchain|crypto",
    re.IGNORECASE,
)

# Spinner output: unusual replacements that synonym spinners produce.
SPUN = re.compile(
    r"先容|希翼|减缓前进|抽验组|到时之后|奔速|有限责任企业|颠末|处置惩罚|积极开展抽验"
)

PINYIN = re.compile(r"[\u4e00-\u9fff][(（][a-z]{1,6}[)）]")

CREDIT = re.compile(
    r"^(?P<caption>.*?)\s*[|｜丨]?\s*(?:(?:数据|图片|资料|视频)?来源|图源|图片|摄影|摄|制图|图)\s*[:：]\s*"
    r"(?P<credit>[^|｜:：]{1,30})\s*$"
    r"|^(?P<caption_en>.*?)[,.]?\s*"
    r"(?:(?:featured )?(?:image|photo|picture)s?\s*(?:via|from|by|:|credit:?)"
    r"|credit:|source:|photo:)\s*(?P<credit_en>[^.]{1,60})$",
    re.IGNORECASE,
)


# --- cheap exact pre-checks -----------------------------------------------------
# A case-insensitive alternation whose branches start with cased letters gets no
# first-character index in ``re``: it tries every branch at every position, which
# made GAMBLING the costliest scan of a document. These pre-checks are necessary
# conditions (never a false "no"), so callers skip the full pattern when they fail.


def _literal_cores(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """A caseless regex of each branch's longest non-ASCII run, and the ASCII-only branches."""
    branches = pattern.pattern.split("|")
    cores: set[str] = set()
    ascii_only: list[str] = []
    for branch in branches:
        if re.escape(branch) != branch:
            raise ValueError(f"not a plain literal: {branch!r}")
        runs = re.findall(r"[^\x00-\x7f]+", branch)
        if runs:
            core = max(runs, key=len)
            if core.lower() != core or core.upper() != core:
                raise ValueError(f"cased core: {core!r}")
            cores.add(core)
        else:
            ascii_only.append(branch.lower())
    return re.compile("|".join(sorted(cores, key=lambda c: (-len(c), c)))), tuple(ascii_only)


def _fold_text(text: str) -> str:
    """Lower-case so that every re.IGNORECASE match of an ASCII word is a substring.

    str.lower() maps all caseless twins of ASCII letters to them except İ (to
    'i' plus U+0307), ı and ſ; fold those too (extra matches only cost time).
    """
    low = text.lower()
    if not low.isascii():
        low = low.replace("\u0307", "").replace("ı", "i").replace("ſ", "s")
    return low


_fold_block = lru_cache(maxsize=4096)(_fold_text)


# Longer than a block: a whole document's text.
BLOCK_CHARS = 2000


def _fold(text: str) -> str:
    """``_fold_text``, cached for block-sized texts (boilerplate recurs); a whole
    document is not kept alive by the cache."""
    return _fold_block(text) if len(text) <= BLOCK_CHARS else _fold_document(text)


# The characters other than A-Z whose lower case holds an ASCII letter (İ, the Kelvin
# sign K), and those _fold_text maps to one (ı, ſ, the dot U+0307).
_FOLDS_TO_ASCII = ("\u0130", "\u212a", "\u0131", "\u017f", "\u0307")


def _fold_document(text: str) -> str:
    """``_fold_text`` of a whole document at every ASCII character, and a non-ASCII
    character wherever that has one: only A-Z are lowered, with numpy, a third of
    str.lower()'s cost over Chinese text. Every consumer searches the folded text for
    ASCII words, which match the one where they match the other."""
    if len(text) <= BLOCK_CHARS or text.isascii() or any(c in text for c in _FOLDS_TO_ASCII):
        return _fold_text(text)
    return _fold_codes(text)


def fold_by_character(text: str) -> str | None:
    """``_fold_document(text)`` where it folds each character on its own (ASCII text, or
    a document numpy folds), so that the fold of a piece of ``text`` is that piece of
    the fold and has its length; None where it does not (str.lower() reads a Greek
    sigma's neighbours; İ and U+0307 change the length)."""
    if text.isascii():
        return text.lower()
    if len(text) <= BLOCK_CHARS or any(c in text for c in _FOLDS_TO_ASCII):
        return None
    return _fold_codes(text)


def _fold_codes(text: str) -> str:
    """A-Z lowered, every other character kept (see _fold_document)."""
    codes = code_points(text)
    upper = (codes - np.uint32(ord("A"))) < np.uint32(26)  # A-Z (lower code points wrap)
    lowered = codes + upper.view(np.uint8) * np.uint32(ord("a") - ord("A"))
    return text_of(lowered)


_GAMBLING_CORES, _GAMBLING_ASCII = _literal_cores(GAMBLING)
_CRYPTO_CORES, _CRYPTO_ASCII = _literal_cores(CRYPTO)
# The ASCII words as one alternation over folded text: every branch starts with a
# literal, so ``re`` skips ahead by first character instead of trying each word.
_GAMBLING_WORDS = re.compile("|".join(map(re.escape, _GAMBLING_ASCII)))
_CRYPTO_WORDS = re.compile("|".join(map(re.escape, _CRYPTO_ASCII)))


def _holds_word(folded: str, words: tuple[str, ...]) -> bool:
    """Whether ``folded`` holds any of a few words: what the words' alternation finds,
    by a substring test per word (a regex scan tests every character against the
    words' first letters, several times slower over a long text)."""
    return any(word in folded for word in words)


def maybe_gambling(text: str, folded: str | None = None) -> bool:
    """False only if GAMBLING cannot match anywhere in ``text``. Over a whole document
    its cores are found where numpy says they can start (see word_matches): re's scan
    of the sixty-odd cores costs twice as much there. ``folded``: ``_fold(text)``, when
    the caller has it."""
    if len(text) > BLOCK_CHARS:
        if next(word_spans(text, _GAMBLING_SCAN), None) is not None:
            return True
    elif _GAMBLING_CORES.search(text):
        return True
    return _holds_word(_fold(text) if folded is None else folded, _GAMBLING_ASCII)


# Every SPAM match holds one of these (read off its branches by hand: a Han core, the Han
# run after "seo"/"av" in any case, or, case-folded, an English word's stem); the property
# test in tests/cleaning/test_pages.py holds them to it. Every branch is a plain literal
# ("v在线|V在线", not "[vV]在线"), so ``re`` scans for their first characters; one
# character class among them made it try every branch at every position, 30 times slower.
_SPAM_CORES = re.compile(
    r"伟哥|威而钢|犀利士|必利劲|壮阳|印度神油|延时|春药|催情|迷药|性药|减肥药|代孕|阳痿|早泄|无抵押贷款"
    r"|黑户|口子|下款|秒批|秒到账|信用卡套现|快速借款|急用钱|成人|福利|色情|黄色|v在线|V在线|v女优|V女优"
    r"|一夜情|约炮|裸聊|援交|快速排名|刷排名|o优化|O优化|网站优化|蜘蛛池|外链|百度快照|站群|黑帽|关键词排名"
)
_SPAM_ASCII = (
    *("viagra", "cialis", "levitra", "payday loan", "cash loan", "online casino"),
    *("sports betting", "porn", "escort service", "pills", "seo services", "backlinks"),
)


_SPAM_WORDS = re.compile("|".join(map(re.escape, _SPAM_ASCII)))


def maybe_spam(text: str) -> bool:
    """False only if SPAM cannot match anywhere in ``text``."""
    if _SPAM_CORES.search(text):
        return True
    return _holds_word(_fold(text), _SPAM_ASCII)


_SPAM_CASELESS_WORDS = re.compile(_SPAM_CASELESS)
_SPAM_CASED_WORDS = re.compile(_SPAM_CASED, re.IGNORECASE)
# Every match of a cased branch holds one of these, or, case-folded, one of _SPAM_ASCII.
_SPAM_CASED_CORES = re.compile("v在线|V在线|v女优|V女优|o优化|O优化|黑帽")


def holds_spam(text: str) -> bool:
    """``SPAM.search(text) is not None``, a part at a time: the cased branches (tried at
    every position, some 2 ms over a 12,000-character story) only where one of their
    cores is in the text."""
    if _SPAM_CASELESS_WORDS.search(text):
        return True
    if _SPAM_CASED_CORES.search(text) or _holds_word(_fold(text), _SPAM_ASCII):
        return _SPAM_CASED_WORDS.search(text) is not None
    return False


def maybe_crypto(text: str) -> bool:
    """False only if CRYPTO cannot match anywhere in ``text``."""
    if _CRYPTO_CORES.search(text):
        return True
    return _holds_word(_fold(text), _CRYPTO_ASCII)


# CRYPTO's branches apart. The Han words are caseless: re finds them by a scan for their
# first characters. The Latin ones (re.IGNORECASE, opening with cased letters) are tried
# at every position, some fifty times slower, so only where the folded text holds one.
_CRYPTO_HAN = re.compile("|".join(b for b in CRYPTO.pattern.split("|") if not b.isascii()))
_CRYPTO_LATIN = re.compile(
    "|".join(b for b in CRYPTO.pattern.split("|") if b.isascii()), re.IGNORECASE
)


def crypto_words(text: str) -> list[str]:
    """``CRYPTO.findall(text)``. A Han match and a Latin match never overlap (no
    character is in both), so the two lists merged by position are the whole one."""
    if not _CRYPTO_WORDS.search(_fold(text)):
        return _CRYPTO_HAN.findall(text)
    found = [*_CRYPTO_HAN.finditer(text), *_CRYPTO_LATIN.finditer(text)]
    return [m.group() for m in sorted(found, key=re.Match.start)]


# Every DISCLAIMER match holds one of these (read off its branches by hand; the
# property test in tests/cleaning/test_speedups.py holds them to it): a Han core,
# or, case-folded, "reserved" / "copyright" / "advice".
_DISCLAIMER_CORES = re.compile(
    "声明|版权|转载|仅代表|只代表|不代表|仅供参考|不构成|侵权|请第一时间联系我们|©|著作权|删除"
    "|不承担|不负责|不负任何|不负法律|风险自担|投资有风险|需谨慎|须谨慎"
    "|不作为|立场无关|存储服务|真实性|准确性|完整性|市场有风险"
)
_DISCLAIMER_ASCII = ("reserved", "copyright", "advice", "purposes only", "expressed", "necessarily")
_DISCLAIMER_WORDS = re.compile("|".join(_DISCLAIMER_ASCII))


def maybe_disclaimer(text: str) -> bool:
    """False only if DISCLAIMER cannot match anywhere in ``text``."""
    if _DISCLAIMER_CORES.search(text):
        return True
    return _holds_word(_fold(text), _DISCLAIMER_ASCII)


# Every CHROME_BITS match holds a Han core, starts the text with '#' or with a digit
# (then a clock time follows, with its ':'), or holds one of _CHROME_ASCII (none of their
# letters has a caseless twin besides its upper case, so str.lower() is enough).
_CHROME_BITS_CORES = re.compile(
    "评论|人气|阅读|浏览|点击量|点击数|点击次数|播放量|播放数|播放次数|次播放|看过|已读|赞"
    "|发布时间|发布日期|发表时间|发表日期|更新时间|更新日期|编辑|作者|出处|来源"
)


def _opens_chrome_bits(text: str) -> bool:
    """The CHROME_BITS branches anchored at the start could match (re's \\d is
    str.isdecimal())."""
    return text[:1] == "#" or (text[:1].isdecimal() and ":" in text)


def maybe_chrome_bits(text: str) -> bool:
    """False only if CHROME_BITS cannot match anywhere in ``text``."""
    if _CHROME_BITS_CORES.search(text):
        return True
    if _opens_chrome_bits(text):
        return True
    return _holds_word(text.lower(), _CHROME_ASCII)


# Every CREDIT match ends its keyword in one of 源片影摄图 before a colon, or holds
# (case-folded) image / photo / picture / credit / source: "mage", "cture" and
# "redit" leave out the i that re.I also matches as İ or ı; "ource" the s (ſ).
_CREDIT_HAN = re.compile(r"[源片影摄图]\s*[:：]")
_CREDIT_WORDS = re.compile("mage|photo|cture|redit|ource")


def credit_match(text: str) -> re.Match[str] | None:
    """``CREDIT.match(text)``, skipped when no credit keyword can be in the line.

    Each pre-check is asked only where its match can be: _CREDIT_HAN's holds a colon,
    and each of _CREDIT_WORDS an "e" or an "o", which the fold makes of nothing but
    "e", "E", "o" and "O" (a few ``in`` tests cost less than the scan and the fold,
    and most lines hold neither)."""
    if ("：" in text or ":" in text) and _CREDIT_HAN.search(text):
        return CREDIT.match(text)
    if ("e" in text or "o" in text or "E" in text or "O" in text) and _CREDIT_WORDS.search(
        _fold(text)
    ):
        return CREDIT.match(text)
    return None


# --- the pre-checks for every block of a document at once ------------------------
_NEWLINE = re.compile("\n")


def _newlines(text: str) -> list[int]:
    return [m.start() for m in _NEWLINE.finditer(text)]


# ASCII words a CHROME_BITS match may hold instead of a Han core (folded text).
_CHROME_ASCII = ("http", "www.", "views", "reads", "comments", "likes", "shares", " read")
_WEB = re.compile("|".join(re.escape(w) for w in _CHROME_ASCII))
# Every ASCII word any pre-check looks for, for one scan of the folded document.
_ANY_WORD = re.compile(
    "|".join(
        p.pattern for p in (_GAMBLING_WORDS, _CRYPTO_WORDS, _DISCLAIMER_WORDS, _SPAM_WORDS, _WEB)
    )
)


# Every Han word of a summary label (signals.SUMMARY_LABEL) holds one of these.
_SUMMARY_CORES = re.compile("摘要|导读|导语|提要|简要描述|简介")

# Every core of the word lists above (Han, or SPAM's letter before Han: "v在线"), the
# spinner's words and the summary labels' for one scan of the whole document (see
# Lines._listed).
_CORE_LISTS = {
    "gambling": _GAMBLING_CORES,
    "spam": _SPAM_CORES,
    "crypto": _CRYPTO_CORES,
    "disclaimer": _DISCLAIMER_CORES,
    "chrome_bits": _CHROME_BITS_CORES,
    "spun": SPUN,
    "summary": _SUMMARY_CORES,
}


def _core_index(
    lists: dict[str, re.Pattern[str]],
) -> tuple[re.Pattern[str], dict[str, frozenset[str]], frozenset[str]]:
    """One alternation of every word (longest first); for each word, the lists its match
    proves a match of (its own, and those of every word it starts with: at one position
    the longest word is the one reported); and the words inside which a word of another
    list may start, whose match may hide that word's (their lines are searched again)."""
    lists_of: dict[str, set[str]] = {}
    for name, pattern in lists.items():
        for word in pattern.pattern.split("|"):
            if not word or re.escape(word) != word:
                raise ValueError(f"not a plain literal: {word!r}")
            lists_of.setdefault(word, set()).add(name)
    words = sorted(lists_of, key=lambda w: (-len(w), w))
    proves = {
        w: frozenset(name for v in words if w.startswith(v) for name in lists_of[v])
        for w in words
    }
    hides = frozenset(
        w
        for w in words
        for k in range(1, len(w))
        for v in words
        if (v.startswith(w[k:]) or w[k:].startswith(v)) and not lists_of[v] <= proves[w]
    )
    return re.compile("|".join(words)), proves, hides


_ANY_CORE, _PROVES, _HIDES = _core_index(_CORE_LISTS)


class WordScan(NamedTuple):
    """An alternation of literal words and, for word_matches, which code
    points open a word (a table, its last entry False for every higher code point), the
    words' first two characters packed in one int (sorted), and which code points are
    one-character words (a table like the first: a lookup, not np.isin's sort)."""

    pattern: re.Pattern[str]
    first: np.ndarray
    pairs: np.ndarray
    singles: np.ndarray
    # For word_spans: the words that can match where a key of ``pairs`` stands (or, by
    # its first code point, a one-character word), in the alternation's order.
    words_at: dict[int, tuple[str, ...]]
    # For word_spans, ``pairs`` as a table: each code point's rank among the pairs' first
    # characters and among their second (1 up, 0: none; the last entry 0 for every higher
    # code point), and whether the pair of ranks (first * ``seconds`` + second) is a key.
    first_rank: np.ndarray
    second_rank: np.ndarray
    seconds: int
    paired: np.ndarray


def word_scan(pattern: re.Pattern[str]) -> WordScan:
    """``pattern``: words joined by "|", each one plain character or opening with two
    (word_matches reads where they can start off those)."""
    words = pattern.pattern.split("|")
    first = np.zeros(max(ord(w[0]) for w in words) + 2, dtype=bool)
    first[[ord(w[0]) for w in words]] = True
    pairs = sorted({ord(w[0]) << 21 | ord(w[1]) for w in words if len(w) > 1})
    singles = np.zeros_like(first)
    singles[[ord(w) for w in words if len(w) == 1]] = True
    plain = [re.sub(r"\\(.)", r"\1", w) for w in words]  # "payday\ loan": "payday loan"
    assert all(re.fullmatch(w, p) for w, p in zip(words, plain, strict=True))
    words_at: dict[int, tuple[str, ...]] = {}
    for key in pairs:
        a, b = chr(key >> 21), chr(key & (1 << 21) - 1)
        words_at[key] = tuple(p for p in plain if p == a or p[:2] == a + b)
    for p in plain:
        if len(p) == 1:
            words_at.setdefault(ord(p), (p,))
    firsts = sorted({key >> 21 for key in pairs})
    seconds = sorted({key & (1 << 21) - 1 for key in pairs})
    first_rank = np.zeros(len(first), dtype=np.intp)  # (every pair's first opens a word)
    first_rank[firsts] = np.arange(1, len(firsts) + 1)
    second_rank = np.zeros(max(seconds, default=0) + 2, dtype=np.intp)
    second_rank[seconds] = np.arange(1, len(seconds) + 1)
    width = len(seconds) + 1
    paired = np.zeros((len(firsts) + 1) * width, dtype=bool)
    for key in pairs:
        paired[first_rank[key >> 21] * width + second_rank[key & (1 << 21) - 1]] = True
    return WordScan(
        pattern, first, np.array(pairs, dtype=np.int64), singles, words_at,
        first_rank, second_rank, width, paired,
    )


_ANY_SCAN = word_scan(_ANY_CORE)
_GAMBLING_SCAN = word_scan(_GAMBLING_CORES)
# _ANY_WORD's words open with two plain characters: found the same way in a folded
# document (re's scan tests every character against the words' first letters).
_ANY_WORD_SCAN = word_scan(_ANY_WORD)


def word_spans(text: str, scan: WordScan = _ANY_SCAN) -> Iterator[tuple[int, str]]:
    """(start, word) of each match of ``scan.pattern.finditer(text)``: numpy finds where
    a word's first two characters stand (or a one-character word), and each such place
    is read against the few words those allow (by str.startswith, in the alternation's
    order) instead of by the regex, which tries its every word there."""
    codes = code_points(text)
    at = np.flatnonzero(scan.first.take(codes, mode="clip"))
    first = codes.take(at)
    # The character after each (the last reads itself): whether the two are a key of
    # ``pairs``, read off the scan's tables (a binary search per place costs more).
    second = codes.take(np.minimum(at + 1, len(codes) - 1))
    ranks = scan.first_rank.take(first) * scan.seconds
    paired = scan.paired.take(ranks + scan.second_rank.take(second, mode="clip"))
    opens = np.flatnonzero(paired | scan.singles.take(first))
    first, second, paired = (a.take(opens) for a in (first, second, paired))
    # A pair's words, or (no word opens with the pair) the one-character word.
    first = first.astype(np.int64)
    keys = np.where(paired, first << 21 | second, first).tolist()
    words_at = scan.words_at
    end = 0
    for start, k in zip(at.take(opens).tolist(), keys, strict=True):
        if start >= end:
            for word in words_at[k]:
                if text.startswith(word, start):
                    yield start, word
                    end = start + len(word)
                    break


def word_matches(text: str, scan: WordScan = _ANY_SCAN) -> Iterator[re.Match[str]]:
    """``scan.pattern.finditer(text)``. re tries its hundred-odd words at every character
    that opens one, some 20 ns a character of Chinese text; here numpy finds where a
    word's first two characters stand (or a one-character word), and re matches only
    at the words word_spans finds there: a word cannot match anywhere else, and every
    word is a non-empty literal."""
    for start, _ in word_spans(text, scan):
        m = scan.pattern.match(text, start)
        assert m is not None
        yield m


def holding(texts: list[str], needles: Iterable[str], joined: str | None = None) -> list[int]:
    """The texts (their indices, in order) holding any of ``needles`` (none holding a
    newline): one search of the texts joined by newlines (``joined``, if the caller has
    it) per needle and text holding it, where testing each text for each needle is a call
    each. A text holding a needle is skipped past once found."""
    if joined is None:
        joined = "\n".join(texts)
    found: set[int] = set()
    starts: list[int] | None = None
    for needle in needles:
        at = joined.find(needle)
        if at < 0:
            continue
        if starts is None:
            starts = list(accumulate((len(t) + 1 for t in texts), initial=0))
        while at >= 0:
            k = bisect_right(starts, at) - 1
            found.add(k)
            at = joined.find(needle, starts[k + 1])
    return sorted(found)


class Lines:
    """Which blocks of a document pass a pre-check, from one scan of the whole document.

    The blocks are joined by newlines, and every pattern used here matches
    within one line: a block passes exactly when a match starts on its line.
    That replaces a regex call per block with one per document.
    """

    __slots__ = ("_breaks", "_cores", "_folded", "_lines", "_texts", "_worded", "text")

    def __init__(self, texts: list[str], folded: str | None = None) -> None:
        """``folded``: ``_fold_document`` of the joined text, when the caller has it."""
        self._texts = texts
        self.text = "\n".join(texts)
        # Where each newline is: after each block, unless blocks hold newlines themselves.
        self._breaks = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=-1))[1:]
        self._lines: list[int] | None = None  # line number -> block number
        if self.text.count("\n") != len(self._breaks):
            self._breaks = _newlines(self.text)
            self._lines = [i for i, t in enumerate(texts) for _ in range(t.count("\n") + 1)]
        self._folded: tuple[str, list[int]] | None = None
        if folded is not None:  # a fold that keeps every offset (fold_by_character)
            self._folded = (folded, self._breaks)
        self._worded: set[int] | None = None  # blocks holding any of _ANY_WORD, folded
        self._cores: dict[str, set[int]] | None = None  # see _listed

    def matching(self, pattern: re.Pattern[str], *, folded: bool = False) -> set[int]:
        """Blocks in which ``pattern`` (which must not match a newline) matches.

        ``folded``: search ``_fold()`` of the text instead (folding keeps the lines).
        """
        text, breaks = self._fold() if folded else (self.text, self._breaks)
        found = {bisect_right(breaks, m.start()) for m in pattern.finditer(text)}
        if self._lines is not None:
            found = {self._lines[k] for k in found}
        return found

    def grouped(self, *patterns: re.Pattern[str]) -> dict[int, list[str]]:
        """``pattern.findall`` of each block holding a match (blocks without one are left
        out), from one scan of the whole text. ``pattern`` matches within a line, has no
        groups, and its look-arounds read a newline as they read a block's edge. Several
        patterns stand for the alternation of them, where no two matches can overlap
        (their matches are taken in text order)."""
        found: dict[int, list[str]] = {}
        breaks = self._breaks
        matches: Iterable[re.Match[str]] = (
            patterns[0].finditer(self.text)
            if len(patterns) == 1
            else sorted(chain.from_iterable(p.finditer(self.text) for p in patterns),
                        key=re.Match.start)
        )
        for m in matches:
            k = bisect_right(breaks, m.start())
            if self._lines is not None:
                k = self._lines[k]
            found.setdefault(k, []).append(m.group())
        return found

    @property
    def folded(self) -> str:
        """``_fold()`` of the whole text."""
        return self._fold()[0]

    def _fold(self) -> tuple[str, list[int]]:
        if self._folded is None:
            folded = _fold_document(self.text)
            # Only İ (lower-cased to two characters) and U+0307 (dropped) move offsets.
            same = "\u0130" not in self.text and "\u0307" not in self.text
            self._folded = (folded, self._breaks if same else _newlines(folded))
        return self._folded

    def _words(self, pattern: re.Pattern[str]) -> set[int]:
        """``matching(pattern, folded=True)`` for a part of _ANY_WORD: one scan for all
        parts finds the few blocks holding any of them; each part searches only those.

        (In the one scan a match of one part may hide a match of another inside
        it, but only inside the same line, which is then searched anyway.)
        """
        if self._worded is None:  # matching(_ANY_WORD, folded=True)
            text, breaks = self._fold()
            found = {bisect_right(breaks, start) for start, _ in word_spans(text, _ANY_WORD_SCAN)}
            self._worded = found if self._lines is None else {self._lines[k] for k in found}
        return {i for i in self._worded if pattern.search(_fold(self._texts[i]))}

    def _listed(self) -> dict[str, set[int]]:
        """For each of _CORE_LISTS, the blocks where it matches: ``matching()`` of each,
        from one scan of the document for all of them."""
        if self._cores is None:
            found: dict[str, set[int]] = {name: set() for name in _CORE_LISTS}
            again: set[int] = set()
            for start, word in word_spans(self.text):
                k = bisect_right(self._breaks, start)
                if self._lines is not None:
                    k = self._lines[k]
                for name in _PROVES[word]:
                    found[name].add(k)
                if word in _HIDES:
                    again.add(k)
            for k in again:
                for name, pattern in _CORE_LISTS.items():
                    if k not in found[name] and pattern.search(self._texts[k]):
                        found[name].add(k)
            self._cores = found
        return self._cores

    def gambling(self) -> set[int]:
        """Blocks where ``maybe_gambling`` is true."""
        return self._listed()["gambling"] | self._words(_GAMBLING_WORDS)

    def spam(self) -> set[int]:
        """Blocks where ``maybe_spam`` is true."""
        return self._listed()["spam"] | self._words(_SPAM_WORDS)

    def crypto(self) -> set[int]:
        """Blocks where ``maybe_crypto`` is true."""
        return self._listed()["crypto"] | self._words(_CRYPTO_WORDS)

    def disclaimer(self) -> set[int]:
        """Blocks where ``maybe_disclaimer`` is true."""
        return self._listed()["disclaimer"] | self._words(_DISCLAIMER_WORDS)

    def spun(self) -> set[int]:
        """Blocks where SPUN matches."""
        return set(self._listed()["spun"])

    def summary(self) -> set[int]:
        """Blocks holding a Han word of a summary label (_SUMMARY_CORES)."""
        return set(self._listed()["summary"])

    def chrome_bits(self, opens: set[int] | None = None) -> set[int]:
        """Blocks where ``maybe_chrome_bits`` is true (and perhaps a few more). ``opens``:
        the blocks for which ``_opens_chrome_bits`` is true, when the caller knows them."""
        # Folding only adds matches ("h\u0307ttp"): a pre-check may say yes too often.
        if opens is None:
            opens = {i for i, t in enumerate(self._texts) if _opens_chrome_bits(t)}
        return self._listed()["chrome_bits"] | opens | self._words(_WEB)
