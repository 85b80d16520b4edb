from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, published_q
from articles.reasons import say_message
from datatables.grid import Column, GridError, validate_grid


class DataTableQuerySet(models.QuerySet):
    def public(self):
        """Confirmed tables that stand alone or belong to a published article."""
        return self.filter(Q(article__isnull=True) | published_q("article__"),
                           status=DataTable.Status.CONFIRMED)

    def reconstructed(self):
        return self.filter(origin=DataTable.Origin.RECONSTRUCTED)


class DataTable(models.Model):
    """A table of data: rebuilt from an article's flattened cells, imported or typed in.

    ``columns`` is ``[{"name", "type"}]`` and ``rows`` a list of rows of cell texts,
    validated by ``datatables.grid``; editors only ever see them as a grid.
    """

    class Origin(models.TextChoices):
        RECONSTRUCTED = "reconstructed", _("Reconstructed from the article")
        IMPORTED = "imported", _("Imported from a file")
        MANUAL = "manual", _("Entered by hand")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CONFIRMED = "confirmed", _("Confirmed")

    title = models.CharField(_("title"), max_length=300, blank=True)
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    source_note = models.CharField(
        _("source note"), max_length=300, blank=True,
        help_text=_("Where the data comes from, e.g. 企查查."),
    )
    columns = models.JSONField(_("columns"), default=list, blank=True)
    rows = models.JSONField(_("rows"), default=list, blank=True)

    article = models.ForeignKey(
        Article, models.CASCADE, null=True, blank=True, related_name="data_tables",
        verbose_name=_("article"),
    )
    position = models.PositiveIntegerField(
        _("position"), null=True, blank=True,
        help_text=_("Index of the article block where the table stands (its first cell)."),
    )
    caption_position = models.PositiveIntegerField(
        _("caption position"), null=True, blank=True, editable=False,
        help_text=_("Index of the caption block under the table, shown inside it instead."),
    )
    origin = models.CharField(_("origin"), max_length=16, choices=Origin, default=Origin.MANUAL)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.DRAFT,
                              db_index=True)

    # What the reconstruction knew; kept for the editor, never shown to readers.
    confidence = models.FloatField(_("confidence"), null=True, blank=True)
    unplaced = models.JSONField(_("unplaced cells"), default=list, blank=True)
    machine_notes = models.JSONField(_("reconstruction notes"), default=list, blank=True)
    run_number = models.PositiveIntegerField(_("run number"), null=True, blank=True, editable=False)
    source_digest = models.CharField(_("source digest"), max_length=64, blank=True, editable=False)
    source_changed = models.BooleanField(
        _("source changed"), default=False,
        help_text=_("The article's cells changed after an editor took this table over."),
    )
    notes = models.TextField(_("notes"), blank=True)

    edited_at = models.DateTimeField(_("edited"), null=True, blank=True, editable=False)
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                  blank=True, editable=False, related_name="+",
                                  verbose_name=_("edited by"))
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True, editable=False)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                     blank=True, editable=False, related_name="+",
                                     verbose_name=_("confirmed by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = DataTableQuerySet.as_manager()

    class Meta:
        ordering = ["article", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "position"], condition=Q(origin="reconstructed"),
                name="datatable_one_reconstruction_per_run",
            ),
        ]
        permissions = [("confirm_datatable", _("Can confirm a data table for publication"))]
        verbose_name = _("data table")
        verbose_name_plural = _("data tables")

    def __str__(self) -> str:
        return self.title or self.caption or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("datatables:detail", kwargs={"pk": self.pk})

    def clean(self):
        try:
            self.columns, self.rows = validate_grid(self.columns, self.rows)
        except GridError as error:
            raise ValidationError(say_message(error)) from error

    @property
    def header(self) -> list[str]:
        return [column.get("name", "") for column in self.columns]

    @property
    def column_list(self) -> list[Column]:
        return [Column(c.get("name", ""), c.get("type", "text")) for c in self.columns]

    @property
    def is_protected(self) -> bool:
        """Editors' work: the reconstruction never overwrites it."""
        return self.status == self.Status.CONFIRMED or self.edited_at is not None

    @property
    def label(self) -> str:
        return self.caption or self.title

    @property
    def version(self) -> int:
        """For optimistic locking (the grid admin, the API): its last save, in
        microseconds; any save, an editor's or the reconstruction's, moves it."""
        return int(self.updated_at.timestamp() * 1_000_000)

    def mark_edited(self, user) -> None:
        self.edited_at = timezone.now()
        self.edited_by = user if user and user.is_authenticated else None

    def confirm(self, user) -> None:
        self.status = self.Status.CONFIRMED
        self.confirmed_at = timezone.now()
        self.confirmed_by = user if user and user.is_authenticated else None
        self.source_changed = False
