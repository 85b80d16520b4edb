"""State changes of an article: who may make them, and the record each one leaves.

Every transition is a conditional UPDATE on the state it starts from, so two
processes racing (two beat schedulers, two editors) cannot both make it: the
loser sees a conflict instead of a second publication.
"""

import logging
from datetime import datetime
from functools import partial

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import revisions
from articles.audit import record
from articles.models import Article, Revision, Transition
from articles.signals import publication_changed, publishing, stories_changed
from newsroom.outages import note_unqueued

logger = logging.getLogger(__name__)
S = Article.Status

# to-state -> (from-states, permission needed; None = the article's own reporter may)
TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    S.REVIEW: (frozenset({S.DRAFT}), None),
    S.DRAFT: (frozenset({S.REVIEW, S.SCHEDULED, S.ARCHIVED}), "articles.review_article"),
    S.SCHEDULED: (frozenset({S.DRAFT, S.REVIEW}), "articles.publish_article"),
    S.PUBLISHED: (frozenset({S.DRAFT, S.REVIEW, S.SCHEDULED, S.ARCHIVED}),
                  "articles.publish_article"),
    S.ARCHIVED: (frozenset({S.PUBLISHED, S.SCHEDULED}), "articles.publish_article"),
}


# Model field names of Article.EDITABLE (foreign keys by their field name).
EDITABLE_COLUMNS = [name.removesuffix("_id") for name in Article.EDITABLE]


class TransitionError(Exception):
    """A state change that is not allowed, or that someone else made first."""


def send(task, *args, **kwargs) -> bool:
    """Enqueue a task; a broker outage is logged, never raised.

    The rows stay in their pending state and the beat sweep enqueues them once
    the broker is back: losing an editor's save over a queue outage would be worse.
    """
    try:
        task.delay(*args, **kwargs)
    except Exception as error:
        # One line, not a traceback per save: the outage itself is what matters.
        logger.error("could not enqueue %s%r (%s); the sweep will retry", task.name, args, error)
        note_unqueued(task.name)
        return False
    return True


def send_processing(article_id: int, force: bool = False) -> None:
    from articles.tasks import process_article_task

    send(process_article_task, article_id, force=force)


def enqueue_processing(article: Article, *, force: bool = False) -> None:
    """Process after commit, so the worker never looks for a row it cannot see yet."""
    transaction.on_commit(partial(send_processing, article.pk, force))


def allowed_targets(article: Article, user) -> list[str]:
    return [to for to in TRANSITIONS if can_transition(article, to, user)]


def can_transition(article: Article, to: str, user) -> bool:
    sources, permission = TRANSITIONS.get(to, (frozenset(), ""))
    if article.status not in sources:
        return False
    if user is None:  # the scheduler and management commands
        return True
    if permission is None:
        return user.has_perm("articles.change_article") and (
            article.created_by_id in (None, user.pk) or user.has_perm("articles.review_article")
        )
    return user.has_perm(permission)


def transition(article: Article, to: str, user=None, *, when: datetime | None = None,
               note: str = "") -> Article:
    """Move an article to another state, once, and record who and when."""
    if to not in TRANSITIONS:  # a tampered form: no state of that name to say
        raise TransitionError(_("There is no such state."))
    if article.status not in TRANSITIONS[to][0]:
        raise TransitionError(
            _("An article that is %(state)s cannot become %(to)s.")
            % {"state": article.get_status_display(), "to": S(to).label}
        )
    if not can_transition(article, to, user):
        raise PermissionDenied(_("You may not make that change."))
    now = timezone.now()
    fields: dict = {"status": to, "updated_at": now}
    if to == S.PUBLISHED:
        # A scheduled story whose time has come keeps its time (the scheduler's publish);
        # "publish now" before that time means now, or it stayed hidden until then.
        due = (article.status == S.SCHEDULED and article.published_at is not None
               and article.published_at <= now)
        fields["published_at"] = when or (article.published_at if due else now)
    elif to == S.SCHEDULED:
        if when is None:
            raise TransitionError(_("Scheduling needs a publish time."))
        if when <= now:  # a mistyped year published at once, dated in the past
            raise TransitionError(_("That publish time has passed: choose a later one, "
                                    "or publish now."))
        fields["published_at"] = when
    with transaction.atomic():
        if to in (S.PUBLISHED, S.SCHEDULED):
            publishing.send(sender=Article, article=article)
        # Every state change is a new version, so a form opened before it is a conflict.
        won = Article.objects.filter(pk=article.pk, status=article.status).update(
            version=F("version") + 1, **fields
        )
        if not won:
            raise TransitionError(_("Someone else changed this article's state first."))
        Transition.objects.create(article=article, from_status=article.status, to_status=to,
                                  user=user, at=now, note=note)
        changed = Article.objects.only(*EDITABLE_COLUMNS, *Article.WORKFLOW, "version").get(
            pk=article.pk
        )
        save_revision(changed, user, f"{S(article.status).label} → {S(to).label}")
        record_audit(user, "publish" if to == S.PUBLISHED else "transition", article,
                     from_status=article.status, to_status=to, note=note)
        # The UPDATE above sends no post_save: say what changed instead.
        stories_changed.send(sender=Article, article_ids=[article.pk])
        if S.PUBLISHED in (article.status, to):
            transaction.on_commit(partial(publication_changed.send, sender=Article,
                                          article_id=article.pk), robust=True)
    for name, value in fields.items():
        setattr(article, name, value)
    article.version = changed.version
    return article


def publish(article: Article, *, when: datetime | None = None, user=None) -> Article:
    return transition(article, S.PUBLISHED, user, when=when)


def publish_due(now: datetime | None = None) -> list[int]:
    """Publish every scheduled article whose time has come; each exactly once."""
    now = now or timezone.now()
    published = []
    due = Article.objects.filter(status=S.SCHEDULED, published_at__lte=now)
    for article in due.only("pk", "status", "published_at", "title"):
        try:
            transition(article, S.PUBLISHED, None, note="scheduled")
        except TransitionError:
            continue  # another scheduler got there first
        published.append(article.pk)
    return published


def save_revision(article: Article, user, message: str = "") -> Revision:
    return Revision.objects.create(article=article, number=article.version,
                                   data=revisions.snapshot(article), author=user,
                                   message=str(message)[:300])


def bump_version(article: Article, base_version: int) -> bool:
    """Optimistic lock: only the save that started from the current version may bump it."""
    won = Article.objects.filter(pk=article.pk, version=base_version).update(
        version=F("version") + 1
    )
    if won:
        article.version = base_version + 1
    return bool(won)


def restore_revision(revision: Revision, user) -> Article:
    """Make the revision's editable fields current again, as a new version. The row
    lock is taken inside the transaction that writes, so it holds until the commit."""
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=revision.article_id)
        # Only the editable fields and the parts later apps keep (the story body): a
        # restore never changes the state or the publish time.
        for name in Article.EDITABLE:
            if name in revision.data:
                setattr(article, name, revision.data[name])
        if not bump_version(article, article.version):
            raise TransitionError(_("Someone else saved this article meanwhile."))
        for name, part in revisions.PARTS.items():
            if name in revision.data:
                part.restore(article, revision.data[name], user)
        article.save(update_fields=[*EDITABLE_COLUMNS, "version", "updated_at"])
        save_revision(article, user, _("Restored revision %(n)s") % {"n": revision.number})
        record_audit(user, "restore", article, revision=revision.number)
    return article


def record_audit(user, action: str, article: Article, **details) -> None:
    record(user, action, article, **details)
