"""The desk dashboard and checker quality: read-only views over what others record."""

from collections import defaultdict
from datetime import timedelta

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, Block, ProcessingRun
from cleaning import STORY_KINDS
from desk.models import AuditEntry, BulkJob
from entities.models import Mention
from ingest.models import Feed

STUCK_AFTER = timedelta(minutes=15)


def dashboard_context(request) -> dict:
    user = request.user
    if not user.is_active or not user.is_staff or not user.has_perm("articles.view_article"):
        return {}
    now = timezone.now()
    articles = Article.objects.select_related("source").only(
        "pk", "title", "status", "processing_state", "published_at", "updated_at",
        "document_kind", "source__name",
    )
    failed = list(
        articles.filter(processing_state=Article.Processing.FAILED).order_by("-updated_at")[:20]
    )
    errors = {}
    if failed:
        for run in ProcessingRun.objects.filter(
            article__in=failed, state=ProcessingRun.State.FAILED
        ).order_by("article_id", "-started_at"):
            errors.setdefault(run.article_id, run.error.strip().splitlines()[-1:] or [""])
    for article in failed:
        article.last_error = errors.get(article.pk, [""])[0]
    context = {
        "desk": True,
        "waiting_review": articles.filter(status=Article.Status.REVIEW).order_by("updated_at")[:20],
        # Imports the checker judged not to be articles: an editor confirms or overrides.
        "not_articles": articles.not_articles().exclude(status=Article.Status.ARCHIVED)
        .order_by("-updated_at")[:20],
        "failed": failed,
        "stuck": articles.filter(
            processing_state__in=[Article.Processing.PENDING, Article.Processing.RUNNING],
            updated_at__lt=now - STUCK_AFTER,
        )[:20],
        "scheduled": articles.filter(
            status=Article.Status.SCHEDULED, published_at__lte=now + timedelta(hours=24)
        ).order_by("published_at")[:20],
        "decisions": AuditEntry.objects.select_related("user", "article")
        .defer(*(f"article__{name}" for name in Article.HEAVY_FIELDS))[:15],
        "jobs": BulkJob.objects.exclude(state=BulkJob.State.DONE)[:5],
        "can_retry": user.has_perm("articles.change_article")
        and user.has_perm("articles.review_article"),  # the reprocess action's permission
    }
    context["failing_feeds"] = [] if not user.has_perm("ingest.view_feed") else (
        Feed.objects.filter(last_outcome=Feed.Outcome.FAILED, enabled=True)
        .select_related("source").order_by("-failures")[:10]
    )
    context["ingested_waiting"] = articles.filter(
        status=Article.Status.REVIEW, feed_item__isnull=False).count()
    context["suggestions"] = (
        Mention.objects.filter(status=Mention.Status.SUGGESTED)
        .values("article_id", "article__title")
        .annotate(n=Count("pk"))
        .order_by("-n")[:10]
    )
    return context


def rule_names(block: dict) -> list[str]:
    return list((block.get("meta") or {}).get("signals") or []) or ["(unnamed)"]


@staff_member_required
def source_quality(request):
    """Checker precision per source and per rule, judged by editors' overrides.

    A block the checker removed that an editor kept is a false positive; a block
    the checker kept that an editor removed is a miss. Only reviewed articles
    (ones with at least one override) count, so silence is not taken as assent
    where nobody looked.
    """
    if not request.user.has_perm("articles.view_blockoverride"):
        raise PermissionDenied
    reviewed = Article.objects.filter(overrides__isnull=False).values("pk").distinct()
    blocks = Block.objects.filter(article__in=reviewed).values(
        "kind", "machine_kind", "meta", "article__source__name", "article__created_at"
    )
    per_source: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    per_rule: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    per_month: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for block in blocks.iterator():
        removed = block["machine_kind"] not in STORY_KINDS
        kept_by_editor = block["kind"] in STORY_KINDS
        source = block["article__source__name"] or _("(no source)")
        month = f"{block['article__created_at']:%Y-%m}"
        for bucket in (per_source[source], per_month[month]):
            bucket["blocks"] += 1
            if removed:
                bucket["flagged"] += 1
                bucket["false_positive"] += kept_by_editor
            else:
                bucket["missed"] += not kept_by_editor
        if removed:
            for rule in rule_names(block):
                per_rule[rule]["flagged"] += 1
                per_rule[rule]["false_positive"] += kept_by_editor

    def rows(table):
        out = []
        for name, c in sorted(table.items()):
            flagged = c.get("flagged", 0)
            precision = (flagged - c.get("false_positive", 0)) / flagged if flagged else None
            dirty = flagged / c["blocks"] if c.get("blocks") else None
            out.append({"name": name, **c, "precision": precision, "dirty": dirty})
        return out

    context = {
        "title": _("Checker quality"),
        "sources": rows(per_source),
        "rules": rows(per_rule),
        "months": rows(per_month),
        "reviewed": reviewed.count(),
        "overrides": Block.objects.filter(overridden=True).aggregate(
            n=Count("pk"), restored=Count("pk", filter=Q(kind__in=STORY_KINDS))
        ),
    }
    from django.contrib import admin

    context.update(admin.site.each_context(request))
    return TemplateResponse(request, "admin/desk/quality.html", context)
