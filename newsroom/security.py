"""Security middleware Django 5.2 does not ship: request size limit and CSP headers.

``RequestSizeLimitMiddleware`` refuses a request whose declared body is larger
than ``NEWSROOM_MAX_REQUEST_BYTES`` from its headers alone, so a 1 GB upload is
answered with 413 before a byte of it is read (Django's own
``DATA_UPLOAD_MAX_MEMORY_SIZE`` only applies once parsing has started, and does
not cover file parts). A body sent without a Content-Length (chunked) is never
read at all: Django's WSGIRequest reads exactly Content-Length bytes, i.e. none.

``SecurityHeadersMiddleware`` sets Content-Security-Policy from the
``NEWSROOM_CSP`` setting (scripts only from our own origin: imported markup that
slipped through escaping still could not run), Permissions-Policy and, where
Django's SecurityMiddleware has not already, Cross-Origin-Opener-Policy.
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

DEFAULT_MAX_REQUEST_BYTES = 60 * 1024 * 1024


def max_request_bytes() -> int:
    return int(getattr(settings, "NEWSROOM_MAX_REQUEST_BYTES", DEFAULT_MAX_REQUEST_BYTES))


class RequestTooLarge(HttpResponse):
    status_code = 413

    def __init__(self, size: int | None, limit: int):
        told = f" ({size / 1_048_576:.1f} MB)" if size is not None else ""
        message = _(
            "The request is too large%(told)s: the limit is %(limit).1f MB. "
            "Nothing was saved."
        ) % {"told": told, "limit": limit / 1_048_576}
        super().__init__(message + "\n", content_type="text/plain; charset=utf-8")
        # Set here (not by inner middleware): the client can read the answer at once
        # although the body it announced is never read.
        self["Content-Length"] = str(len(self.content))


class RequestSizeLimitMiddleware:
    """413 for a request whose Content-Length exceeds the limit, before reading it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = max_request_bytes()
        declared = request.META.get("CONTENT_LENGTH") or ""
        if declared:
            try:
                size = int(declared)
            except ValueError:
                return HttpResponse(_("The Content-Length header is not a number.") + "\n",
                                    status=400, content_type="text/plain; charset=utf-8")
            if size > limit:
                return RequestTooLarge(size, limit)
        return self.get_response(request)


def content_security_policy() -> str:
    policy = getattr(settings, "NEWSROOM_CSP", None) or {}
    return "; ".join(f"{name} {value}".strip() for name, value in policy.items())


class SecurityHeadersMiddleware:
    """CSP, Permissions-Policy and COOP on every response (a view may set its own)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.csp = content_security_policy()
        self.permissions = getattr(settings, "NEWSROOM_PERMISSIONS_POLICY", "")

    def __call__(self, request):
        response = self.get_response(request)
        if self.csp:
            response.headers.setdefault("Content-Security-Policy", self.csp)
        if self.permissions:
            response.headers.setdefault("Permissions-Policy", self.permissions)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class RefuseNulMiddleware:
    """A NUL (``%00``) in the path or the query string is a 400 before any view runs.

    No address or filter of ours contains one, and PostgreSQL text cannot hold one:
    a view querying with it raised ``DataError`` (a 500) for anonymous readers
    (issue #17). Slugs are also matched by a converter (``newsroom.converters``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in v for v in values)
            for key, values in request.GET.lists()
        ):
            return HttpResponse(_("The address contains a NUL character.") + "\n",
                                status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
