"""The checker's shortcuts must never change an answer, only skip work."""

import re
import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from articles.cleaning.lexicon import (
    CHROME_BITS,
    CREDIT,
    CRYPTO,
    DISCLAIMER,
    GAMBLING,
    credit_match,
    maybe_chrome_bits,
    maybe_crypto,
    maybe_disclaimer,
    maybe_gambling,
)
from articles.cleaning.memory import fingerprints, normalise
from articles.cleaning.signals import terms

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


def reference_fingerprint(text: str) -> int:
    """The fingerprint as first written: one hash at a time, one bit at a time."""
    norm = normalise(text)
    if not norm:
        return 0
    if len(norm) <= 3:
        pieces = {norm.encode("utf-8", "surrogatepass")}
    else:
        pieces = {norm[i : i + 3].encode("utf-8", "surrogatepass") for i in range(len(norm) - 2)}
    hashes = sorted(zlib.crc32(p) | (zlib.crc32(p, 0x9E3779B9) << 32) for p in pieces)[:256]
    value = 0
    for bit in range(64):
        if sum((h >> bit) & 1 for h in hashes) * 2 > len(hashes):
            value |= 1 << bit
    return value - (1 << 64) if value >= 1 << 63 else value


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="ab中文字😀é\u0301 ,.", max_size=600), max_size=12))
def test_fingerprints_match_reference(texts: list[str]) -> None:
    assert fingerprints(texts) == [reference_fingerprint(t) for t in texts]


def test_fingerprints_edge_counts() -> None:
    # 254 / 255 / 256+ distinct shingles straddle the batched vote and the sketch path.
    texts = ["".join(chr(0x4E00 + i) for i in range(n + 2)) for n in (1, 2, 253, 254, 255, 300)]
    texts += ["a" * 5000, "", "  ", "ab"]
    assert fingerprints(texts) == [reference_fingerprint(t) for t in texts]
    known = {t: normalise(t) for t in texts}
    assert fingerprints(texts, known) == fingerprints(texts)
