from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.forms import ImportForm
from articles.imports import ImportRefused, import_article
from articles.models import Article, Block, ProcessingRun, Section, Source
from articles.rendering import story_items
from articles.review import override_blocks
from articles.workflow import enqueue_processing

VERDICT_ACTIONS = [("keep", _("Keep")), ("drop", _("Drop")), *Block.Kind.choices]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "homepage", "article_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description=_("articles"), ordering="article_count")
    def article_count(self, obj):
        return obj.article_count


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ProcessingRunInline(admin.TabularInline):
    model = ProcessingRun
    extra = 0
    can_delete = False
    max_num = 0
    fields = ["started_at", "state", "attempt", "duration_ms", "blocks", "checker_version",
              "error_excerpt"]
    readonly_fields = fields
    ordering = ["-started_at"]

    @admin.display(description=_("error"))
    def error_excerpt(self, obj):
        return obj.error.strip().splitlines()[-1] if obj.error.strip() else ""


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "status", "processing_badge", "published_at", "block_count"]
    list_filter = ["status", "processing_state", "language", "section", "source"]
    list_select_related = ["source"]
    search_fields = ["title", "byline"]
    date_hierarchy = "created_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["source"]
    readonly_fields = ["raw_format", "raw_encoding", "version", "processing_state",
                       "processed_at", "checker_version", "created_at", "updated_at", "raw_preview",
                       "review_links"]
    fieldsets = [
        (None, {"fields": ["review_links", "title", "slug", "dek", "byline", "source",
                           "source_url", "section", "language"]}),
        (_("Publishing"), {"fields": ["status", "published_at"]}),
        (_("Processing"), {"fields": ["processing_state", "processed_at", "checker_version",
                                      "version", "created_at", "updated_at"]}),
        (_("Raw import (never edited)"), {"classes": ["collapse"],
                                          "fields": ["raw_format", "raw_encoding", "raw_preview"]}),
    ]
    inlines = [ProcessingRunInline]
    actions = ["reprocess", "publish_now"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(block_total=Count("blocks"))

    @admin.display(description=_("blocks"), ordering="block_total")
    def block_count(self, obj):
        return obj.block_total

    @admin.display(description=_("processing"), ordering="processing_state")
    def processing_badge(self, obj):
        return format_html(
            '<span class="nr-state nr-state-{}">{}</span>',
            obj.processing_state, obj.get_processing_state_display(),
        )

    @admin.display(description=_("raw body"))
    def raw_preview(self, obj):
        return format_html(
            '<pre style="white-space:pre-wrap;max-height:30em;overflow:auto">{}</pre>',
            obj.raw_body,
        )

    @admin.display(description=_("verdicts"))
    def review_links(self, obj):
        if obj.pk is None:
            return "-"
        info = self.opts.app_label, self.opts.model_name
        return format_html(
            '<a class="button" href="{}">{}</a> <a class="button" href="{}">{}</a>',
            reverse("admin:{}_{}_review".format(*info), args=[obj.pk]), _("Review blocks"),
            reverse("admin:{}_{}_compare".format(*info), args=[obj.pk]), _("Raw vs cleaned"),
        )

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view),
                 name="articles_article_import"),
            path("<int:object_id>/review/", self.admin_site.admin_view(self.review_view),
                 name="articles_article_review"),
            path("<int:object_id>/compare/", self.admin_site.admin_view(self.compare_view),
                 name="articles_article_compare"),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        # The raw body only ever comes in through an import, which checks it.
        return redirect("admin:articles_article_import")

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            source = data["source"] or data["new_source"] or None
            try:
                article = import_article(
                    data["data"], title=data["title"], filename=data["filename"],
                    fmt=data["format"], source=source, section=data["section"],
                    language=data["language"], source_url=data["source_url"],
                    byline=data["byline"], user=request.user,
                )
            except ImportRefused as error:
                form.add_error(None, str(error))
            else:
                self.log_addition(request, article, [{"added": {}}])
                self.message_user(
                    request,
                    _("Imported “%(title)s”; its processing has been queued.")
                    % {"title": article.title},
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:articles_article_change", args=[article.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": _("Import an article"),
        }
        return TemplateResponse(request, "admin/articles/article/import.html", context)

    def review_context(self, request, article, title):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": title,
            "has_view_permission": True,
        }

    def review_view(self, request, object_id):
        """The article block by block with the checker's verdicts, and one-click overrides."""
        article = self.get_object(request, object_id)
        if article is None:
            return self.response_gone(request)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        blocks = list(article.blocks.all())
        can_override = self.has_change_permission(request, article) and request.user.has_perm(
            "articles.change_block"
        )
        if request.method == "POST":
            if not can_override:
                raise PermissionDenied
            by_id = {b.pk: b for b in blocks}
            if "one" in request.POST:
                block_id, _sep, action = request.POST["one"].partition(":")
                known = block_id.isdigit() and int(block_id) in by_id
                chosen = [by_id[int(block_id)]] if known else []
            else:
                action = request.POST.get("bulk_action", "")
                chosen = [by_id[int(i)] for i in request.POST.getlist("block")
                          if i.isdigit() and int(i) in by_id]
            valid = {value for value, _label in VERDICT_ACTIONS}
            if not chosen or action not in valid:
                self.message_user(request, _("Choose blocks and a verdict."), messages.WARNING)
            else:
                changed = override_blocks(article, chosen, action, request.user)
                self.log_change(request, article, [{"changed": {
                    "name": "verdicts",
                    "object": ", ".join(f"#{b.index} → {b.kind}" for b in changed),
                    "fields": ["kind"],
                }}])
                self.message_user(
                    request,
                    ngettext("Verdict saved for %d block.", "Verdicts saved for %d blocks.",
                             len(changed)) % len(changed),
                    messages.SUCCESS,
                )
            return redirect(request.get_full_path())
        context = {
            **self.review_context(request, article, _("Review: %s") % article.title),
            "blocks": blocks,
            "can_override": can_override,
            "verdict_actions": VERDICT_ACTIONS,
            "runs": article.runs.all()[:1],
        }
        return TemplateResponse(request, "admin/articles/article/review.html", context)

    def compare_view(self, request, object_id):
        article = self.get_object(request, object_id)
        if article is None:
            return self.response_gone(request)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        blocks = list(article.blocks.all())
        context = {
            **self.review_context(request, article, _("Raw vs cleaned: %s") % article.title),
            "blocks": blocks,
            "items": story_items(blocks),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def response_gone(self, request):
        self.message_user(request, _("That article no longer exists."), messages.WARNING)
        return redirect("admin:articles_article_changelist")

    @admin.action(description=_("Re-run processing"), permissions=["change"])
    def reprocess(self, request, queryset):
        for article in queryset:
            enqueue_processing(article, force=True)
        count = queryset.count()
        self.message_user(
            request,
            ngettext("Queued %d article.", "Queued %d articles.", count) % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Publish now"), permissions=["change"])
    def publish_now(self, request, queryset):
        count = queryset.exclude(status=Article.Status.PUBLISHED).update(
            status=Article.Status.PUBLISHED, published_at=timezone.now()
        )
        self.message_user(
            request,
            ngettext("Published %d article.", "Published %d articles.", count) % count,
            messages.SUCCESS,
        )


@admin.register(ProcessingRun)
class ProcessingRunAdmin(admin.ModelAdmin):
    list_display = ["article", "state", "attempt", "started_at", "duration_ms", "blocks",
                    "checker_version"]
    list_filter = ["state", "checker_version"]
    list_select_related = ["article"]
    search_fields = ["article__title", "task_id", "error"]
    readonly_fields = ["article", "task_id", "state", "attempt", "checker_version", "started_at",
                       "finished_at", "duration_ms", "blocks", "error"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):
    list_display = ["article", "index", "kind", "machine_kind", "score", "overridden"]
    list_filter = ["kind", "machine_kind", "overridden"]
    list_select_related = ["article"]
    search_fields = ["text"]
    readonly_fields = ["article", "index", "start", "end", "text", "machine_kind", "score",
                       "reasons", "meta", "fingerprint", "checker_version"]
    fields = [*readonly_fields[:5], "kind", *readonly_fields[5:]]

    def has_add_permission(self, request):
        return False
