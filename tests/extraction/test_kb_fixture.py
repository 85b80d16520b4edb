from __future__ import annotations

import json
from collections import defaultdict

from extraction.kb import KINDS, STARTER_KB, KBEntity
from extraction.normalise import normalise_text

REQUIRED_FIELDS = {
    "key", "kind", "name", "name_en", "aliases", "description", "parent", "maker",
    "wikidata", "website",
}


def test_at_least_400_entities_with_unique_keys(kb: list[KBEntity]) -> None:
    assert len(kb) >= 400
    assert len({entity.key for entity in kb}) == len(kb)


def test_every_record_has_the_documented_fields() -> None:
    for record in json.loads(STARTER_KB.read_text(encoding="utf-8")):
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
