"""One validation path for an article's fields, whatever way it comes in.

The admin form (a ModelForm: ``full_clean``), ``import_article`` (the admin import,
``manage.py import_article``, any API or ingestion built on it) and the model's own
``save()`` all apply these, so a title that would crash PostgreSQL or a feed, or a
``javascript:`` URL, is refused at the boundary instead of stored (issue #17).
"""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# C0 and C1 control characters, DEL, and the Unicode line/paragraph separators that
# XML 1.0 (feeds) refuses or that break a one-line field. Tab, newline and carriage
# return are allowed in multi-line text only.
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
ONE_LINE_CONTROLS = re.compile(f"[{_CONTROLS}\t\n\r\u2028\u2029]")
MULTI_LINE_CONTROLS = re.compile(f"[{_CONTROLS}\ufffe\uffff]")
SAFE_URL_SCHEMES = ("http", "https")


def _first(pattern: re.Pattern, value: str) -> str | None:
    found = pattern.search(value or "")
    return found.group() if found else None


def refuse_controls_one_line(value: str) -> None:
    found = _first(ONE_LINE_CONTROLS, value)
    if found is not None:
        raise ValidationError(
            _("This contains a control character (U+%(code)04X); remove it and save again."),
            code="control_character", params={"code": ord(found)},
        )


def refuse_controls_multi_line(value: str) -> None:
    found = _first(MULTI_LINE_CONTROLS, value)
    if found is not None:
        raise ValidationError(
            _("This contains a control character (U+%(code)04X); remove it and save again."),
            code="control_character", params={"code": ord(found)},
        )


def refuse_unsafe_url(value: str) -> None:
    """Only http(s) addresses: anything else (``javascript:``, ``data:``) is refused."""
    if value and urlsplit(value.strip()).scheme.lower() not in SAFE_URL_SCHEMES:
        raise ValidationError(_("Only http:// and https:// addresses are accepted."),
                              code="unsafe_url")


def strip_controls(value: str, *, multi_line: bool = False) -> str:
    """Last line of defence for writes that skipped validation: controls become spaces."""
    pattern = MULTI_LINE_CONTROLS if multi_line else ONE_LINE_CONTROLS
    return pattern.sub(" ", value) if value else value


def http_url_or_empty(value: str) -> str:
    """The URL when it is safe to render as a link, else ''."""
    try:
        refuse_unsafe_url(value)
    except ValidationError:
        return ""
    return value
