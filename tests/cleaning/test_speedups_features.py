"""pages.features measures the page feature by feature, each over the distinct texts
only where the page can show it: the same PageFeatures as the one pass asking every
feature of every text (kept below as it was)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaning.pages import (
    _ANSWER,
    _ANSWERS,
    _BULLET,
    _CONTACT,
    _ERROR,
    _ERROR_PAGE_CHARS,
    _PRICE,
    _QA_HINT,
    _QUESTION,
    _QUESTIONS,
    _READER,
    _REPORT,
    _SENTENCE_END,
    FIELD_ROWS,
    FIELD_SHARE,
    GAMBLING,
    LIST_LINE_CHARS,
    MID_SENTENCE,
    QA_PAIRS,
    QUESTION_CHARS,
    SPUN,
    Counter,
    PageFeatures,
    _core,
    _dated,
    _error_line,
    _field_row,
    _field_rows,
    _joined_prose,
    _keyword_line,
    _names_by_text,
    _sentences,
    _shape,
    _teaser,
    chain,
    code_points,
    cut_open,
    ends_sentence,
    features,
    holds_spam,
    is_body,
    is_short_line,
    list_entry,
    maybe_gambling,
    names_brand,
    spam_words,
)
from cleaning.segment import Segment


def features_as_it_was(
    segments: list[Segment],
    *,
    gambling: bool | None = None,
    shapes: bool = True,
    cells: Sequence[str] = (),
    hits: Mapping[str, int] | None = None,
    brands: Collection[str] | None = None,
    spinner: bool | None = None,
    spam: Collection[str] | None = None,
) -> PageFeatures:
    """pages.features as it was: one pass over the distinct texts, every feature asked
    of each."""
    texts = [s.text for s in segments]
    n = len(texts)
    chars = sum(len(t) for t in texts) or 1
    prose = 0
    short = listy = nav = gambling_blocks = gambling_words = gambling_selling = 0
    error = spun = longest = 0
    questions = answers = qa_prose = contacts = prices = 0
    asks: set[str] = set()  # short lines ending in a question mark
    reader_of: dict[str, int] = {}  # polite second person per text, times its occurrences
    shape_of: dict[str, str] = {}
    dialogue: set[str] = set()  # blocks holding a question or answer marker, question lines
    counts = Counter(texts)
    repeated = sum(len(t) for t in texts if counts[t] > 1 and len(t) >= 4)
    names: Counter[str] = Counter()
    name_lists: set[str] = set()  # blocks that are lists of names (link farms), not prose
    prose_texts: set[str] = set()  # measured once below, read again for the story core
    unfit: set[str] = set()  # selling gambling, a teaser, or the glued name: never prose
    whole = "\n".join(texts)
    # The distinct texts that can hold a name read here (most paragraphs cannot): their
    # names read off their own code points, not the whole page's.
    named = [
        text
        for text in counts
        if "公司" in text or "网" in text or "平台" in text or "娱乐" in text or "厂" in text
    ]
    if named:
        codes = code_points("\n".join(named))
        found_in = dict(zip(named, _names_by_text(named, codes), strict=True))
    for text in named:
        found = found_in[text]
        # Counted in place (Counter.update's checks cost more than a few names), in the
        # order of first occurrence, as update would insert them (most_common breaks ties
        # by order; a set's order of strings would change with the hash seed).
        for name in dict.fromkeys(found):
            names[name] += counts[text] * found.count(name)
        if len(found) >= 5 and sum(map(len, found)) >= 0.5 * len(text):
            name_lists.add(text)
    glued = names.most_common(1)[0] if names else ("", 0)
    # A name glued into sentence after sentence makes those sentences template text.
    template = glued[0] if glued[1] >= 5 else None
    # One scan of the whole text says which word lists can match at all.
    if gambling is None:
        gambling_doc = maybe_gambling("\n".join((whole, *cells)) if cells else whole)
    else:
        gambling_doc = gambling
    # Over the whole page: a brand in a flattened table still names the page's business.
    brand_doc = gambling_doc and (
        names_brand("\n".join((whole, *cells)))
        if brands is None
        else any(t in brands for t in chain(counts, cells))
    )
    spun_doc = SPUN.search(whole) is not None if spinner is None else spinner
    # The same for the service page's shapes: most stories have none of them at all.
    qa_doc = any(q.search(whole) for q in _QUESTIONS) and any(a.search(whole) for a in _ANSWERS)
    reader_doc = _READER.search(whole) is not None
    body_of = {text: is_body(text) for text in counts}
    # Error and login words count only on a short page (see judge_page).
    error_doc = len(whole) < _ERROR_PAGE_CHARS and _ERROR.search(whole) is not None
    # Each distinct text is measured once and counted as often as it occurs.
    for text, times in counts.items():
        body = body_of[text] and text not in name_lists
        if hits is not None:
            casino = hits.get(text, 0)
        else:
            casino = len(GAMBLING.findall(text)) if gambling_doc else 0
        # Words that sell gambling: all of them on a page naming a casino brand, none on a
        # page whose only gambling words are ordinary ones (a lottery story's).
        selling = casino if brand_doc else 0
        # Sentences that sell a casino or carry the glued name are no evidence of an article.
        teaser = _teaser(text)
        qa = False
        if qa_doc and _QA_HINT.search(text):
            asked, answered = len(_QUESTION.findall(text)), len(_ANSWER.findall(text))
            questions += asked * times
            answers += answered * times
            qa = asked + answered > 0
            if qa:
                dialogue.add(text)
        if len(text) <= QUESTION_CHARS and text.rstrip().endswith(("？", "?")):
            asks.add(text)
        polite = len(_READER.findall(text)) if reader_doc else 0
        if polite:
            reader_of[text] = polite * times
        errors = len(_ERROR.findall(text)) if error_doc and len(text) <= 200 else 0
        # A short line that says the page is missing or asks for a password is the error
        # or form itself, sentence or not: no evidence of an article.
        if selling or teaser or (template and template in text) or (
            errors and _error_line(text, errors)
        ):
            unfit.add(text)
        elif body:
            prose_texts.add(text)
            prose += len(text) * times
            longest = max(longest, len(text))
            qa_prose += len(text) * times if qa else 0
        short_line = shapes and is_short_line(text)
        if short_line:
            short += times
        # A navigation label: eight characters at most once a bullet is dropped (a text
        # that short already needs no dropping).
        if (
            shapes
            and (len(text) <= 8 or (len(text) <= 16 and len(_BULLET.sub("", text)) <= 8))
            and not ends_sentence(text)
        ):
            nav += times
        # Both are false for a line past LIST_LINE_CHARS, _dated for a body too: most
        # paragraphs need neither call.
        listable = shapes and len(text) <= LIST_LINE_CHARS
        dated = listable and not body and _dated(text, body)
        if listable and list_entry(text, body=body, teaser=teaser, dated=dated):
            listy += times
        if shapes:
            shape_of[text] = _shape(body_of[text], dated and len(text) <= 40, short_line)
        if casino:
            gambling_blocks += times
            gambling_words += casino * times
            gambling_selling += selling * times
        error += errors * times
        if spun_doc:
            spun += len(SPUN.findall(text)) * times
    # A flattened table sells as the page around it does (a casino's bonus table is the
    # casino's): its cells holding gambling words count as blocks of the page's lexicon,
    # their characters with them.
    gambling_chars = chars
    # (``hits`` names every text holding a gambling word: empty, no cell holds one.)
    if gambling_doc and cells and (hits is None or hits):
        for text in cells:
            casino = hits.get(text, 0) if hits is not None else len(GAMBLING.findall(text))
            if casino:
                gambling_blocks += 1
                gambling_words += casino
                gambling_selling += casino if brand_doc else 0
                gambling_chars += len(text)
    # Spam stuffing: how many sentences hold spam words, and lines made of them. Looked for
    # only where a spam word is on the page at all.
    sentences = spam_sentences = report = keyword_lines = 0
    spam_found: set[str] = set()
    # No SPAM match spans a line: the whole text holds one where a block does.
    spam_doc = holds_spam(whole) if spam is None else any(t in spam for t in counts)
    if brand_doc or spam_doc:
        for text, times in counts.items():
            words = spam_words(text, gambling_doc)
            keyword_lines += _keyword_line(text, words) * times
            if not body_of[text] or text in name_lists:
                continue
            for sentence in _SENTENCE_END.split(text):
                if len(sentence) < 4:
                    continue
                found = spam_words(sentence, gambling_doc, brand_doc) if words else []
                sentences += times
                spam_sentences += bool(found) * times
                report += (_REPORT.search(sentence) is not None) * times
                spam_found.update(found)
    # Question lines answered by a paragraph: they continue an interview's story core (see
    # below). They are no evidence of a FAQ on their own: advice columns ask them too. And a
    # listing of dated entries: a title line, its teaser and a date or counter line, again.
    entries = 0
    shape = ""
    for at, text in enumerate(texts):
        if text in asks and at + 1 < n and body_of[texts[at + 1]]:
            dialogue.add(text)
        if shapes:
            shape = (shape + shape_of[text])[-3:]
            entries += shape in ("TPD", "TDP")
    reader = sum(words for text, words in reader_of.items() if text not in dialogue)
    # The story core: consecutive prose blocks in page order (prose as counted above).
    core = _core(((text, 1, text in prose_texts) for text in texts), dialogue)
    sentence_core = core
    # Quotes and brackets cut open, in paragraphs (a sentence broken over lines taken whole).
    cut = sum(counts[text] for text in cut_open(texts, whole) if text in prose_texts)
    if any(text.endswith(MID_SENTENCE) for text in texts):
        units = _sentences(texts)
        sentence_core = _core(
            ((text, parts, text in prose_texts if parts == 1 else _joined_prose(text, unfit))
             for text, parts in units),
            dialogue,
        )
        if cut:
            cut_units = cut_open([text for text, _ in units])
            cut = sum(
                counts[text] if parts == 1 else 1
                for text, parts in units
                if text in cut_units
                and (text in prose_texts if parts == 1 else _joined_prose(text, unfit))
            )
    # Table cell lines (left out of the segments: they say nothing of a listing) can be
    # field rows of a specification or a profile.
    cell_fields = sum(_field_row(text) for text in cells)
    lines = n + len(cells)
    field_rows = _field_rows(counts) + cell_fields
    field_share = field_rows / lines if lines else 0.0
    # A seller's numbers and prices only support questions and answers or field rows (see
    # judge_page): they are looked for on such pages only, not in every story.
    if min(questions, answers) >= QA_PAIRS or (
        field_rows >= FIELD_ROWS and field_share >= FIELD_SHARE
    ):
        for text, times in counts.items():
            contacts += (_CONTACT.search(text) is not None) * times
            prices += (_PRICE.search(text) is not None) * times
    return PageFeatures(
        qa_pairs=min(questions, answers),
        reader_words=reader,
        dated_entries=entries,
        narrative_share=(prose - qa_prose) / chars,
        field_rows=field_rows,
        field_share=field_share,
        contact_rows=contacts,
        price_rows=prices,
        core_chars=core,
        sentence_core=sentence_core,
        blocks=n,
        chars=chars,
        prose_share=prose / chars,
        short_lines=short / n if n else 0.0,
        list_lines=listy / n if n else 0.0,
        nav_lines=nav / n if n else 0.0,
        gambling_blocks=gambling_blocks,
        gambling_rate=1000 * gambling_words / gambling_chars,
        gambling_selling=gambling_selling,
        prose_blocks=sum(counts[text] for text in prose_texts),
        sentences=sentences,
        spam_sentences=spam_sentences,
        spam_terms=len(spam_found),
        report_sentences=report,
        keyword_lines=keyword_lines,
        cut_paragraphs=cut,
        repeated_share=repeated / chars,
        glued_name=glued,
        error_words=error,
        spun_words=spun,
        longest_prose=longest,
        distinct_names=len(names),
    )


# Lines of my own that show each feature: questions and answers, the polite "您", error and
# login words, teasers, dates and counters, gambling and spun words, firm names, bullets,
# question lines, lines broken mid-sentence, and plain story sentences.
LINES = st.sampled_from([
    "问：新线路什么时候开通？", "答：下个月就开通。", "Q: When does the ferry leave?",
    "A: At nine.", "回答：在码头北边。", "请填写您的姓名和电话。", "您可以在这里查看订单。",
    "页面不存在", "请先登录", "忘记密码", "用户名", "港口的新渡轮下周开始运营，船票已经开售。",
    "记者从市交通局了解到，这条线路全长十二公里，沿途设站八座。",
    "新闻标题一则...", "更多内容[详细]", "2023-05-01 10:00", "阅读 1200", "体育新闻（12）",
    "威尼斯人", "YABO娱乐", "博彩网", "澳门赌场官网", "先容希翼", "颠末", "北京某某科技有限公司",
    "东方财富网", "某某娱乐平台", "• 首页", "1. 新闻", "为什么渡轮晚点了？", "他说，",
    "码头很安静，", "渔船先回来了。", "重量：1.2kg", "电话：13800138000", "价格：20元",
    "短句", "“他说：这条路修好了。”她说。然后走了。", "（上午九点）开门。结束了！",
])
TEXTS = st.lists(st.one_of(LINES, st.text(max_size=10)), min_size=1, max_size=14)


@settings(max_examples=500, deadline=None)
@given(TEXTS, st.data())
def test_features_feature_by_feature_as_in_one_pass(texts: list[str], data) -> None:
    segments = [Segment(0, len(t), t) for t in texts if t.strip()]
    if not segments:
        return
    pool = sorted({*texts, "威尼斯人", "不在页上的一行"})
    cells = data.draw(st.lists(st.one_of(LINES, st.text(max_size=6)), max_size=3))
    kwargs = {
        "gambling": data.draw(st.sampled_from([None, True, False])),
        "shapes": data.draw(st.booleans()),
        "cells": cells,
        "hits": data.draw(st.none() | st.dictionaries(st.sampled_from(pool + cells),
                                                      st.integers(0, 3))),
        "brands": data.draw(st.none() | st.sets(st.sampled_from(pool))),
        "spinner": data.draw(st.sampled_from([None, True, False])),
        "spam": data.draw(st.none() | st.sets(st.sampled_from(pool))),
    }
    assert features(segments, **kwargs) == features_as_it_was(segments, **kwargs)


def test_a_help_page_counts_its_questions_and_reader_words() -> None:
    lines = ["问：怎么退票？", "答：请在您的订单页面点击退票。", "问：多久到账？", "答：三天内。",
             "请留下您的电话，我们会联系您。"]
    segments = [Segment(0, len(t), t) for t in lines]
    found = features(segments)
    assert (found.qa_pairs, found.reader_words) == (2, 2)  # "您" of an answer left out
    assert found == features_as_it_was(segments)
