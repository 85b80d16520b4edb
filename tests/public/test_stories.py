"""The article page's stored parts (public/stories.py): built by the pipeline, the same
page as the one rendered live, read in one query, and never stale."""

import json
import re
import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import processing
from articles.models import Article, Section
from articles.review import override_blocks
from articles.workflow import publish, transition
from datatables.models import DataTable
from entities.models import Alias, Entity, Mention
from public import caching, stories
from public.models import StoryRender
from public.tasks import render_stories_task, sweep_stories_task
from tests.public.conftest import make_published

pytestmark = pytest.mark.django_db

STORY = ("英伟达发布了新一代加速卡,性能提升明显。\n芯片的供应仍然紧张\n图为新品发布会现场\n"
         "公司\n融资额\n甲\n1亿美元\n乙\n2亿美元\n华为回应称生态建设需要时间,国产芯片仍在追赶。\n")
COLUMNS = [{"name": "公司", "type": "text"}, {"name": "融资额", "type": "money"}]


def mention(article, entity, block_index, start, status=Mention.Status.CONFIRMED,
            confidence=1.0):
    return Mention.objects.create(
        article=article, entity=entity, block_index=block_index, block_start=start,
        block_end=start + len(entity.name), start=0, end=0, surface=entity.name,
        kind=entity.kind, origin=Mention.Origin.KB, status=status, confidence=confidence,
    )


@pytest.fixture
def world():
    """A story with every kind of item (entity links, heading, figure with caption and
    credit, a confirmed table whose cells name an entity) and a related story."""
    nvidia = Entity.objects.create(key="nvidia", slug="nvidia", name="英伟达",
                                   kind=Entity.Kind.ORGANISATION)
    huawei = Entity.objects.create(key="huawei", slug="huawei", name="华为",
                                   kind=Entity.Kind.ORGANISATION)
    article = make_published(STORY, "英伟达新品", source="虎嗅", section="芯片", index=False,
                             byline="记者甲", source_url="https://example.com/a?x=1&y=2")
    blocks = article.blocks
    blocks.filter(index=1).update(kind="heading")
    blocks.filter(index=2).update(kind="figure", meta={"src": "launch.png", "caption_index": 3})
    blocks.filter(index=3).update(kind="caption", text="新品发布会现场",
                                  meta={"caption": "新品发布会现场", "credit": "公司官网"})
    blocks.filter(index__in=range(4, 9)).update(kind="table_cells", meta={"table": 1})
    DataTable.objects.create(article=article, position=4, status="confirmed", title="融资",
                             columns=COLUMNS, rows=[["华为", "1亿美元"], ["乙", "2亿美元"]])
    mention(article, nvidia, 0, 0)
    mention(article, huawei, 9, 0)
    other = make_published("英伟达的对手也在追赶。\n", "对手追赶", section="芯片", index=False)
    mention(other, nvidia, 0, 0)
    return {"article": article, "other": other, "nvidia": nvidia, "huawei": huawei}


def fresh_page(client, article, language="zh-hans"):
    """The page as a reader gets it now: past the page cache, in ``language``."""
    cache.clear()
    caching.forget_local()
    client.cookies["django_language"] = language
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response


def build(*articles):
    for article in articles:
        assert stories.build(article.pk) in ("built", "current")


def stored(article) -> bool:
    return StoryRender.objects.filter(article=article).exists()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_stored_page_is_the_page_rendered_live(client, world, language):
    live = fresh_page(client, world["article"], language)
    build(world["article"], world["other"])
    kept = fresh_page(client, world["article"], language)
    assert kept.content == live.content
    assert kept["ETag"] == live["ETag"]
    html = kept.content.decode()
    assert "英伟达新品" in html and "记者甲" in html and "example.com/a?x=1&amp;y=2" in html
    assert '<a class="entity entity-organisation" href="/entities/' in html
    assert "<h2>芯片的供应仍然紧张</h2>" in html
    assert "新品发布会现场" in html and "公司官网" in html and "<figcaption>" in html
    assert '<table class="dt-table"' in html and re.search(r"datatables/table\.(\w+\.)?js", html)
    assert 'id="entities-title"' in html and "对手追赶" in html[html.index("related-title"):]
    assert '"@type": "NewsArticle"' in html and '"about"' in html
    translated = {"zh-hans": "相关报道", "en": "Related stories"}[language]
    assert translated in html


def test_a_stored_page_is_read_in_one_query_whatever_its_size(client, world,
                                                              django_assert_num_queries):
    long = make_published("".join(f"第{n}段:英伟达的故事继续。\n" for n in range(150)), "长文",
                          index=False)
    for n in range(0, 150, 10):
        mention(long, world["nvidia"], n, 4 if n < 10 else 5)
    build(world["article"], world["other"], long)
    # One query; a page with tables also reads the knowledge-base version.
    for article, expected in ((long, 1), (world["other"], 1), (world["article"], 2)):
        cache.clear()
        with django_assert_num_queries(expected):
            assert client.get(article.get_absolute_url()).status_code == 200


def test_the_tables_script_is_linked_once_in_the_head(client, world):
    build(world["article"])
    html = fresh_page(client, world["article"]).content.decode()
    head, body = html.split("</head>")
    assert re.search(r"datatables/table\.(\w+\.)?js", head)
    assert not re.search(r"datatables/table\.(\w+\.)?js", body)


def test_a_change_deletes_the_stored_page_in_its_transaction_and_rebuilds_after(
        world, django_capture_on_commit_callbacks):
    build(world["article"])
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        mention(world["article"], world["nvidia"], 9, 10)
        assert not stored(world["article"])
    assert [c.args for c in callbacks] == [(render_stories_task, [world["article"].pk])]


@pytest.fixture
def rebuilt(world, eager, django_capture_on_commit_callbacks):
    """Build the stored pages, then run ``change`` and the rebuilds it enqueues."""
    build(world["article"], world["other"])

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            change()

    return run


def test_an_entity_renamed_shows_its_new_name_at_once(client, world, rebuilt):
    entity = world["nvidia"]
    entity.name = "辉达"
    rebuilt(entity.save)
    assert stored(world["article"])
    html = fresh_page(client, world["article"]).content.decode()
    assert 'title="辉达"' in html and "<li><a href=\"/entities/nvidia/\">辉达</a></li>" in html


def test_an_unchanged_entity_save_keeps_the_stored_page(world, rebuilt):
    before = StoryRender.objects.get(article=world["article"], language="en").built_at
    rebuilt(world["nvidia"].save)
    assert StoryRender.objects.get(article=world["article"], language="en").built_at == before


def test_a_mention_confirmed_or_rejected_in_bulk_links_or_unlinks(client, world, rebuilt):
    weak = mention(world["article"], Entity.objects.create(key="a100", name="加速卡",
                                                           kind="product"),
                   0, 9, status=Mention.Status.SUGGESTED, confidence=0.5)
    assert 'title="加速卡"' not in fresh_page(client, world["article"]).content.decode()
    rebuilt(lambda: Mention.objects.filter(pk=weak.pk).decide(Mention.Status.CONFIRMED, None))
    assert stored(world["article"])
    assert 'title="加速卡"' in fresh_page(client, world["article"]).content.decode()
    rebuilt(lambda: Mention.objects.filter(pk=weak.pk).decide(Mention.Status.REJECTED, None))
    assert 'title="加速卡"' not in fresh_page(client, world["article"]).content.decode()


def test_a_mention_deleted_unlinks(client, world, rebuilt):
    rebuilt(Mention.objects.filter(article=world["article"], entity=world["huawei"]).delete)
    assert stored(world["article"])
    assert 'title="华为"' not in fresh_page(client, world["article"]).content.decode()


def test_entities_merged_link_to_the_one_kept(client, world, rebuilt):
    rebuilt(lambda: world["huawei"].absorb(world["nvidia"]))
    html = fresh_page(client, world["article"]).content.decode()
    assert 'href="/entities/nvidia/"' not in html
    assert html.count('href="/entities/huawei/"') >= 3


def test_a_new_name_promoted_from_a_suggestion_is_linked(client, world, rebuilt):
    suggestion = Mention.objects.create(
        article=world["article"], entity=None, block_index=9, block_start=5, block_end=7,
        start=0, end=0, surface="生态", kind="other", origin=Mention.Origin.MODEL,
        confidence=0.6,
    )
    rebuilt(lambda: suggestion.promote(None))
    assert 'title="生态"' in fresh_page(client, world["article"]).content.decode()


def test_a_table_edited_shows_its_new_cells(client, world, rebuilt):
    table = DataTable.objects.get(article=world["article"])
    table.rows = [["华为", "1亿美元"], ["丙", "9亿美元"]]
    rebuilt(table.save)
    assert stored(world["article"])
    html = fresh_page(client, world["article"]).content.decode()
    assert "丙" in html and "9亿美元" in html


def test_a_table_cell_naming_a_new_alias_is_linked(client, world, rebuilt):
    rebuilt(lambda: Alias.objects.create(entity=world["nvidia"], name="乙"))
    # The knowledge base changed: a stored page with tables is outdated until rebuilt.
    assert not stories.is_current(world["article"].pk)
    assert world["article"].pk in stories.outdated_ids()
    html = fresh_page(client, world["article"]).content.decode()
    assert '<a href="/entities/nvidia/">乙</a>' in html
    build(world["article"])
    assert fresh_page(client, world["article"]).content.decode() == html


def test_a_block_an_editor_drops_disappears(client, world, rebuilt, editor):
    block = world["article"].blocks.get(index=1)
    rebuilt(lambda: override_blocks(world["article"], [block], "drop", editor))
    assert stored(world["article"])
    assert "芯片的供应仍然紧张" not in fresh_page(client, world["article"]).content.decode()


def test_a_block_kind_edited_in_the_admin_is_shown(client, world, rebuilt):
    block = world["article"].blocks.get(index=1)
    block.kind = "paragraph"
    rebuilt(block.save)
    assert "<p>芯片的供应仍然紧张</p>" in fresh_page(client, world["article"]).content.decode()


def test_a_rerun_of_the_checker_rebuilds(client, world, rebuilt):
    rebuilt(lambda: processing.process_article(world["article"].pk, force=True))
    assert stored(world["article"])
    html = fresh_page(client, world["article"]).content.decode()
    assert "<h2>芯片的供应仍然紧张</h2>" not in html  # the checker's verdicts are back


def test_an_edited_headline_and_a_renamed_section_show_at_once(client, world, rebuilt):
    article = world["article"]
    article.title = "英伟达新品(更新)"
    rebuilt(article.save)
    assert "英伟达新品(更新)" in fresh_page(client, article).content.decode()
    section = Section.objects.get(name="芯片")
    section.name = "半导体"
    rebuilt(section.save)
    assert stored(article) and stored(world["other"])
    assert ">半导体</a>" in fresh_page(client, article).content.decode()
    related = fresh_page(client, world["other"]).content.decode().split('class="related"')[1]
    assert "英伟达新品(更新)" in related and "半导体" in related


def test_a_story_withdrawn_leaves_related_lists_at_once(client, world, rebuilt, editor):
    assert "对手追赶" in fresh_page(client, world["article"]).content.decode()
    rebuilt(lambda: transition(world["other"], Article.Status.ARCHIVED, editor))
    assert client.get(world["other"].get_absolute_url()).status_code == 404
    html = fresh_page(client, world["article"]).content.decode()
    assert "related-title" not in html


def test_a_story_published_joins_its_neighbours_related_lists(client, world, rebuilt):
    late = make_published("英伟达再次发布新品。\n", "后来者", index=False)
    Article.objects.filter(pk=late.pk).update(status=Article.Status.DRAFT, published_at=None)
    late.refresh_from_db()
    mention(late, world["nvidia"], 0, 0)
    assert "后来者" not in fresh_page(client, world["article"]).content.decode()
    rebuilt(lambda: publish(late))
    assert world["article"].pk in StoryRender.objects.get(article=late, language="en").related
    assert "后来者" in fresh_page(client, world["article"]).content.decode()


def test_related_entries_not_stored_yet_are_rendered_live(client, world):
    build(world["article"])
    assert not stored(world["other"])
    assert "对手追赶" in fresh_page(client, world["article"]).content.decode()


def test_editors_preview_a_draft_with_its_stored_story(editor_client, world):
    Article.objects.filter(pk=world["article"].pk).update(status=Article.Status.DRAFT)
    build(world["article"])
    html = editor_client.get(world["article"].get_absolute_url()).content.decode()
    assert "preview-banner" in html and "related-title" not in html
    assert "新品发布会现场" in html


def test_a_deploy_with_other_templates_outdates_every_stored_page(client, world, monkeypatch):
    build(world["article"])
    monkeypatch.setattr(stories, "renderer", lambda: "another-deploy")
    assert world["article"].pk in stories.outdated_ids()
    with CaptureQueriesContext(connection) as queries:
        fresh_page(client, world["article"])
    assert len(queries) > 1  # rendered live


def test_the_sweep_and_the_command_store_what_is_missing(world):
    missing = stories.outdated_ids()
    assert {world["article"].pk, world["other"].pk} <= set(missing)
    call_command("render_stories", verbosity=0)
    assert stories.outdated_ids() == []
    before = StoryRender.objects.get(article=world["article"], language="en").built_at
    call_command("render_stories", "--all", verbosity=0)
    assert StoryRender.objects.get(article=world["article"], language="en").built_at > before


def test_the_sweep_task_enqueues_rebuilds(world, eager):
    assert sweep_stories_task() >= 2
    assert stories.outdated_ids() == []


def test_scheduled_stories_are_listed_once_their_time_has_come(client, world):
    later = timezone.now() + timedelta(hours=1)
    StoryRender.objects.all().delete()
    Article.objects.filter(pk=world["other"].pk).update(published_at=later)
    build(world["article"], world["other"])
    assert "对手追赶" not in fresh_page(client, world["article"]).content.decode()


@pytest.mark.skipif("postgresql" not in settings.DATABASES["default"]["ENGINE"],
                    reason="row locks: PostgreSQL only (SQLite serialises writers anyway)")
@pytest.mark.django_db(transaction=True)
def test_a_change_waits_for_a_build_reading_the_old_inputs(world):
    """forget() locks the article's row, which build() holds while it reads and writes:
    a rename committed during a build never leaves that build's rows behind."""
    article, entity = world["article"], world["nvidia"]
    read, go = threading.Event(), threading.Event()
    real_inputs = stories.story_inputs

    def slow_inputs(story_article):
        inputs = real_inputs(story_article)
        read.set()
        go.wait(10)
        return inputs

    def building():
        try:
            stories.story_inputs = slow_inputs
            stories.build(article.pk, force=True)
        finally:
            connection.close()

    builder = threading.Thread(target=building)
    builder.start()
    assert read.wait(10)
    renamed = threading.Thread(target=lambda: (Entity.objects.filter(pk=entity.pk).update(
        name="辉达"), stories.forget([article.pk]), connection.close()))
    renamed.start()
    renamed.join(0.5)
    assert renamed.is_alive()  # waiting for the build's lock
    go.set()
    builder.join(10)
    renamed.join(10)
    stories.story_inputs = real_inputs
    assert not StoryRender.objects.filter(article=article).exists()


@pytest.mark.parametrize("data", ["{}", json.dumps(
    {"headline": "a</script>&\"b\" 中文", "about": [{"@type": "Thing", "name": "<x>"}]},
    ensure_ascii=False)])
def test_the_page_json_ld_is_the_merged_objects_json_escaped(data):
    url, modified = 'https://example.com/articles/a"<&>/', timezone.now()
    merged = json.dumps({
        "@context": "https://schema.org", "@type": "NewsArticle", **json.loads(data),
        "mainEntityOfPage": {"@type": "WebPage", "@id": url}, "url": url,
        "dateModified": modified.isoformat(),
        "publisher": {"@type": "Organization", "name": "Newsroom"},
    }, ensure_ascii=False)
    text = stories.json_ld(data, url, modified)
    assert text == merged.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    assert json.loads(text) == json.loads(merged)


def test_last_modified_moves_when_only_the_stored_page_changes(client):
    from django.utils.http import parse_http_date

    article = make_published(STORY, "最后修改")
    stories.build(article.pk)
    url = article.get_absolute_url()
    cache.clear()
    first = parse_http_date(client.get(url)["Last-Modified"])
    later = timezone.now() + timedelta(hours=1)
    StoryRender.objects.filter(article=article).update(built_at=later)
    cache.clear()
    assert parse_http_date(client.get(url)["Last-Modified"]) == int(later.timestamp()) > first
