"""The coarse CLUENER scoring of ``benchmarks/eval_ner.py`` (issue #14's review)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from extraction.corpora import LabelledSentence

_SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "eval_ner.py"


def _eval_ner():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("eval_ner", _SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_found_spans_on_dropped_types_only_are_left_out() -> None:
    eval_ner = _eval_ner()
    coarse = eval_ner.COARSE_OF_CLUENER
    # 我读了晨星周报，也见了县长王力。: a book, a position and a name
    sentence = LabelledSentence("我读了晨星周报，也见了县长王力。",
                                ((3, 7, "book"), (11, 13, "position"), (13, 15, "name")))
    assert eval_ner.in_dropped_only((3, 7, "ORG"), sentence, coarse)  # on the book
    assert eval_ner.in_dropped_only((11, 12, "LOC"), sentence, coarse)  # inside the position
    assert not eval_ner.in_dropped_only((12, 15, "PER"), sentence, coarse)  # on the name too
    assert not eval_ner.in_dropped_only((0, 1, "PER"), sentence, coarse)  # on nothing: spurious
    assert {"position", "book", "game", "movie"}.isdisjoint(coarse)


def test_cluener_scheme_joins_an_address_chain_and_a_places_government() -> None:
    eval_ner = _eval_ner()
    # 她从河西省青溪市来，青溪市政府和林岗镇都欢迎她。: a province and its city written
    # together, a city before 政府, a town alone
    text = "她从河西省青溪市来，青溪市政府和林岗镇都欢迎她。"
    found = {(2, 5, "LOC"), (5, 8, "LOC"), (10, 13, "LOC"), (16, 19, "LOC"), (0, 1, "PER")}
    assert eval_ner.cluener_scheme(text, found) == {
        (2, 8, "LOC"), (10, 15, "ORG"), (16, 19, "LOC"), (0, 1, "PER")}
    # an organisation beside a place is left as it is
    assert eval_ner.cluener_scheme("河西省晨光集团", {(0, 3, "LOC"), (3, 7, "ORG")}) == {
        (0, 3, "LOC"), (3, 7, "ORG")}


def test_bare_countries_and_single_characters_are_not_compared_on_cluener() -> None:
    from extraction.kb import load_shipped

    eval_ner = _eval_ner()
    uncompared = eval_ner.cluener_uncompared(load_shipped())
    text = "张先生说泰国和青溪市的茶都好。"
    assert uncompared(text, (0, 1, "PER"))  # a surname before 先生
    assert uncompared(text, (4, 6, "LOC"))  # a country named alone
    assert not uncompared(text, (7, 10, "LOC"))  # a city
    assert not uncompared(text, (4, 6, "ORG"))  # a national team is compared


def test_conversions_apply_to_found_and_gold_alike() -> None:
    eval_ner = _eval_ner()

    class _Found:
        def __init__(self, spans: list[tuple[int, int, str]]) -> None:
            self.spans = spans

        def find(self, _text: str) -> list:
            from types import SimpleNamespace
            kinds = {"LOC": "place", "PER": "person", "ORG": "organisation"}
            return [SimpleNamespace(start=s, end=e, kind=kinds[k]) for s, e, k in self.spans]

    text = "河西省青溪市的王力和泰国客人"
    sentence = LabelledSentence(text, ((0, 6, "address"), (7, 9, "name"), (10, 12, "address")))
    found = _Found([(0, 3, "LOC"), (3, 6, "LOC"), (7, 9, "PER"), (10, 12, "LOC")])
    plain, _, _ = eval_ner.score_coarse(found, [sentence], eval_ner.COARSE_OF_CLUENER)
    assert plain["LOC"] == (1, 3, 2)
    converted, _, _ = eval_ner.score_coarse(
        found, [sentence], eval_ner.COARSE_OF_CLUENER, convert=eval_ner.cluener_scheme,
        uncompared=lambda t, span: t[span[0] : span[1]] == "泰国")
    assert converted["LOC"] == (1, 1, 1)
    assert converted["PER"] == (1, 1, 1)


def test_the_ablated_tuning_row_strips_the_names_the_half_labels_but_places() -> None:
    """The "news tune, KB w/o" row: an organisation, product, person, event or work one of
    whose names (Chinese, English or alias, folded) the half labels leaves the KB; a place
    stays, and so does an entity the half never names."""
    from extraction.kb import KBEntity

    def entity(key: str, kind: str, name: str, name_en: str | None = None,
               aliases: tuple[str, ...] = ()) -> KBEntity:
        return KBEntity(key, kind, name, name_en, aliases, "", None, None, None, None)

    kb = [entity("xh", "organisation", "星河科技", "Galaxy Tech"),
          entity("yl", "product", "云鹿", aliases=("云鹿手机",)),
          entity("qx", "place", "青溪"),
          entity("lm", "person", "林默"),
          entity("sf", "event", "星河大会")]
    text = "GALAXY TECH在青溪发布了云鹿手机，星河大会上见。"
    docs = [(text, [
        {"start": 0, "end": 11, "kind": "organisation", "tag": True},
        {"start": 12, "end": 14, "kind": "place", "tag": True},
        {"start": 17, "end": 21, "kind": "product", "tag": True},
        {"start": 22, "end": 26, "kind": "event", "tag": False}])]
    kept = _eval_ner().without_names_of(kb, docs)
    assert [e.key for e in kept] == ["qx", "lm"]
