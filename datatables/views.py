from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from datatables.exports import FORMATS, export_response
from datatables.models import DataTable


def public_table(pk: int) -> DataTable:
    return get_object_or_404(DataTable.objects.public().select_related("article"), pk=pk)


def detail(request, pk):
    """A confirmed table on its own page (standalone, or from a published story)."""
    return TemplateResponse(request, "datatables/detail.html", {"table": public_table(pk)})


def download(request, pk, fmt):
    if fmt not in FORMATS:
        raise Http404("No such format.")
    return export_response(public_table(pk), fmt)
