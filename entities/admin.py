from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

import extraction
from articles.models import Article
from articles.reasons import say_message
from articles.review import block_page
from articles.workflow import send
from cleaning import STORY_KINDS
from entities.knowledge import (
    WIKIDATA_MAX_UPLOAD,
    KBFormatError,
    export_kb,
    format_of,
    import_kb,
    import_wikidata,
)
from entities.models import Alias, Entity, Extraction, Mention, NotDuplicate, Relation
from entities.pipeline import body_blocks
from newsroom.adminpages import MAX_ID, AdminPageMixin, posted_ids


def find_entity(text: str) -> Entity | None:
    """An entity by key, canonical or English name, or alias (for typed-in fields)."""
    text = (text or "").strip()
    if not text:
        return None
    return (
        Entity.objects.filter(Q(key=text) | Q(name=text) | Q(name_en=text)).first()
        or Entity.objects.filter(aliases__name=text).first()
    )


def highlight(text: str, mentions: list[Mention]) -> str:
    """Block text escaped, every mention (any status) in a <mark> for the review page."""
    pieces, reached = [], 0
    for mention in sorted(mentions, key=lambda m: (m.block_start, -m.block_end)):
        start, end = mention.block_start, mention.block_end
        if start < reached or text[start:end] != mention.surface:
            continue
        pieces += [conditional_escape(text[reached:start]), format_html(
            '<mark class="nr-m nr-m-{}" title="{}">{}</mark>', mention.status,
            mention.entity.name if mention.entity else _("new name?"), text[start:end],
        )]
        reached = end
    pieces.append(conditional_escape(text[reached:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 1


class RelationInline(admin.TabularInline):
    model = Relation
    fk_name = "subject"
    extra = 1
    autocomplete_fields = ["object"]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Knowledge-base file (.json or .csv)"))


class WikidataImportForm(forms.Form):
    file = forms.FileField(label=_("Wikidata file (.json or .ndjson)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > WIKIDATA_MAX_UPLOAD:
            raise forms.ValidationError(
                _("The file is %(size)s MB; the limit is %(limit)s MB. Use the "
                  "import_wikidata command for larger files.")
                % {"size": upload.size // 2**20, "limit": WIKIDATA_MAX_UPLOAD // 2**20})
        return upload


@admin.register(Entity)
class EntityAdmin(AdminPageMixin, admin.ModelAdmin):
    list_display = ["name", "name_en", "kind", "key", "parent", "mention_count"]
    list_filter = ["kind"]
    search_fields = ["name", "name_en", "key", "aliases__name"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "kind", "name_en", "key", "slug", "description", "parent"]}),
        (_("External identifiers"), {"fields": ["wikidata", "website"]}),
        (_("History"), {"classes": ["collapse"], "fields": ["created_at", "updated_at"]}),
    ]
    inlines = [AliasInline, RelationInline]
    actions = ["merge_selected"]
    change_list_template = "admin/entities/entity/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(mention_total=Count("mentions"))

    @admin.display(description=_("mentions"), ordering="mention_total")
    def mention_count(self, obj):
        return obj.mention_total

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("merge/", view(self.merge_view), name="entities_entity_merge"),
            path("duplicates/", view(self.duplicates_view), name="entities_entity_duplicates"),
            path("import/", view(self.import_view), name="entities_entity_import"),
            path("import-wikidata/", view(self.wikidata_view),
                 name="entities_entity_import_wikidata"),
            path("export/", view(self.export_view), name="entities_entity_export"),
            *super().get_urls(),
        ]

    @admin.action(description=_("Merge selected entities…"), permissions=["change", "delete"])
    def merge_selected(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        if len(ids) < 2:
            self.message_user(request, _("Select at least two entities to merge."),
                              messages.WARNING)
            return None
        url = reverse("admin:entities_entity_merge")
        return HttpResponseRedirect(f"{url}?ids={','.join(map(str, ids))}")

    def merge_view(self, request):
        """Confirmation page: pick the entity that stays; the others are merged into it."""
        if not (self.has_change_permission(request) and self.has_delete_permission(request)):
            raise PermissionDenied
        raw_ids = request.POST.get("ids") or request.GET.get("ids", "")
        ids = posted_ids(raw_ids.split(","))
        entities = list(
            Entity.objects.filter(pk__in=ids).annotate(
                mention_total=Count("mentions", distinct=True),
                alias_total=Count("aliases", distinct=True),
            ).order_by("-mention_total", "pk")
        )
        if len(entities) < 2:
            self.message_user(request, _("Select at least two entities to merge."),
                              messages.WARNING)
            return redirect("admin:entities_entity_changelist")
        if request.method == "POST" and request.POST.get("keep", "").isdecimal():
            keep = next((e for e in entities if e.pk == int(request.POST["keep"])), None)
            if keep is not None:
                with transaction.atomic():
                    for other in entities:
                        if other.pk != keep.pk:
                            name = str(other)
                            keep.absorb(other)
                            self.log_change(request, keep, f"Merged “{name}” into this entity.")
                self.message_user(request, _("Merged into “%(name)s”.") % {"name": keep.name},
                                  messages.SUCCESS)
                return redirect("admin:entities_entity_change", keep.pk)
        return TemplateResponse(request, "admin/entities/entity/merge.html", self.page_context(
            request, _("Merge entities"), entities=entities, ids=",".join(map(str, ids)),
        ))

    def duplicates_view(self, request):
        """Entities whose names look like variants of one name, offered for a merge."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            if not self.has_change_permission(request):
                raise PermissionDenied
            first = get_object_or_404(Entity, pk=request.POST.get("first"))
            second = get_object_or_404(Entity, pk=request.POST.get("second"))
            NotDuplicate.objects.get_or_create(
                first=min(first, second, key=lambda e: e.pk),
                second=max(first, second, key=lambda e: e.pk),
                defaults={"decided_by": request.user},
            )
            self.message_user(request, _("“%(a)s” and “%(b)s” will not be offered again.")
                              % {"a": first.name, "b": second.name}, messages.SUCCESS)
            return redirect("admin:entities_entity_duplicates")
        return TemplateResponse(request, "admin/entities/entity/duplicates.html", self.page_context(
            request, _("Possible duplicates"), pairs=duplicate_pairs(),
        ))

    def import_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = import_kb(upload.read(), format_of(upload.name))
            except KBFormatError as error:
                form.add_error("file", say_message(error))
            else:
                for warning in report.warnings[:20]:
                    self.message_user(request, say_message(warning), messages.WARNING)
                self.message_user(request, _("Imported %(file)s: %(report)s.")
                                  % {"file": upload.name, "report": say_message(report.summary)},
                                  messages.SUCCESS)
                return redirect("admin:entities_entity_changelist")
        return TemplateResponse(request, "admin/entities/entity/import.html", self.page_context(
            request, _("Import the knowledge base"), form=form,
        ))

    def wikidata_view(self, request):
        """Upload a Wikidata file; entities are matched by id and never overwritten."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = WikidataImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = import_wikidata(upload.read())
            except KBFormatError as error:
                form.add_error("file", say_message(error))
            else:
                for warning in report.warnings[:20]:
                    self.message_user(request, say_message(warning), messages.WARNING)
                self.message_user(request, _("Imported %(file)s from Wikidata: %(report)s.")
                                  % {"file": upload.name, "report": say_message(report.summary)},
                                  messages.SUCCESS)
                return redirect("admin:entities_entity_changelist")
        return TemplateResponse(request, "admin/entities/entity/import_wikidata.html",
                                self.page_context(request, _("Import from Wikidata"), form=form))

    def export_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        fmt = "csv" if request.GET.get("format") == "csv" else "json"
        content_type = "text/csv" if fmt == "csv" else "application/json"
        response = HttpResponse(export_kb(fmt), content_type=f"{content_type}; charset=utf-8")
        stamp = timezone.now().strftime("%Y%m%d")
        response["Content-Disposition"] = f'attachment; filename="kb-{stamp}.{fmt}"'
        return response


def duplicate_pairs() -> list[tuple[Entity, Entity, float]]:
    """Near-duplicate pairs over canonical and English names, minus dismissed pairs."""
    rows = list(Entity.objects.values_list("pk", "key", "name", "name_en", "kind"))
    names = [extraction.KnownName(key, name, kind) for _pk, key, name, _en, kind in rows]
    names += [extraction.KnownName(key, en, kind) for _pk, key, _n, en, kind in rows if en]
    pairs = extraction.near_duplicates(names)
    by_key = Entity.objects.in_bulk({k for a, b, _s in pairs for k in (a, b)}, field_name="key")
    dismissed = set(NotDuplicate.objects.values_list("first_id", "second_id"))
    found = []
    for a, b, score in pairs:
        first, second = sorted((by_key[a], by_key[b]), key=lambda e: e.pk)
        if (first.pk, second.pk) not in dismissed:
            found.append((first, second, score))
    return found


@admin.register(Alias)
class AliasAdmin(admin.ModelAdmin):
    list_display = ["name", "entity"]
    search_fields = ["name", "entity__name"]
    autocomplete_fields = ["entity"]
    list_select_related = ["entity"]


@admin.register(Relation)
class RelationAdmin(admin.ModelAdmin):
    list_display = ["subject", "predicate", "object"]
    list_filter = ["predicate"]
    search_fields = ["subject__name", "object__name"]
    autocomplete_fields = ["subject", "object"]
    list_select_related = ["subject", "object"]


class SelectionForm(forms.Form):
    """A name the editor selected (or typed) in the story, for a confirmed mention."""

    surface = forms.CharField(label=_("Name as written"), max_length=200)
    block = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    entity = forms.CharField(
        label=_("Existing entity (key or name)"), required=False, max_length=200,
        help_text=_("Leave empty to create a new entity with this name."),
        widget=forms.TextInput(attrs={"list": "nr-entity-names"}),
    )
    kind = forms.ChoiceField(label=_("Kind of a new entity"), choices=Entity.Kind.choices,
                             initial=Entity.Kind.ORGANISATION)

    def clean_entity(self):
        text = self.cleaned_data["entity"].strip()
        if not text:
            return None
        entity = find_entity(text)
        if entity is None:
            raise forms.ValidationError(_("No entity has the key or name “%(text)s”."),
                                        params={"text": text})
        return entity

    def locate(self, blocks) -> tuple[object, int, int] | None:
        """The block and offsets of the surface: the selection when it fits, else the
        first place the typed name appears in the story."""
        data = self.cleaned_data
        surface = data["surface"]
        by_index = {b.index: b for b in blocks}
        block = by_index.get(data.get("block"))
        start = data.get("start")
        if block is not None and start is not None and \
                block.text[start:start + len(surface)] == surface:
            return block, start, start + len(surface)
        for candidate in ([block] if block is not None else []) + list(blocks):
            found = candidate.text.find(surface)
            if found >= 0:
                return candidate, found, found + len(surface)
        return None


class PromoteForm(forms.Form):
    mention = forms.IntegerField(min_value=1, max_value=MAX_ID)
    kind = forms.ChoiceField(choices=Entity.Kind.choices, required=False)
    alias_of = forms.CharField(required=False, max_length=200)


@admin.register(Mention)
class MentionAdmin(AdminPageMixin, admin.ModelAdmin):
    list_display = ["surface", "entity", "article", "status", "origin", "confidence", "salience",
                    "reason"]
    list_filter = ["status", "origin", "kind"]
    list_select_related = ["entity", "article"]
    search_fields = ["surface", "entity__name", "article__title"]
    autocomplete_fields = ["entity"]
    raw_id_fields = ["article"]
    readonly_fields = ["decided_by", "decided_at"]
    actions = ["confirm_selected", "reject_selected", "promote_selected"]

    def get_urls(self):
        return [
            path("review/<int:article_id>/", self.admin_site.admin_view(self.review_view),
                 name="entities_mention_review"),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.decided_by, obj.decided_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Confirm selected mentions"), permissions=["change"])
    def confirm_selected(self, request, queryset):
        count = queryset.decide(Mention.Status.CONFIRMED, request.user)
        self.message_user(request, ngettext("Confirmed %d mention.", "Confirmed %d mentions.",
                                            count) % count, messages.SUCCESS)

    @admin.action(description=_("Reject selected mentions"), permissions=["change"])
    def reject_selected(self, request, queryset):
        count = queryset.decide(Mention.Status.REJECTED, request.user)
        self.message_user(request, ngettext("Rejected %d mention.", "Rejected %d mentions.",
                                            count) % count, messages.SUCCESS)

    @admin.action(description=_("Add selected new names to the knowledge base"),
                  permissions=["change"])
    def promote_selected(self, request, queryset):
        if not request.user.has_perm("entities.add_entity"):
            raise PermissionDenied
        count = 0
        for mention in queryset.filter(entity__isnull=True):
            if mention.entity_id is None:  # an earlier one of the same surface promoted it
                mention.promote(request.user)
                count += 1
        self.message_user(request, ngettext("Added %d name.", "Added %d names.", count) % count,
                          messages.SUCCESS)

    # --- The review page of one article ------------------------------------------------

    def review_view(self, request, article_id):
        """An article's suggestions in context; confirm, reject, promote, or add a name."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        article = get_object_or_404(Article.objects.defer(*Article.HEAVY_FIELDS), pk=article_id)
        # The page shows the story's text: its article's own view rule holds here too.
        if not self.admin_site.get_model_admin(Article).has_view_permission(request, article):
            raise PermissionDenied
        # What readers read: the story body once the article has one (mentions are
        # keyed by its blocks then), else the checked story blocks.
        story = body_blocks(article)
        if story is None:
            story = article.blocks.filter(kind__in=STORY_KINDS).order_by("index")
        selection = SelectionForm(prefix="sel")
        if request.method == "POST":
            if not self.has_change_permission(request):
                raise PermissionDenied
            response, selection = self.review_post(request, article, story)
            if response is not None:
                return response
        # A window of the story at a time, with its mentions (issue #17: 57 MB pages).
        page = block_page(story, request.GET.get("page"))
        blocks = list(page.object_list)
        mentions = list(article.mentions.select_related("entity", "decided_by")
                        .filter(block_index__in=[b.index for b in blocks])
                        .order_by("block_index", "block_start"))
        by_block: dict[int, list[Mention]] = {}
        for mention in mentions:
            by_block.setdefault(mention.block_index, []).append(mention)
        texts = {b.index: b.text for b in blocks}
        rows = []
        # Decisions first: suggestions that do not link by themselves, most salient first.
        for mention in sorted(mentions, key=lambda m: (m.status != "suggested", m.is_linkable,
                                                       -m.salience, m.block_index)):
            before, surface, after = mention.context(texts.get(mention.block_index, ""))
            rows.append({"mention": mention, "before": before, "surface": surface or
                         mention.surface, "after": after})
        context = self.page_context(
            request, _("Entities in “%(title)s”") % {"title": article.title},
            article=article, rows=rows,
            blocks=[(b, highlight(b.text, by_block.get(b.index, []))) for b in blocks],
            selection=selection, kinds=Entity.Kind.choices, page=page,
            entity_names=Entity.objects.order_by("name").values_list("key", "name"),
            extraction=Extraction.objects.filter(article=article).first(),
            can_change=self.has_change_permission(request),
        )
        return TemplateResponse(request, "admin/entities/mention/review.html", context)

    def review_post(self, request, article, blocks):
        back = redirect("admin:entities_mention_review", article.pk)
        action = request.POST.get("action")
        if action in ("confirm", "reject"):
            ids = posted_ids(request.POST.getlist("mention"))
            status = Mention.Status.CONFIRMED if action == "confirm" else Mention.Status.REJECTED
            count = article.mentions.filter(pk__in=ids).decide(status, request.user)
            # The changelist actions' sentences: the status code itself is no word to show.
            text = (ngettext("Confirmed %d mention.", "Confirmed %d mentions.", count)
                    if action == "confirm"
                    else ngettext("Rejected %d mention.", "Rejected %d mentions.", count))
            self.message_user(request, text % count, messages.SUCCESS)
            return back, None
        if action == "rerun":
            from entities.tasks import extract_mentions_task

            transaction.on_commit(lambda: send(extract_mentions_task, article.pk, force=True))
            self.message_user(request, _("Extraction queued; decisions are kept."),
                              messages.SUCCESS)
            return back, None
        if action == "promote":
            return self.promote_post(request, article, back), None
        if action == "add":
            form = SelectionForm(request.POST, prefix="sel")
            if form.is_valid():
                return self.add_post(request, article, blocks, form, back), form
            return None, form
        return back, None

    def promote_post(self, request, article, back):
        form = PromoteForm(request.POST)
        if not form.is_valid():
            self.message_user(request, _("Nothing to add."), messages.ERROR)
            return back
        mention = get_object_or_404(article.mentions, pk=form.cleaned_data["mention"])
        target = find_entity(form.cleaned_data["alias_of"])
        if form.cleaned_data["alias_of"] and target is None:
            self.message_user(request, _("No entity has that key or name."), messages.ERROR)
            return back
        needed = "entities.add_alias" if target else "entities.add_entity"
        if not request.user.has_perm(needed):
            raise PermissionDenied
        entity = mention.promote(request.user, entity=target, kind=form.cleaned_data["kind"])
        if entity.name == mention.surface.strip():  # a new entry made from the name
            text = _("Added “%(surface)s” to the knowledge base.")
        else:
            text = _("“%(surface)s” is now a name of “%(entity)s”.")
        self.message_user(request, text % {"surface": mention.surface, "entity": entity.name},
                          messages.SUCCESS)
        return back

    def add_post(self, request, article, blocks, form, back):
        entity = form.cleaned_data["entity"]
        needed = ["entities.add_mention", "entities.add_alias" if entity else
                  "entities.add_entity"]
        if not request.user.has_perms(needed):
            raise PermissionDenied
        place = form.locate(blocks)
        if place is None:
            form.add_error("surface", _("This name does not appear in the story."))
            return None
        block, start, end = place
        from entities.pipeline import raw_span

        raw_start, raw_end = raw_span(block, article.raw_body, start, end)
        surface = block.text[start:end]
        with transaction.atomic():
            if entity is None:
                entity = find_entity(surface)
            if entity is None:
                from entities.models import unique_key

                entity = Entity.objects.create(key=unique_key(surface), name=surface,
                                               kind=form.cleaned_data["kind"])
            else:
                entity.add_alias(surface)
            # The editor's mention replaces machine suggestions of the same words.
            article.mentions.filter(
                status=Mention.Status.SUGGESTED, reason="", block_index=block.index,
                block_start__lt=end, block_end__gt=start,
            ).delete()
            Mention.objects.create(
                article=article, entity=entity, block_index=block.index, block_start=start,
                block_end=end, start=raw_start, end=raw_end, surface=surface, kind=entity.kind,
                origin=Mention.Origin.EDITOR, confidence=1.0,
                status=Mention.Status.CONFIRMED, decided_by=request.user,
                decided_at=timezone.now(),
            )
        self.message_user(request, _("Added “%(surface)s” (%(entity)s).")
                          % {"surface": surface, "entity": entity.name}, messages.SUCCESS)
        return back


@admin.register(NotDuplicate)
class NotDuplicateAdmin(admin.ModelAdmin):
    list_display = ["first", "second", "decided_by", "decided_at"]
    list_select_related = ["first", "second", "decided_by"]
    raw_id_fields = ["first", "second"]
