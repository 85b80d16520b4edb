"""Notices told by what they disclaim, in wordings of their own (issue 15).

Every text here is written for these tests.
"""

import pytest

from cleaning import check
from cleaning.lexicon import DISCLAIMER

from .stories import PARAGRAPHS

TITLE = "河湾市共享单车投放量翻番"


def _kinds(tail: str) -> dict[str, str]:
    text = "\n".join([TITLE, *PARAGRAPHS, tail]) + "\n"
    return {b.text: b.kind for b in check(text).blocks}


@pytest.mark.parametrize(
    "notice",
    [
        "本平台仅提供信息存储服务，文中内容与本站立场无关。",
        "以上内容仅为作者个人分析，不作为投资依据，据此操作请自行判断。",
        "文章所述不构成任何买卖推荐，读者据此操作与本号无关。",
        "本网不保证所转载信息的真实性和完整性，请读者自行核实。",
        "特别声明：本号所发内容来自网友投稿，如需转载请联系原作者。",
    ],
)
def test_a_notice_in_other_words_is_a_disclaimer(notice: str) -> None:
    kinds = _kinds(notice)
    assert kinds[notice] == "disclaimer"
    assert all(kinds[p] == "paragraph" for p in PARAGRAPHS)


@pytest.mark.parametrize(
    "line",
    [
        # A story's own sentence about accuracy or reprints, with no site answering for it.
        "交通局表示，将核实各企业上报数据的准确性和完整性。",
        "不少网友转载了这条消息，并呼吁企业加强管理。",
        # A menu's link named after the notice, no colon: the page's furniture, no notice.
        "关于我们 联系我们 版权声明 设为首页",
    ],
)
def test_lines_that_only_name_a_notice_s_words_are_no_disclaimer(line: str) -> None:
    assert not DISCLAIMER.search(line)
