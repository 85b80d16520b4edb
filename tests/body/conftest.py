import io

import pytest
from PIL import Image

from articles import processing
from articles.imports import import_article
from body import build

STORY = (
    "英伟达今天发布了新一代芯片,性能提升明显。\n"
    "芯片的供应仍然紧张\n"
    "发布会现场\n"
    "公司\n融资\n华为\n1亿美元\n乙\n2亿美元\n"
    "融资情况|数据来源:企查查\n"
    "分析人士认为,国产芯片仍需时间追赶,生态建设是关键。\n"
    "华为的昇腾系列正在多个数据中心部署,客户反馈积极。\n"
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def png_bytes(size=(800, 400), colour=(30, 120, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def story(db):
    """An article checked with a heading, a figure caption, a table run and its caption,
    and its body made from those verdicts."""
    article = import_article(STORY, title="英伟达新品", source="虎嗅")
    processing.process_article(article.pk)
    blocks = article.blocks
    blocks.filter(index=0).update(kind="paragraph")
    blocks.filter(index=1).update(kind="heading")
    blocks.filter(index=2).update(kind="caption", meta={"caption": "发布会现场"})
    blocks.filter(index__in=range(3, 9)).update(kind="table_cells", meta={"table": 1})
    blocks.filter(index=9).update(kind="caption",
                                  meta={"caption": "融资情况", "credit": "企查查"})
    blocks.filter(index__in=[10, 11]).update(kind="paragraph")
    assert build.sync_from_verdicts(article.pk) == "built"
    article.refresh_from_db()
    return article
