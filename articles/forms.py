from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from articles.imports import ImportRefused, guess_format
from articles.models import Article, Section, Source


class ImportForm(forms.Form):
    """Paste a text or upload a file; problems show on the form, before anything is saved."""

    title = forms.CharField(label=_("Title"), max_length=300)
    source = forms.ModelChoiceField(Source.objects.all(), label=_("Source"), required=False)
    new_source = forms.CharField(
        label=_("…or a new source"), max_length=200, required=False,
    )
    section = forms.ModelChoiceField(Section.objects.all(), label=_("Section"), required=False)
    language = forms.ChoiceField(label=_("Language"), choices=Article.Language.choices)
    source_url = forms.URLField(
        label=_("Original URL"), required=False, max_length=1000, assume_scheme="https"
    )
    byline = forms.CharField(label=_("Byline"), max_length=200, required=False)
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("", _("Detect from the file")), *Article.Format.choices],
        required=False,
    )
    text = forms.CharField(
        label=_("Paste the text"), widget=forms.Textarea(attrs={"rows": 14}), required=False,
        strip=False,
    )
    file = forms.FileField(label=_("…or upload a .txt or .html file"), required=False)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > settings.NEWSROOM_MAX_IMPORT_BYTES:
            limit = settings.NEWSROOM_MAX_IMPORT_BYTES / 1_048_576
            raise forms.ValidationError(
                _("The file is %(size).1f MB; the limit is %(limit).1f MB.")
                % {"size": upload.size / 1_048_576, "limit": limit}
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        text, upload = cleaned.get("text"), cleaned.get("file")
        if bool(text and text.strip()) == bool(upload):
            raise forms.ValidationError(_("Paste a text or upload a file (one of the two)."))
        if upload:
            data = upload.read()
            name = upload.name
        else:
            data = text.encode("utf-8")
            name = "pasted.txt"
        try:
            cleaned["format"] = cleaned.get("format") or guess_format(name, data)
        except ImportRefused as error:
            raise forms.ValidationError(str(error)) from error
        cleaned["data"], cleaned["filename"] = data, name
        return cleaned
