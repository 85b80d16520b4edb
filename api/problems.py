"""Every API error as application/problem+json (RFC 9457).

``type`` stays ``about:blank`` (the status says what kind of problem it is), ``title``
is the status's phrase, ``detail`` the sentence meant for the client, ``code`` DRF's
machine-readable code; a 400 from a form-like body adds ``errors`` per field.
"""

from http import HTTPStatus

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from articles.imports import ImportRefused
from articles.reasons import say_message
from articles.workflow import TransitionError
from datatables.grid import GridError

PROBLEM_TYPE = "application/problem+json"


class Conflict(exceptions.APIException):
    """Someone else changed the thing first, or it is in a state that forbids this."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = _("The resource changed since you read it; read it again.")
    default_code = "conflict"


def problem(status_code: int, detail: str, *, code: str = "", headers=None, **extra) -> Response:
    body = {"type": "about:blank", "title": HTTPStatus(status_code).phrase,
            "status": status_code, "detail": str(detail)}
    if code:
        body["code"] = code
    body.update(extra)
    return Response(body, status=status_code, headers=headers, content_type=PROBLEM_TYPE)


def translate(exc):
    """The project's own refusals as the HTTP errors they are."""
    if isinstance(exc, TransitionError):
        return Conflict(str(exc))
    if isinstance(exc, ImportRefused | GridError):
        return exceptions.ValidationError({"detail": say_message(exc)}, code="invalid")
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, Http404):
        return exceptions.NotFound(str(exc) or None)
    return exc


def exception_handler(exc, context):
    exc = translate(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a bug: Django's 500 handling and logging take over
    headers = {name: value for name, value in response.items()
               if name in ("WWW-Authenticate", "Retry-After", "Allow")}
    data = response.data
    if isinstance(exc, exceptions.ValidationError):
        errors = data if isinstance(data, dict) else {"detail": data}
        detail = errors.get("detail") if isinstance(errors.get("detail"), str) else None
        if detail is None and isinstance(errors.get("detail"), list) and errors["detail"]:
            detail = str(errors["detail"][0])
        fields = {k: v for k, v in errors.items() if k != "detail"}
        return problem(response.status_code, detail or _("The request is not valid."),
                       code="invalid", headers=headers, **({"errors": fields} if fields else {}))
    codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else ""
    detail = data.get("detail", "") if isinstance(data, dict) else str(data)
    extra = {}
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        extra["retry_after"] = int(exc.wait + 0.999)
    return problem(response.status_code, detail, code=codes if isinstance(codes, str) else "",
                   headers=headers, **extra)
