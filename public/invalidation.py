"""What a change invalidates on the public site, stated once.

``SHOWN`` lists every model a public page shows, and for each which articles' stored
pages (``public.stories``) show an instance. Both consumers read it: every change to
a listed model makes the page cache stale (``public.caching``), and the articles it
names lose their stored pages, rebuilt after the commit. ``connect()`` turns the
table into signal handlers; no other module connects model signals for pages.

``STORED_TEMPLATES`` are the templates a stored page is rendered from, and
``RENDERER_FILES`` everything behind them (those templates, the ones they include,
the template tag libraries they load and the code those call): a deploy changing
any of them outdates every stored page (``public.stories.renderer``). A test walks
the templates from ``STORED_TEMPLATES`` and fails when one it reaches is missing here,
and another fails when a model of an app the pages read is neither in ``SHOWN`` nor
in ``NOT_SHOWN``.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save


@dataclass(frozen=True)
class Shown:
    """A model the public pages show.

    ``stories(instance)`` gives the articles whose stored page shows the instance (None:
    no stored page does; the page cache still goes stale). ``fields`` limits an update
    to changes of those fields (compared with the row before the save). ``moves`` names
    a foreign key whose old value's stories are invalidated too. ``skip_created``: a new
    row is on no stored page yet. ``with_parents``: a deletion cascading from one of
    these models was handled there (the parent's own rule, or the article going).
    ``before_delete``: its stories are found before the row goes (they join through it).
    """

    model: str
    stories: Callable[[object], Iterable[int]] | None = None
    fields: tuple[str, ...] = ()
    moves: str = ""
    skip_created: bool = False
    with_parents: tuple[str, ...] = ()
    before_delete: bool = False


def _own(field: str) -> Callable[[object], list[int]]:
    return lambda instance: [getattr(instance, field)]


def _articles_with(field: str) -> Callable[[object], Iterable[int]]:
    def stories(instance) -> Iterable[int]:
        article = apps.get_model("articles", "Article")
        return article.objects.filter(**{field: instance}).values_list("pk", flat=True)

    return stories


def _mentioning(entity) -> Iterable[int]:
    mention = apps.get_model("entities", "Mention")
    return (mention.objects.linkable().filter(entity_id=entity.pk)
            .values_list("article_id", flat=True))


def _showing_image(image) -> Iterable[int]:
    block = apps.get_model("body", "StoryBlock")
    return block.objects.filter(image_id=image.pk).values_list("article_id", flat=True)


SHOWN: tuple[Shown, ...] = (
    # A new article has nothing stored yet: processing builds it (blocks_checked).
    Shown("articles.Article", _own("pk"), skip_created=True),
    Shown("articles.Block", _own("article_id")),
    # Its name heads its stories and their entries in story lists.
    Shown("articles.Section", _articles_with("section"), skip_created=True, before_delete=True),
    Shown("articles.Source", _articles_with("source"), skip_created=True, before_delete=True),
    # Deleting an entity or an article deletes its mentions one by one: the entity's
    # stories were forgotten at once (its own rule), the article's go with it.
    Shown("entities.Mention", _own("article_id"),
          with_parents=("entities.Entity", "articles.Article")),
    # A new name, page or kind changes every link to the entity.
    Shown("entities.Entity", _mentioning, fields=("name", "slug", "kind"), skip_created=True,
          before_delete=True),
    # Entity pages list aliases and relations; table cells linked by an alias are kept
    # current by the knowledge-base version stored with a page holding tables.
    Shown("entities.Alias"),
    Shown("entities.Relation"),
    Shown("datatables.DataTable", _own("article_id"), moves="article_id",
          with_parents=("articles.Article",)),
    # The story body; body.build also says stories_changed after its bulk writes.
    Shown("body.StoryBlock", _own("article_id"), with_parents=("articles.Article",)),
    # What a figure shows of its image; a new image is in no story yet, and one in a
    # story cannot be deleted (PROTECT).
    Shown("images.Image", _showing_image, fields=("alt", "credit", "licence", "file"),
          skip_created=True),
)

# Models of the apps the pages read that no public page shows, and why.
NOT_SHOWN: dict[str, str] = {
    "articles.ProcessingRun": "the admin's record of processing runs",
    "articles.BlockOverride": "editors' overrides reach pages as Block changes",
    "articles.DocumentOverride": "reaches pages as the Article's document_kind and its Blocks",
    "articles.Transition": "state changes reach pages as Article updates (stories_changed)",
    "articles.Revision": "the admin's history",
    "articles.FormerSlug": "an old address answers with a redirect, never cached",
    "entities.KnowledgeBaseVersion": "stored pages with tables compare it when read",
    "entities.Extraction": "bookkeeping of extraction runs; results are Mentions",
    "entities.NotDuplicate": "the admin's duplicate finder",
    "search.SearchDocument": "indexed after blocks_checked, which makes pages stale; "
                             "search pages also expire after caching.PAGE_SECONDS",
    "public.StoryRender": "the stored pages themselves",
    "body.StoryBody": "whether editors own the body, and checker warnings for them",
    "body.PreviewGrant": "preview links; the preview page is rendered live, never stored",
    "images.Rendition": "made after the upload; body's renditions_made handler forgets "
                        "the pages showing the image once all are stored",
}

# The templates a stored page is rendered from (public.stories.render).
STORED_TEMPLATES = ("articles/_story_head.html", "articles/_story.html",
                    "articles/_story_item.html")

# What a stored render is made of besides the data: a change to any of these
# outdates every stored render (see public.stories.renderer()).
RENDERER_FILES = (
    "public/templates/articles/_story_head.html",
    "public/templates/articles/_story.html",
    "public/templates/articles/_body.html",
    "public/templates/articles/_story_item.html",
    "datatables/templates/datatables/table.html",
    "body/rendering.py",
    "body/document.py",
    "body/build.py",
    "images/rendering.py",
    "body/templatetags/body_tags.py",
    "public/stories.py",
    "public/invalidation.py",
    "entities/templatetags/entities_tags.py",
    "articles/templatetags/safe_urls.py",
    "articles/validators.py",
    "datatables/templatetags/datatables.py",
    "datatables/rendering.py",
    "datatables/grid.py",
    "newsroom/urls.py",
    "public/urls.py",
    "public/entity_urls.py",
    "datatables/urls.py",
)


# --- Signal handlers built from SHOWN ---------------------------------------------------

def _cascading(origin, parents: tuple[str, ...]) -> bool:
    """Whether a deletion cascades from one of ``parents`` (an instance or a queryset)."""
    if origin is None:
        return False
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    return model._meta.label in parents


def _rule_handlers(rule: Shown, changed: Callable[[Iterable[int]], None]):
    """(pre_save, post_save, pre_delete, post_delete) handlers for one rule."""

    def before_save(sender, instance, raw=False, **kwargs):
        before = None
        if not raw and instance.pk is not None:
            names = (*rule.fields, *([rule.moves] if rule.moves else []))
            before = sender._default_manager.filter(pk=instance.pk).values(*names).first()
        instance.public_shown_before = before

    def after_save(sender, instance, created, raw=False, **kwargs):
        if raw:
            return
        before = getattr(instance, "public_shown_before", None)
        ids: list = []
        if rule.stories is not None and not (created and rule.skip_created):
            unchanged = before is not None and rule.fields and all(
                before[name] == getattr(instance, name) for name in rule.fields
            )
            if not unchanged:
                ids.extend(rule.stories(instance))
        if rule.moves and before is not None:
            ids.append(before[rule.moves])
        changed(ids)

    def before_delete(sender, instance, origin=None, **kwargs):
        if not _cascading(origin, rule.with_parents):
            changed(list(rule.stories(instance)))

    def after_delete(sender, instance, origin=None, **kwargs):
        ids = []
        if rule.stories is not None and not rule.before_delete and not _cascading(
            origin, rule.with_parents
        ):
            ids = list(rule.stories(instance))
        changed(ids)

    return before_save, after_save, before_delete, after_delete


def connect(forget: Callable[[Iterable[int]], None], stale: Callable[[], None]) -> None:
    """Connect SHOWN: a change forgets the stored pages it names (``forget``) and makes
    the page cache stale (``stale``). A model change does it at once; ``stories_changed``
    (bulk writes sending no model signal) once the change commits, so no page rendered
    from the old rows in the meantime outlives it."""
    from articles.signals import blocks_checked, stories_changed

    def changed(article_ids: Iterable[int]) -> None:
        ids = [pk for pk in article_ids if pk is not None]
        if ids:
            forget(ids)
        stale()

    def on_stories_changed(sender, article_ids, **kwargs) -> None:
        forget(article_ids)
        transaction.on_commit(stale)

    blocks_checked.connect(lambda sender, article_id, **kw: changed([article_id]), weak=False,
                           dispatch_uid="public_blocks_checked")
    stories_changed.connect(on_stories_changed, weak=False, dispatch_uid="public_stories_changed")
    for rule in SHOWN:
        model = apps.get_model(rule.model)
        before_save, after_save, before_delete, after_delete = _rule_handlers(rule, changed)
        uid = f"public_{rule.model}"
        if rule.fields or rule.moves:
            pre_save.connect(before_save, sender=model, weak=False, dispatch_uid=uid + "_pre")
        post_save.connect(after_save, sender=model, weak=False, dispatch_uid=uid + "_saved")
        if rule.before_delete:
            pre_delete.connect(before_delete, sender=model, weak=False,
                               dispatch_uid=uid + "_deleting")
        post_delete.connect(after_delete, sender=model, weak=False, dispatch_uid=uid + "_deleted")
