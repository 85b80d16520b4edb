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
from articles.workflow import enqueue_processing


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
                       "processed_at", "checker_version", "created_at", "updated_at", "raw_preview"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "dek", "byline", "source", "source_url",
                           "section", "language"]}),
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

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view),
                 name="articles_article_import"),
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
