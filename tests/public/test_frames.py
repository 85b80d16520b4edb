"""The article page's frame (public/frames.py): the template engine's page byte for byte,
compiled once per shape, and refused for a template that reads more than its holes."""

import logging

import pytest
from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template
from django.test import RequestFactory, override_settings

from entities.models import Entity, Mention
from public import caching, frames, stories
from tests.public.conftest import make_published

pytestmark = pytest.mark.django_db

STORY = "英伟达发布了新一代加速卡,性能提升明显。\n华为回应称生态建设需要时间。\n"
# The reader's address is shown in the language form: it must be escaped as the engine does.
ODD_PATH = "?from=<b>&q=\"x\"'y'"


def engine_render(template_name, request, values):
    return get_template(template_name).render(values, request)


def linked(article, entity):
    Mention.objects.create(
        article=article,
        entity=entity,
        block_index=0,
        block_start=0,
        block_end=3,
        start=0,
        end=3,
        surface=entity.name,
        kind=entity.kind,
        origin=Mention.Origin.KB,
        status=Mention.Status.CONFIRMED,
    )


@pytest.fixture
def pair():
    nvidia = Entity.objects.create(
        key="nvidia", slug="nvidia", name="英伟达", kind=Entity.Kind.ORGANISATION
    )
    first = make_published(STORY, '英伟达<新品> & "加速卡"', index=False)
    second = make_published("英伟达的对手也在追赶。\n", "对手追赶", language="en", index=False)
    for article in (first, second):
        linked(article, nvidia)
    for article in (first, second):
        assert stories.build(article.pk) in ("built", "current")
    return first, second


def page(client, article, language, path=ODD_PATH):
    cache.clear()
    caching.forget_local()
    client.cookies["django_language"] = language
    response = client.get(article.get_absolute_url() + path)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_framed_page_is_the_engines_page(client, pair, monkeypatch, language):
    lonely = make_published("没有相关报道的一篇。\n", "孤篇", index=False)
    stories.build(lonely.pk)
    for article in (*pair, lonely):  # zh and en stories, with and without related ones
        framed = page(client, article, language)
        with monkeypatch.context() as patched:
            patched.setattr(frames, "render", engine_render)
            plain = page(client, article, language)
        assert framed.content == plain.content
        assert framed["ETag"] == plain["ETag"]
    assert frames._compiled and None not in frames._compiled.values()
    html = page(client, pair[0], language).content.decode()
    assert '/?from=%3Cb%3E&amp;q=%22x%22&#x27;y&#x27;">' in html  # the client quotes <, "


def test_an_editors_preview_is_the_engines_page_too(editor_client, monkeypatch):
    draft = make_published(STORY, "草稿预览", index=False)
    draft.status = "draft"
    draft.save()
    stories.build(draft.pk)
    framed = editor_client.get(draft.get_absolute_url())
    monkeypatch.setattr(frames, "render", engine_render)
    plain = editor_client.get(draft.get_absolute_url())
    assert framed.status_code == plain.status_code == 200
    assert framed.content == plain.content
    assert b'name="robots" content="noindex"' in framed.content


def templates(**sources):
    engine = dict(settings.TEMPLATES[0], APP_DIRS=False, DIRS=[])
    engine["OPTIONS"] = dict(
        engine["OPTIONS"], loaders=[("django.template.loaders.locmem.Loader", sources)]
    )
    return override_settings(TEMPLATES=[engine])


def test_holes_are_escaped_where_the_engine_escapes_them_and_shapes_kept_apart():
    request = RequestFactory().get("/p/" + ODD_PATH)
    source = (
        '<p title="{{ a }}">{{ b|safe }}</p>{% if c %}<em>{{ c }}</em>{% endif %}'
        "{% if d %}D{% endif %}<i>{{ request.get_full_path }}</i>"
    )
    with templates(**{"t.html": source}):
        for values in (
            {"a": "<\"&'>", "b": "<b>&</b>", "c": "", "d": True},
            {"a": "plain", "b": "", "c": "<c>", "d": False},
            {"a": "again", "b": "<b>", "c": "", "d": True},
        ):
            assert frames.render("t.html", request, values) == engine_render(
                "t.html", request, values
            )
        assert len(frames._compiled) == 2 and None not in frames._compiled.values()


@pytest.mark.parametrize(
    "source",
    [
        "<p>{{ user }}</p>",  # differs per reader
        "<p>{{ request.path }}</p>",  # the request beyond its address
        "<p>{{ a|upper }}</p>",  # a filter rewrites the hole
        "<p>{{ a|urlencode }}</p>",  # ... or hides it
        '<p>{% if a == "same" %}same{% endif %}</p>',  # a comparison only sees the marker
    ],
)
def test_a_template_reading_more_than_its_holes_is_rendered_by_the_engine(source, caplog):
    request = RequestFactory().get("/p/")
    request.user = None
    values = {"a": "same"}
    with templates(**{"t.html": source}), caplog.at_level(logging.ERROR, "public.frames"):
        assert frames.render("t.html", request, values) == engine_render("t.html", request, values)
        assert list(frames._compiled.values()) == [None]
        assert "rendered node by node" in caplog.text
        assert frames.render("t.html", request, values) == engine_render("t.html", request, values)


def test_values_are_strings_or_booleans():
    with pytest.raises(TypeError):
        frames.render("articles/detail.html", RequestFactory().get("/"), {"n": 1})


def test_compiled_frames_are_forgotten_when_a_setting_changes(client, pair):
    page(client, pair[0], "zh-hans")
    assert frames._compiled
    with override_settings(LANGUAGES=[("zh-hans", "简体中文"), ("en", "English (UK)")]):
        assert not frames._compiled
        assert "English (UK)" in page(client, pair[0], "zh-hans").content.decode()
