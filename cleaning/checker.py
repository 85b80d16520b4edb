"""The pipeline: decode -> segment (text or HTML) -> signals -> verdicts -> memory.

``check`` is the one entry point the Django side calls; everything here is
pure and deterministic, so re-running a newer checker over an old article
reproduces its verdicts.
"""

from __future__ import annotations

from .document import pinyin, spun_text, title_unrelated
from .lexicon import fold_by_character, maybe_gambling, names_brand
from .memory import fingerprint, fingerprints, normalise
from .model import (
    ARTICLE,
    PAGE_KINDS,
    STORY_KINDS,
    Block,
    BlockMemory,
    CheckResult,
    DocumentVerdict,
    InputError,
    new_block,
)
from .pages import brand_sells, index_entries, judge_page
from .reasons import reason
from .segment import Segment, segment_text
from .verdict import STORY_ITEM_SIGNALS, Judged, judge, squash

MEMORY_MIN_ARTICLES = 2


def check(
    text: str, fmt: str = "text", *, title: str = "", memory: BlockMemory | None = None
) -> CheckResult:
    """Check one document and return a verdict for each block."""
    if fmt not in {"text", "html"}:
        raise InputError(reason("unknown-format", fmt=repr(fmt)))
    if not isinstance(text, str):
        raise InputError("check() takes decoded text; call decode() on bytes first.")
    warnings: list[str] = []
    if not text.strip():
        return CheckResult(text=text, format=fmt, blocks=(), warnings=(), title=title)
    detected_title = title
    # Whether a gambling word can be anywhere: plain-text blocks are pieces of the text,
    # so one pre-check of it serves the segmentation and the signals. (An HTML page's
    # blocks are not: entities and markup stand between them and the source.)
    gambling = sells = True
    source_fold = None  # the raw text's fold, cut into the blocks' (plain text only)
    if fmt == "html":
        from .html import extract

        page = extract(text)
        segments = page.segments
        warnings.extend(page.warnings)
        detected_title = title or page.title
    else:
        source_fold = fold_by_character(text)
        gambling = maybe_gambling(text, source_fold)
        # A casino brand that sells the page's ordinary gambling words, not one named only
        # in a few keyword lines pasted into a story: one judgement for the segmentation
        # (which cuts those words out of sentences) and the page verdict (pages.brand_sells).
        sells = gambling and names_brand(text) and brand_sells(text.splitlines())
        segments = segment_text(text, gambling=gambling, brands=sells)
    main = [s for s in segments if not s.outside]
    judged, ctx = judge(main, detected_title, gambling=gambling, source_fold=source_fold)
    if fmt == "html":
        judged = _merge_outside(segments, judged)
    # A flattened table is story structure: its short cell lines say nothing about a listing
    # (they are measured apart, for field rows). A copyright or liability notice is never
    # story: a page's footer notice is no story core of a login or listing page.
    measured = [
        j.seg for j in judged if not j.seg.outside and j.kind not in ("table_cells", "disclaimer")
    ]
    cells = [j.seg.text for j in judged if not j.seg.outside and j.kind == "table_cells"]
    verdict = judge_page(
        measured,
        title=detected_title,
        fmt=fmt,
        gambling=ctx.gambling_doc,
        cells=cells,
        hits=ctx.gambling_counts(),
        brands=ctx.brand_texts() if sells else (),
        spinner=ctx.spun_doc,
        spam=ctx.spam_texts(),
    )
    if fmt == "html" and segments and index_entries(measured):
        # The extractor found no main content but entries of a list (or none at all): it
        # landed on an index. The page's lines are measured as a plain-text page's are, for
        # the shapes of an index page (an article the extractor missed still reads as
        # sentences there, and its story core keeps it an article).
        verdict = judge_page(segments, title=detected_title, fmt="text")
    document = _recall_document(verdict, text, memory)
    if not document.is_article:
        warnings.append(reason("not_an_article", page=document.kind, why=document.reasons))
        _whole_page(judged, document)
    story = "\n".join(j.seg.text for j in judged if j.kind in STORY_KINDS)
    spun = spun_text(story) if ctx.spun_doc else None  # story blocks are blocks ctx has read
    for warn in (spun, title_unrelated(title, story), pinyin(story)):
        if warn:
            warnings.append(warn)
    blocks = _blocks(judged, memory, ctx.normalised)
    return CheckResult(
        text=text,
        format=fmt,
        blocks=blocks,
        warnings=tuple(warnings),
        title=detected_title,
        document=document,
    )


def document_fingerprint(text: str) -> int:
    """SimHash of the whole raw text: how near-duplicate documents find each other."""
    return fingerprint(text[:200_000])


def _recall_document(
    verdict: DocumentVerdict, text: str, memory: BlockMemory | None
) -> DocumentVerdict:
    """An editor's verdict on this document or a near-duplicate of it beats the checker's."""
    recall = getattr(memory, "recall_document", None)
    if recall is None:
        return verdict
    memo = recall(document_fingerprint(text))
    if memo is None or not memo.editor_kind or memo.editor_kind == verdict.kind:
        return verdict
    why = memo.editor_reason or reason("editor-judged-page-anonymous", page=memo.editor_kind)
    score = 0.0 if memo.editor_kind == ARTICLE else 1.0
    return DocumentVerdict(memo.editor_kind, score, (why,), machine_kind=verdict.kind)


def _whole_page(judged: list[Judged], document: DocumentVerdict) -> None:
    """Every story block of a page that is not an article gets the page's not-story kind,
    and so does an item told only by the story around it (verdict.STORY_ITEM_SIGNALS)."""
    kind = PAGE_KINDS[document.kind]
    why = reason("part-of-page", page=document.kind)
    for j in judged:
        if j.kind in STORY_KINDS or (
            j.kind == "foreign" and STORY_ITEM_SIGNALS.intersection(j.meta.get("signals", ()))
        ):
            j.kind, j.score = kind, max(j.score, document.score)
            j.reasons = [why]
            j.meta.setdefault("signals", []).append(f"{document.kind}_page")


def _merge_outside(segments: list[Segment], judged: list[Judged]) -> list[Judged]:
    if len(judged) == len(segments):  # nothing outside the main content: numbers stay
        for j in judged:
            if "caption_index" in j.meta:
                k = int(j.meta["caption_index"])
                j.meta["caption_index"] = k if 0 <= k < len(judged) else -1
        return judged
    inside = iter(judged)
    out: list[Judged] = []
    position: dict[int, int] = {}
    for seg in segments:
        if seg.outside:
            why = seg.meta.pop("why", None)
            signal = seg.meta.pop("signal", "outside_main")
            out.append(
                Judged(
                    seg,
                    "chrome",
                    0.9,
                    [why or reason("outside-main")],
                    {"signals": [signal]},
                )
            )
        else:
            position[len(position)] = len(out)
            out.append(next(inside))
    # Figure -> caption links were numbered among the main blocks; renumber them.
    for j in out:
        if "caption_index" in j.meta:
            j.meta["caption_index"] = position.get(int(j.meta["caption_index"]), -1)
    return out


def _blocks(
    judged: list[Judged], memory: BlockMemory | None, normalised: dict[str, str]
) -> tuple[Block, ...]:
    fps = fingerprints([j.seg.text for j in judged], normalised)
    if memory is not None and judged:
        recalled = memory.recall(fps)
        for j, fp in zip(judged, fps, strict=True):
            memo = recalled.get(fp)
            if memo is None:
                continue
            norm = normalised.get(j.seg.text)
            if len(norm if norm is not None else normalise(j.seg.text)) < 4:
                continue
            signals = j.meta.setdefault("signals", [])
            if memo.editor_kind:
                signals.append("editor_override")
                j.kind = memo.editor_kind
                j.reasons = [
                    memo.editor_reason or reason("editor-marked-anonymous", kind=memo.editor_kind)
                ]
                j.score = 0.0 if memo.editor_kind in STORY_KINDS else 1.0
            elif memo.articles_seen >= MEMORY_MIN_ARTICLES:
                signals.append("source_boilerplate")
                if j.kind != "disclaimer":
                    j.kind = "chrome"
                j.reasons = [
                    reason("seen-elsewhere", n=memo.articles_seen),
                    *j.reasons,
                ]
                j.score = max(j.score, squash(1.6))
    blocks = []
    # "classified-as" of each kind, made once: a table's cells or a page's chrome are
    # dozens of blocks of one kind without a reason of their own.
    classified: dict[str, tuple[str, ...]] = {}
    for index, (j, fp) in enumerate(zip(judged, fps, strict=True)):
        said = j.reasons
        if len(said) > 1:
            reasons = tuple(dict.fromkeys(r for r in said if r))
        else:  # none or one (most blocks): nothing to drop a repeat of
            reasons = (said[0],) if said and said[0] else ()
        kind = j.kind
        if not reasons and kind != "paragraph":
            reasons = classified.get(kind) or classified.setdefault(
                kind, (reason("classified-as", kind=kind),)
            )
        seg = j.seg
        blocks.append(  # positional: index, start, end, kind, score, reasons, text, meta, fp
            # j.meta is this block's own dict (judge builds one per block): no copy.
            new_block(index, seg.start, seg.end, kind, j.score, reasons, seg.text, j.meta, fp)
        )
    return tuple(blocks)
