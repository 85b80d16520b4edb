"""The seed article's known contamination, found; its story, untouched."""

from collections import defaultdict

from cleaning import STORY_KINDS

INJECTED = {20, 32, 106, 133, 134, 135, 151}
CHROME = set(range(205, 216))
CAPTIONS = {9, 21, 33, 102, 123, 174, 193}
TABLES = set(range(36, 102)) | set(range(110, 123))


def _by_line(seed):
    text, result = seed
    kinds = defaultdict(list)
    for b in result.blocks:
        kinds[text.count("\n", 0, b.start) + 1].append(b)
    return kinds


def test_injected_items_flagged(seed):
    lines = _by_line(seed)
    for n in INJECTED:
        assert "foreign" in {b.kind for b in lines[n]}, n


def test_multiline_item_is_one_finding(seed):
    lines = _by_line(seed)
    findings = {lines[n][0].meta["finding"] for n in (133, 134, 135)}
    assert len(findings) == 1


def test_chrome_and_disclaimer(seed):
    lines = _by_line(seed)
    for n in CHROME:
        assert [b.kind for b in lines[n]] == ["chrome"], n
    assert [b.kind for b in lines[216]] == ["disclaimer"]


def test_no_story_paragraph_flagged(seed):
    lines = _by_line(seed)
    for n, blocks in lines.items():
        if n in INJECTED | CHROME | {216}:
            continue
        assert all(b.kind in STORY_KINDS for b in blocks), (n, [b.kind for b in blocks])


def test_captions_and_credit(seed):
    lines = _by_line(seed)
    for n in CAPTIONS:
        assert [b.kind for b in lines[n]] == ["caption"], n
    meta = lines[33][0].meta
    assert meta["credit"] == "烯牛数据"
    assert meta["caption"].startswith("AIGC赛道")


def test_tables(seed):
    lines = _by_line(seed)
    for n in TABLES:
        assert [b.kind for b in lines[n]] == ["table_cells"], n
    assert lines[36][0].meta["table"] != lines[110][0].meta["table"]
    assert len({lines[n][0].meta["table"] for n in range(36, 102)}) == 1


def test_seam_split_figure_and_truncated(seed):
    _text, result = seed
    blocks = _by_line(seed)[20]
    kinds = [b.kind for b in blocks]
    assert kinds == ["foreign", "figure", "residue"]
    foreign, figure, _residue = blocks
    assert foreign.meta["truncated"] is True
    assert figure.meta["src"] == "/img/202386162600/1.jpg"
    caption = result.blocks[figure.meta["caption_index"]]
    assert caption.kind == "caption" and caption.text.startswith("上半年国内人工智能")


def test_reasons_readable(seed):
    lines = _by_line(seed)
    reasons = "; ".join(lines[32][0].reasons)
    assert "timestamp tail [2022/8/2 2:53:15]" in reasons
    assert "2023" in reasons


def test_offsets_index_text(seed):
    text, result = seed
    prev_end = 0
    for b in result.blocks:
        assert prev_end <= b.start <= b.end <= len(text)
        assert text[b.start : b.end] == b.text
        assert b.kind == "paragraph" or b.reasons
        assert 0.0 <= b.score <= 1.0
        assert -(2**63) <= b.fingerprint < 2**63
        prev_end = b.end
