"""html._main_content adds a run of blocks' scores to their holder and its ancestors at
once; block by block, as test_speedups keeps it, it must choose the same main content."""

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaning import html

from .test_html_speedups import HOSTILE
from .test_speedups import SOUP, _main_content_as_it_was, _UnitAsItWas


def _old_main_content(units: list, body: object) -> tuple[set[object], dict]:
    """The block-by-block scoring as test_speedups keeps it (units as its dataclass)."""
    return _main_content_as_it_was([_UnitAsItWas(*u) for u in units], body)


def _calls(source: str) -> list[tuple[list, object]]:
    seen: list[tuple[list, object]] = []
    scoring = html._main_content

    def record(units: list, body: object) -> object:
        seen.append((units, body))
        return scoring(units, body)

    html._main_content = record
    try:
        html.extract(source)
    finally:
        html._main_content = scoring
    return seen


# Pages of my own whose paragraphs take turns between holders, nested a few levels.
PARAGRAPHS = st.sampled_from([
    "The pier reopened on Monday, after a repair that took two winters; the ferry is back.",
    "渡轮周一恢复运营，维修花了两个冬天，码头上又热闹起来了。乘客们排队买票。",
    "Tide tables, weather, and the timetable for the week ahead, all in one place!",
    "<a href='/x'>More about the harbour and the boats that call there</a>",
    "short line",
    "A long line about the council vote on the tram route: read twice, then once more.",
])
HOLDERS = st.sampled_from([
    "<div class=story>{}</div>", "<section><div>{}</div></section>", "{}",
    "<div class='sidebar'>{}</div>", "<article><div><div>{}</div></div></article>",
    "<ul><li>{}</li></ul>", "<blockquote>{}</blockquote>",
])
TURNS = st.lists(
    st.tuples(HOLDERS, st.lists(PARAGRAPHS, min_size=1, max_size=4)), max_size=12
).map(
    lambda turns: "<html><body><div id=page>" + "".join(
        shape.format("".join(f"<p>{p}</p>" for p in ps)) for shape, ps in turns
    ) + "</div></body></html>"
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(TURNS, SOUP.map("".join), HOSTILE.map("".join)))
def test_runs_of_scores_choose_the_same_main_content(source: str) -> None:
    for units, body in _calls(source):
        assert html._main_content(units, body) == _old_main_content(units, body)


def test_interleaved_holders_choose_the_same_main_content() -> None:
    para = "<p>The ferry leaves at nine, and the harbour is quiet, said the pier master.</p>"
    source = (
        "<body><div class=a>" + para * 3 + "</div><div class=b>" + para + "</div>"
        "<div class=a><div>" + para * 2 + "</div></div>" + para + "</body>"
    )
    ((units, body),) = _calls(source)
    assert html._main_content(units, body) == _old_main_content(units, body)
