"""Running a reader's query: PostgreSQL full text, or a bounded fallback on SQLite."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils import timezone

from articles.models import Article
from search import tokenizer
from search.models import SearchDocument

# The SQLite fallback ranks in Python over at most this many newest matches.
FALLBACK_CANDIDATES = 2000


@dataclass
class Hit:
    article: Article
    snippet: str  # HTML-safe: escaped, then <mark>ed
    rank: float


def published_documents():
    return SearchDocument.objects.filter(
        article__status=Article.Status.PUBLISHED, article__published_at__lte=timezone.now()
    )


def search(text: str, *, offset: int = 0, limit: int = 20) -> tuple[list[Hit], int]:
    """One page of hits, best first, and the total number of matching articles."""
    query = tokenizer.parse_query(text)
    if not query:
        return [], 0
    if connection.vendor == "postgresql":
        ranked, total = _postgres(query, offset, limit)
    else:
        ranked, total = _fallback(query, offset, limit)
    return [
        Hit(document.article, tokenizer.highlight(document.body or document.title, query.words),
            rank)
        for document, rank in ranked
    ], total


def _page_documents(pks: list[int]) -> dict[int, SearchDocument]:
    rows = (
        SearchDocument.objects.filter(pk__in=pks)
        .select_related("article__source", "article__section")
        .only("article_id", "title", "body", "article__title", "article__slug",
              "article__dek", "article__published_at", "article__language",
              "article__source__name", "article__source__slug",
              "article__section__name", "article__section__slug")
    )
    return {row.pk: row for row in rows}


def _postgres(query: tokenizer.Query, offset: int, limit: int):
    tsquery = query.tsquery()
    matching = published_documents().extra(
        where=["search_searchdocument.vector @@ %s::tsquery"], params=[tsquery]
    )
    total = matching.count()
    page = list(
        matching.annotate(
            rank=RawSQL("ts_rank_cd(search_searchdocument.vector, %s::tsquery, 1)", [tsquery])
        )
        .order_by("-rank", "-article__published_at")
        .values_list("pk", "rank")[offset:offset + limit]
    )
    documents = _page_documents([pk for pk, _ in page])
    return [(documents[pk], rank) for pk, rank in page if pk in documents], total


def _fallback(query: tokenizer.Query, offset: int, limit: int):
    candidates = published_documents()
    for needle in query.needles():
        candidates = candidates.filter(
            Q(tokens__contains=needle) | Q(title_tokens__contains=needle)
        )
    rows = candidates.order_by("-article__published_at").values_list(
        "pk", "tokens", "title_tokens"
    )[:FALLBACK_CANDIDATES]
    scored = [
        (tokenizer.score(tokens, query, title_token_text=title_tokens), pk)
        for pk, tokens, title_tokens in rows
    ]
    scored = sorted((s for s in scored if s[0] > 0), key=lambda s: -s[0])
    page = scored[offset:offset + limit]
    documents = _page_documents([pk for _, pk in page])
    return [(documents[pk], rank) for rank, pk in page if pk in documents], len(scored)
