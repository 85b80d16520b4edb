"""The search tokenizer is pure: no database, no Django."""

import ast
from pathlib import Path

from search import tokenizer
from search.tokenizer import highlight, parse_query, token_string, tokens


def test_han_runs_become_bigrams_and_latin_words_are_lowercased():
    lexemes = [t.lexeme for t in tokens("AI大模型 A100")]
    assert lexemes == ["ai", "大模", "模型", "a100"]


def test_compounds_are_indexed_joined_and_by_parts_at_one_position():
    found = tokens("RISC-V芯片")
    assert [(t.lexeme, t.position) for t in found] == [
        ("riscv", 1), ("risc", 1), ("v", 1), ("芯片", 2),
    ]
    assert token_string("RISC-V芯片") == " riscv 芯片 | risc v "


def test_full_width_and_traditional_forms_fold():
    assert [t.lexeme for t in tokens("騰讯 Ａ１００")] == ["腾讯", "a100"]


def test_query_terms_are_phrases_and_a_lone_han_character_is_a_prefix():
    query = parse_query("腾讯 混元  大模型 RISC-V 芯")
    assert query.phrases == (("腾讯",), ("混元",), ("大模", "模型"), ("riscv",), ("芯",))
    assert query.tsquery() == (
        "('腾讯') & ('混元') & ('大模' <-> '模型') & ('riscv') & '芯':*"
    )
    assert " 大模 模型 " in query.needles()


def test_empty_and_punctuation_only_queries_are_falsy():
    assert not parse_query("")
    assert not parse_query(" ,。!? ")


def test_query_operators_and_quotes_never_reach_the_tsquery():
    query = parse_query("o'neil ') | !(x:* & y\\")
    assert query.tsquery() == "('oneil') & ('x') & ('y')"
    assert tokenizer._quote("a'b\\c") == "'a''b\\\\c'"


def test_tsvector_literal_weights_offsets_and_merges_positions():
    assert tokenizer.tsvector_literal("大模型 大模", weight="A", offset=10) == (
        "'大模':11A,13A '模型':12A"
    )


def test_phrase_order_matters_in_the_fallback_score():
    query = parse_query("大模型")
    assert tokenizer.score(token_string("国产大模型发布"), query) > 0
    assert tokenizer.score(token_string("模型很大"), query) == 0


def test_highlight_escapes_first_then_marks():
    html = highlight("<script>x</script> 腾讯发布混元大模型", ["腾讯", "大模型"])
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>腾讯</mark>" in html and "<mark>大模型</mark>" in html


def test_highlight_cuts_a_window_around_the_first_match():
    text = "甲" * 500 + "英伟达A100" + "乙" * 500
    html = highlight(text, ["a100"], width=60)
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>A100</mark>" in html
    assert len(html) < 120


def test_the_tokenizer_imports_nothing_from_django():
    source = Path(tokenizer.__file__).read_text(encoding="utf-8")
    modules = {
        alias.name if isinstance(node, ast.Import) else node.module
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (node.names if isinstance(node, ast.Import) else [node])
    }
    assert not any(m and m.split(".")[0] in {"django", "celery"} for m in modules)
