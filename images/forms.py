from django import forms
from django.utils.translation import gettext_lazy as _

from articles.reasons import say_message
from images.library import limits
from images.models import Image
from images.processing import ImageRefused, prepare, refuse_oversized

ACCEPT = "image/jpeg,image/png,image/webp,image/gif,image/avif"


def refusal(error: ImageRefused) -> forms.ValidationError:
    """Why an upload is refused, in the editor's language."""
    return forms.ValidationError(say_message(error))


def read_upload(upload) -> bytes:
    """The upload's bytes, refusing oversized ones before reading them all."""
    try:
        refuse_oversized(upload.size, limits())
    except ImageRefused as error:
        raise refusal(error) from error
    return upload.read()


def check_upload(upload) -> bytes:
    data = read_upload(upload)
    try:
        prepare(data, limits())
    except ImageRefused as error:
        raise refusal(error) from error
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
