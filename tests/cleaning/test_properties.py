"""Property tests: no input makes the checker crash or break its offsets."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaning import STORY_KINDS, check

LINES = st.lists(
    st.one_of(
        st.text(max_size=80),
        st.sampled_from(
            [
                "郑重声明:本文版权归原作者所有",
                "上一篇:新闻",
                "2023WAIC现场",
                "数据来源:烯牛数据",
                "标题:8月2日消息,某某[2022/8/2 2:53:15]",
                '与/img/1.jpg">',
                "Read: What is X? The",
                "威尼斯人现金网网址:",
                "人工智能大模型的研发需要大量算力,企业纷纷加大投入。",
            ]
        ),
    ),
    max_size=30,
)


def _subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES)
def test_text_invariants(lines):
    text = "\n".join(lines)
    result = check(text)
    prev = 0
    for b in result.blocks:
        assert prev <= b.start <= b.end <= len(text)
        assert text[b.start : b.end] == b.text
        prev = b.end
    story = "".join(b.text for b in result.blocks if b.kind in STORY_KINDS)
    assert _subsequence(story, text)


TAGS = st.sampled_from(["p", "div", "span", "h2", "li", "ul", "td", "table", "figure", "a", "b"])


@st.composite
def html_docs(draw):
    parts = []
    for _ in range(draw(st.integers(0, 25))):
        tag = draw(TAGS)
        attr = draw(st.sampled_from(["", " hidden", " style='display:none'", " class='nav'"]))
        parts.append(f"<{tag}{attr}>{draw(st.text(max_size=30))}")
        if draw(st.booleans()):
            parts.append(f"</{tag}>")
    return "<html><body>" + "".join(parts) + draw(st.text(max_size=20))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_docs())
def test_html_invariants(html):
    result = check(html, "html")
    for b in result.blocks:
        assert 0 <= b.start <= b.end <= len(html)
