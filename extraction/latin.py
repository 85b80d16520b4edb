"""Latin-script words in Chinese news that name no one.

Chinese news writes many things in Latin letters: names (IBM, Tinder, Jay Chen), but
also titles (CEO), terms of business and technology (IPO, 5G, DDR5), file formats
(MP4), measurements (4K, 5nm, 120Hz), versions (V2.0) and English words (Copyright,
Senior Vice President, Smart City). These lists are general knowledge of the language of
the beat, each stated once; :func:`latin_term_reason` says which of them a word is.
Pure Python, no imports from the rest of the package (the discoverer, the junk filter and
the product grammar all ask it).
"""

from __future__ import annotations

import re

__all__ = [
    "BEAT_ACRONYMS", "BEAT_WORDS", "ENGLISH_WORDS", "LATIN_TERMS", "TITLES", "latin_term_reason",
]



def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The beat's generic acronyms and terms, never names in themselves (the junk filter's
# common words).
BEAT_ACRONYMS: frozenset[str] = frozenset({
    "ai", "aigc", "api", "gpu", "cpu", "npu", "tpu", "ceo", "cto", "coo", "cfo", "ipo",
    "pc", "cad", "cae", "pcie", "tob", "to b", "toc", "saas", "app", "llm", "gpt", "ip",
    "btc", "eth", "nft", "web3", "ar", "vr", "xr", "5g", "4g", "iot", "it", "ui", "ok",
    "p2p", "o2o", "b2b", "b2c", "c2c", "iaas", "paas", "oled", "lcd", "arpu", "gaap",
    "oem", "odm", "suv", "mpv", "lbs", "sdk", "kpi", "gmv", "esg", "etf",
})
# Latin-script words Chinese news writes for common things, never for one company, person
# or product: general knowledge of the language of the beat, grouped by what they are.
# Titles and functions (首席执行官 ...), business and finance terms and ratios.
_BUSINESS_TERMS = frozenset({
    "ceo", "cfo", "cto", "coo", "cmo", "cio", "cso", "cpo", "vp", "svp", "evp", "hr", "pr",
    "r&d", "m&a", "vc", "lp", "gp", "aum", "nav", "roe", "roa", "roi", "eps", "pe", "pb",
    "ebitda", "ebit", "yoy", "qoq", "cagr", "arr", "mrr", "ltv", "cac", "dau", "mau",
    "sku", "b2g", "d2c", "c2m", "tob", "toc", "gdp", "cpi", "ppi", "pmi", "fdi", "otc",
    "reit", "reits", "kyc", "aml", "csr", "sme", "smb", "spac", "ico", "vie",
    "ppp", "kol", "koc", "mcn", "ugc", "pgc", "ogc", "vip", "diy", "faq", "q&a",
    "ok", "cbd", "icp", "okr",
})
# Technologies, standards and parts (5G, 蓝牙, 内存 ...): also with a version (DDR5).
_TECH_TERMS = frozenset({
    "agi", "nlp", "soc", "asic", "fpga", "dram", "sram", "nand", "ssd", "hdd",
    "ram", "rom", "emmc", "ufs", "ddr", "lpddr", "gddr", "hbm", "pcb", "led", "amoled",
    "microled", "miniled", "cmos", "eda", "lte", "volte", "nfc", "gps", "wifi",
    "wi-fi", "wlan", "usb", "usb-c", "hdmi", "pcie", "sata", "nvme", "ota", "adas",
    "v2x", "crm", "erp", "cdn", "dns", "vpn", "http", "https", "url", "ict", "hdr",
    "uhd", "fhd", "anc", "tws", "esim", "sms", "x86", "x64", "nb-iot", "uwb", "ip", "uhs",
    "ai pc", "ipv", "iot", "bluetooth", "sd", "microsd", "mpeg", "avc", "hevc", "aps-c",
    "chiplet", "moe", "rag", "rlhf", "sft", "lora",
})
# File formats, science and health, marks of conformity (CE认证, 3C认证).
_OTHER_TERMS = frozenset({
    "pdf", "jpeg", "jpg", "png", "gif", "raw", "mp3", "mp4", "mov", "avi", "mkv", "wav",
    "flac", "txt", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "zip", "rar", "apk",
    "exe", "html", "css", "xml", "json", "csv",
    "pm2.5", "pm10", "aqi", "co2", "h2o", "so2", "no2", "nox", "ch4", "nh3", "dna", "rna",
    "mrna", "pcr", "mri", "icu", "hiv", "hpv", "pd-1", "pd-l1", "car-t", "her2", "egfr",
    "adc", "glp-1", "covid", "covid-19", "sars", "mers", "aiot", "usd", "rmb", "cny",
    "hkd", "eur", "jpy", "gbp", "gmt", "utc", "type-c",
    "ce", "3c", "rohs", "hd", "3d", "2d", "qr", "tv", "os", "ux", "sim", "www",
})
# Genres of games (RPG游戏, MMORPG, MOBA): kinds of game, as a technology is a kind of
# product.
_GAME_GENRES = frozenset({"rpg", "arpg", "mmorpg", "mmo", "moba", "rts", "slg", "fps"})
LATIN_TERMS: frozenset[str] = (BEAT_ACRONYMS | _BUSINESS_TERMS | _TECH_TERMS | _OTHER_TERMS
                               | _GAME_GENRES)
# Units written after a number (4K, 120Hz, 5nm, 12GB, 5000mAh): a measurement. One
# letter alone is a unit only for resolutions and generations (4K, 720P, 6G): 3M and 2B
# are as often names and grades.
_UNIT = (r"(?:k|p|g|hz|khz|mhz|ghz|nm|um|mm|cm|km|km/h|kg|mg|kb|mb|gb|tb|pb|bps|kbps|"
         r"mbps|gbps|mah|ah|wh|kwh|kw|mw|mv|ma|fps|mp|min|ms|ml|db|dpi|ppi|"
         r"tops|tflops|flops)")
_MEASUREMENT = re.compile(rf"^\d+(?:\.\d+)?\s?{_UNIT}$", re.IGNORECASE)
# A technology with its version or class (DDR5, HDR10, Wi-Fi 6, PCIe 5.0, IP68); other
# terms with a number are as often models (EV6, CT5 are cars).
_VERSIONED = re.compile(r"^(?P<stem>[a-z][a-z&\-]*?)[\s\-]?\d+(?:\.\d+)*[a-z+]?$")
_VERSION = re.compile(r"^v\d+(?:\.\d+)+$", re.IGNORECASE)  # V2.0, v1.5.3
# Fiscal years and ranks (FY2024, TOP10, No.1).
_PERIOD_OR_RANK = re.compile(r"^(?:FY ?\d{2,4}|top ?\d{1,3}|no\. ?\d{1,3})$", re.IGNORECASE)
# Numbered lots, rooms and ranges (Q01-05, A3-12, 40-50): numbers either side of a dash.
_NUMBERED_RANGE = re.compile(r"^[A-Za-z]{0,2}\d+[\-－~]\d+$")
# English words that never name anyone on their own: function words, titles, the
# calendar and the chrome of web pages (Senior Vice President, Head of Product,
# Copyright, Thursday). A run of nothing but these is a phrase or a title, no name.
# Words that are also names (May, Page, Will, Home, Next) are left out.
ENGLISH_WORDS: frozenset[str] = _words(
    """a an the of in on at to for and or with by from as is are was were be been this that
    these those it its we you they he she his her our your their not no yes all any new more
    most very also just only about into over under than then so but if when how what who why
    which where there here out off must should would could do does did has have had per via
    vs president vice senior chief executive officer director manager head founder
    co-founder cofounder chairman chairwoman partner analyst engineer editor reporter
    principal general deputy assistant associate staff member operating financial
    technology technical marketing sales research copyright powered rights reserved contact
    about online message privacy policy terms login menu click
    january february march april june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
    version edition class level type grade phase step part chapter section number top"""
)
# Common English words of the beat: two or more of them (with the terms above) are a
# phrase (Smart City, Cloud Native, AI Agent, Demo Day), one alone may be a brand (Edge).
BEAT_WORDS: frozenset[str] = _words(
    """agent agents artificial intelligence big data cloud computing native smart city home
    digital deep learning machine edge network networks security platform service services
    solution solutions system systems internet things life world global future vision first
    day open demo lab labs center centre innovation industry industrial economy finance
    business enterprise mobile online offline social media content model models language
    large generative autonomous driving vehicle vehicles electric energy green new power
    quantum chip chips software hardware app apps store shop mall pay payment news video
    association"""
)
_LATIN_PIECE = re.compile(r"[A-Za-z][A-Za-z0-9&.+\-]*|\d[\d.]*[A-Za-z]*")


def latin_term_reason(word: str) -> str:
    """Why a Latin-script word is no name ("" when it may be one): a common acronym or
    term (CEO, MP4, NFC), a measurement (4K, 5nm), a term with its version (DDR5, Wi-Fi 6,
    V2.0), or English words that are no name on their own (Senior Vice President)."""
    text = word.strip()
    low = text.lower()
    if low in LATIN_TERMS:
        return "generic word"
    if _MEASUREMENT.match(text):
        return "measurement"
    if _VERSION.match(text):
        return "version"
    if _PERIOD_OR_RANK.match(text):
        return "period or rank"
    if _NUMBERED_RANGE.match(text):
        return "number range"
    versioned = _VERSIONED.match(low)
    if versioned and versioned.group("stem") in _TECH_TERMS | BEAT_ACRONYMS:
        return "generic word"
    pieces = _LATIN_PIECE.findall(text)
    if not pieces or "".join(pieces) != "".join(text.split()) or all(
        piece.isdigit() for piece in pieces
    ):
        return ""
    if all(piece.lower() in ENGLISH_WORDS or piece.isdigit() for piece in pieces):
        return "english words"
    if len(pieces) >= 2 and all(
        piece.lower() in ENGLISH_WORDS or piece.lower() in BEAT_WORDS
        or piece.lower() in LATIN_TERMS
        for piece in pieces
    ):
        return "english words"
    return ""


# Titles written before a person's name (CEO Jay Chen, Dr Lena Marsh): not part of it.
TITLES: frozenset[str] = _words(
    """ceo cfo cto coo cmo cio cso cpo vp svp evp md gm president chairman chairwoman founder
    co-founder cofounder director analyst dr mr mrs ms prof professor"""
)
# Last words of a company's or a body's English name (Lightspeed Venture Partners,
# Counterpoint Research, Sanford C. Bernstein & Co): the run names an organisation.
ORGANISATION_WORDS: frozenset[str] = _words(
    """inc corp corporation co ltd llc plc ag gmbh group holdings partners capital ventures
    labs technologies systems networks research securities bank fund media motors
    semiconductor semiconductors electronics studios entertainment pharmaceuticals
    therapeutics robotics airlines investments management associates foundation
    university institute agency commission association"""
)
