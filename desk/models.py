from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """Every editor decision, so the desk can answer 'who did this, and when?'."""

    class Action(models.TextChoices):
        OVERRIDE = "override", _("Verdict override")
        ENTITY_CONFIRM = "entity_confirm", _("Entity confirmed")
        ENTITY_REJECT = "entity_reject", _("Entity rejected")
        ENTITY_MERGE = "entity_merge", _("Entities merged")
        TABLE_CONFIRM = "table_confirm", _("Table confirmed")
        TRANSITION = "transition", _("State change")
        PUBLISH = "publish", _("Published")
        RESTORE = "restore", _("Revision restored")
        IMPORT = "import", _("Imported")
        REPROCESS = "reprocess", _("Processing re-run")
        EDIT_BODY = "edit_body", _("Story edited")
        PREVIEW = "preview_link", _("Preview link made")
        PREVIEW_REVOKE = "preview_revoke", _("Preview link revoked")

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=_("user"))
    action = models.CharField(_("action"), max_length=20, choices=Action, db_index=True)
    article = models.ForeignKey("articles.Article", models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("article"))
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.object_repr}"


class BulkJob(models.Model):
    """A long job over many rows (re-check all, rebuild the matcher), with its progress."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    name = models.CharField(max_length=100)
    state = models.CharField(max_length=10, choices=State, default=State.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    ids = models.JSONField(default=list, help_text=_("What the job goes through, in order."))
    error = models.TextField(blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bulk job")
        verbose_name_plural = _("bulk jobs")

    def __str__(self) -> str:
        return f"{self.name} ({self.done}/{self.total})"

    @property
    def percent(self) -> int:
        return int(100 * (self.done + self.failed) / self.total) if self.total else 100
