"""The checker's reasons: one registry of codes, every reason made from it."""

import ast
import pickle
from pathlib import Path

import pytest

import cleaning
from cleaning.reasons import (
    MESSAGES,
    PARAMS,
    REASONS,
    WARNINGS,
    Reason,
    UnknownReason,
    reason,
    restored,
    stored,
)

CLEANING = Path(cleaning.__file__).parent


def _sample(code: str) -> dict[str, object]:
    return {name: f"<{name}>" for name in PARAMS[code]}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_message_renders_with_its_declared_parameters(code):
    made = reason(code, **_sample(code))
    assert made.code == code and isinstance(made, str)
    for name in PARAMS[code]:
        assert f"<{name}>" in made
    assert "%(" not in made and "%%" not in made
    assert made.startswith(f"{code}: ") == (code in WARNINGS)


def test_codes_are_either_reasons_or_warnings():
    assert not set(REASONS) & set(WARNINGS)


def test_an_unknown_code_or_wrong_parameters_fail_loudly():
    with pytest.raises(UnknownReason, match="no-such-code"):
        reason("no-such-code")
    with pytest.raises(UnknownReason, match="year"):
        reason("dated-year", article=2024)  # year missing
    with pytest.raises(UnknownReason, match="colour"):
        reason("image", colour="red")


def test_a_reason_is_its_english_text():
    dated = reason("dated-year", year=2019, article=2024)
    assert dated == "dated 2019, the article 2024"
    assert dated.startswith("dated ") and "2019" in dated and hash(dated) == hash(str(dated))
    assert dated.params == {"year": 2019, "article": 2024}
    spun = reason("spun_text", words="减缓前进, 抽验组")
    assert spun == "spun_text: reads like synonym-spun text (减缓前进, 抽验组)"


def test_stored_and_restored_keep_code_and_parameters():
    page = reason("not_an_article", page="listing",
                  why=[reason("prose-share", share="12"), reason("nav-lines")])
    assert page == ("not_an_article: listing page, not an article "
                    "(only 12% of the text reads as sentences; dense navigation labels)")
    kept = stored(page)
    assert kept == {"code": "not_an_article", "params": {"page": "listing", "why": [
        {"code": "prose-share", "params": {"share": "12"}},
        {"code": "nav-lines", "params": {}},
    ]}}
    back = restored(kept)
    assert isinstance(back, Reason) and back == page and back.code == "not_an_article"
    assert isinstance(back.params["why"][0], Reason)
    again = pickle.loads(pickle.dumps(page))
    assert again == page and again.code == page.code and again.params == page.params


def test_plain_and_unknown_stored_reasons_come_back_as_text():
    assert restored("an editor's own note") == "an editor's own note"
    assert stored("an editor's own note") == "an editor's own note"
    gone = restored({"code": "retired-rule", "params": {"n": 3}})
    assert not isinstance(gone, Reason) and "retired-rule" in gone


def _calls(name: str):
    for path in sorted(CLEANING.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == name:
                yield path.name, node


def test_every_signal_reason_comes_from_the_registry():
    """No signal writes its reason as a literal or an f-string: each is reason(code, ...)."""
    found = 0
    for where, node in _calls("Signal"):
        arg = node.args[3] if len(node.args) > 3 else None
        assert not isinstance(arg, (ast.Constant, ast.JoinedStr)), (where, ast.unparse(node))
        found += 1
    assert found > 30


def test_every_code_named_in_the_checker_is_registered():
    codes = set()
    for where, node in _calls("reason"):
        first = node.args[0]
        assert isinstance(first, ast.Constant), (where, ast.unparse(node))
        assert first.value in MESSAGES, (where, first.value)
        codes.add(first.value)
    # Every code is given somewhere in the pure checker (the editor's own come from
    # the desk, which records who and when).
    desk_only = {"editor-set", "editor-marked", "editor-judged-page"}
    assert codes | desk_only == set(MESSAGES)


def test_messages_are_marked_for_makemessages():
    """Each message is a gettext_noop("...") literal, which Django's xgettext keywords
    extract without importing Django."""
    tree = ast.parse((CLEANING / "reasons.py").read_text(encoding="utf-8"))
    marked = {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "gettext_noop"
        and isinstance(node.args[0], ast.Constant)
    }
    assert set(MESSAGES.values()) <= marked


TEXT = """英伟达发布新一代芯片 - 科技网
2024年3月18日 来源：科技网
英伟达在年度开发者大会上发布了新一代数据中心芯片，性能比上一代提升三倍。
分析人士认为，这款芯片将巩固英伟达在人工智能训练市场的地位，竞争对手压力加大。
公司表示，新芯片将于今年下半年开始向云服务商供货，价格暂未公布。
比特币价格突破七万美元：2021年以来的高位再度被刷新，交易所成交量激增[2022/8/2 2:53:15]
版权声明：本文版权归原作者所有，未经许可不得转载。
分享到微信朋友圈
"""


def test_a_whole_check_gives_only_registered_reasons():
    result = cleaning.check(TEXT, title="英伟达发布新一代芯片")
    given = [r for b in result.blocks for r in b.reasons]
    given += [*result.warnings, *result.document.reasons]
    assert len(given) >= 4
    assert all(isinstance(r, Reason) for r in given), [r for r in given if type(r) is str]


def test_input_errors_carry_their_reason():
    with pytest.raises(cleaning.InputError) as refused:
        cleaning.decode(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert isinstance(refused.value.args[0], Reason)
    assert refused.value.args[0].code == "binary" and "binary file" in str(refused.value)
