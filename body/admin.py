"""The story editor in the admin: one form of blocks (works without JavaScript),
previews, warnings from later checker runs, and writing a story from scratch."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles import presence
from articles.models import Article, Section
from articles.rawtext import RAW_PREVIEW_BLOCKS
from articles.workflow import record_audit, save_revision
from body.document import body_diff
from body.editing import (
    UPLOAD_PERMISSION,
    BlockFormSet,
    Conflict,
    EditMeta,
    forget_gone_blocks,
    save_body,
)
from body.history import BodyPart
from body.models import PreviewGrant, StoryBody
from body.preview import live_grants, make_link


class NewStoryForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=300)
    section = forms.ModelChoiceField(Section.objects.all(), required=False, label=_("section"))
    language = forms.ChoiceField(choices=Article.Language.choices, label=_("language"))
    byline = forms.CharField(label=_("byline"), max_length=200, required=False)


@admin.register(StoryBody)
class StoryBodyAdmin(admin.ModelAdmin):
    list_display = ["article", "edited", "edited_by", "edited_at", "warning_count", "edit_link"]
    list_filter = ["edited"]
    list_select_related = ["article", "edited_by"]
    search_fields = ["article__title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # edited through the editor view, which checks the article's rules

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("warnings"))
    def warning_count(self, obj):
        return len(obj.warnings)

    @admin.display(description=_("edit"))
    def edit_link(self, obj):
        return format_html('<a href="{}">{}</a>',
                           reverse("admin:body_storybody_edit", args=[obj.article_id]),
                           _("Edit the story"))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("new/", view(self.new_view), name="body_storybody_new"),
            path("<int:article_id>/edit/", view(self.edit_view), name="body_storybody_edit"),
            path("<int:article_id>/preview/", view(self.preview_view),
                 name="body_storybody_preview"),
            path("<int:article_id>/preview/<int:grant_id>/revoke/", view(self.revoke_view),
                 name="body_storybody_revoke_preview"),
            *super().get_urls(),
        ]

    def article_admin(self):
        return self.admin_site.get_model_admin(Article)

    def editable_article(self, request, article_id, *, change: bool) -> Article:
        article = Article.objects.filter(pk=article_id).first()
        if article is None:
            raise Http404(_("That article no longer exists."))
        model_admin = self.article_admin()
        allowed = (model_admin.has_change_permission(request, article) if change
                   else model_admin.has_view_permission(request, article))
        if not allowed:
            raise PermissionDenied
        return article

    def edit_view(self, request, article_id):
        article = self.editable_article(request, article_id, change=request.method == "POST")
        can_change = self.article_admin().has_change_permission(request, article)
        may_upload = request.user.has_perm(UPLOAD_PERMISSION)
        status = 200
        conflict = None
        if request.method == "POST":
            formset = BlockFormSet(request.POST, request.FILES, article=article,
                                   may_upload=may_upload)
            meta = EditMeta(request.POST)
            stale = meta.is_valid() and meta.cleaned_data["base_version"] != article.version
            if meta.is_valid() and (formset.is_valid() or stale):
                try:
                    if not formset.is_valid():  # it may name blocks deleted since
                        raise Conflict(article.version)
                    saved = save_body(article, formset, meta.cleaned_data["base_version"],
                                      request.user, meta.cleaned_data["message"])
                except Conflict as error:
                    status = 409
                    conflict = self.conflict_context(article, meta.cleaned_data["base_version"],
                                                     error.current_version)
                    # The editor's text stays in the form; saving again is a decision
                    # taken after seeing the other changes (which the revisions keep).
                    data = request.POST.copy()
                    data["base_version"] = str(error.current_version)
                    forget_gone_blocks(data, article)
                    meta = EditMeta(data)
                    formset = BlockFormSet(data, request.FILES, article=article,
                                           may_upload=may_upload)
                    messages.error(request, _(
                        "Someone saved this story while you were editing it. Nothing of "
                        "yours was saved and nothing is lost: your text is still below, "
                        "their changes are listed above it. Save again to keep yours."))
                else:
                    presence.mark_edited(article.pk, request.user)
                    messages.success(request, _("Story saved (version %(v)d).")
                                     % {"v": saved.version})
                    return redirect("admin:body_storybody_edit", article.pk)
            else:
                status = 400
        else:
            formset = BlockFormSet(article=article, may_upload=may_upload)
            meta = EditMeta(initial={"base_version": article.version})
            others = presence.others_editing(article.pk, request.user)
            if others:
                messages.warning(request, _("Also editing this article right now: %(who)s.")
                                 % {"who": ", ".join(others)})
        body = StoryBody.objects.filter(article=article).first()
        context = {
            **self.admin_site.each_context(request),
            "opts": Article._meta, "original": article, "title": _("Edit: %s") % article.title,
            "formset": formset, "meta": meta, "body": body, "can_change": can_change,
            "conflict": conflict, "has_view_permission": True,
            "raw_blocks": article.blocks.order_by("index")
            .only("index", "kind", "text")[:RAW_PREVIEW_BLOCKS],
            "raw_total": article.blocks.count(), "raw_bound": RAW_PREVIEW_BLOCKS,
            "previews": list(live_grants(article)) if can_change else [],
            "media": self.media + formset.media,
        }
        return TemplateResponse(request, "admin/body/edit.html", context, status=status)

    def conflict_context(self, article, base: int, current: int) -> dict:
        """What the other editor changed: their body against the body this editor
        started from (both kept as revisions)."""
        revisions = {r.number: r.data for r in article.revisions.filter(number__in=[base, current])}
        part = BodyPart()
        before = revisions.get(base, {}).get("body") or []
        after = revisions.get(current, {}).get("body") or part.snapshot(article)
        return {"base": base, "current": current,
                "changes": [c for c in body_diff(before, after) if c.status != "same"]}

    def preview_view(self, request, article_id):
        article = self.editable_article(request, article_id, change=True)
        if request.method != "POST":
            return redirect("admin:body_storybody_edit", article_id)
        link = request.build_absolute_uri(make_link(article, request.user))
        record_audit(request.user, "preview_link", article)
        messages.success(request, format_html(
            _('Preview link (valid for {} hours, not public): <a href="{}" id="nr-preview-link" '
              'target="_blank" rel="noopener">{}</a>'),
            int(self.preview_hours()), link, link))
        return redirect("admin:body_storybody_edit", article_id)

    def revoke_view(self, request, article_id, grant_id):
        """A preview link handed out stops opening the draft (a link sent to the wrong
        person, or forwarded): whoever may make one may revoke one."""
        article = self.editable_article(request, article_id, change=True)
        if request.method == "POST":
            revoked = PreviewGrant.objects.filter(pk=grant_id, article=article,
                                                  revoked=False).update(revoked=True)
            if revoked:
                record_audit(request.user, "preview_revoke", article, grant=grant_id)
                messages.success(request, _("The preview link no longer opens the story."))
        return redirect("admin:body_storybody_edit", article_id)

    @staticmethod
    def preview_hours() -> float:
        from django.conf import settings

        return settings.NEWSROOM_PREVIEW_MAX_AGE / 3600

    def new_view(self, request):
        """A story written here from scratch: no import, an empty body, nothing to check."""
        if not self.article_admin().has_add_permission(request):
            raise PermissionDenied
        form = NewStoryForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            with transaction.atomic():
                article = Article.objects.create(
                    raw_body="", processing_state=Article.Processing.DONE,
                    created_by=request.user, **form.cleaned_data,
                )
                StoryBody.objects.create(article=article, edited=True, edited_by=request.user)
                save_revision(article, request.user, str(_("Written from scratch")))
            return redirect("admin:body_storybody_edit", article.pk)
        context = {**self.admin_site.each_context(request), "opts": Article._meta,
                   "form": form, "title": _("Write a new story")}
        return TemplateResponse(request, "admin/body/new.html", context)
