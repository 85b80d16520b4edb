"""Sentences from code without Django: English as text, msgid and parameters kept."""

import pickle

from django.utils import translation

from articles.reasons import say_message
from cleaning.spreadsheets import SheetError, read_csv
from phrasebook import Message, Refusal, restored, stored


def test_a_message_is_its_english_text_and_keeps_what_it_is_made_of():
    row = Message("Row %(row)d has %(n)d cells; the header has %(header)d.", row=3, n=2,
                  header=3)
    assert row == "Row 3 has 2 cells; the header has 3."
    assert (row.msgid, row.params) == ("Row %(row)d has %(n)d cells; the header has "
                                       "%(header)d.", {"row": 3, "n": 2, "header": 3})
    again = pickle.loads(pickle.dumps(row))
    assert (again, again.msgid, again.params) == (row, row.msgid, row.params)
    assert Message("50% of it") == "50% of it"  # no parameters, no formatting


def test_a_refusal_is_said_in_the_active_language_with_the_sentences_it_holds():
    sheet = read_csv("公司,金额\n百度\n".encode())
    error = SheetError("The rows do not all have the same number of cells. %(problems)s "
                       "Fix the file and upload it again; nothing was saved.",
                       problems=sheet.problems)
    assert isinstance(error, Refusal) and str(error) == (
        "The rows do not all have the same number of cells. Row 2 has 1 cells; the header "
        "has 2. Fix the file and upload it again; nothing was saved.")
    with translation.override("zh-hans"):
        assert say_message(error) == ("各行的单元格数不一致。第 2 行有 1 个单元格，表头有 2 个。"
                                      " 请修正文件后重新上传；未保存任何内容。")
    with translation.override("en"):
        assert say_message(error) == str(error)
    assert say_message("plain text, no msgid") == "plain text, no msgid"


CODES = {"late": "%(host)s answered after %(seconds)s s", "why": "Refused: %(because)s",
         "plain": "Nothing to say."}


def test_a_sentence_is_stored_as_its_code_and_parameters_and_read_back():
    late = Message(CODES["late"], host="例子.cn", seconds=30)
    kept = stored(late, CODES)
    assert kept == {"code": "late", "params": {"host": "例子.cn", "seconds": 30}}
    back = restored(kept, CODES)
    assert (back, back.msgid, back.params) == (late, late.msgid, late.params)
    nested = stored(Message(CODES["why"], because=late), CODES)
    assert nested == {"code": "why", "params": {"because": kept}}
    assert restored(nested, CODES) == "Refused: 例子.cn answered after 30 s"


def test_what_no_code_names_is_kept_and_read_as_text():
    assert stored("an editor's own words", CODES) == "an editor's own words"
    assert stored(Message("A sentence of nobody's registry."), CODES) == (
        "A sentence of nobody's registry.")
    assert stored(Message(CODES["why"], because=ValueError("bad")), CODES) == {
        "code": "why", "params": {"because": "bad"}}
    assert restored("as it was", CODES) == "as it was"
    assert restored({"code": "gone", "params": {}}, CODES) == "gone"
    assert restored({"code": "late", "params": {"host": "x"}}, CODES) == "late {'host': 'x'}"
    assert restored(None, CODES) == ""
