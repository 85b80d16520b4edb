"""The one walk from checked blocks to reading order, shared by the body and the compare view."""

from dataclasses import dataclass, field

from articles.rendering import story_items
from body.build import rows_from_blocks


@dataclass
class Block:
    index: int
    kind: str
    text: str
    meta: dict = field(default_factory=dict)


BLOCKS = [
    Block(0, "heading", "季度出货量"),
    Block(1, "figure", "", {"src": "/img/a.png", "caption_index": 2}),
    Block(2, "caption", "工厂一角", {"credit": "本报记者"}),
    Block(3, "table_cells", "厂商", {"table": 0}),
    Block(4, "table_cells", "份额", {"table": 0}),
    Block(5, "caption", "数据来源：调研机构"),
    Block(6, "chrome", "分享到"),
    Block(7, "caption", "展台现场"),
    Block(8, "paragraph", "出货量同比增长<三成>。"),
]


def test_story_items_fold_captions_into_figures_and_tables():
    items = story_items(BLOCKS)
    assert [(i.kind, i.index) for i in items] == [
        ("heading", 0), ("figure", 1), ("table", 3), ("figure", 7), ("paragraph", 8)]
    figure, table = items[1], items[2]
    assert (figure.src, figure.caption, figure.credit) == ("/img/a.png", "工厂一角", "本报记者")
    assert (table.cells, table.caption) == (["厂商", "份额"], "数据来源：调研机构")
    assert items[3].caption == "展台现场"  # a table keeps one caption; the next is a figure's


def test_body_rows_follow_the_same_reading_order():
    rows = rows_from_blocks(BLOCKS)
    assert [(r["kind"], r["source_index"]) for r in rows] == [
        ("heading", 0), ("figure", 1), ("table", 3), ("figure", 7), ("paragraph", 8)]
    assert rows[2]["cells"] == ["厂商", "份额"] and rows[2]["caption"] == "数据来源：调研机构"
    assert rows[4]["text"] == "出货量同比增长&lt;三成&gt;。"  # body documents hold escaped markup
