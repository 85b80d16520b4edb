from django.contrib import admin
from django.db import transaction
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from images import library
from images.forms import ImageAdminForm
from images.models import Image


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    """The media library: search, see where an image is used, upload once, reuse."""

    form = ImageAdminForm
    list_display = ["thumbnail", "__str__", "alt", "credit", "licence", "size", "uses",
                    "created_at"]
    list_display_links = ["thumbnail", "__str__"]
    list_filter = ["licence", "format"]
    search_fields = ["title", "alt", "caption", "credit"]
    readonly_fields = ["preview", "size", "format", "sha256", "uploaded_by", "created_at"]
    fields = ["upload", "preview", "title", "alt", "caption", "credit", "licence",
              "focal_x", "focal_y", "size", "format", "sha256", "uploaded_by", "created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(use_count=Count("story_blocks"))

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        return format_html('<img src="{}" alt="" style="max-height:48px;max-width:96px">',
                           obj.file.url)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        if not obj.pk:
            return "-"
        return format_html(
            '<img src="{}" alt="{}" style="max-width:480px;height:auto">', obj.file.url, obj.alt
        )

    @admin.display(description=_("size"))
    def size(self, obj):
        return f"{obj.width} × {obj.height}, {obj.bytes / 1024:.0f} KB"

    @admin.display(description=_("used in"), ordering="use_count")
    def uses(self, obj):
        return getattr(obj, "use_count", None)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data.get("data")
        fields = {name: form.cleaned_data[name] for name in ImageAdminForm.Meta.fields}
        if not change:
            # Through the library: cleaned, content-addressed, renditions queued.
            image = library.add_image(data, form.cleaned_data["upload"].name,
                                      user=request.user, **fields)
            obj.pk = image.pk
            obj.refresh_from_db()
            return
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if "focal_x" in form.changed_data or "focal_y" in form.changed_data:
                transaction.on_commit(lambda: library.send_renditions(obj.pk))
