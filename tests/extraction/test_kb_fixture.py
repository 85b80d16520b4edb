from __future__ import annotations

import json
from collections import defaultdict

from extraction import Discoverer, extract
from extraction.kb import KINDS, SHIPPED_KBS, KBEntity
from extraction.matcher import Matcher
from extraction.normalise import normalise_text

REQUIRED_FIELDS = {
    "key", "kind", "name", "name_en", "aliases", "description", "parent", "maker",
    "wikidata", "website",
}


def test_at_least_400_entities_with_unique_keys(kb: list[KBEntity]) -> None:
    assert len(kb) >= 400
    assert len({entity.key for entity in kb}) == len(kb)


def test_every_record_has_the_documented_fields() -> None:
    records = [r for path in SHIPPED_KBS for r in json.loads(path.read_text(encoding="utf-8"))]
    for record in records:
        assert set(record) == REQUIRED_FIELDS, record["key"]
        assert record["kind"] in KINDS
        assert record["name"] and record["description"]
        assert isinstance(record["aliases"], list)
        if record["wikidata"]:
            assert record["wikidata"].startswith("Q") and record["wikidata"][1:].isdigit()
        if record["website"]:
            assert record["website"].startswith(("http://", "https://"))


def test_parents_and_makers_resolve(kb: list[KBEntity]) -> None:
    by_key = {entity.key: entity for entity in kb}
    for entity in kb:
        if entity.parent:
            assert entity.parent in by_key, entity.key
        if entity.maker:
            assert entity.maker in by_key, entity.key
            assert by_key[entity.maker].kind == "organisation", entity.key


def test_no_alias_belongs_to_two_entities(kb: list[KBEntity]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for entity in kb:
        for name in entity.names():
            owners[normalise_text(name)].add(entity.key)
    clashes = {name: keys for name, keys in owners.items() if len(keys) > 1}
    assert clashes == {}


def test_story_relations_are_recorded(kb: list[KBEntity]) -> None:
    by_key = {entity.key: entity for entity in kb}
    assert by_key["ernie-bot"].maker == "baidu"
    assert by_key["hunyuan"].maker == "tencent"
    assert by_key["tencent-ai-lab"].parent == "tencent"
    assert "面壁科技" in by_key["modelbest"].aliases
    assert {"Sam Altman", "奥特曼"} <= set(by_key["sam-altman"].names())


def test_no_crypto_names_from_the_injected_items(kb: list[KBEntity]) -> None:
    names = {normalise_text(name) for entity in kb for name in entity.names()}
    for crypto in ("THORChain", "Qitchain", "Riot Blockchain", "ChainUP", "0xScope",
                   "Multichain", "金色财经", "火币", "Filecoin"):
        assert normalise_text(crypto) not in names


def test_the_general_kb_knows_divisions_countries_bodies_media_and_series(kb) -> None:
    names = {normalise_text(name): entity for entity in kb for name in entity.names()}
    for name, kind in [("云南", "place"), ("昆明市", "place"), ("黑龙江省", "place"),
                       ("辽宁", "place"), ("延边", "place"), ("泰国", "place"),
                       ("Thailand", "place"), ("国家统计局", "organisation"),
                       ("新华社", "organisation"), ("高盛", "organisation"),
                       ("宝洁", "organisation"), ("耶鲁大学", "organisation"),
                       ("公安部", "organisation"), ("美国司法部", "organisation"),
                       ("骁龙", "product"), ("巴龙", "product")]:
        assert names[normalise_text(name)].kind == kind, name
    assert names[normalise_text("骁龙")].maker == "qualcomm"
    # An alias an existing entity owns is never handed to a generated one.
    assert names[normalise_text("阿里")].key == "alibaba"


def test_the_general_kb_knows_the_closed_classes_a_business_desk_names(kb) -> None:
    """Ministries and regulators, exchanges, banks, brokers, chip and EV makers, labs, media."""
    names = {normalise_text(name): entity for entity in kb for name in entity.names()}
    for name, kind in [("国家金融监管总局", "organisation"), ("中央金融委员会", "organisation"),
                       ("国台办", "organisation"), ("乘联会", "organisation"),
                       ("美国国家标准与技术研究院", "organisation"), ("日本经产省", "organisation"),
                       ("上期所", "organisation"), ("MSCI", "organisation"),
                       ("宁波银行", "organisation"), ("中信建投", "organisation"),
                       ("泰康保险", "organisation"), ("澜起科技", "organisation"),
                       ("新华三", "organisation"), ("宇树科技", "organisation"),
                       ("国轩高科", "organisation"), ("财联社", "organisation"),
                       ("弗若斯特沙利文", "organisation"), ("北京邮电大学", "organisation"),
                       ("曾毓群", "person"), ("梁文锋", "person"), ("潘功胜", "person"),
                       ("DeepSeek-R1", "product"), ("思元", "product"), ("上海车展", "event")]:
        assert names[normalise_text(name)].kind == kind, name
    assert names[normalise_text("可灵AI")].maker == "kuaishou"
    assert names[normalise_text("平头哥")].parent == "alibaba"
    assert names[normalise_text("智己汽车")].parent == names[normalise_text("上汽集团")].key


def test_ordinary_words_inside_sentences_are_not_taken_for_new_names(matcher: Matcher) -> None:
    """Short brand forms that sit across common word pairs (强生 of 加强生态, 方太 of 对方太)
    are in the KB, but link only where LAC's words agree (evidence.short_alias_stands)."""
    discoverer = Discoverer.load(None)
    for sentence in ["各地加强生态环境保护，努力拓宽就业渠道。", "大家追忆总理光辉的一生。",
                     "智能网联汽车的密集度在提高合格率之后上升。", "他是村里致富的拦路虎。",
                     "上海银行间同业拆放利率小幅回落，对方太强硬。", "参观火星展览的人很多。",
                     "旅韩华侨代表出席，曼联影响不大。", "他长得很标致，步步高升。"]:
        assert [m.surface for m in extract([(0, sentence)], matcher, discoverer)
                if m.known and m.kind != "place"] == [], sentence
    found = {m.surface: m.entity_key for m in matcher.find("中国银联与星展银行、强生公司签约。")}
    assert set(found) == {"中国银联", "星展银行", "强生公司"}
