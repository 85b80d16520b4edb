from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.admin import ArticleAdmin
from articles.models import Article
from desk.jobs import start_job
from desk.models import AuditEntry, BulkJob
from ingest.admin import IngestedArticleMixin


class DeskArticleAdmin(IngestedArticleMixin, ArticleAdmin):
    """The article admin with the desk's tracked bulk jobs among its actions and the
    ingestion filter (the desk sits above articles and ingest, so it extends the admin
    rather than articles importing them)."""

    actions = [*ArticleAdmin.actions, "recheck_as_job", "extract_entities_as_job"]

    # Their own permission (editors who may start jobs), then each row (select-all
    # included) through ArticleAdmin.permitted (issue #17).
    def has_bulk_job_permission(self, request):
        return self.has_reprocess_permission(request) and request.user.has_perm(
            "desk.add_bulkjob"
        )

    @admin.action(description=_("Re-check as a tracked bulk job"), permissions=["bulk_job"])
    def recheck_as_job(self, request, queryset):
        self.start_bulk_job(request, queryset, "recheck")

    @admin.action(description=_("Re-extract entities as a tracked bulk job"),
                  permissions=["bulk_job"])
    def extract_entities_as_job(self, request, queryset):
        self.start_bulk_job(request, queryset, "extract_entities")

    def start_bulk_job(self, request, queryset, name: str) -> None:
        ids = self.permitted(request, queryset)
        if not ids:
            return
        job = start_job(name, ids, request.user)
        self.message_user(
            request,
            format_html(
                _('Started “{}” over {} articles; follow it in <a href="{}">bulk jobs</a>.'),
                name, job.total, reverse("admin:desk_bulkjob_changelist"),
            ),
            messages.SUCCESS,
        )


admin.site.unregister(Article)
admin.site.register(Article, DeskArticleAdmin)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "action", "article", "object_repr"]
    list_filter = ["action", "at", ("user", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["user", "article"]
    search_fields = ["object_repr", "article__title", "user__username"]
    date_hierarchy = "at"
    readonly_fields = ["at", "user", "action", "article", "object_repr", "details"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # an audit log that can be edited is not one


@admin.register(BulkJob)
class BulkJobAdmin(admin.ModelAdmin):
    list_display = ["name", "state", "progress", "failed", "started_by", "created_at",
                    "finished_at"]
    list_filter = ["name", "state"]
    readonly_fields = ["name", "state", "progress", "total", "done", "failed", "error",
                       "started_by", "created_at", "finished_at"]
    exclude = ["ids"]
    actions = ["resume"]

    @admin.display(description=_("progress"))
    def progress(self, obj):
        return format_html(
            '<progress max="100" value="{}" style="width:8em"></progress> {}%',
            obj.percent, obj.percent,
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Resume from where they stopped"), permissions=["add"])
    def resume(self, request, queryset):
        from articles.workflow import send
        from desk.tasks import run_bulk_job_task

        for job in queryset.exclude(state=BulkJob.State.DONE):
            send(run_bulk_job_task, job.pk)
        self.message_user(request, _("Resumed."), messages.SUCCESS)
