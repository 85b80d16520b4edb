from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from desk.models import AuditEntry, BulkJob


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
