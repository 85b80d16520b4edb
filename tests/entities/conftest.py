import pytest

from articles import processing
from articles.imports import import_article
from entities.models import Alias, Entity, Relation


@pytest.fixture
def starter_kb(db):
    from entities.knowledge import load_starter

    return load_starter()


@pytest.fixture
def small_kb(db):
    """A handful of entities: enough for the glue, far quicker than the starter KB."""
    tencent = Entity.objects.create(key="tencent", name="腾讯", name_en="Tencent",
                                    kind="organisation")
    lab = Entity.objects.create(key="tencent-ai-lab", name="腾讯AI Lab", kind="organisation",
                                parent=tencent)
    Alias.objects.create(entity=lab, name="腾讯AI实验室")
    baidu = Entity.objects.create(key="baidu", name="百度", name_en="Baidu", kind="organisation",
                                  description="搜索公司。")
    ernie = Entity.objects.create(key="ernie-bot", name="文心一言", kind="product")
    Relation.objects.create(subject=ernie, predicate=Relation.Predicate.MADE_BY, object=baidu)
    zhipu = Entity.objects.create(key="zhipu-ai", name="智谱AI", kind="organisation")
    return {"tencent": tencent, "lab": lab, "baidu": baidu, "ernie": ernie, "zhipu": zhipu}


@pytest.fixture
def processed():
    """Import ``text`` and run the checker, as the worker would (without enqueueing)."""

    def make(text: str, title: str = "测试文章", **kwargs):
        article = import_article(text, title=title, **kwargs)
        processing.process_article(article.pk)
        return article

    return make
