"""Generate ``extraction/data/general_kb.json``: general knowledge beyond the starter KB.

    .venv/bin/pip install -e ".[kbdata]"     # cpca and pycountry, only to regenerate
    .venv/bin/python tools/build_general_kb.py

Sources (none of them is the news pool, the blind set or the contamination pages):

- Chinese provinces, municipalities, autonomous regions, SARs and prefecture-level
  divisions: ``resources/adcodes.csv`` shipped inside the PyPI package ``cpca``
  0.5.5 (MIT licence; administrative codes and names are public facts).
- Countries: ``pycountry`` (LGPL-2.1; its ISO 3166-1 data and the zh_CN
  translations come from Debian's iso-codes). Only names are taken; where the
  translation is a long official form, a common short name written by hand
  (``SHORT_NAMES``) becomes the canonical name and the translation an alias.
- Companies, government bodies, international organisations, media, research
  firms, universities, well-known people, product series, events, US states,
  world cities and regions: ``tools/general_kb_curated.txt``, written by hand
  from general knowledge. Its classes are meant to be complete or nearly so for
  what a Chinese tech/business desk names (State Council bodies and industry
  associations; major foreign regulators and central banks; exchanges; banks,
  brokers, fund houses, insurers and investors; chip, device, internet, EV,
  battery and AI companies; their series and leaders; media and research firms),
  so that recall on unseen news does not hang on names a data set happened to show.
  A short form is left out when it is an ordinary word (国君, 长存); one that
  straddles a common word pair (``强生`` in 加强生态, ``力拓`` in 努力拓宽) is kept, since
  ``evidence.short_alias_stands`` links a two-character short form only where LAC's
  words agree with it.

Rules that keep matching precise: an entity whose name the starter KB already
has is skipped (the starter entry wins), an alias that another entity already
owns is dropped (first owner keeps it; provinces come before prefectures), and
short forms that are ordinary words (``朝阳``, ``白银``) are not added.
"""

from __future__ import annotations

import csv
import gettext
import importlib.util
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extraction.kb import GENERAL_KB, STARTER_KB, load_kb  # noqa: E402
from extraction.normalise import normalise_text  # noqa: E402

CURATED = Path(__file__).resolve().parent / "general_kb_curated.txt"

# Common Chinese short names where the zh_CN translation is an official long form.
SHORT_NAMES = {
    "KR": "韩国", "KP": "朝鲜", "RU": "俄罗斯", "IR": "伊朗", "SY": "叙利亚", "VN": "越南",
    "LA": "老挝", "TW": "台湾", "HK": "香港", "MO": "澳门", "GB": "英国", "US": "美国",
    "CZ": "捷克", "MD": "摩尔多瓦", "BO": "玻利维亚", "VE": "委内瑞拉", "TZ": "坦桑尼亚",
    "CD": "刚果（金）", "CG": "刚果（布）", "MK": "北马其顿", "PS": "巴勒斯坦",
    "FM": "密克罗尼西亚", "VA": "梵蒂冈", "BN": "文莱", "CV": "佛得角", "SZ": "斯威士兰",
    "TR": "土耳其", "NL": "荷兰", "AE": "阿联酋", "LY": "利比亚", "CI": "科特迪瓦",
    "TL": "东帝汶", "KN": "圣基茨和尼维斯", "VC": "圣文森特和格林纳丁斯",
}
# English names that are also everyday words or first names: not used as aliases.
ENGLISH_SKIP = {"Chad", "Jordan", "Georgia", "Niger", "Guinea", "Turkey", "Togo", "Mali",
                "Oman", "Peru", "Cuba", "Fiji", "Iran", "Iraq", "Laos", "Chile"}
# Short forms of divisions that are ordinary words or other names.
# (A prefecture whose short form is a province's, 吉林市 and 海南藏族自治州, keeps its full name.)
SHORT_DENY = {"朝阳", "白银", "中山", "兴安", "阿里", "来宾", "安康", "大庆", "日照", "三明",
              "长治", "大同", "四平", "中卫", "巴中", "普洱", "哈密", "山南", "开封", "玉树"}
# Country names that are also pieces of common words (沿海地区, 增加纳税): the English
# name is canonical and the Chinese one is left out.
COUNTRY_DENY = {"HT": "Haiti", "GH": "Ghana", "TG": "Togo", "ML": "Mali", "DM": "Dominica"}
_ETHNIC = ("朝鲜", "土家", "苗", "侗", "布依", "彝", "藏", "羌", "傣", "白", "哈尼", "壮",
           "景颇", "傈僳", "回", "蒙古", "哈萨克", "柯尔克孜", "维吾尔", "独龙", "怒", "普米")
_SUFFIXES = ("特别行政区", "自治区", "自治州", "地区", "省", "市", "盟")


def record(key: str, kind: str, name: str, name_en: str | None, aliases: list[str],
           description: str, parent: str | None = None, maker: str | None = None) -> dict:
    return {"key": key, "kind": kind, "name": name, "name_en": name_en,
            "aliases": aliases, "description": description, "parent": parent,
            "maker": maker, "wikidata": None, "website": None}


def short_form(name: str) -> str:
    """``云南省`` -> ``云南``; ``延边朝鲜族自治州`` -> ``延边``; ``宁夏回族自治区`` -> ``宁夏``."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            stem = name[: -len(suffix)]
            if suffix in ("自治区", "自治州"):
                stripped = True
                while stripped:
                    stripped = False
                    for ethnic in sorted(_ETHNIC, key=len, reverse=True):
                        # 维吾尔自治区, 蒙古自治州: some names drop the 族
                        for tail in (ethnic + "族", ethnic if len(ethnic) > 1 else None):
                            if tail and stem.endswith(tail) and len(stem) >= len(tail) + 2:
                                stem = stem[: -len(tail)]
                                stripped = True
                                break
                        if stripped:
                            break
                if stem.endswith("族"):
                    return name
            return stem
    return name


def divisions() -> list[dict]:
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("cpca is not installed: pip install -e '.[kbdata]'")
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    provinces = {r["adcode"][:2]: r["name"] for r in rows if r["adcode"][2:] == "0" * 10}
    province_shorts = {short_form(name) for name in provinces.values()}
    out: list[dict] = []
    for row in sorted(rows, key=lambda r: r["adcode"]):
        code, name = row["adcode"], row["name"]
        short = short_form(name)
        if code[2:] == "0" * 10:
            level = "中国省级行政区"
        elif code[4:] == "0" * 8 and "直辖" not in name and name not in ("市辖区", "县"):
            level = f"中国地级行政区，属{provinces.get(code[:2], '')}"
            if short in SHORT_DENY or short in province_shorts:
                short = name
        else:
            continue
        canonical = short
        aliases = [name] if canonical != name else []
        out.append(record(f"cn-{code[:6]}", "place", canonical, None, aliases,
                          f"{level}（{name}）。"))
    return out


def countries() -> list[dict]:
    import pycountry

    zh = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    out: list[dict] = []
    for country in pycountry.countries:
        translated = zh.gettext(country.name)
        if translated == country.name:
            continue
        canonical = SHORT_NAMES.get(country.alpha_2, translated)
        if country.alpha_2 in COUNTRY_DENY:
            canonical, translated = COUNTRY_DENY[country.alpha_2], None
        aliases = []
        for name in (translated, getattr(country, "common_name", None), country.name):
            if name and name != canonical and name not in ENGLISH_SKIP and name not in aliases:
                aliases.append(name)
        out.append(record(f"country-{country.alpha_3.lower()}", "place", canonical,
                          getattr(country, "common_name", None) or country.name, aliases,
                          "国家或地区（ISO 3166-1 " + country.alpha_3 + "）。"))
    return out


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def curated() -> list[dict]:
    out: list[dict] = []
    kind, description = "", ""
    keys: set[str] = set()
    for number, line in enumerate(CURATED.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or (line.startswith("#") and not line.startswith("##")):
            continue
        if line.startswith("## "):
            kind, _, description = (part.strip() for part in line[3:].partition("|"))
            continue
        fields = line.split("|")
        if len(fields) < 3:
            raise SystemExit(f"{CURATED.name}:{number}: want name|name_en|aliases[|link]")
        name, name_en, aliases = fields[0].strip(), fields[1].strip() or None, fields[2]
        link = fields[3].strip() if len(fields) > 3 else ""
        key = "g-" + (slug(name_en) if name_en and slug(name_en) else str(number))
        while key in keys:
            key += "-x"
        keys.add(key)
        parent = link[1:] if link.startswith("^") else None
        maker = link if link and not link.startswith("^") else None
        alias_list = [a.strip() for a in aliases.split(";") if a.strip()]
        if name_en and name_en != name and name_en not in alias_list:
            alias_list.insert(0, name_en)
        out.append(record(key, kind, name, name_en, alias_list, description + "。",
                          parent, maker))
    return out


def build() -> list[dict]:
    starter = load_kb(STARTER_KB)
    owners: dict[str, str] = {}
    for entity in starter:
        for name in entity.names():
            owners.setdefault(normalise_text(name), entity.key)
    keys = {entity.key for entity in starter}
    kept: list[dict] = []
    skipped = 0
    for item in curated() + divisions() + countries():
        if normalise_text(item["name"]) in owners or item["key"] in keys:
            skipped += 1
            continue
        names = []
        for alias in item["aliases"]:
            norm = normalise_text(alias)
            if norm not in owners and alias != item["name"]:
                names.append(alias)
        item["aliases"] = names
        if item["name_en"] and normalise_text(item["name_en"]) in owners:
            item["name_en"] = None
        for name in [item["name"], item["name_en"], *names]:
            if name:
                owners.setdefault(normalise_text(name), item["key"])
        keys.add(item["key"])
        kept.append(item)
    known = keys
    for item in kept:
        for field in ("maker", "parent"):
            if item[field] and item[field] not in known:
                raise SystemExit(f"{item['key']}: unknown {field} {item[field]!r}")
    print(f"{len(kept)} entities written, {skipped} skipped (the starter KB has them)")
    return kept


def main() -> int:
    entities = build()
    GENERAL_KB.write_text(json.dumps(entities, ensure_ascii=False, indent=1) + "\n",
                          encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
