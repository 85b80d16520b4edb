import pytest

from articles import processing
from articles.imports import import_article
from articles.workflow import publish
from search.indexing import index_article


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
