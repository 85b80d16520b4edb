"""pages.features reads names only in the texts that can hold one: the same figures as
names read in every text of the page."""

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaning import pages
from cleaning.segment import Segment

from .test_shared_passes import NAMEY

# Lines that name firms and sites, and lines that name none (written for this test).
PAGE_LINES = st.lists(
    st.one_of(
        NAMEY,
        st.sampled_from([
            "河湾市的新公交线路下个月开通。", "北京某某科技有限公司发布了新产品。",
            "天猫商城平台今天开业，北京某某科技有限公司和东方财富网都来了。",
            "他说：“这条路修好以后方便多了。”", "欢迎访问某某娱乐官网", "某某工厂扩产",
        ]),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=400, deadline=None)
@given(PAGE_LINES)
def test_features_as_with_every_text_s_names(texts: list[str]) -> None:
    segments = [Segment(0, len(t), t) for t in texts if t.strip()]
    if not segments:
        return
    before = pages._names_by_text
    try:
        # Every text's names, whichever texts are asked for (what the page-wide read gave).
        pages._names_by_text = lambda named, codes: [pages._names(t) for t in named]
        reference = pages.features(segments)
    finally:
        pages._names_by_text = before
    assert pages.features(segments) == reference


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="2023年1月2日 阅读(12)…详细]【】。a", max_size=140), st.booleans())
def test_long_lines_and_bodies_need_no_list_test(text: str, body: bool) -> None:
    """features skips _dated past LIST_LINE_CHARS or for a body, list_entry past it."""
    assert not pages._dated(text, True)
    if len(text) > pages.LIST_LINE_CHARS:
        assert not pages._dated(text, body)
        assert not pages.list_entry(text, body=body)
        assert not pages.list_entry(text, body=body, teaser=pages._teaser(text), dated=True)
