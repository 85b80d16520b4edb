from django import forms
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from articles.imports import ImportRefused, guess_format, safe_filename
from articles.models import Article, Section, Source
from articles.reasons import say_message


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
        if self.has_error("file"):  # a file came and its own error says what is wrong
            return cleaned
        if bool(text and text.strip()) == bool(upload):
            raise forms.ValidationError(_("Paste a text or upload a file (one of the two)."))
        if upload:
            data = upload.read()
            name = upload.name
        else:
            data = text.encode("utf-8")
            name = "pasted.txt"
        try:
            name = safe_filename(name)
            cleaned["format"] = cleaned.get("format") or guess_format(name, data)
        except ImportRefused as error:
            raise forms.ValidationError(say_message(error)) from error
        cleaned["data"], cleaned["filename"] = data, name
        return cleaned


class ArticleAdminForm(forms.ModelForm):
    """The article form with an optimistic lock: it remembers the version it was opened at."""

    base_version = forms.IntegerField(widget=forms.HiddenInput)
    revision_message = forms.CharField(
        label=_("What changed"), max_length=300, required=False,
        help_text=_("Kept with the revision."),
    )

    class Meta:
        model = Article
        # Never the workflow fields (status, publish time): only transitions change those.
        fields = ["title", "slug", "dek", "byline", "source", "source_url", "section",
                  "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["base_version"].initial = self.instance.version
        else:
            self.fields["base_version"].required = False

    def clean(self):
        cleaned = super().clean()
        base = cleaned.get("base_version")
        if self.instance.pk and base is not None:
            # The admin wraps the change view in a transaction: this lock holds
            # until the save, so no other save can slip in between check and write.
            current = Article.objects.select_for_update().get(pk=self.instance.pk)
            if current.version != base:
                self.conflict = conflict_summary(current, base)
                raise forms.ValidationError(
                    _("Someone else saved this article while you were editing it "
                      "(version %(base)s → %(now)s). Nothing was overwritten. %(what)s "
                      "Reload the page to see their changes, then apply yours again.")
                    % {"base": base, "now": current.version, "what": self.conflict}
                )
        return cleaned


def conflict_summary(current: Article, base_version: int) -> str:
    """What changed since the version the editor opened, save by save, each named with
    who made it: a publish is reported as the publish, not as the last editor's edit."""
    revisions = list(current.revisions.filter(number__gte=base_version)
                     .select_related("author").order_by("number"))
    before = None
    if revisions and revisions[0].number == base_version:
        before = revisions.pop(0).data
    parts = []
    for revision in revisions:
        changed = [field_label(name) for name, value in revision.data.items()
                   if before is not None and before.get(name) != value]
        before = revision.data
        who = revision.author.get_username() if revision.author else _("the scheduler")
        what = ", ".join(changed) or _("the article")
        if revision.message:
            parts.append(_("%(who)s changed %(fields)s (%(message)s).")
                         % {"who": who, "fields": what, "message": revision.message})
        else:
            parts.append(_("%(who)s changed %(fields)s.") % {"who": who, "fields": what})
    return " ".join(parts)


def field_label(name: str) -> str:
    try:
        return str(Article._meta.get_field(name.removesuffix("_id")).verbose_name)
    except FieldDoesNotExist:  # a field since removed, still named in an old revision
        return name
