"""Request rates per token and per anonymous client (``settings.NEWSROOM_API_RATES``)."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class _SettingsRate(SimpleRateThrottle):
    """Reads its rate from the settings on every request, so a changed setting applies."""

    def __init__(self):
        pass  # the rate is read per request in allow_request

    def allow_request(self, request, view):
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_rate(self):
        return settings.NEWSROOM_API_RATES[self.scope]


class TokenThrottle(_SettingsRate):
    scope = "token"

    def get_cache_key(self, request, view):
        if request.auth is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class AnonThrottle(_SettingsRate):
    scope = "anon"

    def get_cache_key(self, request, view):
        if request.auth is not None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
