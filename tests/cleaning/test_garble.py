"""Text decoded with the wrong codec: found by undoing the mistake, whatever site it is
from. Every sentence here is written for these tests and garbled here."""

import pytest

from cleaning import STORY_KINDS, check
from cleaning.garble import garbled_spans

SENTENCES = [
    "河湾市交通局昨天宣布，新的公交线路下个月开通，沿线居民上班可以少换乘一次。",
    "市民张先生说：“这条路修好以后，我每天送孩子上学方便多了。”",
    "据介绍，全市今年将新增公交线路十二条，优化线路二十条。",
]
CLEAN = [
    *SENTENCES,
    "涓涓细流汇成江河，璀璨的灯光照亮了榄核镇的老街。",
    "The café reopened on Monday with a naïve résumé of its menu.",
    "票价怎么计算？您怎么看?请留言。",
]


def _misread(text: str, codec: str) -> str:
    return text.encode("utf-8").decode(codec, errors="replace")


@pytest.mark.parametrize("line", CLEAN)
def test_clean_text_has_no_garbled_run(line):
    assert garbled_spans(line) == []


@pytest.mark.parametrize("codec", ["gbk", "cp1252", "latin-1"])
@pytest.mark.parametrize("sentence", SENTENCES)
def test_utf8_read_with_the_wrong_codec_is_found_whole(sentence, codec):
    garbled = _misread(sentence, codec)
    line = "据报道，" + garbled + "。这是正文。"
    spans = garbled_spans(line)
    assert spans, garbled
    assert spans[0][0] == len("据报道，") and spans[-1][1] == len(line) - len("。这是正文。")


def test_a_gbk_page_read_one_byte_off_is_found_between_its_question_marks():
    # A paragraph's GBK bytes after a stray lead byte (a full-width form's, its trail
    # lost), read by a reader that writes '?' for what it cannot pair.
    shifted = (b"\xa3" + "河湾市交通局".encode("gbk")).decode("gbk", errors="replace")
    garbled = "?" + shifted.replace("\ufffd", "?")
    line = "记者从市政府获悉，" + garbled + "新的公交线路下月开通。"
    assert [line[start:end] for start, end in garbled_spans(line)] == [garbled]


def test_a_question_mark_in_real_text_is_not_a_byte_lost():
    for line in (
        "你觉得这样做对吗?我们下次再讨论这个问题。",
        "市民问：票价怎么算?工作人员耐心解答。",
    ):
        assert garbled_spans(line) == []


def test_a_garbled_line_is_residue_and_the_story_around_it_stays():
    story = [
        "昨天上午，河湾市交通局召开新闻发布会，介绍今年城市公交线路调整的情况。",
        "据介绍，调整后的线路将覆盖城西新建的三个居民小区，高峰时段发车间隔缩短到五分钟。",
        "交通局负责人表示，线路调整前已经在沿线社区征求了意见，收到市民建议两百多条。",
        "不少市民认为，新线路开通以后，去地铁站和菜市场都会方便很多。",
        "交通局表示，下一步将继续听取市民意见，不断改进公交服务。",
    ]
    for codec in ("gbk", "cp1252"):
        garbled = _misread(SENTENCES[0] + SENTENCES[2], codec)
        text = "\n".join([*story[:3], garbled, *story[3:]]) + "\n"
        result = check(text, "text")
        start = text.index(garbled)
        for block in result.blocks:
            inside = start <= block.start < start + len(garbled)
            assert (block.kind in STORY_KINDS) != inside, (codec, text[block.start : block.end])


# Written for these tests: read as GBK, each leaves bytes the decoder cannot pair, so its
# garbled run holds U+FFFD (checked below), and a story word is glued on either side.
BROKEN = [
    "北京市政府发布了新的交通管理办法",
    "记者从有关部门获悉",
    "河湾市交通局昨天宣布新的公交线路下个月开通",
    "据介绍全市今年将新增公交线路十二条优化线路二十条",
]


@pytest.mark.parametrize("sentence", BROKEN)
@pytest.mark.parametrize("before", ["这是一个正常的句子", "他说", "可是"])
@pytest.mark.parametrize("after", ["后面还有正常的文字", "不是说", "的人", "。后面"])
def test_a_garbled_run_with_replacement_characters_is_one_run(sentence, before, after):
    garbled = _misread(sentence, "gbk")
    assert "\ufffd" in garbled
    line = before + garbled + after
    # The story words glued on either side are not taken into the run.
    assert [line[start:end] for start, end in garbled_spans(line)] == [garbled]


@pytest.mark.parametrize("sentence", BROKEN)
def test_replacement_characters_in_a_garbled_run_are_one_residue_item(sentence):
    garbled = _misread(sentence, "gbk")
    lead = "河湾市交通局昨天召开新闻发布会，介绍公交线路调整的情况。"
    tail = "后面还有市民的意见，交通局表示会认真研究。"
    more = "不少市民认为，新线路开通以后，去地铁站和菜市场都会方便很多。"
    text = lead + garbled + tail + "\n\n" + more + "\n"
    blocks = [b for b in check(text, "text").blocks if b.kind not in STORY_KINDS]
    assert [text[b.start : b.end] for b in blocks] == [garbled]
    assert blocks[0].kind == "residue"
    assert len(blocks[0].reasons) == 1 and "garbled" in blocks[0].reasons[0]
    assert "control characters" not in blocks[0].reasons[0]


def test_a_replacement_character_outside_garbled_text_keeps_its_own_reason():
    text = (
        "河湾市交通局昨天召开新闻发布会，\ufffd\ufffd介绍公交线路调整的情况。\n\n"
        "不少市民认为，新线路开通以后，去地铁站和菜市场都会方便很多。\n"
    )
    blocks = [b for b in check(text, "text").blocks if b.kind not in STORY_KINDS]
    assert [text[b.start : b.end] for b in blocks] == ["\ufffd\ufffd"]
    assert list(blocks[0].reasons) == ["control characters between words"]
