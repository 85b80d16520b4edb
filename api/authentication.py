"""Per-user API tokens: ``Authorization: Bearer nr_…``."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from api.models import ApiToken


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the token as “Bearer <token>”."))
        try:
            presented = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("That token is not valid.")) from None
        token = ApiToken.objects.find(presented)
        if token is None:
            raise exceptions.AuthenticationFailed(_("That token is not valid or was revoked."))
        token.touch()
        return token.user, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.TokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer",
                "description": "A per-user token made in the admin or with "
                               "`manage.py create_api_token`."}
