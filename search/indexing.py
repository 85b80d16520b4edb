"""Building one article's search document: load, tokenise, save."""

from django.contrib.postgres.search import SearchVectorField
from django.db import connection, transaction
from django.db.models import Value
from django.db.models.functions import Cast

from articles.models import Article
from cleaning import STORY_KINDS
from search import tokenizer
from search.models import SearchDocument

# Title positions come first; the body starts after them.
BODY_OFFSET = 64


def story_text(article: Article) -> str:
    """The story blocks only, in reading order: never foreign items, chrome or disclaimers."""
    texts = article.blocks.filter(kind__in=STORY_KINDS).order_by("index").values_list(
        "text", flat=True
    )
    return "\n".join(t for t in texts if t)


def vector_literal(title: str, body: str) -> str:
    return " ".join(
        part for part in (
            tokenizer.tsvector_literal(title, weight="A"),
            tokenizer.tsvector_literal(body, offset=BODY_OFFSET),
        ) if part
    )


def index_article(article_id: int) -> SearchDocument | None:
    """(Re)build the document; idempotent. Returns None when the article is gone or
    was judged not to be an article (those never enter the index)."""
    article = Article.objects.articles().filter(pk=article_id).first()
    if article is None:
        SearchDocument.objects.filter(pk=article_id).delete()
        return None
    body = story_text(article)
    values = {
        "title": article.title,
        "body": body,
        "tokens": tokenizer.token_string(body),
        "title_tokens": tokenizer.token_string(article.title),
    }
    with transaction.atomic():
        document, _ = SearchDocument.objects.update_or_create(article=article, defaults=values)
        if connection.vendor == "postgresql":
            SearchDocument.objects.filter(pk=article.pk).update(
                vector=Cast(Value(vector_literal(article.title, body)), SearchVectorField())
            )
    return document
