from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles import presence, revisions
from articles.audit import record
from articles.forms import ArticleAdminForm, ImportForm
from articles.imports import ImportRefused, import_by_editor
from articles.models import Article, Block, ProcessingRun, Revision, Section, Source
from articles.rawtext import RAW_PREVIEW_CHARS, show_invisible
from articles.reasons import say_message, translate_reason, translate_warning
from articles.rendering import story_items
from articles.review import block_page, may_override, override, override_document
from articles.revisions import field_diffs, parse_local_datetime
from articles.workflow import (
    EDITABLE_COLUMNS,
    TransitionError,
    allowed_targets,
    bump_version,
    enqueue_processing,
    restore_revision,
    save_revision,
    transition,
)
from newsroom.adminpages import AdminPageMixin, posted_ids

TRANSITION_LABELS = {
    Article.Status.REVIEW: _("Submit for review"),
    Article.Status.DRAFT: _("Back to draft"),
    Article.Status.SCHEDULED: _("Schedule"),
    Article.Status.PUBLISHED: _("Publish now"),
    Article.Status.ARCHIVED: _("Unpublish (archive)"),
}

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


class RevisionInline(admin.TabularInline):
    model = Revision
    extra = 0
    can_delete = False
    max_num = 0
    fields = ["number", "created_at", "author", "message", "actions"]
    readonly_fields = fields
    ordering = ["-number"]

    @admin.display(description=_("compare / restore"))
    def actions(self, obj):
        if obj.pk is None:
            return ""
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:articles_article_revision", args=[obj.article_id, obj.number]),
            _("diff with current / restore"),
        )


class WarningFilter(admin.SimpleListFilter):
    """Articles whose text no block verdict can fix: spun, mistitled, listings, pinyin."""

    title = _("checker warnings")
    parameter_name = "warned"

    def lookups(self, request, model_admin):
        return [("yes", _("With warnings")), ("no", _("Without warnings"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(warnings=[])
        if self.value() == "no":
            return queryset.filter(warnings=[])
        return queryset


def hidden_from_readers(article: Article, to: str) -> bool:
    """Moving ``article`` to ``to`` publishes it, yet readers get a 404: the site shows
    articles only (``ArticleQuerySet.articles``), so the editor is told at once."""
    return to in (Article.Status.PUBLISHED, Article.Status.SCHEDULED) and not article.is_article


@admin.register(Article)
class ArticleAdmin(AdminPageMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["title", "source", "status", "processing_badge", "published_at", "block_count"]
    list_filter = ["status", "processing_state", "document_kind", WarningFilter, "language",
                   "section", "source"]
    list_select_related = ["source"]
    search_fields = ["title", "byline"]
    date_hierarchy = "created_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["source"]
    readonly_fields = ["status", "raw_format", "raw_encoding", "version", "processing_state",
                       "processed_at", "checker_version", "created_at", "updated_at", "raw_preview",
                       "review_links", "checker_warnings", "former_addresses"]
    fieldsets = [
        (None, {"fields": ["review_links", "title", "slug", "former_addresses", "dek",
                           "byline", "source", "source_url", "section", "language"]}),
        (_("Publishing"), {"fields": ["status", "published_at"]}),
        (_("Revision"), {"fields": ["revision_message", "base_version"]}),
        (_("Processing"), {"fields": ["processing_state", "processed_at", "checker_version",
                                      "checker_warnings", "version", "created_at",
                                      "updated_at"]}),
        (_("Raw import (never edited)"), {"classes": ["collapse"],
                                          "fields": ["raw_format", "raw_encoding", "raw_preview"]}),
    ]
    inlines = [RevisionInline, ProcessingRunInline]
    actions = ["reprocess", "publish_now",
               "submit_for_review"]

    def get_queryset(self, request):
        # A subquery, never a join grouped by every column (the raw body included).
        blocks = (Block.objects.filter(article=OuterRef("pk")).order_by()
                  .values("article").annotate(n=Count("pk")).values("n"))
        return super().get_queryset(request).annotate(
            block_total=Coalesce(Subquery(blocks), 0)
        )

    # Permissions: reporters edit their own drafts; reviewing and publishing are editors'.
    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or request.user.has_perm("articles.review_article"):
            return True
        return obj.created_by_id == request.user.pk and obj.status == Article.Status.DRAFT

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and request.user.has_perm(
            "articles.publish_article"
        )

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
        raw = obj.raw_body
        pre = format_html(
            '<pre style="white-space:pre-wrap;max-height:30em;overflow:auto">{}</pre>',
            show_invisible(raw[:RAW_PREVIEW_CHARS]),
        )
        if len(raw) <= RAW_PREVIEW_CHARS:
            return pre
        return format_html(
            '<p class="nr-raw-bound">{} <a href="{}">{}</a></p>{}',
            _("Showing the first %(n)d of %(total)d characters.")
            % {"n": RAW_PREVIEW_CHARS, "total": len(raw)},
            reverse("admin:articles_article_raw", args=[obj.pk]), _("The whole raw text"), pre,
        )

    @admin.display(description=_("checker warnings"))
    def checker_warnings(self, obj):
        if not obj.warnings:
            return "-"
        return format_html_join(
            "", "<p>{}</p>", ((translate_warning(w),) for w in obj.warnings)
        )

    @admin.display(description=_("verdicts"))
    @admin.display(description=_("former addresses"))
    def former_addresses(self, obj):
        """Where readers who follow an old link land: changing a published story's slug
        keeps its old address, redirecting here."""
        slugs = [] if obj.pk is None else [f.slug for f in obj.former_slugs.order_by("pk")]
        if not slugs:
            return "-"
        return format_html_join(", ", "<code>{}</code>", ((slug,) for slug in slugs))

    def review_links(self, obj):
        if obj.pk is None:
            return "-"
        return format_html(
            '<a class="button" href="{}">{}</a> <a class="button" href="{}">{}</a> '
            '<a class="button" href="{}">{}</a> <a class="button" href="{}">{}</a>',
            reverse("admin:body_storybody_edit", args=[obj.pk]), _("Edit the story"),
            reverse("admin:articles_article_review", args=[obj.pk]), _("Review blocks"),
            reverse("admin:articles_article_compare", args=[obj.pk]), _("Raw vs cleaned"),
            reverse("admin:entities_mention_review", args=[obj.pk]), _("Review entities"),
        )

    change_form_template = "admin/articles/article/change_form.html"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        if article is not None:
            extra_context = {
                **(extra_context or {}),
                "workflow_targets": [
                    (to, TRANSITION_LABELS[to]) for to in allowed_targets(article, request.user)
                ],
                "can_schedule": Article.Status.SCHEDULED in allowed_targets(article, request.user),
            }
        if request.method == "GET":
            others = presence.others_editing(object_id, request.user)
            if others:
                self.message_user(
                    request,
                    _("Also editing this article right now: %(who)s. Saves are checked, "
                      "so nobody's work is overwritten, but talk first.")
                    % {"who": ", ".join(others)},
                    messages.WARNING,
                )
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        # clean() holds a row lock, so a lost race here means the lock was bypassed.
        if change and not bump_version(obj, form.cleaned_data["base_version"]):
            raise PermissionDenied(_("This article changed while you were saving."))
        if change:
            # Only what the form owns: never the workflow fields a transition set.
            obj.save(update_fields=[*EDITABLE_COLUMNS, "version", "updated_at"])
        else:
            super().save_model(request, obj, form, change)
        save_revision(obj, request.user, form.cleaned_data.get("revision_message", ""))
        presence.mark_edited(obj.pk, request.user)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="articles_article_import"),
            path("<int:object_id>/review/", view(self.review_view),
                 name="articles_article_review"),
            path("<int:object_id>/compare/", view(self.compare_view),
                 name="articles_article_compare"),
            path("<int:object_id>/raw/", view(self.raw_view), name="articles_article_raw"),
            path("<int:object_id>/transition/", view(self.transition_view),
                 name="articles_article_transition"),
            path("<int:object_id>/revision/<int:number>/", view(self.revision_view),
                 name="articles_article_revision"),
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
                article = import_by_editor(
                    data["data"], title=data["title"], filename=data["filename"],
                    fmt=data["format"], source=source, section=data["section"],
                    language=data["language"], source_url=data["source_url"],
                    byline=data["byline"], user=request.user,
                )
            except ImportRefused as error:
                form.add_error(None, say_message(error))
            else:
                self.log_addition(request, article, [{"added": {}}])
                self.message_user(
                    request,
                    _("Imported “%(title)s”; its processing has been queued.")
                    % {"title": article.title},
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:articles_article_change", args=[article.pk]))
        context = self.page_context(request, _("Import an article"), form=form)
        return TemplateResponse(request, "admin/articles/article/import.html", context)

    def review_context(self, request, article, title):
        return self.page_context(request, title, original=article, has_view_permission=True)

    def review_view(self, request, object_id):
        """The article block by block with the checker's verdicts, and one-click overrides."""
        article = self.viewable_article(request, object_id)
        can_override = may_override(request.user)
        if request.method == "POST" and "document" in request.POST:
            if not can_override:
                raise PermissionDenied
            kind = request.POST["document"]
            if kind not in Article.DocumentKind.values:
                self.message_user(request, _("Choose a verdict."), messages.WARNING)
                return redirect(request.get_full_path())
            machine = article.machine_document_kind
            judged = override_document(article, kind, request.user)
            self.log_change(request, article, [{"changed": {
                "name": "document verdict", "object": f"{machine} → {kind}",
                "fields": ["document_kind"],
            }}])
            record(request.user, "override", article,
                   document={"machine_kind": machine, "kind": kind})
            self.message_user(
                request, _("Document verdict saved; the article is being checked again."),
                messages.SUCCESS,
            )
            if hidden_from_readers(judged, judged.status):  # a live story just went dark
                self.warn_hidden(request, judged)
            return redirect(request.get_full_path())
        if request.method == "POST":
            if not can_override:
                raise PermissionDenied
            if "one" in request.POST:
                block_id, _sep, action = request.POST["one"].partition(":")
                ids = [block_id]
            else:
                action = request.POST.get("bulk_action", "")
                ids = request.POST.getlist("block")
            chosen = list(article.blocks.filter(pk__in=posted_ids(ids)).order_by("index"))
            valid = {value for value, _label in VERDICT_ACTIONS}
            if not chosen or action not in valid:
                self.message_user(request, _("Choose blocks and a verdict."), messages.WARNING)
            else:
                changed = override(article, chosen, action, request.user)
                summary = ", ".join(f"#{b.index} → {b.kind}" for b in changed)
                self.log_change(request, article, [{"changed": {
                    "name": "verdicts", "object": summary, "fields": ["kind"],
                }}])
                self.message_user(
                    request,
                    ngettext("Verdict saved for %d block.", "Verdicts saved for %d blocks.",
                             len(changed)) % len(changed),
                    messages.SUCCESS,
                )
            return redirect(request.get_full_path())
        page = block_page(article.blocks.all(), request.GET.get("page"))
        context = {
            **self.review_context(request, article, _("Review: %s") % article.title),
            "blocks": page.object_list,
            "page": page,
            "can_override": can_override,
            "verdict_actions": VERDICT_ACTIONS,
            "document_kinds": Article.DocumentKind.choices,
            "runs": article.runs.all()[:1],
        }
        return TemplateResponse(request, "admin/articles/article/review.html", context)

    def compare_view(self, request, object_id):
        article = self.viewable_article(request, object_id)
        page = block_page(article.blocks.all(), request.GET.get("page"))
        blocks = list(page.object_list)
        context = {
            **self.review_context(request, article, _("Raw vs cleaned: %s") % article.title),
            "blocks": blocks,
            "items": story_items(blocks),
            "page": page,
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def raw_view(self, request, object_id):
        """The whole raw text as plain text, for those who may view the article: the
        admin pages show only its start (``RAW_PREVIEW_CHARS``)."""
        article = self.viewable_article(request, object_id)
        response = HttpResponse(article.raw_body, content_type="text/plain; charset=utf-8")
        response["X-Content-Type-Options"] = "nosniff"
        return response

    def transition_view(self, request, object_id):
        if request.method != "POST":
            return redirect("admin:articles_article_change", object_id)
        article = self.get_object(request, object_id)
        if article is None:
            return self.response_gone(request)
        to = request.POST.get("to", "")
        when = None
        # The time field is the schedule's; "Publish now" beside it means now, even
        # with a time typed in (it published dated then: hidden, or backdated).
        if request.POST.get("when") and to == Article.Status.SCHEDULED:
            when = parse_local_datetime(request.POST["when"])
            if when is None:
                self.message_user(request, _("That publish time is not a date and time."),
                                  messages.ERROR)
                return redirect("admin:articles_article_change", object_id)
        try:
            transition(article, to, request.user, when=when)
        except PermissionDenied:
            raise
        except TransitionError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, _("The article is now %(state)s.")
                              % {"state": article.get_status_display()}, messages.SUCCESS)
            if hidden_from_readers(article, to):
                self.warn_hidden(request, article)
        return redirect("admin:articles_article_change", object_id)

    def warn_hidden(self, request, article: Article) -> None:
        """Said wherever a published or scheduled story turns out hidden from readers."""
        self.message_user(request, format_html(
            _("The document verdict is “{}”, so readers will not see it; if it is "
              "an article, change the verdict on the <a href=\"{}\">review page</a>."),
            article.get_document_kind_display(),
            reverse("admin:articles_article_review", args=[article.pk])),
            messages.WARNING)

    def revision_view(self, request, object_id, number):
        """Diff between a revision and the current article (or another revision); restore."""
        article = self.viewable_article(request, object_id)
        revision = get_object_or_404(Revision, article=article, number=number)
        if request.method == "POST":
            if not self.has_change_permission(request, article):
                raise PermissionDenied
            try:
                restore_revision(revision, request.user)
            except TransitionError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(request, _("Revision %(n)s restored.") % {"n": number},
                                  messages.SUCCESS)
            return redirect("admin:articles_article_change", object_id)
        other_number = request.GET.get("with")
        other = (
            get_object_or_404(Revision, article=article, number=other_number)
            if other_number and other_number.isdecimal() else None
        )
        against = other.data if other else revisions.snapshot(article)
        context = {
            **self.review_context(request, article, _("Revision %(n)s of %(title)s")
                                  % {"n": number, "title": article.title}),
            "revision": revision,
            "other": other,
            "diffs": field_diffs(revisions.field_data(revision.data),
                                 revisions.field_data(against)),
            "part_diffs": revisions.part_diffs(revision.data, against),
            "revisions": article.revisions.select_related("author"),
            "can_restore": self.has_change_permission(request, article),
        }
        return TemplateResponse(request, "admin/articles/article/revision.html", context)

    def viewable_article(self, request, object_id) -> Article:
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404(_("That article no longer exists."))
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        return article

    def response_gone(self, request):
        self.message_user(request, _("That article no longer exists."), messages.WARNING)
        return redirect("admin:articles_article_changelist")

    # Each action names its own permission (checked by Django before it runs), and each
    # row is checked again (select-all included): "may change some article" is not
    # "may re-process this one" (issue #17).
    def has_reprocess_permission(self, request):
        return request.user.has_perm("articles.change_article") and request.user.has_perm(
            "articles.review_article"
        )

    def permitted(self, request, queryset) -> list[int]:
        """Ids of the chosen articles this user may change; says how many were refused."""
        rows = list(queryset.select_related(None).only("pk", "status", "created_by"))
        allowed = [a.pk for a in rows if self.has_change_permission(request, a)]
        if len(allowed) < len(rows):
            refused = len(rows) - len(allowed)
            self.message_user(
                request,
                ngettext("%d article left out: you may not change it.",
                         "%d articles left out: you may not change them.", refused) % refused,
                messages.WARNING,
            )
        return allowed

    @admin.action(description=_("Re-run processing"), permissions=["reprocess"])
    def reprocess(self, request, queryset):
        ids = self.permitted(request, queryset)
        for article in Article.objects.filter(pk__in=ids).only("pk", "title"):
            enqueue_processing(article, force=True)
            record(request.user, "reprocess", article)
        self.message_user(
            request,
            ngettext("Queued %d article.", "Queued %d articles.", len(ids)) % len(ids),
            messages.SUCCESS,
        )

    @admin.action(description=_("Publish now"), permissions=["publish"])
    def publish_now(self, request, queryset):
        self.bulk_transition(request, queryset, Article.Status.PUBLISHED)

    @admin.action(description=_("Submit for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        self.bulk_transition(request, queryset, Article.Status.REVIEW)

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article")

    def bulk_transition(self, request, queryset, to):
        done, refused, forbidden, hidden = 0, 0, 0, []
        for article in queryset:
            try:
                transition(article, to, request.user)
                done += 1
            except TransitionError:
                refused += 1
            except PermissionDenied:  # someone else's story: not a matter of its state
                forbidden += 1
            else:
                if hidden_from_readers(article, to):
                    hidden.append(article)
        if forbidden:
            self.message_user(
                request,
                ngettext("%d article left out: you may not change it.",
                         "%d articles left out: you may not change them.", forbidden)
                % forbidden,
                messages.WARNING,
            )
        self.message_user(
            request,
            _("%(done)d changed, %(refused)d not allowed in their current state.")
            % {"done": done, "refused": refused},
            messages.SUCCESS if not refused else messages.WARNING,
        )
        if hidden:
            self.warn_not_articles(request, hidden)

    # Pages a bulk publish lists by name in its warning; the rest are counted.
    LISTED_NOT_ARTICLES = 20

    def warn_not_articles(self, request, hidden: list[Article]) -> None:
        """The bulk form of the single publish's warning (:func:`hidden_from_readers`)."""
        shown = hidden[:self.LISTED_NOT_ARTICLES]
        links = format_html_join(", ", '<a href="{}">{}</a> ({})', (
            (reverse("admin:articles_article_review", args=[a.pk]), a.title,
             a.get_document_kind_display()) for a in shown))
        more = len(hidden) - len(shown)
        self.message_user(request, format_html(
            "{} {}{}",
            ngettext("%(n)d of them the checker judged not an article, so readers will not "
                     "see it; if it is one, change its verdict on its review page:",
                     "%(n)d of them the checker judged not articles, so readers will not "
                     "see them; if one is, change its verdict on its review page:",
                     len(hidden)) % {"n": len(hidden)},
            links,
            ngettext(" and %(n)d more.", " and %(n)d more.", more) % {"n": more}
            if more else ".",
        ), messages.WARNING)


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
    # Read-only here: a verdict set on this page hid the block on the site but not in
    # search, wrote no override and was undone by re-processing (issue #17). Verdicts
    # change only through the review page's override path.
    fields = ["article", "index", "start", "end", "text", "kind", "override_link",
              "machine_kind", "score", "shown_reasons", "meta", "fingerprint", "checker_version"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("reasons"))
    def shown_reasons(self, obj):
        """The stored codes as sentences in the editor's language."""
        if not obj.reasons:
            return "-"
        return format_html_join("", "<p>{}</p>", ((translate_reason(r),) for r in obj.reasons))

    @admin.display(description=_("change the verdict"))
    def override_link(self, obj):
        url = reverse("admin:articles_article_review", args=[obj.article_id])
        return format_html('<a href="{}#block-{}">{}</a>', url, obj.index,
                           _("on the review page (kept across re-runs, teaches the checker)"))
