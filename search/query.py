"""Running a reader's query: PostgreSQL full text, or a bounded fallback on SQLite."""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from articles.models import Article, published_q
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
    return SearchDocument.objects.filter(published_q("article__"))


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


# PostgreSQL ranks the newest CANDIDATES matches only (10 pages of 20), so a query
# matching a third of the archive costs what a rare one does. The planner picks per
# query: the GIN index (bitmap) for rare terms, or walking published stories newest
# first (article_published_recent) and testing each vector for common ones; either
# way the LIMIT stops it. The worst case is a term between the two (a few percent of
# the archive): its cost grows with sqrt(CANDIDATES x archive), hence a small number.
CANDIDATES = 200

RANKED_SQL = """
SELECT c.article_id, ts_rank_cd(c.vector, %(q)s::tsquery, 1) AS rank
FROM (
    SELECT d.article_id, d.vector, a.published_at
    FROM search_searchdocument d JOIN articles_article a ON a.id = d.article_id
    WHERE d.vector @@ %(q)s::tsquery AND a.status = 'published' AND a.published_at <= %(now)s
    ORDER BY a.published_at DESC, a.id DESC
    LIMIT %(n)s
) c
ORDER BY rank DESC, c.published_at DESC, c.article_id DESC
"""


def _postgres(query: tokenizer.Query, offset: int, limit: int):
    """One query: the newest CANDIDATES matches ranked; the total is their number
    (so at most CANDIDATES: "1000 results" reads as "1000 or more")."""
    with connection.cursor() as cursor:
        cursor.execute(RANKED_SQL, {"q": query.tsquery(), "now": timezone.now(),
                                    "n": CANDIDATES})
        ranked = cursor.fetchall()
    page = ranked[offset:offset + limit]
    documents = _page_documents([pk for pk, _ in page])
    return [(documents[pk], rank) for pk, rank in page if pk in documents], len(ranked)


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
