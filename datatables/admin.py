from functools import partial

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.reasons import say_message
from articles.workflow import send
from cleaning.spreadsheets import SheetError
from datatables.editing import CONFIRM_PERMISSION, record_confirmation, save_table
from datatables.exports import FORMATS, export_response
from datatables.forms import DataTableForm, ImportForm, UploadForm
from datatables.imports import import_table, replace_from_file
from datatables.models import DataTable
from datatables.tasks import rebuild_tables_task
from newsroom.adminpages import AdminPageMixin


@admin.register(DataTable)
class DataTableAdmin(AdminPageMixin, admin.ModelAdmin):
    form = DataTableForm
    change_form_template = "admin/datatables/datatable/change_form.html"
    list_display = ["__str__", "article", "position", "origin", "status", "confidence_badge",
                    "source_changed", "updated_at"]
    list_filter = ["status", "origin", "source_changed"]
    list_select_related = ["article"]
    search_fields = ["title", "caption", "source_note", "article__title"]
    autocomplete_fields = ["article"]
    readonly_fields = ["origin", "status", "confidence_badge", "reconstruction_notes",
                       "unplaced_cells", "edited_at", "edited_by", "confirmed_at",
                       "confirmed_by"]
    actions = ["confirm_tables", "rebuild_from_article"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (None, {"fields": ["title", "caption", "source_note"]}),
            (_("Data"), {"fields": ["grid"]}),
            (_("Placement"), {"fields": ["article", "position"]}),
            (_("State"), {"fields": ["origin", "status", "source_changed", "edited_at",
                                     "edited_by", "confirmed_at", "confirmed_by", "notes",
                                     "base_version"]}),
        ]
        if obj is not None and obj.origin == DataTable.Origin.RECONSTRUCTED:
            fieldsets.insert(1, (_("Reconstruction"), {
                "fields": ["confidence_badge", "reconstruction_notes", "unplaced_cells"],
            }))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        fields = list(self.readonly_fields)
        if obj is not None and obj.origin == DataTable.Origin.RECONSTRUCTED:
            fields += ["article", "position"]  # tied to the run of cells it came from
        return fields

    def view_on_site(self, obj):
        """Only a table readers can see has a page on the site."""
        if DataTable.objects.public().filter(pk=obj.pk).exists():
            return obj.get_absolute_url()
        return None

    @admin.display(description=_("confidence"), ordering="confidence")
    def confidence_badge(self, obj):
        if obj.confidence is None:
            return "—"
        return f"{obj.confidence:.0%}"

    @admin.display(description=_("what the reconstruction was unsure about"))
    def reconstruction_notes(self, obj):
        if not obj.machine_notes:
            return "—"
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>",
                                                           ((n,) for n in obj.machine_notes)))

    @admin.display(description=_("cells it could not place"))
    def unplaced_cells(self, obj):
        if not obj.unplaced:
            return "—"
        return ", ".join(str(cell.get("text", "")) for cell in obj.unplaced)

    def save_model(self, request, obj, form, change):
        confirm = "_confirm" in request.POST
        if confirm and not self.has_confirm_permission(request):
            raise PermissionDenied
        save_table(obj, request.user, edited=form.grid_changed or not change, confirm=confirm)

    def has_confirm_permission(self, request, obj=None):
        return request.user.has_perm(CONFIRM_PERMISSION)

    def render_change_form(self, request, context, add=False, change=False, form_url="",
                           obj=None):
        context.update({
            "can_confirm": (obj is not None and self.has_confirm_permission(request)
                            and self.has_change_permission(request, obj)
                            and obj.status != DataTable.Status.CONFIRMED),
            "export_formats": list(FORMATS),
            "can_replace": obj is not None and self.has_change_permission(request, obj),
        })
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- extra views: import, replace from a file, export -------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(self.import_view), name="datatables_datatable_import"),
            path("<int:pk>/replace/", wrap(self.replace_view),
                 name="datatables_datatable_replace"),
            path("<int:pk>/export/<str:fmt>/", wrap(self.export_view),
                 name="datatables_datatable_export"),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                table = import_table(
                    data["file"], user=request.user, has_header=data["has_header"],
                    title=data["title"], caption=data["caption"],
                    source_note=data["source_note"],
                )
            except SheetError as error:
                form.add_error("file", say_message(error))
            else:
                self.log_addition(request, table, [{"added": {}}])
                self.message_user(request, _("Imported the table; check its column types."),
                                  messages.SUCCESS)
                return redirect(reverse("admin:datatables_datatable_change", args=[table.pk]))
        return self.upload_page(request, form, _("Import a table from CSV or XLSX"))

    def replace_view(self, request, pk):
        table = get_object_or_404(DataTable, pk=pk)
        if not self.has_change_permission(request, table):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                replace_from_file(table, form.cleaned_data["file"], user=request.user,
                                  has_header=form.cleaned_data["has_header"])
            except SheetError as error:
                form.add_error("file", say_message(error))
            else:
                self.log_change(request, table, [{"changed": {"fields": ["rows"]}}])
                self.message_user(request, _("The table's data was replaced from the file."),
                                  messages.SUCCESS)
                return redirect(reverse("admin:datatables_datatable_change", args=[table.pk]))
        return self.upload_page(request, form, _("Replace “%(table)s” from a file")
                                % {"table": table}, table)

    def upload_page(self, request, form, title, table=None):
        context = self.page_context(request, title, form=form, original=table)
        return TemplateResponse(request, "admin/datatables/datatable/upload.html", context)

    def export_view(self, request, pk, fmt):
        table = get_object_or_404(DataTable, pk=pk)
        if not self.has_view_permission(request, table):
            raise PermissionDenied
        if fmt not in FORMATS:
            return redirect(reverse("admin:datatables_datatable_change", args=[pk]))
        return export_response(table, fmt)

    # --- actions ------------------------------------------------------------------

    @admin.action(description=_("Confirm (merge into the article)"), permissions=["confirm"])
    def confirm_tables(self, request, queryset):
        count = 0
        for table in queryset.exclude(status=DataTable.Status.CONFIRMED):
            table.confirm(request.user)
            table.save()
            record_confirmation(request.user, table)
            count += 1
        self.message_user(request, ngettext("Confirmed %d table.", "Confirmed %d tables.",
                                            count) % count, messages.SUCCESS)

    @admin.action(description=_("Rebuild from the article (discards edits)"),
                  permissions=["change", "delete"])
    def rebuild_from_article(self, request, queryset):
        tables = queryset.filter(origin=DataTable.Origin.RECONSTRUCTED)
        article_ids = set(tables.values_list("article_id", flat=True))
        count, _deleted = tables.delete()
        for article_id in article_ids:
            transaction.on_commit(partial(send, rebuild_tables_task, article_id))
        self.message_user(request, ngettext("Rebuilding %d table.", "Rebuilding %d tables.",
                                            count) % count, messages.SUCCESS)
