from __future__ import annotations

import json
from collections import defaultdict

from extraction.kb import KINDS, SHIPPED_KBS, KBEntity
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
