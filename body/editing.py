"""Editing the body: the block formset (the plain, no-JavaScript form), saving it
under the article's optimistic lock, and putting a revision's body back."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles import revisions
from articles.models import Article, Revision
from articles.workflow import bump_version, record_audit, save_revision
from body import build
from body.document import embed_provider, plain_text, sanitise
from body.history import BodyPart
from body.models import StoryBlock, StoryBody
from images.forms import ACCEPT, check_upload, refusal
from images.library import add_image
from images.models import Image
from images.processing import ImageRefused
from newsroom.adminpages import MAX_ID

# Uploading from the story editor adds to the shared media library: the library's own
# permission says who may, as in the library's admin.
UPLOAD_PERMISSION = "images.add_image"


class BlockForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("upload an image"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_("Added to the media library and placed in this figure."),
    )
    licence = forms.ChoiceField(label=_("licence"), required=False,
                                choices=[("", "—"), *Image.Licence.choices])

    class Meta:
        model = StoryBlock
        fields = ["kind", "text", "upload", "image", "caption", "credit", "alt", "licence",
                  "table", "embed_url"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3, "class": "nr-block-text"}),
            "caption": forms.TextInput(attrs={"size": 60}),
            "alt": forms.TextInput(attrs={"size": 60}),
        }

    def __init__(self, *args, article: Article | None = None, may_upload: bool = False,
                 **kwargs):
        super().__init__(*args, **kwargs)
        if not may_upload:  # UPLOAD_PERMISSION; a file posted anyway is never read
            del self.fields["upload"]
        self.fields["image"].widget = ForeignKeyRawIdWidget(
            StoryBlock._meta.get_field("image").remote_field, admin.site)
        self.fields["image"].help_text = _("Or reuse one from the media library (its id).")
        tables = self.fields["table"]
        tables.queryset = (tables.queryset.filter(article=article) if article
                           else tables.queryset.none())

    def has_changed(self):
        """A new block counts only once something of its own is filled in: its place
        number (set by the editor script) or the default kind alone add nothing."""
        if self.instance.pk is None:
            return bool(set(self.changed_data) - {"ORDER", "kind", "DELETE"})
        return super().has_changed()

    def clean_text(self):
        return sanitise(self.cleaned_data.get("text", ""))

    def clean_embed_url(self):
        url = self.cleaned_data.get("embed_url", "")
        if url and embed_provider(url) is None:
            raise forms.ValidationError(_("Embeds may only point at an allowed provider "
                                          "(YouTube, Vimeo, Bilibili, X, Weibo, GitHub)."))
        return url

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            self.upload_data = check_upload(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind in ("paragraph", "heading", "quote", "list") and not plain_text(
            cleaned.get("text", "")
        ).strip():
            self.add_error("text", _("This block has no text; delete it instead."))
        if kind == "embed" and not cleaned.get("embed_url"):
            self.add_error("embed_url", _("An embed needs an address."))
        return cleaned


class BaseBlockFormSet(forms.BaseModelFormSet):
    def __init__(self, *args, article: Article, may_upload: bool = False, **kwargs):
        self.article = article
        self.may_upload = may_upload
        kwargs.setdefault("queryset", article.story_blocks.order_by("position")
                          .select_related("image"))
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "article": self.article,
                "may_upload": self.may_upload}


# Blocks one edit form holds at most; a posted form is never read past it.
MAX_BLOCK_FORMS = 2000
BlockFormSet = forms.modelformset_factory(
    StoryBlock, form=BlockForm, formset=BaseBlockFormSet, extra=1, can_order=True,
    can_delete=True, max_num=MAX_BLOCK_FORMS, absolute_max=MAX_BLOCK_FORMS,
)


class EditMeta(forms.Form):
    # Bounded: a larger number is no version, and the conflict's revision query passed
    # it to the database, which refused it.
    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)
    message = forms.CharField(label=_("What changed (kept with the revision)"),
                              max_length=300, required=False)


class Conflict(Exception):
    """Someone saved the article since this editor opened it."""

    def __init__(self, current_version: int):
        super().__init__(current_version)
        self.current_version = current_version


@dataclass
class Saved:
    version: int
    added: int
    deleted: int


def save_body(article: Article, formset: BlockFormSet, base_version: int, user,
              message: str = "") -> Saved:
    """Save a valid formset as the article's body, only if nobody saved the article
    since ``base_version`` (else ``Conflict``, and nothing is written)."""
    with transaction.atomic():
        current = Article.objects.select_for_update().get(pk=article.pk)
        if current.version != base_version or not bump_version(current, base_version):
            raise Conflict(current.version)
        body, _created = StoryBody.objects.select_for_update().get_or_create(article=current)
        keep_baseline(current, body, base_version)
        deleted = 0
        for form in formset.deleted_forms:
            if form.instance.pk:
                form.instance.delete()
                deleted += 1
        added = 0
        for position, form in enumerate(in_order(current, formset)):
            if isinstance(form, int):  # a block this form never held
                StoryBlock.objects.filter(pk=form).update(position=position)
                continue
            block = form.save(commit=False)
            block.article = current
            block.position = position
            if block.pk is None:
                block.key = body.next_key
                body.next_key += 1
                added += 1
            upload = form.cleaned_data.get("upload")
            if upload is not None and getattr(form, "upload_data", None):
                try:
                    block.image = add_image(
                        form.upload_data, upload.name, user=user,
                        alt=form.cleaned_data.get("alt", ""),
                        caption=form.cleaned_data.get("caption", ""),
                        credit=form.cleaned_data.get("credit", ""),
                        licence=form.cleaned_data.get("licence", ""),
                    )
                except ImageRefused as error:  # checked in clean(); the limits moved since
                    raise refusal(error) from error
            elif block.image_id and form.cleaned_data.get("licence") and not block.image.licence:
                Image.objects.filter(pk=block.image_id).update(
                    licence=form.cleaned_data["licence"])
            block.save()
        mark_edited(body, user)
        save_revision(current, user, message or str(_("Edited the story")))
        current.save(update_fields=["updated_at"])
        record_audit(user, "edit_body", current, added=added, deleted=deleted)
        build.changed(current.pk)
    article.version = current.version
    return Saved(current.version, added, deleted)


def in_order(article: Article, formset: BlockFormSet) -> list:
    """The formset's blocks in the editor's order, with the ids of stored blocks the form
    never held (another editor added them after it was opened, and this one saves again
    after the conflict) each right after the stored block it followed, so that every
    block gets a place of its own and none of theirs is lost."""
    held = {form.instance.pk for form in formset.forms if form.instance.pk}
    ordered: list = list(formset.ordered_forms)
    after: dict = {}
    anchor = None
    for pk in article.story_blocks.order_by("position", "pk").values_list("pk", flat=True):
        if pk in held:
            anchor = pk
        else:
            after.setdefault(anchor, []).append(pk)
    if not after:
        return ordered
    sequence = after.get(None, [])
    for form in ordered:
        sequence.append(form)
        sequence.extend(after.get(form.instance.pk, []) if form.instance.pk else [])
    return sequence


def forget_gone_blocks(data, article: Article) -> None:
    """After a conflict, the forms of blocks deleted since (by an editor, or by a body
    remade from new verdicts, which keeps the ids of the blocks it keeps) become new blocks
    (moved after the existing ones, their place numbers kept): the editor's text stays
    and saving again keeps it, where the formset would refuse their ids on every save."""
    total, initial = data.get("form-TOTAL_FORMS", ""), data.get("form-INITIAL_FORMS", "")
    if not (total.isdecimal() and initial.isdecimal()):
        return
    total, initial = min(int(total), MAX_BLOCK_FORMS), min(int(initial), int(total))
    live = {str(pk) for pk in article.story_blocks.values_list("pk", flat=True)}
    forms = [{key.split("-", 2)[2]: data.getlist(key) for key in list(data)
              if key.startswith(f"form-{n}-")} for n in range(total)]
    gone = [n for n in range(initial) if forms[n].get("id", [""])[0] not in live]
    if not gone:
        return
    for key in [k for k in data if re.fullmatch(r"form-\d+-.+", k)]:
        del data[key]
    kept = [n for n in range(initial) if n not in gone]
    for new, old in enumerate([*kept, *gone, *range(initial, total)]):
        fields = {**forms[old], **({"id": [""]} if old in gone else {})}
        for name, values in fields.items():
            data.setlist(f"form-{new}-{name}", values)
    data["form-INITIAL_FORMS"] = str(len(kept))


def keep_baseline(article: Article, body: StoryBody, version: int) -> None:
    """Before the first edit, the revision of the version being edited gets the body
    as the checker made it (made after that revision was saved, by no one's edit), so
    the first edit's diff shows that edit and nothing else."""
    if body.edited:
        return
    snapshot = BodyPart().snapshot(article)
    revision = Revision.objects.filter(article=article, number=version).first()
    if revision is None:
        Revision.objects.create(article=article, number=version,
                                data={**revisions.snapshot(article), "body": snapshot},
                                message=str(_("The story as the checker made it")))
    elif revision.data.get("body") != snapshot:
        revision.data = {**revision.data, "body": snapshot}
        revision.save(update_fields=["data"])


def mark_edited(body: StoryBody, user) -> None:
    body.edited = True
    body.edited_by = user
    body.edited_at = timezone.now()
    body.warnings = []
    body.save()


def replace_body(article: Article, blocks: list[dict], user) -> None:
    """The body as a revision kept it; called inside a transaction that holds the lock."""
    table_model = StoryBlock._meta.get_field("table").related_model
    body, _created = StoryBody.objects.select_for_update().get_or_create(article=article)
    images = set(Image.objects.filter(pk__in=[b.get("image") for b in blocks if b.get("image")])
                 .values_list("pk", flat=True))
    tables = set(table_model.objects.filter(pk__in=[b.get("table") for b in blocks
                                                  if b.get("table")])
                 .values_list("pk", flat=True))
    article.story_blocks.all().delete()
    StoryBlock.objects.bulk_create([
        StoryBlock(
            article=article, key=b["key"], position=n, kind=b["kind"],
            text=sanitise(b.get("text", "")), caption=b.get("caption", ""),
            credit=b.get("credit", ""), alt=b.get("alt", ""),
            image_id=b.get("image") if b.get("image") in images else None,
            table_id=b.get("table") if b.get("table") in tables else None,
            embed_url=b.get("embed_url", ""), source_index=b.get("source_index"),
        ) for n, b in enumerate(blocks)
    ])
    body.next_key = max([body.next_key, *[b["key"] + 1 for b in blocks]])
    mark_edited(body, user)
    build.changed(article.pk)
