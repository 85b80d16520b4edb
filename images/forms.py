from django import forms
from django.utils.translation import gettext_lazy as _

from images.library import limits
from images.models import Image
from images.processing import ImageRefused, prepare

ACCEPT = "image/jpeg,image/png,image/webp,image/gif,image/avif"


def read_upload(upload) -> bytes:
    """The upload's bytes, refusing oversized ones before reading them all."""
    if upload.size > limits().max_bytes:
        raise forms.ValidationError(
            _("The file is %(mb).1f MB; images may be at most %(max).0f MB.")
            % {"mb": upload.size / 1e6, "max": limits().max_bytes / 1e6}
        )
    return upload.read()


def check_upload(upload) -> bytes:
    data = read_upload(upload)
    try:
        prepare(data, limits())
    except ImageRefused as error:
        raise forms.ValidationError(str(error)) from error
    return data


class ImageAdminForm(forms.ModelForm):
    """The library's own form: a new image needs a file; later only its fields change."""

    upload = forms.FileField(label=_("image file"), required=False,
                             widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}))

    class Meta:
        model = Image
        fields = ["title", "alt", "caption", "credit", "licence", "focal_x", "focal_y"]

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("upload")
        if self.instance.pk is None and not upload:
            self.add_error("upload", _("Choose an image file."))
        elif upload and self.instance.pk is not None:
            self.add_error("upload", _("A library image keeps its file; upload a new image "
                                       "instead."))
        elif upload:
            cleaned["data"] = check_upload(upload)
        return cleaned
