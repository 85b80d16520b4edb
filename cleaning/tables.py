"""Rebuild tables that arrived flattened, one cell per line, with merged cells lost.

Imports turn an HTML table into a run of short lines: the header cells, then the
body cells row after row, minus every cell that was empty or covered by a merged
(rowspan) cell. We rebuild it by aligning the cells to a column template: each
column has a kind (year, percentage, funding round, name ...) read from its header,
and a small Viterbi search picks, for every cell, its column and whether it starts
a new row, at the lowest total cost (type misfits, skipped columns, new rows).
Min-marginals of that search tell where a different reading was almost as good,
and those places become plain-language notes for the editor.

Pure Python: strings and frozen dataclasses in and out, nothing from Django.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from cleaning.numbers import is_placeholder, parse_value

# --- costs of the alignment (negative log-likelihoods, roughly) --------------------

NEW_ROW = 1.0
UNPLACED = 3.0
SKIP_INSIDE = 0.3  # a blank cell between two filled ones in a row
SKIP_LEADING = 0.2  # a blank cell before the first filled one
SKIP_KEY = 0.4  # the row's name is blank: rarer than any other gap
AMBIGUOUS_MARGIN = 0.6  # a second reading this close to the best is worth a note
INSERT_COLUMN_PENALTY = 2.0
TEMPLATE_WINDOW = 400  # cells used to choose the template; the full run is aligned after
INF = float("inf")

# Emission costs: cell kind -> column kind -> cost. Missing pairs cost MISFIT,
# which is dearer than leaving the cell unplaced.
MISFIT = 4.0
_EMIT: dict[str, dict[str, float]] = {
    "label": {"category": 0.0, "org": 1.0, "text": 1.0},
    "org": {"org": 0.0, "text": 1.0, "category": 2.0},
    "text": {"org": 0.2, "text": 0.0, "category": 2.0, "round": 3.5},
    "integer": {"integer": 0.0, "decimal": 0.2, "money": 0.8, "org": 1.0, "text": 1.0,
                "percent": 1.8},
    "year": {"year": 0.0, "date": 0.3, "integer": 0.7, "decimal": 0.9, "money": 1.5,
             "org": 1.5, "text": 1.5},
    "decimal": {"decimal": 0.0, "integer": 1.2, "money": 0.8, "percent": 1.8, "text": 1.5},
    "date": {"date": 0.0, "year": 0.4, "text": 1.5},
    "percent": {"percent": 0.0, "decimal": 2.5},
    "money": {"money": 0.0, "decimal": 1.5, "integer": 1.5, "text": 2.0},
    "round": {"round": 0.0, "text": 1.5, "org": 2.5, "category": 3.0},
    "placeholder": {"round": 0.0, "category": 2.0},
}
_PLACEHOLDER_ELSEWHERE = 0.8

# --- general vocabulary -------------------------------------------------------------

# Funding stages, as Chinese startup databases write them.
_ROUND_RE = re.compile(
    r"^(?:(?:pre-?)?[a-h]\d?\+{0,2}轮(?:融资)?|pre-?[a-h]\d?\+{0,2}|天使\+?轮?|种子\+?轮?"
    r"|pre-?ipo|ipo(?:终止|上市|中|申请|被否|暂缓)?|(?:已|未|拟)?上市"
    r"|(?:主板|科创板|创业板|港股|美股|北交所|新三板)(?:上市|挂牌)?"
    r"|战略(?:投资|融资)|股权(?:投资|融资)|债权融资|并购|(?:被|已)收购|定向增发|私有化"
    r"|未融资|暂无融资|不明确)$",
    re.IGNORECASE,
)
# Endings of organisation names; a product name rarely ends like this.
_ORG_SUFFIXES = (
    "科技", "智能", "数据", "集团", "公司", "实验室", "研究院", "研究所", "云", "网络", "信息",
    "股份", "控股", "资本", "投资", "风投", "创投", "基金", "银行", "证券", "电子", "软件",
    "传媒", "医疗", "生物", "汽车", "半导体", "技术", "大学", "学院", "Inc", "Ltd", "Labs",
)
# Endings of a category that names many rows at once ("互联网公司", "初创企业").
_GROUP_HEADS = ("公司", "企业", "厂商", "大厂", "机构", "玩家", "阵营", "类", "系", "派", "板块",
                "赛道", "领域", "行业")
# Header endings and the column kind they announce; the longest match wins.
_HEADER_HINTS: dict[str, str] = {
    "类型": "category", "类别": "category", "分类": "category", "领域": "category",
    "行业": "category", "赛道": "category",
    "成立时间": "year", "成立年份": "year", "成立年": "year", "年份": "year", "年度": "year",
    "时间": "year", "日期": "date",
    "比例": "percent", "占比": "percent", "比率": "percent", "份额": "percent", "增速": "percent",
    "增幅": "percent", "涨幅": "percent", "率": "percent",
    "数": "integer", "数量": "integer", "排名": "integer", "序号": "integer",
    "金额": "money", "融资额": "money", "估值": "money", "营收": "money", "收入": "money",
    "利润": "money", "市值": "money", "投资额": "money", "价格": "money",
    "轮次": "round", "融资轮": "round", "融资阶段": "round", "阶段": "round",
    "机构": "org", "公司": "org", "企业": "org", "名称": "org", "厂商": "org", "投资方": "org",
    "股东": "org",
    "产品": "text", "模型": "text", "项目": "text", "简介": "text", "备注": "text",
    "业务": "text", "创始人": "text", "地区": "text", "城市": "text", "国家": "text",
}
# Header endings that are also ordinary words at the end of data ("互联网公司"):
# they make a header only when they are the whole cell.
_HEADER_EXACT_ONLY = frozenset({"公司", "企业", "机构", "厂商", "领域", "行业", "赛道"})
# ... unless a role word precedes them: "大厂投资机构" is a header, "互联网公司" is data.
_ROLE_ENDINGS = ("投资机构", "投资方", "企业名称", "公司名称", "所属行业", "所属领域")
_SENTENCE_PUNCT = re.compile(r"[。!?;,、:“”《》!?;]|[,:](?!\d)")
_CAPTION_CUE = re.compile(
    r"数据来源|资料来源|来源[::]|图源|制图|制表|[||丨]|(?:统计|情况|一览|对比|排名|排行|名单|汇总"
    r"|概况|分布|列表|明细)$"
)
_CREDIT_RE = re.compile(
    r"\s*[||丨]?\s*[((]?\s*(?:数据|资料|图片)?来源\s*[::]\s*(?P<who>[^))]+)[))]?\s*$"
)
MAX_CELL_CHARS = 24
MIN_TABLE_CELLS = 6


@dataclass(frozen=True)
class Cell:
    """One line of the flattened table, with its offsets into the article's raw body."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class TableDraft:
    """A proposed table for an editor to check; ``notes`` say where it is unsure."""

    caption: str
    credit: str
    header: tuple[str, ...]
    column_types: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    groups: tuple[tuple[int, str], ...]
    confidence: float
    unplaced: tuple[Cell, ...]
    notes: tuple[str, ...]
    start: int
    end: int


@dataclass(frozen=True)
class _Column:
    name: str
    kind: str
    inferred: bool = False
    key: bool = False


@dataclass(frozen=True)
class _Alignment:
    """The best path: per cell its column (None = unplaced) and whether it opens a row."""

    cost: float
    columns: tuple[int | None, ...]
    new_row: tuple[bool, ...]
    margins: tuple[tuple[float, int | None], ...]  # (gap to the runner-up, runner-up column)


# --- cell reading -------------------------------------------------------------------


def cell_kind(text: str) -> str:
    """The kind the aligner sees: a value kind, a funding round, a name or a group label."""
    stripped = text.strip()
    if _ROUND_RE.match(stripped):
        return "round"
    if is_placeholder(stripped):
        return "placeholder"
    kind = parse_value(stripped).kind
    if kind != "text":
        return kind
    if is_group_label(stripped):
        return "label"
    if stripped.endswith(_ORG_SUFFIXES):
        return "org"
    return "text"


def is_group_label(text: str) -> bool:
    """A category naming several rows ("互联网公司"), as merged first-column cells do."""
    return len(text) >= 4 and text.endswith(_GROUP_HEADS) and not text.endswith(_ROLE_ENDINGS)


def is_cell_like(text: str) -> bool:
    """Short, unpunctuated, not markup: what a flattened table cell looks like."""
    stripped = text.strip()
    if not stripped or len(stripped) > MAX_CELL_CHARS:
        return False
    return not _SENTENCE_PUNCT.search(stripped) and "<" not in stripped and ">" not in stripped


def header_kind(text: str) -> str | None:
    """The column kind a header announces, or None when the text is not header-like."""
    stripped = text.strip()
    if parse_value(stripped).kind != "text" or _ROUND_RE.match(stripped):
        return None
    for hint in sorted(_HEADER_HINTS, key=len, reverse=True):
        if stripped.endswith(hint) and (hint not in _HEADER_EXACT_ONLY or stripped == hint
                                        or stripped.endswith(_ROLE_ENDINGS)):
            return _HEADER_HINTS[hint]
    return None


def split_credit(caption: str) -> tuple[str, str]:
    """Split ``标题|数据来源:企查查`` into the caption and the credited source."""
    match = _CREDIT_RE.search(caption)
    if not match:
        return caption.strip(), ""
    return caption[: match.start()].strip(), match["who"].strip()


# --- finding tables in an article ----------------------------------------------------


def find_tables(lines: Sequence[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Runs of table-cell lines, as (first_line_idx, last_line_idx), captions excluded.

    A run is at least MIN_TABLE_CELLS short unpunctuated lines in a row, holding typed
    values (numbers, years, rounds) or opening with header-like cells; that keeps out
    the list of links and column names many sites put after the story.
    """
    runs: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        if not is_cell_like(lines[index][2]):
            index += 1
            continue
        first = index
        while index < len(lines) and is_cell_like(lines[index][2]):
            index += 1
        last = _drop_trailing_caption(lines, first, index - 1)
        texts = [line[2] for line in lines[first : last + 1]]
        if len(texts) >= MIN_TABLE_CELLS and _looks_tabular(texts):
            runs.append((first, last))
    return runs


def caption_for(lines: Sequence[tuple[int, int, str]], run: tuple[int, int]) -> int | None:
    """Index of the caption line just below (preferred) or just above a run, if any."""
    first, last = run
    for index in (last + 1, first - 1):
        if 0 <= index < len(lines) and _is_caption(lines[index][2]):
            return index
    return None


def _is_caption(text: str) -> bool:
    stripped = text.strip()
    return (0 < len(stripped) <= 60 and not stripped.endswith(("。", "!", "?", "!", "?"))
            and bool(_CAPTION_CUE.search(stripped)))


def _drop_trailing_caption(lines: Sequence[tuple[int, int, str]], first: int, last: int) -> int:
    while last > first and _is_caption(lines[last][2]) and header_kind(lines[last][2]) is None:
        last -= 1
    return last


def _looks_tabular(texts: Sequence[str]) -> bool:
    typed = sum(cell_kind(t) not in ("text", "org", "label") for t in texts)
    headers = 0
    while headers < len(texts) and header_kind(texts[headers]) is not None:
        headers += 1
    return typed >= 2 or headers >= 2


# --- rebuilding ----------------------------------------------------------------------


def rebuild(cells: Sequence[Cell], caption: str = "") -> TableDraft:
    """Rebuild one flattened table; say plainly in ``notes`` where it is unsure."""
    notes: list[str] = []
    body, caption = _trim_edges(list(cells), caption, notes)
    caption, credit = split_credit(caption)
    if not body:
        return _empty_draft(caption, credit, notes)
    header_count = _extend_header(body, _header_count(body))
    header_cells, data = body[:header_count], body[header_count:]
    if header_cells:
        columns, alignment = _choose_template(header_cells, data)
    else:
        columns, alignment = _template_without_header(data, notes)
    columns, alignment = _refine_names(columns, data, alignment)
    profile = _Profile.learn(columns, data, alignment)
    if profile.usable:
        alignment = _align(columns, data, profile)
    rows, groups, unplaced = _assemble(columns, data, alignment)
    notes.extend(_explain(columns, data, alignment, rows, groups))
    for cell in unplaced:
        notes.append(f"'{cell.text}' fits no column and was left unplaced.")
    return TableDraft(
        caption=caption,
        credit=credit,
        header=tuple(c.name for c in columns),
        column_types=tuple(c.kind for c in columns),
        rows=rows,
        groups=groups,
        confidence=_confidence(columns, data, alignment, rows, bool(header_cells)),
        unplaced=tuple(unplaced),
        notes=tuple(notes),
        start=body[0].start if body else 0,
        end=body[-1].end if body else 0,
    )


def _empty_draft(caption: str, credit: str, notes: list[str]) -> TableDraft:
    notes.append("No table cells were found among the lines given.")
    return TableDraft(caption, credit, (), (), (), (), 0.0, (), tuple(notes), 0, 0)


def _trim_edges(cells: list[Cell], caption: str, notes: list[str]) -> tuple[list[Cell], str]:
    """Drop prose and the caption the caller may have passed along with the run."""
    dropped = 0
    while cells and (not is_cell_like(cells[0].text) or cells[0].text.strip() == caption.strip()):
        cells.pop(0)
        dropped += 1
    while cells and (not is_cell_like(cells[-1].text) or _is_caption(cells[-1].text)
                     or cells[-1].text.strip() == caption.strip()):
        last = cells.pop()
        if not caption and _is_caption(last.text):
            caption = last.text.strip()
        else:
            dropped += 1
    if dropped:
        notes.append(f"{dropped} line(s) next to the cells read as prose or caption and were "
                     "left out of the table.")
    return cells, caption


def _header_count(cells: Sequence[Cell]) -> int:
    count = 0
    while count < len(cells) and header_kind(cells[count].text) is not None:
        count += 1
    return count if count >= 2 else 0


MAX_HEADER_EXTENSION = 6


def _extend_header(body: Sequence[Cell], count: int) -> int:
    """Headers we have no ending for (制程, 显存) follow the known ones as short plain
    words; take as many as make the rows after them line up best, per cell."""
    if count < 2:
        return count
    best, best_cost = count, _per_cell_cost(body, count)
    width = count
    while width < min(len(body) - 1, count + MAX_HEADER_EXTENSION):
        text = body[width].text.strip()
        if cell_kind(text) not in ("text", "org") or any(ch.isdigit() for ch in text):
            break
        width += 1
        cost = _per_cell_cost(body, width)
        if cost < best_cost:
            best, best_cost = width, cost
    return best


def _per_cell_cost(body: Sequence[Cell], width: int) -> float:
    data = body[width:width + TEMPLATE_WINDOW]
    if not data:
        return INF
    columns = _with_key(_columns_from_header(body[:width], data))
    return _forward_cost(columns, data) / len(data)


def _columns_from_header(cells: Sequence[Cell], data: Sequence[Cell] = ()) -> list[_Column]:
    """A header's columns; one whose header announces no kind takes its values' majority."""
    columns = []
    for index, cell in enumerate(cells):
        kind = header_kind(cell.text)
        if kind is None and data:
            values = [cell_kind(c.text) for c in data[index::len(cells)][:50]]
            kind = _majority([_coarse_kind(k) for k in values])
        columns.append(_Column(name=cell.text.strip(), kind=kind or "text"))
    return columns


def _with_key(columns: list[_Column]) -> list[_Column]:
    """Mark the row's name column: the first name-like column after any category."""
    marked = [_Column(c.name, c.kind, c.inferred, key=False) for c in columns]
    for index, column in enumerate(marked):
        if column.kind in ("org", "text"):
            marked[index] = _Column(column.name, column.kind, column.inferred, key=True)
            break
    return marked


def _choose_template(header: Sequence[Cell],
                     data: Sequence[Cell]) -> tuple[list[_Column], _Alignment]:
    """The header's columns, or those plus one unnamed column if the data needs it."""
    base = _with_key(_columns_from_header(header, data))
    window = data[:TEMPLATE_WINDOW]
    best = base
    best_cost = _forward_cost(base, window)
    penalty = INSERT_COLUMN_PENALTY + 0.03 * len(window)
    for position in range(len(base) + 1):
        unnamed = _Column(name="", kind="text", inferred=True)
        candidate = _with_key([*base[:position], unnamed, *base[position:]])
        cost = _forward_cost(candidate, window) + penalty
        if cost < best_cost:
            best, best_cost = candidate, cost
    return best, _align(best, data)


def _template_without_header(data: Sequence[Cell],
                             notes: list[str]) -> tuple[list[_Column], _Alignment]:
    """No header: try column counts 2..8 with each column's majority kind."""
    notes.append("No header row was found; the columns were inferred from the pattern of "
                 "values and named by position.")
    coarse = [_coarse_kind(cell_kind(c.text)) for c in data[:TEMPLATE_WINDOW]]
    best: list[_Column] = [_Column(name="第1列", kind="text", key=True)]
    best_cost = INF
    for width in range(2, min(8, max(2, len(coarse) // 2)) + 1):
        kinds = [_majority(coarse[r::width]) for r in range(width)]
        columns = _with_key([_Column(name=f"第{i + 1}列", kind=k, inferred=True)
                             for i, k in enumerate(kinds)])
        cost = _forward_cost(columns, data[:TEMPLATE_WINDOW]) + width * 1.0
        if cost < best_cost:
            best, best_cost = columns, cost
    return best, _align(best, data)


def _majority(kinds: Sequence[str]) -> str:
    return Counter(kinds).most_common(1)[0][0] if kinds else "text"


def _coarse_kind(kind: str) -> str:
    return {"label": "text", "placeholder": "text"}.get(kind, kind)


def _refine_names(columns: list[_Column], data: Sequence[Cell],
                  alignment: _Alignment) -> tuple[list[_Column], _Alignment]:
    """Name an inferred name column, and re-align once it is known to hold organisations."""
    refined = list(columns)
    for index, column in enumerate(columns):
        if not column.inferred or column.name:
            continue
        texts = [c.text for c, col in zip(data, alignment.columns, strict=True) if col == index]
        org_share = sum(cell_kind(t) == "org" for t in texts) / max(1, len(texts))
        has_org = any(c.kind == "org" for c in columns)
        if org_share >= 0.3 and not has_org:
            refined[index] = _Column("公司", "org", inferred=True, key=column.key)
        else:
            refined[index] = _Column(f"第{index + 1}列", column.kind, inferred=True, key=column.key)
    if refined != columns:
        return refined, _align(refined, data)
    return refined, alignment


# --- name shapes learned from the table itself -----------------------------------------

_NAME_KINDS = frozenset({"text", "org", "label"})
_NAME_COLUMN_KINDS = frozenset({"text", "org"})
PROFILE_WEIGHT = 1.0
PROFILE_CAP = 0.5  # shape is a hint: it must not outvote the table's structure
PROFILE_MIN_CELLS = 5
PROFILE_TRAIN_MARGIN = 1.0  # only cells whose place the structure alone settles


def _shape(text: str) -> tuple[str, str]:
    """Script and length of a name: products skew Latin and short, companies do not."""
    stripped = text.strip()
    latin = sum(ch.isascii() and ch.isalpha() for ch in stripped)
    digits = sum(ch.isdigit() for ch in stripped)
    cjk = sum(ord(ch) >= 0x2E80 for ch in stripped)
    script = "mixed" if latin or digits else "cjk"
    if cjk == 0:
        script = "latin" if latin else "digit"
    length = len(stripped)
    bucket = str(length) if length <= 4 else ("5-6" if length <= 6 else "7+")
    return script, bucket


@dataclass(frozen=True)
class _Profile:
    """Per name column, how often each shape appears among its surely placed cells.

    Two text columns (a company and its product) look alike to the type rules; the
    confidently placed cells of this very table tell which shapes each one holds.
    """

    counts: dict[int, tuple[Counter[str], Counter[str], int]]

    @property
    def usable(self) -> bool:
        return len(self.counts) >= 2

    @classmethod
    def learn(cls, columns: Sequence[_Column], data: Sequence[Cell],
              alignment: _Alignment) -> _Profile:
        found: dict[int, tuple[Counter[str], Counter[str], int]] = {}
        for index, column in enumerate(columns):
            if column.kind not in _NAME_COLUMN_KINDS:
                continue
            shapes = [_shape(cell.text) for cell, col, (gap, _) in
                      zip(data, alignment.columns, alignment.margins, strict=True)
                      if col == index and gap >= PROFILE_TRAIN_MARGIN
                      and cell_kind(cell.text) in _NAME_KINDS]
            if len(shapes) >= PROFILE_MIN_CELLS:
                found[index] = (Counter(s for s, _ in shapes), Counter(b for _, b in shapes),
                                len(shapes))
        return cls(found)

    def penalty(self, column: int, shape: tuple[str, str]) -> float:
        """Extra cost of ``shape`` in ``column`` over the name column that suits it best."""
        if column not in self.counts:
            return 0.0
        costs = {index: self._surprise(index, shape) for index in self.counts}
        return min(PROFILE_CAP, PROFILE_WEIGHT * (costs[column] - min(costs.values())))

    def _surprise(self, column: int, shape: tuple[str, str]) -> float:
        scripts, lengths, total = self.counts[column]
        script_p = (scripts[shape[0]] + 1) / (total + 4)
        length_p = (lengths[shape[1]] + 1) / (total + 6)
        return -math.log(script_p) - math.log(length_p)


# --- the alignment search ------------------------------------------------------------


def _emission(kind: str, column: _Column, has_org_column: bool) -> float:
    if kind == "placeholder":
        return _EMIT["placeholder"].get(column.kind, _PLACEHOLDER_ELSEWHERE)
    if kind == "org" and column.kind == "text" and not has_org_column:
        return 0.0
    return _EMIT[kind].get(column.kind, MISFIT)


def _cost_tables(columns: Sequence[_Column], cells: Sequence[Cell],
                 profile: _Profile | None = None,
                 ) -> tuple[list[list[float]], list[float], list[float]]:
    """Emission rows per cell, and prefix sums for skipped-column costs."""
    has_org = any(c.kind == "org" for c in columns)
    cache: dict[tuple[str, str, str], list[float]] = {}
    emissions = []
    for cell in cells:
        kind = cell_kind(cell.text)
        shape = _shape(cell.text) if profile and kind in _NAME_KINDS else ("", "")
        key = (kind, *shape)
        if key not in cache:
            row = [_emission(kind, col, has_org) for col in columns]
            if profile and kind in _NAME_KINDS:
                row = [cost + profile.penalty(index, shape) for index, cost in enumerate(row)]
            cache[key] = row
        emissions.append(cache[key])
    inside = [_skip_cost(c, SKIP_INSIDE) for c in columns]
    leading = [_skip_cost(c, SKIP_LEADING) for c in columns]
    return emissions, [0.0, *accumulate(inside)], [0.0, *accumulate(leading)]


def _skip_cost(column: _Column, base: float) -> float:
    if column.kind == "category":
        return 0.0  # merged cells: a category is stated once per group
    return SKIP_KEY if column.key else base


def _step(prev: list[float], emit: list[float], inside: list[float],
          leading: list[float]) -> tuple[list[float], list[tuple[int, bool]]]:
    """One cell forward: state = last filled column of the open row (index n = none)."""
    width = len(emit)
    nxt = [INF] * (width + 1)
    back: list[tuple[int, bool]] = [(-1, False)] * (width + 1)
    best_prev = min(prev)
    best_prev_state = prev.index(best_prev)
    for col in range(width):
        cost = best_prev + NEW_ROW + leading[col] + emit[col]
        choice = (best_prev_state, True)
        for state in range(col):
            cont = prev[state] + inside[col] - inside[state + 1] + emit[col]
            if cont < cost:
                cost, choice = cont, (state, False)
        nxt[col], back[col] = cost, choice
    for state in range(width + 1):
        if prev[state] + UNPLACED < nxt[state]:
            nxt[state], back[state] = prev[state] + UNPLACED, (state, False)
    return nxt, back


def _forward_cost(columns: Sequence[_Column], cells: Sequence[Cell]) -> float:
    emissions, inside, leading = _cost_tables(columns, cells)
    scores = [INF] * len(columns) + [0.0]
    for emit in emissions:
        scores, _ = _step(scores, emit, inside, leading)
    return min(scores)


def _align(columns: Sequence[_Column], cells: Sequence[Cell],
           profile: _Profile | None = None) -> _Alignment:
    """Viterbi path plus per-cell min-marginals (forward + backward)."""
    emissions, inside, leading = _cost_tables(columns, cells, profile)
    width = len(columns)
    forward = [[INF] * width + [0.0]]
    backs = []
    for emit in emissions:
        scores, back = _step(forward[-1], emit, inside, leading)
        forward.append(scores)
        backs.append(back)
    backward = _backward(emissions, inside, leading, width)
    state = forward[-1].index(min(forward[-1]))
    columns_out: list[int | None] = [None] * len(cells)
    new_row = [False] * len(cells)
    for index in range(len(cells) - 1, -1, -1):
        prev_state, opens = backs[index][state]
        placed = state != prev_state or opens
        columns_out[index] = state if placed else None
        new_row[index] = opens
        state = prev_state
    margins = [_margin(forward[i], emissions[i], backward[i + 1], inside, leading,
                       columns_out[i]) for i in range(len(cells))]
    return _Alignment(min(forward[-1]), tuple(columns_out), tuple(new_row), tuple(margins))


def _backward(emissions: list[list[float]], inside: list[float], leading: list[float],
              width: int) -> list[list[float]]:
    """backward[i][s]: cheapest cost of cells i.. given state s before cell i."""
    after = [[0.0] * (width + 1)]
    for emit in reversed(emissions):
        nxt = after[-1]
        opens = min(NEW_ROW + leading[c] + emit[c] + nxt[c] for c in range(width))
        scores = []
        for state in range(width + 1):
            best = min(opens, UNPLACED + nxt[state])
            if state < width:
                for col in range(state + 1, width):
                    best = min(best, inside[col] - inside[state + 1] + emit[col] + nxt[col])
            scores.append(best)
        after.append(scores)
    after.reverse()
    return after


def _margin(before: list[float], emit: list[float], after: list[float], inside: list[float],
            leading: list[float], chosen: int | None) -> tuple[float, int | None]:
    """Gap between the chosen reading of a cell and the best reading in another column."""
    width = len(emit)
    totals: dict[int | None, float] = {}
    opens = min(before)
    for col in range(width):
        best = opens + NEW_ROW + leading[col] + emit[col]
        for state in range(col):
            best = min(best, before[state] + inside[col] - inside[state + 1] + emit[col])
        totals[col] = best + after[col]
    totals[None] = min(before[s] + UNPLACED + after[s] for s in range(width + 1))
    mine = totals[chosen]
    rivals = [(cost - mine, col) for col, cost in totals.items() if col != chosen]
    gap, rival = min(rivals, key=lambda item: item[0]) if rivals else (INF, None)
    return gap, rival


# --- from a path to rows, groups and notes --------------------------------------------


def _assemble(columns: Sequence[_Column], data: Sequence[Cell],
              alignment: _Alignment) -> tuple[tuple[tuple[str, ...], ...],
                                              tuple[tuple[int, str], ...], list[Cell]]:
    rows: list[list[str]] = []
    unplaced: list[Cell] = []
    for cell, col, opens in zip(data, alignment.columns, alignment.new_row, strict=True):
        if col is None:
            unplaced.append(cell)
            continue
        if opens or not rows:
            rows.append([""] * len(columns))
        rows[-1][col] = cell.text.strip()
    groups = _groups(columns, rows)
    return tuple(tuple(r) for r in rows), groups, unplaced


def _groups(columns: Sequence[_Column],
            rows: Sequence[Sequence[str]]) -> tuple[tuple[int, str], ...]:
    """Category cells that stood in merged cells: filled in fewer than half of the rows."""
    found: list[tuple[int, str]] = []
    for index, column in enumerate(columns):
        if column.kind != "category":
            continue
        filled = [(r, row[index]) for r, row in enumerate(rows) if row[index]]
        if filled and len(filled) * 2 <= len(rows):
            found.extend(filled)
    return tuple(found)


def _row_name(columns: Sequence[_Column], row: Sequence[str]) -> str:
    for column, text in zip(columns, row, strict=True):
        if column.key and text:
            return text
    return " | ".join(t for t in row if t)


def _explain(columns: Sequence[_Column], data: Sequence[Cell], alignment: _Alignment,
             rows: Sequence[Sequence[str]], groups: Sequence[tuple[int, str]]) -> list[str]:
    notes: list[str] = []
    notes.extend(_notes_inferred(columns, alignment))
    notes.extend(_notes_groups(columns, rows, groups))
    notes.extend(_notes_missing_key(columns, rows))
    notes.extend(_notes_ambiguous(columns, data, alignment))
    notes.extend(_notes_sparse(columns, rows))
    return notes


def _notes_inferred(columns: Sequence[_Column], alignment: _Alignment) -> list[str]:
    notes = []
    for index, column in enumerate(columns):
        if column.inferred and not column.name.startswith("第"):
            count = sum(col == index for col in alignment.columns)
            notes.append(f"The column '{column.name}' has no header in the source: it was "
                         f"inferred because {count} cells fit none of the named columns; its "
                         "name is a guess.")
    return notes


def _notes_groups(columns: Sequence[_Column], rows: Sequence[Sequence[str]],
                  groups: Sequence[tuple[int, str]]) -> list[str]:
    notes = []
    starts = [r for r, _ in groups]
    for position, (row, label) in enumerate(groups):
        end = starts[position + 1] if position + 1 < len(starts) else len(rows)
        notes.append(f"'{label}' reads as a group label (a merged cell of the first column) "
                     f"over rows {row + 1}-{end}; where the group really ends is a guess.")
    return notes


def _notes_missing_key(columns: Sequence[_Column], rows: Sequence[Sequence[str]]) -> list[str]:
    notes = []
    key = next((i for i, c in enumerate(columns) if c.key), None)
    if key is None:
        return notes
    for number, row in enumerate(rows, start=1):
        if not row[key]:
            shown = " | ".join(t for t in row if t)
            notes.append(f"Row {number} ({shown}) has no {columns[key].name}: the cell was "
                         "probably lost when the table was flattened; left blank, not guessed.")
    return notes


def _notes_ambiguous(columns: Sequence[_Column], data: Sequence[Cell],
                     alignment: _Alignment) -> list[str]:
    notes = []
    row_number = 0
    for cell, col, opens, (gap, rival) in zip(data, alignment.columns, alignment.new_row,
                                              alignment.margins, strict=True):
        row_number += opens
        if col is None or gap >= AMBIGUOUS_MARGIN:
            continue
        other = "left unplaced" if rival is None else f"under '{columns[rival].name}'"
        if columns[col].key and rival is not None and columns[rival].kind in _NAME_COLUMN_KINDS:
            other += f"; if so, this row's {columns[col].name} is missing"
        notes.append(f"Unsure: '{cell.text.strip()}' (row {row_number}) was put under "
                     f"'{columns[col].name}' but would fit almost as well {other}.")
    return notes


def _notes_sparse(columns: Sequence[_Column], rows: Sequence[Sequence[str]]) -> list[str]:
    notes = []
    for index, column in enumerate(columns):
        if column.kind == "category" or not rows:
            continue
        empty = sum(not row[index] for row in rows)
        if empty * 5 >= len(rows) * 2 and empty < len(rows):
            notes.append(f"'{column.name}' is empty in {empty} of {len(rows)} rows: those "
                         "cells were empty in the source, lost in flattening, or merged across "
                         "rows.")
    return notes


def _confidence(columns: Sequence[_Column], data: Sequence[Cell], alignment: _Alignment,
                rows: Sequence[Sequence[str]], had_header: bool) -> float:
    """A rough [0, 1] score: placed cells, sure placements, named columns, filled keys."""
    if not data or not rows:
        return 0.0
    placed = [c for c in alignment.columns if c is not None]
    placed_share = len(placed) / len(data)
    unsure = sum(1 for col, (gap, _) in zip(alignment.columns, alignment.margins, strict=True)
                 if col is not None and gap < AMBIGUOUS_MARGIN)
    sure_share = 1 - unsure / max(1, len(placed))
    header_factor = 1.0 if had_header else 0.6
    header_factor -= 0.15 * sum(c.inferred for c in columns) if had_header else 0.0
    key = next((i for i, c in enumerate(columns) if c.key), None)
    keyed = sum(bool(row[key]) for row in rows) / len(rows) if key is not None else 0.5
    score = header_factor * placed_share * (0.5 + 0.5 * sure_share) * (0.5 + 0.5 * keyed)
    return round(max(0.0, min(1.0, score)), 2)


def draft_as_text(draft: TableDraft) -> str:
    """A plain-text rendering for logs, reports and the admin's preview."""
    lines = [f"caption: {draft.caption}", f"credit: {draft.credit}",
             " | ".join(draft.header), " | ".join(draft.column_types)]
    labels = dict(draft.groups)
    for index, row in enumerate(draft.rows):
        if index in labels:
            lines.append(f"-- group: {labels[index]}")
        lines.append(" | ".join(cell or "·" for cell in row))
    lines.append(f"confidence: {draft.confidence}")
    lines.extend(f"note: {note}" for note in draft.notes)
    lines.extend(f"unplaced: {cell.text}" for cell in draft.unplaced)
    return "\n".join(lines)
