"""The desk's view of ingestion: feeds per source with their last poll, status,
counts and next poll; "poll now" and pausing, each permission-checked; the items
every feed listed; and the article list filtered to ingested articles.

Sources and articles belong to ``articles``, which knows nothing of feeds: the
source admin is extended here by subclassing and registering again; the article
admin gets ``IngestedArticleMixin`` from the desk, which assembles that admin.
"""

from functools import partial

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count, Max, Min, OuterRef, Q, Subquery, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.admin import ArticleAdmin, SourceAdmin
from articles.models import Source
from ingest.models import Feed, FeedItem, SourcePause
from ingest.tasks import send_poll

OUTCOME_COLOURS = {"ok": "#2e7d32", "not_modified": "#2e7d32", "failed": "#c62828",
                   "never": "#757575"}


def outcome_badge(outcome: str, label: str, failures: int = 0):
    text = label if not failures else f"{label} ×{failures}"
    return format_html('<b style="color:{}">{}</b>', OUTCOME_COLOURS.get(outcome, "#000"), text)


def safe_href(url: str) -> str:
    """Item addresses come from other people's feeds: link only to http(s)."""
    return url if url.lower().startswith(("http://", "https://")) else ""


def enqueue_polls(feed_ids: list[int]) -> None:
    """Poll now, after the admin's transaction commits; forced past next_poll_at."""
    for feed_id in feed_ids:
        transaction.on_commit(partial(send_poll, feed_id, 0.0, True))


class FeedInline(admin.TabularInline):
    model = Feed
    extra = 0
    fields = ["url", "kind", "mode", "every", "enabled", "last_polled_at", "status",
              "counts", "next_poll_at"]
    readonly_fields = ["last_polled_at", "status", "counts"]
    show_change_link = True

    @admin.display(description=_("status"))
    def status(self, obj):
        if obj.pk is None:
            return "-"
        badge = outcome_badge(obj.last_outcome, obj.get_last_outcome_display(), obj.failures)
        if obj.last_error:
            return format_html("{}<br><small>{}</small>", badge, obj.error_message[:200])
        return badge

    @admin.display(description=_("found / imported / duplicate / failed"))
    def counts(self, obj):
        return f"{obj.found} / {obj.imported} / {obj.duplicates} / {obj.failed}"


def per_source(aggregate):
    """One aggregate over a source's feeds, as a subquery."""
    return Subquery(Feed.objects.filter(source=OuterRef("pk")).order_by().values("source")
                    .annotate(value=aggregate).values("value")[:1])


admin.site.unregister(Source)


@admin.register(Source)
class IngestSourceAdmin(SourceAdmin):
    list_display = [*SourceAdmin.list_display, "feed_count", "paused", "last_poll", "feed_status",
                    "item_counts", "next_poll"]
    inlines = [*SourceAdmin.inlines, FeedInline]
    actions = ["poll_now", "pause", "resume"]

    def get_queryset(self, request):
        # Subqueries, not joins: the parent's article count must not multiply the sums.
        return super().get_queryset(request).select_related("ingest_pause").annotate(
            feed_count=per_source(Count("pk")),
            last_poll=per_source(Max("last_polled_at")),
            next_poll=per_source(Min("next_poll_at", filter=Q(enabled=True))),
            failing=per_source(Count("pk", filter=Q(last_outcome=Feed.Outcome.FAILED))),
            found=per_source(Sum("found")), imported=per_source(Sum("imported")),
            duplicates=per_source(Sum("duplicates")), failed=per_source(Sum("failed")),
        )

    @admin.display(description=_("feeds"), ordering="feed_count")
    def feed_count(self, obj):
        return obj.feed_count

    @admin.display(description=_("paused"), boolean=True)
    def paused(self, obj):
        return hasattr(obj, "ingest_pause")

    @admin.display(description=_("last poll"), ordering="last_poll")
    def last_poll(self, obj):
        return obj.last_poll

    @admin.display(description=_("next poll"), ordering="next_poll")
    def next_poll(self, obj):
        return None if hasattr(obj, "ingest_pause") else obj.next_poll

    @admin.display(description=_("status"))
    def feed_status(self, obj):
        if not obj.feed_count:
            return "-"
        if obj.failing:
            return outcome_badge("failed", ngettext("%d feed failing", "%d feeds failing",
                                                    obj.failing) % obj.failing)
        if obj.last_poll is None:
            return outcome_badge("never", _("Not polled yet"))
        return outcome_badge("ok", _("OK"))

    @admin.display(description=_("found / imported / duplicate / failed"))
    def item_counts(self, obj):
        if not obj.feed_count:
            return "-"
        return f"{obj.found or 0} / {obj.imported or 0} / {obj.duplicates or 0} / {obj.failed or 0}"

    def has_poll_permission(self, request):
        return request.user.has_perm("ingest.poll_feed")

    def has_pause_permission(self, request):
        return (request.user.has_perm("ingest.add_sourcepause")
                and request.user.has_perm("ingest.delete_sourcepause"))

    @admin.action(description=_("Poll this source's feeds now"), permissions=["poll"])
    def poll_now(self, request, queryset):
        ids = list(Feed.objects.active().filter(source__in=queryset).values_list("pk", flat=True))
        enqueue_polls(ids)
        self.message_user(request, ngettext("%d feed queued for polling.",
                                            "%d feeds queued for polling.", len(ids)) % len(ids))

    @admin.action(description=_("Pause: stop polling these sources"), permissions=["pause"])
    def pause(self, request, queryset):
        paused = 0
        for source in queryset:
            _pause, made = SourcePause.objects.get_or_create(
                source=source, defaults={"paused_by": request.user})
            if made:
                paused += 1
                self.log_change(request, source, "Paused polling of its feeds.")
        self.message_user(request, ngettext("%d source paused.", "%d sources paused.",
                                            paused) % paused)

    @admin.action(description=_("Resume polling these sources"), permissions=["pause"])
    def resume(self, request, queryset):
        resumed = 0
        for source in queryset:
            deleted, _rows = SourcePause.objects.filter(source=source).delete()
            if deleted:
                resumed += 1
                self.log_change(request, source, "Resumed polling of its feeds.")
        self.message_user(request, ngettext("%d source resumed.", "%d sources resumed.",
                                            resumed) % resumed)


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "mode", "every", "enabled", "last_polled_at",
                    "status", "found", "imported", "duplicates", "failed", "next_poll_at"]
    list_filter = ["last_outcome", "enabled", "kind", "mode", "source"]
    list_select_related = ["source"]
    search_fields = ["url", "source__name"]
    autocomplete_fields = ["source"]
    fields = ["source", "url", "kind", "mode", "every", "enabled", "next_poll_at",
              "last_polled_at", "last_outcome", "failures", "error", "etag",
              "last_modified", "found", "imported", "duplicates", "failed", "items_link"]
    readonly_fields = ["last_polled_at", "last_outcome", "failures", "error", "etag",
                       "last_modified", "found", "imported", "duplicates", "failed",
                       "items_link"]
    actions = ["poll_now", "enable", "disable"]

    @admin.display(description=_("status"), ordering="last_outcome")
    def status(self, obj):
        badge = outcome_badge(obj.last_outcome, obj.get_last_outcome_display(), obj.failures)
        if obj.last_error:
            error = obj.error_message
            return format_html('{}<br><small title="{}">{}</small>', badge, error, error[:120])
        return badge

    @admin.display(description=_("last error"))
    def error(self, obj):
        return obj.error_message or "-"

    @admin.display(description=_("items"))
    def items_link(self, obj):
        if obj.pk is None:
            return "-"
        url = reverse("admin:ingest_feeditem_changelist") + f"?feed__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Items this feed listed"))

    def has_poll_permission(self, request):
        return request.user.has_perm("ingest.poll_feed")

    @admin.action(description=_("Poll now"), permissions=["poll"])
    def poll_now(self, request, queryset):
        # Only active feeds, as the source's own "poll now": a paused source's feeds are
        # never polled while it is paused (an editor paused it for a reason).
        ids = list(queryset.active().values_list("pk", flat=True))
        enqueue_polls(ids)
        self.message_user(request, ngettext("%d feed queued for polling.",
                                            "%d feeds queued for polling.", len(ids)) % len(ids))
        left = queryset.count() - len(ids)
        if left:
            self.message_user(request, ngettext(
                "%d feed left out: it is disabled, or its source is paused.",
                "%d feeds left out: they are disabled, or their sources are paused.", left)
                % left, messages.WARNING)

    @admin.action(description=_("Enable"), permissions=["change"])
    def enable(self, request, queryset):
        n = queryset.update(enabled=True, next_poll_at=timezone.now())
        self.message_user(request, ngettext("%d feed enabled.", "%d feeds enabled.", n) % n)

    @admin.action(description=_("Disable"), permissions=["change"])
    def disable(self, request, queryset):
        n = queryset.update(enabled=False)
        self.message_user(request, ngettext("%d feed disabled.", "%d feeds disabled.", n) % n,
                          messages.WARNING)


@admin.register(FeedItem)
class FeedItemAdmin(admin.ModelAdmin):
    """What every feed listed, and what became of it: read-only, the pipeline writes it."""

    list_display = ["__str__", "feed", "status", "article_link", "duplicate_link",
                    "original_published_at", "first_seen_at"]
    list_filter = ["status", "feed__source", "feed"]
    list_select_related = ["feed__source", "article", "duplicate_of"]
    search_fields = ["title", "url", "guid"]
    date_hierarchy = "first_seen_at"
    exclude = ["error", "duplicate_reason"]
    readonly_fields = ["error_message", "duplicate_message"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("error"))
    def error_message(self, obj):
        return obj.error_message or "-"

    @admin.display(description=_("why a duplicate"))
    def duplicate_message(self, obj):
        return obj.duplicate_message or "-"

    @admin.display(description=_("article"))
    def article_link(self, obj):
        return self._link(obj.article)

    @admin.display(description=_("duplicate of"))
    def duplicate_link(self, obj):
        if obj.duplicate_of is None:
            return "-"
        return format_html("{}<br><small>{}</small>", self._link(obj.duplicate_of),
                           obj.duplicate_message)

    @staticmethod
    def _link(article):
        if article is None:
            return "-"
        return format_html('<a href="{}">{}</a>',
                           reverse("admin:articles_article_change", args=[article.pk]),
                           article.title)


class IngestedFilter(admin.SimpleListFilter):
    """The review queue narrowed to what feeds brought in (or to hand imports)."""

    title = _("how it came in")
    parameter_name = "ingested"

    def lookups(self, request, model_admin):
        return [("yes", _("Ingested from a feed")), ("no", _("Imported or written by hand"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(feed_item__isnull=False)
        if self.value() == "no":
            return queryset.filter(feed_item__isnull=True)
        return queryset


class IngestedArticleMixin:
    """For the article admin: the "origin" filter and, on an ingested article (or one
    republished elsewhere), where it came from. The desk's article admin mixes it in:
    one admin class for articles, assembled at the top of the dependency order."""

    list_filter = [*ArticleAdmin.list_filter[:1], IngestedFilter, *ArticleAdmin.list_filter[1:]]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and (hasattr(obj, "feed_item") or obj.republished_as.exists()):
            fieldsets.append((_("Ingestion"), {"fields": ["ingestion"]}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "ingestion"]

    @admin.display(description=_("from feeds"))
    def ingestion(self, obj):
        parts = []
        item = getattr(obj, "feed_item", None)
        if item is not None:
            parts.append(format_html(
                "{}: <a href='{}'>{}</a> · {}: {} · {}: {} · {}: <a href='{}' rel='noopener "
                "noreferrer'>{}</a>",
                _("feed"), reverse("admin:ingest_feed_change", args=[item.feed_id]),
                item.feed, _("originally published"), item.original_published_at or "-",
                _("author"), item.author or "-", _("original URL"), safe_href(item.url), item.url,
            ))
        for copy in obj.republished_as.select_related("feed__source"):
            parts.append(format_html(
                "{} {} ({}): <a href='{}' rel='noopener noreferrer'>{}</a> — {}",
                _("Republished by"), copy.feed.source, copy.first_seen_at.date(),
                safe_href(copy.url), copy.url, copy.duplicate_message,
            ))
        return format_html("<br>".join(["{}"] * len(parts)), *parts) if parts else "-"
