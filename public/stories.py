"""An article's public page, rendered by the pipeline and stored.

Rendering the page (headline and byline, blocks with entity links, figures and
tables, "In this story", social meta tags) and ranking its related stories took
10-20 ms a request, twenty times the cost of serving a page. None of it depends on
the request: only on the article and its section and source, its blocks, its
linkable mentions and their entities, its confirmed tables and, for table cells
linked by name, the knowledge base. So the pipeline renders it once per language
whenever one of those changes (``build``, run by ``render_stories_task``), and the
page reads it in one query with the article and its related stories' entries in
story lists, taken from their own stored renders (``read_page``); the page renders
only its frame and what depends on the request around them.

A stored render is current or absent, never stale:

* every change to its inputs deletes it (``forget``, from the handlers
  ``public.invalidation`` builds from its table of what pages show, and
  ``stories_changed`` for bulk writes) in or right after the
  transaction that made the change, and enqueues a rebuild on commit. ``forget``
  first locks the articles' rows, which ``build`` holds while it reads and writes,
  so a rebuild that read the old inputs has either committed (its rows are deleted
  here) or reads the new ones;
* a render holding tables is current only under the knowledge-base version it was
  built at, since a new entity or alias may name one of its cells;
* a render made by other templates, code, translations or settings (``renderer()``)
  is outdated as a whole after a deploy.

Until the rebuild is stored the page renders those parts itself with the same
templates (``live``), so readers see the same page either way, only later.
``sweep_stories_task`` (beat) rebuilds what a lost enqueue or a deploy left missing.

Related stories are ranked when a story is built, and again for a story and the
stories it is related to when it is published or withdrawn (``refresh_related``);
the page shows the first ones still published.
"""

import hashlib
import importlib.metadata
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC
from functools import cache, partial
from pathlib import Path

import django
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime

from articles.models import Article, Block
from articles.rendering import story_items
from articles.validators import http_url_or_empty
from articles.workflow import send
from cleaning import STORY_KINDS
from datatables.rendering import tables_for_article
from entities.models import LINK_CONFIDENCE, Entity, KnowledgeBaseVersion
from public.filters import live_mentions
from public.invalidation import RENDERER_FILES
from public.models import StoryRender

RELATED = 5
# Ranked and stored per story: enough that the page still shows RELATED when a few
# have been withdrawn since.
RELATED_KEPT = 8
# Related stories are ranked among at most this many newest stories per shared entity.
RELATED_PER_ENTITY = 100
# Articles per lock-and-delete statement and per rebuild task.
CHUNK = 500
# Stories the periodic sweep rebuilds at most per run.
SWEEP_BATCH = 2000

@cache
def renderer() -> str:
    """Fingerprint of the templates, code, translations and settings behind a render."""
    digest = hashlib.blake2b(digest_size=16)
    base = Path(settings.BASE_DIR)
    for name in RENDERER_FILES:
        digest.update(name.encode() + b"\0" + (base / name).read_bytes())
    for locale in map(Path, settings.LOCALE_PATHS):
        for path in sorted(locale.glob("*/LC_MESSAGES/*.mo")):
            digest.update(str(path.relative_to(locale)).encode() + b"\0" + path.read_bytes())
    digest.update(repr((
        django.get_version(), importlib.metadata.version("nh3"), LINK_CONFIDENCE,
        sorted(STORY_KINDS), languages(), settings.TIME_ZONE, settings.USE_TZ,
    )).encode())
    return digest.hexdigest()


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def entity_url(entity) -> str:
    """The entity's page if the entities app serves one, else the filtered listing."""
    try:
        return reverse("entities:detail", kwargs={"slug": entity.slug})
    except NoReverseMatch:
        return reverse("articles:list") + f"?entity={entity.slug}"


# --- Rendering ------------------------------------------------------------------------

def story_inputs(article: Article) -> dict:
    """The templates' context: the article (with section and source) and everything
    its story shows, in four queries at most (blocks, mentions with their entities,
    tables, entity names in tables) whatever the story's size."""
    items = story_items(
        Block.objects.filter(article_id=article.pk).order_by("index")
        .only("article_id", "index", "kind", "text", "meta")
    )
    by_block = live_mentions().filter(article_id=article.pk).by_block()
    entities: dict[int, Entity] = {}
    for mentions in by_block.values():
        for mention in mentions:
            entities.setdefault(mention.entity_id, mention.entity)
    ordered = sorted(entities.values(), key=lambda e: (e.name, e.pk))
    for entity in ordered:
        entity.url = entity_url(entity)
    return {
        "article": article, "items": items, "mentions_by_block": by_block, "entities": ordered,
        # Tables are shown only in place of table items: no table items, no query.
        "tables": tables_for_article(article) if any(i.kind == "table" for i in items) else {},
        # The page links the tables' script and stylesheet once, in its head.
        "table_assets_in_head": True,
    }


def schema(article: Article, entities: list[Entity]) -> str:
    """The article's schema.org NewsArticle data as JSON, but for what the page adds
    (``json_ld``): its address and modification time."""
    data = {
        "headline": article.title[:110],
        "description": article.dek or article.title,
        "inLanguage": "en" if article.language == "en" else "zh-Hans",
        "datePublished": article.published_at.isoformat() if article.published_at else None,
    }
    if article.byline:
        data["author"] = {"@type": "Person", "name": article.byline}
    if article.source:
        data["isBasedOn"] = http_url_or_empty(article.source_url) or article.source.name
        data["sourceOrganization"] = {"@type": "Organization", "name": article.source.name}
    if article.section:
        data["articleSection"] = article.section.name
    if entities:
        data["about"] = [{"@type": "Thing", "name": e.name} for e in entities]
    return json.dumps(data, ensure_ascii=False)


JSON_LD_HEAD = '{"@context": "https://schema.org", "@type": "NewsArticle"'


def json_ld(data: str, url: str, modified) -> str:
    """The page's NewsArticle JSON-LD from ``schema()``'s JSON text, escaped so no text in
    it can close the <script> element.

    The same text as ``json.dumps`` of the merged object, put together from its pieces:
    ``schema()``'s members as it wrote them, between the page's own (decoding and
    encoding them again on every request cost more than the rest of this function).
    """
    members = data.strip()[1:-1].strip()
    page = json.dumps({
        "mainEntityOfPage": {"@type": "WebPage", "@id": url}, "url": url,
        "dateModified": modified.isoformat(),
        "publisher": {"@type": "Organization", "name": "Newsroom"},
    }, ensure_ascii=False)
    text = JSON_LD_HEAD + (", " + members if members else "") + ", " + page[1:]
    return text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")


@dataclass
class Story:
    """The stored parts of a page, as the page uses them (from a row or rendered now)."""

    head: str
    html: str
    json_ld: str
    has_tables: bool
    related: list[int]
    item: str = ""
    # When what the page shows of it last changed: the stored parts and its related
    # stories' entries (None where unknown, e.g. rendered just now).
    changed_at: object = None


def render(inputs: dict, language: str, related: list[int]) -> Story:
    """The page's stored parts in one language."""
    with translation.override(language):
        head, html, item = (render_to_string(f"articles/{name}.html", inputs)
                            for name in ("_story_head", "_story", "_story_item"))
    return Story(head=head, html=html, item=item,
                 json_ld=schema(inputs["article"], inputs["entities"]),
                 has_tables=bool(inputs["tables"]), related=related)


def live(article_id: int, language: str, *, with_related: bool = True) -> Story:
    """What ``build`` would store, rendered now: the page's fallback."""
    article = Article.objects.select_related("section", "source").get(pk=article_id)
    inputs = story_inputs(article)
    related = related_ids(article.pk, [e.pk for e in inputs["entities"]]) if with_related else []
    return render(inputs, language, related)


# The article page reads everything in one round trip: the article (the fields the
# page shows live), its stored render in the reader's language and the stored
# entries of its related stories, as [id, entry] pairs with a NULL entry for a story
# no longer published. A render holds its article's state as built and is deleted
# whenever that changes, so its row alone says whether to list the story. Plain SQL
# through a cursor: reading a page costs no ORM query building, and the statement is
# planned once per connection (``prepared_cursor``).

# The article's fields the page reads, in the model's order (Model.from_db takes them so).
PAGE_FIELDS = ("id", "title", "slug", "dek", "language", "status", "published_at",
               "processed_at", "document_kind", "updated_at")  # in the model's field order
ENTRY = "CASE WHEN x.status = %s AND x.published_at <= %s THEN x.item END"
RELATED_IDS = {
    "postgresql": "SELECT value::bigint FROM jsonb_array_elements_text(r.related)",
    "sqlite": "SELECT value FROM json_each(r.related)",
}
RELATED_ENTRIES = {
    "postgresql": "SELECT json_agg(json_build_array(x.article_id, {entry}))",
    "sqlite": "SELECT json_group_array(json_array(x.article_id, {entry}))",
}
RELATED_ROWS = """ FROM articles_storyrender x WHERE x.article_id IN ({ids})
          AND x.language = r.language AND x.renderer = r.renderer"""
PAGE_SQL = """
SELECT a.id, a.title, a.slug, a.dek, a.language, a.status, a.published_at,
       a.processed_at, a.document_kind, a.updated_at,
       r.head, r.html, r.json_ld, r.related, r.has_tables, r.kb_version, r.built_at,
       ({entries}{rows}), (SELECT max(x.built_at){rows})
FROM articles_article a
LEFT JOIN articles_storyrender r
       ON r.article_id = a.id AND r.language = %s AND r.renderer = %s
WHERE a.slug = %s
"""


@dataclass
class Page:
    """What the article page reads: the article, its stored render (None while it is
    being rebuilt) and its related stories' stored entries (id -> entry, or None for a
    story no longer published; a story not stored has no key)."""

    article: Article
    story: Story | None
    entries: dict[int, str | None]


def prepared_cursor():
    """A cursor whose statements PostgreSQL plans once per connection, not per request.

    Django binds parameters client-side, so to PostgreSQL every page read was a new
    statement to parse and plan, and planning the page's statement cost it more than
    running it. This cursor binds them server-side, so psycopg prepares a statement
    once it has run ``prepare_threshold`` times on the connection (the database's
    OPTIONS, see the settings; unset, never). Elsewhere, or without psycopg 3, a plain
    cursor. Wrapped as ``connection.cursor()`` is: health check, logging, query counts.
    """
    if connection.vendor != "postgresql":
        return connection.cursor()
    from django.db.backends.postgresql import base

    server_binding = getattr(base, "ServerBindingCursor", None)  # psycopg 3 only
    if server_binding is None:
        return connection.cursor()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        return connection._prepare_cursor(server_binding(connection.connection))


@cache
def page_sql(vendor: str) -> str:
    rows = RELATED_ROWS.replace("{ids}", RELATED_IDS[vendor])
    entries = RELATED_ENTRIES[vendor].replace("{entry}", ENTRY)
    return PAGE_SQL.replace("{entries}", entries).replace("{rows}", rows)


def read_page(slug: str, language: str) -> Page | None:
    """The article with the slug and what is stored for its page, or None."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with prepared_cursor() as cursor:
        cursor.execute(page_sql(connection.vendor),
                       [Article.Status.PUBLISHED, now, language, renderer(), slug])
        row = cursor.fetchone()
    if row is None:
        return None
    values = [_aware(v) if name.endswith("_at") else v
              for name, v in zip(PAGE_FIELDS, row, strict=False)]
    article = Article.from_db(connection.alias, PAGE_FIELDS, values)
    head, html, data, related, has_tables, kb_version, built, entries, entries_built = (
        row[len(PAGE_FIELDS):]
    )
    if html is None or (has_tables and kb_version != KnowledgeBaseVersion.current()):
        return Page(article, None, {})
    changed = [_aware(d) for d in (built, entries_built) if d is not None]
    story = Story(head=head, html=html, json_ld=data, has_tables=bool(has_tables),
                  related=_json(related), changed_at=max(changed))
    return Page(article, story, dict(_json(entries) or ()))


def _json(value):
    """JSON comes back as text from plain cursors."""
    return json.loads(value) if isinstance(value, str) else value


def _aware(value):
    """SQLite hands plain cursors naive UTC datetimes."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and settings.USE_TZ and timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value


# --- Related stories ------------------------------------------------------------------

# Per shared entity, its newest linkable mentions (the partial index
# mention_linkable_entity_article serves each LATERAL probe), then the candidates
# sharing the most entities, newest first on ties. Bounded: at most
# entities x RELATED_PER_ENTITY rows, however popular the entities are.
RELATED_SQL = """
WITH ranked AS (
    SELECT c.article_id, count(*) AS shared
    FROM unnest(%s::bigint[]) AS e(id)
    CROSS JOIN LATERAL (
        SELECT DISTINCT m.article_id FROM entities_mention m
        WHERE m.entity_id = e.id AND m.entity_id IS NOT NULL
          AND (m.status = 'confirmed' OR (m.confidence >= {confidence}
               AND m.origin = 'kb' AND m.status = 'suggested'))
        ORDER BY m.article_id DESC LIMIT %s
    ) c
    WHERE c.article_id <> %s
    GROUP BY c.article_id
)
SELECT a.id
FROM ranked r
JOIN articles_article a ON a.id = r.article_id
WHERE a.status = 'published' AND a.published_at <= %s
ORDER BY r.shared DESC, a.published_at DESC, a.id DESC
LIMIT %s
""".replace("{confidence}", repr(float(LINK_CONFIDENCE)))


def related_ids(article_id: int, entity_ids: Iterable[int]) -> list[int]:
    """Published stories sharing the most entities with this one, newest first on ties.

    On PostgreSQL candidates are the newest ``RELATED_PER_ENTITY`` stories of each
    entity, so a story about 腾讯 does not count shared entities over every story
    ever written about it.
    """
    entity_ids = sorted(set(entity_ids))
    if not entity_ids:
        return []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(RELATED_SQL, [entity_ids, RELATED_PER_ENTITY, article_id,
                                         timezone.now(), RELATED_KEPT])
            return [row[0] for row in cursor.fetchall()]
    return list(
        Article.objects.published()
        .filter(mentions__in=live_mentions().filter(entity__in=entity_ids))
        .exclude(pk=article_id)
        .annotate(shared=Count("mentions__entity", distinct=True))
        .order_by("-shared", "-published_at", "-pk")
        .values_list("pk", flat=True)[:RELATED_KEPT]
    )


ENTRIES_SQL = """
SELECT x.article_id, {entry} FROM articles_storyrender x
WHERE x.article_id IN ({ids}) AND x.language = %s AND x.renderer = %s
"""


def stored_entries(ids: list[int], language: str) -> dict[int, str | None]:
    """Related stories' stored entries, as ``Page.entries`` (the live page's query)."""
    if not ids:
        return {}
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(ENTRIES_SQL.format(entry=ENTRY, ids=", ".join(["%s"] * len(ids))),
                       [Article.Status.PUBLISHED, now, *ids, language, renderer()])
        return dict(cursor.fetchall())


def related_list(ids: list[int], entries: dict[int, str | None]) -> list[str]:
    """Entries of the first ``RELATED`` of ``ids`` still published; stories not stored
    (being rebuilt) are looked up and rendered now."""
    absent = [pk for pk in ids if pk not in entries]
    if absent:
        entries = {**entries, **live_entries(absent)}
    return [entries[pk] for pk in ids if entries.get(pk)][:RELATED]


def live_entries(ids: list[int]) -> dict[int, str]:
    found = Article.objects.published().filter(pk__in=ids).select_related("section", "source")
    return {story.pk: render_to_string("articles/_story_item.html", {"article": story})
            for story in found}


def rerank(article_id: int) -> list[int]:
    """Rank the article's related stories again and store them; returns them."""
    entity_ids = live_mentions().filter(article_id=article_id).values_list("entity_id", flat=True)
    ranked = related_ids(article_id, entity_ids)
    StoryRender.objects.filter(article_id=article_id).update(related=ranked)
    return ranked


def refresh_related(article_id: int) -> list[int]:
    """Re-rank a story just published or withdrawn and the stories it is related to
    (it now belongs in their lists, or leaves them): at most 1 + RELATED_KEPT."""
    neighbours = rerank(article_id)
    for pk in neighbours:
        rerank(pk)
    return [article_id, *neighbours]


# --- Building and forgetting ------------------------------------------------------------

def is_current(article_id: int) -> bool:
    rows = list(StoryRender.objects.filter(article_id=article_id)
                .values_list("language", "renderer", "has_tables", "kb_version"))
    if sorted(row[0] for row in rows) != sorted(languages()):
        return False
    if any(row[1] != renderer() for row in rows):
        return False
    return not any(row[2] for row in rows) or all(
        row[3] == KnowledgeBaseVersion.current() for row in rows
    )


def build(article_id: int, *, force: bool = False) -> str:
    """Render and store the article's page parts in every language: "gone",
    "current" (nothing changed since the last build) or "built"."""
    with transaction.atomic():
        # Held until commit: forget() waits for this build instead of missing it.
        if not Article.objects.select_for_update().filter(pk=article_id).exists():
            return "gone"
        if not force and is_current(article_id):
            return "current"
        kb_version = KnowledgeBaseVersion.current()  # before the names it covers are read
        article = Article.objects.select_related("section", "source").get(pk=article_id)
        inputs = story_inputs(article)
        related = related_ids(article_id, [e.pk for e in inputs["entities"]])
        rows = []
        for language in languages():
            story = render(inputs, language, related)
            rows.append(StoryRender(
                article=article, language=language, head=story.head, html=story.html,
                item=story.item, json_ld=story.json_ld, has_tables=story.has_tables,
                kb_version=kb_version, related=related, status=article.status,
                published_at=article.published_at, renderer=renderer(),
            ))
        StoryRender.objects.filter(article_id=article_id).delete()
        StoryRender.objects.bulk_create(rows)
    return "built"


def forget(article_ids: Iterable[int]) -> None:
    """Delete these articles' stored renders now and rebuild them after the commit.

    Called in or right after the transaction that changed what they show. Locking
    the articles first waits out a build still reading the old inputs: its rows
    are then committed, and deleted here.
    """
    ids = sorted({int(pk) for pk in article_ids if pk is not None})
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        with transaction.atomic():
            list(Article.objects.select_for_update().filter(pk__in=chunk).order_by("pk")
                 .values_list("pk", flat=True))
            StoryRender.objects.filter(article_id__in=chunk).delete()
    rebuild_later(ids)


def rebuild_later(article_ids: list[int]) -> None:
    from public.tasks import render_stories_task

    for start in range(0, len(article_ids), CHUNK):
        transaction.on_commit(partial(send, render_stories_task, article_ids[start:start + CHUNK]))


def outdated_ids(limit: int = SWEEP_BATCH) -> list[int]:
    """Articles whose stored render is missing, outdated by a deploy or (with tables)
    by a knowledge-base change; most recently published first."""
    current = StoryRender.objects.filter(renderer=renderer()).filter(
        Q(has_tables=False) | Q(kb_version=KnowledgeBaseVersion.current())
    )
    complete = (current.values("article_id").annotate(n=Count("pk"))
                .filter(n=len(languages())).values("article_id"))
    return list(
        Article.objects.exclude(pk__in=complete)
        .order_by(F("published_at").desc(nulls_last=True), "-pk")
        .values_list("pk", flat=True)[:limit]
    )


# --- What changes a stored render ------------------------------------------------------
# (the rules are public.invalidation's; connected in PublicConfig.ready)

def on_publication_changed(sender, article_id, **kwargs) -> None:
    """Published or withdrawn: the story belongs in other stories' related lists, or
    leaves them (the signal is sent after commit)."""
    from public.tasks import refresh_related_task

    send(refresh_related_task, article_id)
