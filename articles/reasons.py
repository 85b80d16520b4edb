"""The checker's reasons and warnings in the editor's language, translated when shown.

The checker gives each reason as a code with parameters (``cleaning.reasons``) and
that is what is stored (``{"code": ..., "params": {...}}``): a verdict must not
change with the language of whoever ran it. A code's English message is its
gettext msgid, so showing a reason is ``gettext(msgid) % params`` in the active
language. A plain string (an editor's note, or a reason no code was found for
when stored reasons were converted) is shown as stored.
"""

from collections.abc import Iterable

from django.utils.translation import gettext, pgettext_lazy

from cleaning.reasons import SEPARATOR, Reason, restored, stored


def say(value: object) -> str:
    """One reason, stored or fresh from the checker, in the active language."""
    found = value if isinstance(value, str) else restored(value)
    if not isinstance(found, Reason):
        return found
    params = {name: _param(name, v) for name, v in found.params.items()}
    return gettext(found.msgid) % params


def _param(name: str, value: object) -> object:
    if isinstance(value, tuple):  # reasons of their own (a page verdict's)
        return SEPARATOR.join(say(v) for v in value)
    if name == "kind":  # a block kind, shown by its label
        from articles.models import Block

        return str(Block.Kind(value).label) if value in Block.Kind.values else value
    if name == "page" and value in PAGE_WORDS:  # a document kind, in "a %(page)s page"
        return str(PAGE_WORDS[value])
    return value


# A document kind as the word before "page" in the checker's reasons (the kinds' labels,
# "Listing or index page", would read "listing or index page page"). English as stored;
# one word for each of cleaning.DOCUMENT_KINDS (a test keeps them in step).
PAGE_WORDS = {
    "article": pgettext_lazy("page kind", "article"),
    "doorway": pgettext_lazy("page kind", "doorway"),
    "listing": pgettext_lazy("page kind", "listing"),
    "error": pgettext_lazy("page kind", "error"),
    "spun": pgettext_lazy("page kind", "spun"),
    "service": pgettext_lazy("page kind", "service"),
}


def english(value: object) -> str:
    """A stored reason as the checker wrote it (the API and logs read English)."""
    return str(value if isinstance(value, str) else restored(value))


def code(value: object) -> str | None:
    """A stored reason's code; None for a plain string."""
    found = value if isinstance(value, str) else restored(value)
    return found.code if isinstance(found, Reason) else None


def to_json(reasons: Iterable[str]) -> list[object]:
    """Reasons (or warnings) as a JSONField keeps them."""
    return [stored(r) for r in reasons]


# The names the templates and the admin have always used.
translate_reason = say
translate_warning = say


def say_message(value: object) -> str:
    """A sentence from code without Django (``phrasebook``: anything with a
    ``msgid`` and ``params``, a Refusal or a Message) in the active language; any
    other value as its text. A parameter that is a sentence, or a tuple of them, is
    said too."""
    msgid = getattr(value, "msgid", None)
    if not isinstance(msgid, str):
        return str(value)
    params = {name: " ".join(say_message(v) for v in param) if isinstance(param, tuple)
              else say_message(param) if hasattr(param, "msgid") else param
              for name, param in value.params.items()}
    return gettext(msgid) % params if params else gettext(msgid)

