"""Which line is the page's title when none is given. Every text here is written for these
tests."""

from cleaning import STORY_KINDS, check
from tests.cleaning.stories import PARAGRAPHS

HEADLINE = "河湾共享单车投放量一年翻番"


def _blocks(lines: list[str]) -> dict[str, tuple[str, list[str]]]:
    text = "\n".join(lines) + "\n"
    return {
        text[b.start : b.end]: (b.kind, [str(r) for r in b.reasons])
        for b in check(text, "text").blocks
    }


def test_a_first_line_above_a_story_is_its_title():
    kind, _ = _blocks([HEADLINE, *PARAGRAPHS])[HEADLINE]
    assert kind == "heading"


def test_the_first_line_of_a_link_list_above_the_story_is_an_entry_not_the_title():
    # A site's name, then its menu, then the headline: the name opens the list of links.
    menu = ["城市生活网", "骑行资讯", "路线推荐", "装备评测", "车友活动"]
    blocks = _blocks([*menu, HEADLINE, *PARAGRAPHS])
    for line in menu:
        assert blocks[line][0] not in STORY_KINDS, line
    assert blocks[HEADLINE][0] == "heading"


def test_a_headline_above_a_menu_stays_the_title_when_the_lead_tells_its_story():
    # The headline shares its words with the lead (共享单车, 投放量): no menu entry.
    menu = ["骑行资讯", "路线推荐", "装备评测", "车友活动"]
    blocks = _blocks([HEADLINE, *menu, *PARAGRAPHS])
    assert blocks[HEADLINE][0] == "heading"
    for line in menu[:-1]:  # the last, right above the lead, might be its headline
        assert blocks[line][0] not in STORY_KINDS, line
