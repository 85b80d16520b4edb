import pytest
from django.core.cache import cache

from articles import processing
from articles.imports import import_article
from articles.workflow import publish
from public.caching import forget_local
from search.indexing import index_article


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Pages are cached across requests; a test must not see another test's pages."""
    cache.clear()
    forget_local()
    yield
    cache.clear()
    forget_local()


def make_published(text, title, *, index=True, **kwargs):
    article = import_article(text, title=title, **kwargs)
    processing.process_article(article.pk)
    article.refresh_from_db()
    publish(article)
    if index:
        index_article(article.pk)
    return article


@pytest.fixture
def seed_article(seed_bytes):
    return make_published(
        seed_bytes, "AI大模型应激反应", source="虎嗅", section="人工智能",
        source_url="https://www.huxiu.com/article/2023.html", byline="Al乌托邦",
    )
