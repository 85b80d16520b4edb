"""Reading Wikidata files (hand-written fixtures in tests/fixtures/wikidata/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extraction.wikidata import KIND_OF_CLASS, WikidataError, parse_wikidata

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "wikidata"


def by_qid(records: list[dict]) -> dict[str, dict]:
    return {record["wikidata"]: record for record in records}


def test_a_dump_gives_names_kinds_and_aliases() -> None:
    result = parse_wikidata((FIXTURES / "dump.ndjson").read_bytes())
    records = by_qid(result.records)
    assert set(records) == {"Q95", "Q990000001", "Q990000002", "Q990000003", "Q990000005"}
    google = records["Q95"]
    assert (google["name"], google["name_en"], google["kind"]) == ("谷歌", "Google",
                                                                   "organisation")
    assert set(google["aliases"]) == {"Google LLC", "谷歌有限责任公司"}
    company = records["Q990000001"]
    assert company["name"] == "澄湖微电子" and "澄湖微電子" in company["aliases"]
    assert company["description"] == "测试用的芯片设计公司"
    assert records["Q990000002"]["kind"] == "person"
    # instance of a class that the file shows to be a subclass of system on a chip
    assert records["Q990000003"]["kind"] == "product"
    # Traditional-only label; a French label is not kept
    place = records["Q990000005"]
    assert (place["name"], place["name_en"], place["aliases"]) == ("澄湖科技園", None, [])
    assert result.skipped == ["Q990000004 (Some abstract idea): instance-of Q999999 has no kind"]


def test_control_characters_are_no_part_of_a_name() -> None:
    """A label holding NUL was an admin upload's 500 on PostgreSQL (text refuses it);
    a label that is not text at all was an AttributeError."""
    doc = {"type": "item", "id": "Q990000077",
           "labels": {"zh": {"language": "zh", "value": "澄\u0000湖\u200b芯片"},
                      "en": {"language": "en", "value": 42}},
           "aliases": {"zh": [{"language": "zh", "value": "\u0007澄湖\u0085"}]},
           "descriptions": {"zh": {"language": "zh", "value": "测试\u0000公司"}},
           "claims": {"P31": [{"mainsnak": {"datavalue": {"value": {"id": "Q4830453"}}}}]}}
    record = by_qid(parse_wikidata(json.dumps(doc)).records)["Q990000077"]
    assert record["name"] == "澄湖\u200b芯片"  # a format character is text; shown marked
    assert record["name_en"] is None and record["aliases"] == ["澄湖"]
    assert record["description"] == "测试公司"


def test_a_json_array_dump_reads_like_ndjson() -> None:
    lines = (FIXTURES / "dump.ndjson").read_text(encoding="utf-8").splitlines()
    docs = [json.loads(line.rstrip(",")) for line in lines if line not in ("[", "]")]
    assert parse_wikidata(json.dumps(docs)).records == parse_wikidata(
        (FIXTURES / "dump.ndjson").read_bytes()).records


def test_wbgetentities_skips_missing_entities() -> None:
    records = by_qid(parse_wikidata((FIXTURES / "wbgetentities.json").read_bytes()).records)
    assert set(records) == {"Q990000001", "Q990000006"}
    assert records["Q990000006"]["kind"] == "event"
    assert "澄湖半导体" in records["Q990000001"]["aliases"]


def test_sparql_rows_of_one_item_are_merged() -> None:
    result = parse_wikidata((FIXTURES / "sparql.json").read_bytes())
    records = by_qid(result.records)
    bank = records["Q990000007"]
    assert (bank["name"], bank["name_en"], bank["kind"]) == ("临渊银行", "Linyuan Bank",
                                                             "organisation")
    assert set(bank["aliases"]) == {"临渊", "临渊银行股份有限公司"}
    assert records["Q990000009"]["kind"] == "work"  # a literal ?kind column
    # a label that is only the Q-id is no label
    assert result.skipped == ["Q990000008: no zh or en label"]


@pytest.mark.parametrize("data, message", [
    ("", "empty"),
    ("{not json\n", "Line 1 is not JSON"),
    ('{"foo": 1}', "not a Wikidata dump"),
    ('{"results": {}}', "results.bindings"),
    ('[1, 2]', "entity documents"),
    (b"\xff\xfe\x00", "not UTF-8"),
])
def test_bad_files_get_a_clear_error(data, message) -> None:
    with pytest.raises(WikidataError, match=message):
        parse_wikidata(data)


def test_every_class_maps_to_one_of_our_kinds() -> None:
    from extraction.kb import KINDS

    assert set(KIND_OF_CLASS.values()) <= KINDS
    assert all(qid.startswith("Q") and qid[1:].isdigit() for qid in KIND_OF_CLASS)
