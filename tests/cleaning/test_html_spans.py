"""html._spans over numpy (_tags, _match) against the token loop it replaced: same spans."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleaning import html
from cleaning.codes import code_points

from .test_html_speedups import (
    HOSTILE,
    PAGES,
    reference_spans,
)
from .test_speedups import SOUP

# --- _TOKENS as it was read: one loop with a stack of start tags per name; _spans as it
# was is test_html_speedups.reference_spans ----------------------------------------------


def _tokens_as_they_were(source: str) -> tuple[list[str], list[int], dict[int, int]]:
    close_end: dict[int, int] = {}
    stacks: dict[str, list[int]] = {}
    open_names: list[str] = []
    open_at: list[int] = []
    for m in html._TOKENS.finditer(source):
        raw, slash, name = m.groups()
        if slash == "":
            at, low = m.start(), name.lower()
            open_names.append(low)
            open_at.append(at)
            stacks.setdefault(low, []).append(at)
        elif slash:
            stack = stacks.get(name.lower())
            if stack:
                gt = source.find(">", m.end())
                close_end[stack.pop()] = gt + 1 if gt >= 0 else len(source)
        elif raw is not None:
            at = m.start()
            open_names.append(raw.lower())
            open_at.append(at)
            close_end[at] = m.end()
    return open_names, open_at, close_end


# Markup of my own that the numpy reading must read as the regex did: names in every case,
# the four letters re folds to ASCII ones (ſ, ı, İ, the Kelvin sign), names past eight
# characters or with characters past ASCII, raw elements (and names that only open like
# one), comments round them and inside tags, stray and unclosed end tags, lines.
TAGS = st.lists(
    st.sampled_from([
        "<", ">", "/", "<!--", "-->", "-", "!", " ", "\n", "x", "中", "=", "'", '"', "\x00",
        "<p>", "</p>", "<P>", "</P >", "</p\n>", "<div", "<DIV class='a>b'>", "</div>",
        "<br>", "<img src=a.png>", "<script>", "</script>", "</SCRIPT >", "<script",
        "<scriptx>", "<script-x>", "<script.a>", "<script:b>", "<ſcript>", "<SCRİPT>",
        "<scrıpt>", "</scrıpt>", "<style a='>'>", "</style", "<xmp>", "</xmp>",
        "<textarea>", "</textarea\n>", "<textarea.x>", "<\u212aey>", "</\u212aEY>", "<İ>",
        "<ı>", "</ı>", "<blockquote>", "</blockquote>", "<figcaption>", "</FIGCAPTION>",
        "<averyveryverylongname>", "</averyveryverylongname>", "<abcdefgh>", "</abcdefgh>",
        "<abcdefghi>", "<p中>", "</p中>", "<p·>", "<a1>", "</a1>", "<o:p>", "</o:p>",
        "<a_b>", "<1>", "< p>", "<!DOCTYPE html>", "<!---->", "<!-- <p> -->", "<a/>",
        "<p title='<!--'>", "<table>", "<tr>", "<td>", "</td>", "</table>", "<li>", "<ul>",
        "</ul>", "<html>", "<body>", "</body>", "<head>", "<title>", "</title>",
    ]),
    max_size=45,
)


def _same_spans(source: str) -> None:
    if not source.strip():
        return
    try:
        root = html._parse(source)
    except Exception:  # lxml rejects some soups outright; extract() falls back to text
        return
    assert list(html._spans(root, source).items()) == list(
        reference_spans(root, source).items()
    )


@settings(max_examples=1500, deadline=None)
@given(st.one_of(TAGS, SOUP, HOSTILE))
@example(["<textarea>", "x", "</textarea\n>", "<script>", "</script>", "<p>", "</p>"])
def test_spans_agree_with_the_token_loop(pieces: list[str]) -> None:
    _same_spans("".join(pieces))


@settings(max_examples=300, deadline=None)
@given(st.lists(TAGS, min_size=2, max_size=6))
def test_spans_of_many_lines_agree(blocks: list[list[str]]) -> None:
    _same_spans("\n\n".join("".join(block) for block in blocks))


@pytest.mark.parametrize("source", [
    *PAGES,
    "<html><body><div><p>One<br>two<img src=a.png><p>Three</div>\n<p>Four",
    "<P>one</p><Div>two</DIV></DiV><p>three",
    "<script x<script>a</script><p>b</p><style>c</style><STYLE>d</style>",
    "<table><tr><td>a<td>b</table>\n<p>after<blockquote>q</blockquote>",
    "<ſcript>if (a<b) {}</script><p>x</p>",
])
def test_spans_of_a_few_pages(source: str) -> None:
    _same_spans(source)


def _read_tags(source: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[str, int]]:
    codes = code_points(source)
    return html._tags(source, codes, np.flatnonzero(codes == ord("<")))


def _tags_read_back(source: str) -> tuple[list[int], list[int]]:
    """_tags' places and ends, once its name numbers are seen to stand one to one for
    the lowered names the token loop read."""
    at, key, end, _ = _read_tags(source)
    names = _tokens_as_they_were(source)[0]
    assert len(names) == len(key)
    pairs = set(zip(names, key.tolist(), strict=True))
    assert len(pairs) == len(set(names)) == len(set(key.tolist()))
    assert 0 not in key.tolist()
    return at.tolist(), end.tolist()


@settings(max_examples=1500, deadline=None)
@given(st.one_of(TAGS, st.text(alphabet="<>/!-pPsScriptyleamxt\u017f\u0131\u0130\u212a:._1中\n",
                               max_size=60)))
def test_tags_agree_with_the_token_loop(pieces: list[str] | str) -> None:
    source = "".join(pieces)
    at, end = _tags_read_back(source)
    _, positions, close_end = _tokens_as_they_were(source)
    assert at == positions
    assert end == [close_end.get(k, -1) for k in positions]


def test_a_name_reads_as_its_number() -> None:
    other: dict[str, int] = {}
    assert html._name_key("p", other) == html._NAME_CODE_OF["p"]
    assert html._name_key("br", other) == html._NAME_CODE_OF["b"] | html._NAME_CODE_OF["r"] << 8
    assert html._name_key("blockquote", other) == 0  # past eight characters: numbered apart
    assert html._name_key("a b", other) == 0  # no tag's name holds a space
    source = "<blockquote><p>x</p></blockquote>"
    _, key, _, other = _read_tags(source)
    assert other == {"blockquote": html._OTHER_NAME}
    assert key.tolist() == [html._OTHER_NAME, html._name_key("p", other)]


def test_clean_markup_pairs_element_and_start_tag_one_to_one() -> None:
    source = "<html>\n<body><article><p>One</p>\n<p>Two<br>three</p></article></body></html>"
    root = html._parse(source)
    at, key, _, other = _read_tags(source)
    line_starts = np.array([0, 7, 33])
    order = list(root.iter(html.lxml.etree.Element))
    matched, starts = html._match(order, at, key, other, line_starts)
    assert matched.tolist() == list(range(6))
    assert starts.tolist() == [0, 7, 13, 22, 33, 39]
    assert html._spans(root, source)[order[4]] == (33, 52)
