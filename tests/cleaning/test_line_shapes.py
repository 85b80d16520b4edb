"""Lines judged by their shape: a source line, a link's text without its anchor, wordless
markup between paragraphs. Every text here is written for these tests."""

from cleaning import STORY_KINDS, check
from tests.cleaning.stories import PARAGRAPHS


def _verdicts(lines: list[str]) -> dict[str, tuple[str, list[str]]]:
    text = "\n".join(lines) + "\n"
    result = check(text, "text")
    return {
        text[b.start : b.end]: (b.kind, list(b.meta.get("signals", []))) for b in result.blocks
    }


def _story(kind: str) -> bool:
    return kind in STORY_KINDS


def test_a_source_line_between_paragraphs_is_chrome():
    for line in ("——河湾交通（hewanjiaotong）", "转自河湾市交通局微信公众号", "摘自《河湾日报》"):
        lines = [*PARAGRAPHS[:2], line, *PARAGRAPHS[2:]]
        kind, signals = _verdicts(lines)[line]
        assert not _story(kind) and "source_line" in signals, line


def test_a_dash_that_opens_a_sentence_or_a_name_without_a_handle_stays():
    for line in ("——我现在骑车上班，是不是还很方便", "——河湾交通"):
        lines = [*PARAGRAPHS[:2], line, *PARAGRAPHS[2:]]
        assert "source_line" not in _verdicts(lines)[line][1], line


def test_lines_opening_with_what_followed_a_dropped_link_are_chrome():
    teasers = ["：城西骑行道开工", "：地铁站停车点扩容", "：共享单车新规出台"]
    verdicts = _verdicts([*PARAGRAPHS, "本月回顾", *teasers])
    for line in teasers:
        kind, signals = verdicts[line]
        assert not _story(kind) and "link_residue" in signals, line


def test_a_colon_alone_is_no_link_residue():
    verdicts = _verdicts([*PARAGRAPHS[:2], "理论上", "：", *PARAGRAPHS[2:]])
    assert "link_residue" not in verdicts["："][1]


def test_wordless_joints_between_paragraphs_are_residue():
    for joint in ("', '", "\\n \\n", '", "'):
        lines = [PARAGRAPHS[0], joint, PARAGRAPHS[1], joint, *PARAGRAPHS[2:]]
        kind, signals = _verdicts(lines)[joint]
        assert kind == "residue" and "stray" in signals, joint


def test_a_wordless_joint_padded_with_indentation_is_residue_however_long():
    # A list literal's joint that kept the source's indentation: twenty spaces, no word.
    joint = "\\n" + " " * 20 + "', '"
    lines = [PARAGRAPHS[0], joint, PARAGRAPHS[1], joint, *PARAGRAPHS[2:]]
    kind, signals = _verdicts(lines)[joint]
    assert kind == "residue" and "stray" in signals


def test_a_spaced_out_line_of_words_is_no_wordless_joint():
    line = "河湾    交通    '骑行'    指南    一览"
    lines = [PARAGRAPHS[0], line, *PARAGRAPHS[1:]]
    assert "stray" not in _verdicts(lines)[line][1]


def test_full_width_punctuation_alone_on_a_line_stays_story():
    # Phrase-per-line layouts leave closing quotes and commas on lines of their own.
    for mark in ("”", "，"):
        lines = [PARAGRAPHS[0], mark, *PARAGRAPHS[1:]]
        assert "stray" not in _verdicts(lines)[mark][1], mark


def test_a_line_after_the_story_printed_again_below_is_furniture():
    slogan = "骑行让城市更美好，出行从绿色开始！"
    lines = [*PARAGRAPHS, slogan, "关注我们", "扫码关注河湾交通", slogan]
    text = "\n".join(lines) + "\n"
    blocks = check(text, "text").blocks
    first = next(b for b in blocks if text[b.start : b.end] == slogan)
    assert not _story(first.kind) and "after_story" in first.meta["signals"]


def test_a_sentence_the_story_says_twice_stays():
    refrain = "停车点也比以前好找了。"
    lines = [PARAGRAPHS[0], refrain, *PARAGRAPHS[1:3], refrain, PARAGRAPHS[3]]
    text = "\n".join(lines) + "\n"
    blocks = [b for b in check(text, "text").blocks if text[b.start : b.end] == refrain]
    assert _story(blocks[0].kind)


def test_invisible_characters_at_a_line_edge_hide_no_shape():
    # Scraped text leaves zero-width spaces, byte-order marks and direction marks at line
    # edges; the source line must read the same with them as without.
    line = "转自河湾市交通局微信公众号"
    for edge in ("\u200b", "\ufeff ", "\u200e", "\u2060\u200b"):
        lines = [*PARAGRAPHS[:2], edge + line + edge.strip(), *PARAGRAPHS[2:]]
        verdicts = _verdicts(lines)
        kind, signals = verdicts[line]  # the block starts and ends at visible text
        assert not _story(kind) and "source_line" in signals, repr(edge)


def test_a_run_of_invisible_characters_stays_for_the_residue_signal():
    run = "\u200b\u200c\u200d\u200b"
    text = "\n".join([*PARAGRAPHS[:2], run + PARAGRAPHS[2], *PARAGRAPHS[3:]]) + "\n"
    result = check(text, "text")
    covered = [b for b in result.blocks if b.start <= text.index(run) < b.end]
    assert covered and not _story(covered[0].kind)
