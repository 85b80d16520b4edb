from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made here (shown once, on the page after saving) and revoked;
    the secret itself is never stored, so it cannot be shown again."""

    list_display = ["name", "user", "scope", "prefix", "created_at", "last_used_at",
                    "revoked_at"]
    list_filter = ["scope", ("revoked_at", admin.EmptyFieldListFilter)]
    list_select_related = ["user"]
    search_fields = ["name", "user__username", "prefix"]
    autocomplete_fields = ["user"]
    readonly_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke_selected"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["name", "user", "scope"]
        return ["name", "user", "scope", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        # A token's owner and scope are what it was issued with; make a new one instead.
        return [*self.readonly_fields, "user", "scope"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        if not change:
            if obj.user.is_superuser and not request.user.is_superuser:
                raise PermissionDenied  # no one lends themselves a superuser's powers
            # Kept on this instance only, for the page that shows it once.
            obj.issued_secret = obj.set_secret()
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        secret = getattr(obj, "issued_secret", None)
        if secret is None:
            return super().response_add(request, obj, post_url_continue)
        return TemplateResponse(request, "admin/api/apitoken/created.html", {
            **self.admin_site.each_context(request),
            "opts": self.opts, "original": obj, "token": obj, "secret": secret,
            "title": _("API token created"),
        })

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the row says who had access and until when

    @admin.action(description=_("Revoke selected tokens"), permissions=["change"])
    def revoke_selected(self, request, queryset):
        tokens = list(queryset.filter(revoked_at__isnull=True))
        for token in tokens:
            token.revoke()
        self.message_user(request, ngettext("Revoked %d token.", "Revoked %d tokens.",
                                            len(tokens)) % len(tokens), messages.SUCCESS)
