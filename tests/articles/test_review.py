"""The checker inside the product: stored verdicts, editors' overrides and what they teach."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles import processing
from articles.imports import import_article
from articles.models import Block, BlockOverride
from articles.reasons import english
from articles.review import override_blocks

pytestmark = pytest.mark.django_db

INJECTED = [
    "0xScope:与MultichainOrgteam",
    "THORChain节点运营商已启用",
    "Qitchain官方公布项目白皮书",
    "数据:Riot Blockchain 8月共产出441枚BTC",
    "到8月为止,公司共产出了2051枚BTC",
    "截至2021年8月31日,Riot持有约3128枚BTC",
    "链上ChainUP市场合伙人江南",
]
CHROME = ["虎嗅", "媒体专栏", "阅读更多", "Foresight News", "金色财经 Jason.", "白话区块链",
          "金色早8点", "LD Capital", "-R3PO", "MarsBit", "深潮TechFlow"]


def processed(text, title="测试", source="演示源"):
    article = import_article(text, title=title, source=source)
    processing.process_article(article.pk)
    return article


def test_seed_verdicts_are_stored(seed_bytes):
    article = processed(seed_bytes, title="AI大模型应激反应", source="虎嗅")
    blocks = list(article.blocks.all())
    raw = article.raw_body
    for b in blocks:
        assert raw[b.start:b.end] == b.text
        assert 0.0 <= b.score <= 1.0
        assert b.checker_version
    bad = [b for b in blocks if not b.is_story]
    for start in INJECTED:
        assert any(b.text.startswith(start) and b.kind == "foreign" for b in bad), start
    for line in CHROME:
        assert any(b.text == line and b.kind == "chrome" for b in bad), line
    assert any(b.text.startswith("郑重声明") and b.kind == "disclaimer" for b in bad)
    story_kinds = {b.text: b.kind for b in blocks if b.is_story}
    assert story_kinds["2023WAIC现场"] == "caption"
    assert story_kinds["文心一言"] == "table_cells"
    for b in bad:
        assert b.reasons, b.text


def test_review_page_and_permissions(editor_client, client, django_user_model):
    article = processed("正文第一段,讲芯片。\n郑重声明: 本文版权归原作者所有, 转载请注明。\n")
    url = reverse("admin:articles_article_review", args=[article.pk])
    html = editor_client.get(url).content.decode()
    assert "正文第一段" in html and "nr-bad" in html
    viewer = django_user_model.objects.create_user("viewer", password="pw-abcdefgh-1",
                                                   is_staff=True)
    client.force_login(viewer)
    assert client.get(url).status_code == 403
    block = article.blocks.first()
    assert client.post(url, {"one": f"{block.pk}:drop"}).status_code == 403
    assert not BlockOverride.objects.exists()


def test_one_click_override_survives_reruns(editor_client, django_capture_on_commit_callbacks):
    article = processed("正文第一段,讲芯片的故事。\n正文第二段,讲软件的故事。\n")
    first = article.blocks.get(index=0)
    url = reverse("admin:articles_article_review", args=[article.pk])
    with django_capture_on_commit_callbacks():
        response = editor_client.post(url, {"one": f"{first.pk}:drop"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.kind == "foreign" and first.overridden and first.machine_kind == "paragraph"
    assert "editor editor" in english(first.reasons[0])
    assert first.reasons[0]["code"] == "editor-set"
    override = BlockOverride.objects.get()
    assert override.user.username == "editor"
    processing.process_article(article.pk, force=True)
    again = article.blocks.get(index=0)
    assert again.kind == "foreign" and again.overridden
    # Restoring the checker's verdict removes the override.
    override_blocks(article, [again], "paragraph", None)
    assert not BlockOverride.objects.exists()
    processing.process_article(article.pk, force=True)
    assert article.blocks.get(index=0).kind == "paragraph"


def test_bulk_override(editor_client):
    article = processed("第一段很长的正文内容。\n第二段很长的正文内容。\n第三段很长的正文内容。\n")
    ids = list(article.blocks.values_list("pk", flat=True))
    url = reverse("admin:articles_article_review", args=[article.pk])
    editor_client.post(url, {"bulk_action": "chrome", "block": [str(i) for i in ids[:2]],
                             "bulk": "1"})
    kinds = list(article.blocks.order_by("index").values_list("kind", flat=True))
    assert kinds[:2] == ["chrome", "chrome"] and kinds[2] == "paragraph"


def test_editor_verdict_teaches_other_articles():
    line = "这一行固定的文字出现在本站每一篇稿件的末尾,和正文的内容没有关系"
    first = processed(f"第一篇的正文,讲的是芯片行业的故事和变化。\n{line}\n", source="甲")
    block = first.blocks.get(text=line)
    override_blocks(first, [block], "chrome", None)
    second = processed(f"第二篇的正文,讲的是软件生态的难题和机会。\n{line}\n", source="乙")
    learnt = second.blocks.get(text=line)
    assert learnt.kind == "chrome"
    assert any("near-identical" in english(reason) for reason in learnt.reasons)


def test_source_boilerplate_is_learnt_by_near_duplicate():
    promo = "扫码关注本站微信公众号,每天推送最新科技资讯与深度报道"
    stories = ["芯片公司在发布会上展示了新的训练卡。", "开源模型的下载量今年成倍增长。",
               "手机厂商开始在设备端运行小模型。"]
    articles = [processed(f"{story}\n{promo}{i}\n", source="同一来源")
                for i, story in enumerate(stories)]
    last = articles[-1].blocks.get(index=1)
    assert last.kind == "chrome"
    assert any("other articles from this source" in english(r) for r in last.reasons)
    # A different source has no such memory.
    other = processed(f"另一家媒体的正文,讲的是机器人。\n{promo}9\n", source="别的来源")
    assert not any("other articles" in english(r) for r in other.blocks.get(index=1).reasons)


def test_compare_view_marks_removed_text(editor_client):
    article = processed("正文一段,讲芯片。\n免责声明:本文仅代表作者观点,不构成投资建议。\n")
    html = editor_client.get(
        reverse("admin:articles_article_compare", args=[article.pk])
    ).content.decode()
    assert "<mark" in html and "免责声明" in html


def test_analyze_command_prints_the_stable_json(tmp_path, capsys, seed_bytes):
    path = tmp_path / "seed.txt"
    path.write_bytes(seed_bytes)
    call_command("analyze", str(path), "--format", "json")
    report = json.loads(capsys.readouterr().out)
    assert {"blocks", "tables", "mentions"} <= set(report)
    text = seed_bytes.decode("utf-8")
    for block in report["blocks"]:
        assert set(block) >= {"index", "start", "end", "kind", "score", "reasons"}
        assert 0 <= block["start"] <= block["end"] <= len(text)
    assert not Block.objects.exists()


@pytest.mark.parametrize("field", ["one", "block"])
def test_override_with_a_digit_int_cannot_read_is_refused_not_a_server_error(editor_client,
                                                                            field):
    """str.isdigit() is true for "²" and "①", which int() cannot read: a forged or
    mangled block id gets the "choose blocks" message, not a 500."""
    article = processed("第一段很长的正文内容。\n第二段很长的正文内容。\n")
    url = reverse("admin:articles_article_review", args=[article.pk])
    data = ({"one": "²:chrome"} if field == "one"
            else {"bulk_action": "chrome", "block": ["①"], "bulk": "1"})
    response = editor_client.post(url, data, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Choose blocks and a verdict." in response.content.decode()
    assert not article.blocks.filter(kind="chrome").exists()


@pytest.mark.parametrize("field", ["one", "bulk"])
def test_override_with_an_id_no_row_can_have_is_refused_not_a_server_error(editor_client,
                                                                           field):
    """Thirty digits are decimal, but no primary key: the database refused the query
    (SQLite OverflowError, PostgreSQL out of range), a 500."""
    article = processed("第一段很长的正文内容。\n第二段很长的正文内容。\n")
    url = reverse("admin:articles_article_review", args=[article.pk])
    big = "9" * 30
    data = ({"one": f"{big}:chrome"} if field == "one"
            else {"bulk_action": "chrome", "block": [big], "bulk": "1"})
    editor_client.raise_request_exception = False
    response = editor_client.post(url, data, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Choose blocks and a verdict." in response.content.decode()


def test_revision_diff_with_a_digit_int_cannot_read_is_the_current_article(editor_client):
    article = processed("第一段很长的正文内容。\n")
    url = reverse("admin:articles_article_revision", args=[article.pk, 1])
    assert editor_client.get(url + "?with=²").status_code == 200


def test_the_change_form_labels_runs_and_revisions_in_the_editors_language(editor_client):
    """Fields without a verbose name showed as "Started at", "Duration ms", "Checker
    version", "Number", "Author" on a Chinese page."""
    article = processed("第一段很长的正文内容。\n")
    html = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]),
                             HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    for english_label in ("Started at", "Duration ms", "Checker version", "Attempt",
                          "<th>Number", "<th>Author", "<th>Message", "Created at"):
        assert english_label not in html, english_label
