"""The database side of the checker's cross-article memory.

Near-duplicate lookup by SimHash bands: two fingerprints within Hamming
distance 3 share at least one of four 16-bit bands exactly, so one indexed
query per band finds every candidate, and the exact distance is checked here.
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence

from django.db.models import Q

from articles.models import Block, BlockOverride, DocumentOverride
from cleaning import Recollection, bands, hamming

NEAR = 3


def band_filter(fingerprints: Sequence[int]) -> Q:
    per_band: list[set[int]] = [set(), set(), set(), set()]
    for fp in fingerprints:
        for i, band in enumerate(bands(fp)):
            per_band[i].add(band)
    q = Q()
    for i, values in enumerate(per_band):
        q |= Q(**{f"band{i}__in": sorted(values)})
    return q


def band_fields(fp: int) -> dict[str, int]:
    return {f"band{i}": band for i, band in enumerate(bands(fp))}


class DatabaseBlockMemory:
    """What other articles of the same source, and editors anywhere, said of similar blocks."""

    def __init__(self, *, article_id: int, source_id: int | None) -> None:
        self.article_id = article_id
        self.source_id = source_id

    def recall(self, fingerprints: Sequence[int]) -> Mapping[int, Recollection]:
        wanted = [fp for fp in set(fingerprints) if fp]
        if not wanted:
            return {}
        bands_q = band_filter(wanted)
        seen: dict[int, set[int]] = defaultdict(set)
        if self.source_id is not None:
            rows = (
                Block.objects.filter(bands_q, article__source_id=self.source_id)
                .exclude(article_id=self.article_id)
                .values_list("fingerprint", "article_id")
            )
            for other_fp, other_article in rows.iterator():
                for fp in wanted:
                    if hamming(fp, other_fp) <= NEAR:
                        seen[fp].add(other_article)
        learnt: dict[int, BlockOverride] = {}
        overrides = (
            BlockOverride.objects.filter(bands_q)
            .exclude(article_id=self.article_id)
            .select_related("user")
            .order_by("created_at")
        )
        for override in overrides:
            for fp in wanted:
                if hamming(fp, override.fingerprint) <= NEAR:
                    learnt[fp] = override  # the newest decision wins
        result: dict[int, Recollection] = {}
        for fp in wanted:
            if fp in seen or fp in learnt:
                override = learnt.get(fp)
                result[fp] = Recollection(
                    articles_seen=len(seen.get(fp, ())),
                    editor_kind=override.kind if override else None,
                    editor_reason=override.reason if override else None,
                )
        return result

    def recall_document(self, fingerprint: int) -> Recollection | None:
        """The editor's verdict on this article, else on the newest near-identical page."""
        own = DocumentOverride.objects.filter(article_id=self.article_id).first()
        if own is not None:
            return Recollection(articles_seen=0, editor_kind=own.kind)
        if not fingerprint:
            return None
        for override in (
            DocumentOverride.objects.filter(band_filter([fingerprint]))
            .exclude(article_id=self.article_id)
            .select_related("user")
            .order_by("-created_at")
        ):
            if hamming(fingerprint, override.fingerprint) <= NEAR:
                return Recollection(
                    articles_seen=0, editor_kind=override.kind, editor_reason=override.reason
                )
        return None
