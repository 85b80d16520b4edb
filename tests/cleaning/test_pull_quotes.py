"""A sentence set above the story that the story says again (a pull quote), abridged or
not. Every text here is written for these tests."""

from cleaning import check

BODY = [
    "河湾市交通局近日公布，今年全市共享单车投放量已经超过二十万辆，比去年翻了一番，"
    "市民骑行出行的比例明显上升。",
    "在上周的座谈会上，一位市民代表当面问局长：“城西什么时候才能有一条像样的骑行道？”"
    "局长回答说，明年开春就动工，年底前通车。",
    "交通局负责人介绍，共享单车企业今年在地铁站周边新增了大量停车点，市民出地铁后可以"
    "直接骑行回家。",
    "交通局还计划明年在城西新建骑行专用道，连接主要地铁站和商业区。",
]


def _kind(head: str) -> str:
    text = "\n".join([head, *BODY]) + "\n"
    result = check(text, "text")
    return next(b.kind for b in result.blocks if text[b.start : b.end] == head)


def test_a_pull_quote_printed_again_mid_paragraph_is_a_duplicate():
    assert _kind("局长回答说，明年开春就动工，年底前通车。") == "duplicate"


def test_an_abridged_pull_quote_whose_quoted_words_the_story_says_is_a_duplicate():
    # The speaker's words are shortened above the story; the quotation is the body's own.
    assert _kind("市民问局长：“城西什么时候才能有一条像样的骑行道？”") == "duplicate"


def test_an_opening_sentence_quoting_a_few_of_the_storys_words_stays_story():
    # The quotation is under half of the sentence: a lead of its own, no copy.
    head = "面对“像样的骑行道”这一呼声，河湾市交通局上周召开座谈会，听取市民对出行的意见。"
    assert _kind(head) != "duplicate"


def test_an_opening_quotation_the_story_does_not_say_stays_story():
    assert _kind("市民问局长：“地铁末班车能不能再晚半小时？”") != "duplicate"
