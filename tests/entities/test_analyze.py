"""`manage.py analyze --format json` lists mentions with offsets into the decoded input."""

import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

TEXT = (
    "腾讯AI实验室和百度都在做大模型,投入一年比一年多。\n"
    "智谱Al发布了ChatGLM,团队说新版本在中文任务上进步明显,开发者的反馈也不错。\n"
    "多家公司表示,明年还会继续加大在基础模型上的研发投入,并开放更多接口。\n"
)


def run(path, capsys):
    call_command("analyze", str(path), "--format", "json")
    return json.loads(capsys.readouterr().out)


def test_analyze_fills_mentions_from_the_starter_kb_without_saving(tmp_path, capsys):
    from entities.models import Entity, Mention

    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    report = run(path, capsys)
    assert set(report) >= {"blocks", "tables", "mentions", "warnings"}
    mentions = report["mentions"]
    assert mentions and all(
        set(m) == {"entity", "kind", "surface", "start", "end", "block", "known", "confidence"}
        for m in mentions
    )
    for m in mentions:
        assert TEXT[m["start"]:m["end"]] == m["surface"]
    found = {m["surface"]: m["entity"] for m in mentions if m["known"]}
    assert found["智谱Al"] == "zhipu-ai" and found["ChatGLM"] == "chatglm"
    assert found["腾讯AI实验室"] == "tencent-ai-lab"
    assert not Entity.objects.exists() and not Mention.objects.exists()


def test_analyze_offsets_are_into_the_decoded_gbk_input(tmp_path, capsys):
    path = tmp_path / "gbk.txt"
    path.write_bytes(TEXT.encode("gbk"))
    report = run(path, capsys)
    baidu = next(m for m in report["mentions"] if m["surface"] == "百度")
    assert TEXT[baidu["start"]:baidu["end"]] == "百度"


def test_analyze_html_offsets_point_into_the_markup(tmp_path, capsys):
    html = ("<html><body><article><h1>百度的新模型</h1>"
            "<p>百度今天发布了<b>文心一言</b>的新版本,腾讯也有回应。</p></article></body></html>")
    path = tmp_path / "story.html"
    path.write_text(html, encoding="utf-8")
    report = run(path, capsys)
    for m in report["mentions"]:
        assert html[m["start"]:m["end"]] == m["surface"]
    assert {m["entity"] for m in report["mentions"]} >= {"baidu", "ernie-bot", "tencent"}


ISSUE_LINE = (
    "云南省昆明市的普洱茶商人刘翔昨天在耶鲁大学演讲，他说宝洁和耐克都是新华社报道过的公司。"
    "美国司法部和公安部也关注此事。华为发布了巴龙5000芯片和麒麟990。"
)


def test_analyze_names_every_name_of_a_general_news_line_with_kinds(tmp_path, capsys):
    """A fresh install (no trained model): places, people, bodies, companies, products."""
    path = tmp_path / "line.txt"
    path.write_text(ISSUE_LINE, encoding="utf-8")
    found = {m["surface"]: m["kind"] for m in run(path, capsys)["mentions"]}
    expected = {
        "云南省": "place", "昆明市": "place", "刘翔": "person", "耶鲁大学": "organisation",
        "宝洁": "organisation", "耐克": "organisation", "新华社": "organisation",
        "公安部": "organisation", "华为": "organisation", "巴龙5000": "product",
        "麒麟990": "product",
    }
    assert {s: found.get(s) for s in expected} == expected
    assert found.get("美国司法部") == "organisation" or (
        found.get("美国") == "place" and found.get("司法部") == "organisation"
    )
