"""Sentences for editors from code that imports no Django.

The English text is the gettext msgid (marked with ``gettext_noop``, one of
makemessages' keywords) and its parameters are kept apart, so the admin can show
it in the editor's language (``articles.reasons.say_message``, which reads any
object with ``msgid`` and ``params``) while tests, logs and the command line read
the English as before.

Code that stores a sentence for a reader it does not know yet (a worker) keeps its
code and parameters (``stored``, ``restored``): the language is chosen when it is
read, and a reworded msgid still reads the rows stored before.
"""

from __future__ import annotations

from collections.abc import Mapping

# Stored parameters: a word or number, a sentence of its own, or several of them.
_SCALARS = (str, int, float, bool, type(None))


def gettext_noop(message: str) -> str:
    """Marks a msgid for ``makemessages`` (one of its keywords) without importing Django."""
    return message


class Message(str):
    """The English sentence (``msgid % params``), carrying the msgid and parameters.

    A parameter may itself be a Message, or a tuple of them (shown one after another).
    """

    msgid: str
    params: Mapping[str, object]

    def __new__(cls, msgid: str, /, **params: object) -> Message:
        english = {k: " ".join(v) if isinstance(v, tuple) else v for k, v in params.items()}
        self = super().__new__(cls, msgid % english if params else msgid)
        self.msgid, self.params = msgid, params
        return self

    def __getnewargs_ex__(self) -> tuple[tuple[str], dict[str, object]]:
        return (self.msgid,), dict(self.params)


class Refusal(ValueError):
    """Input refused with a sentence for the editor who sent it: ``str()`` is the
    English, ``msgid`` and ``params`` what it is made of."""

    def __init__(self, msgid: str, /, **params: object) -> None:
        super().__init__(Message(msgid, **params))
        self.msgid, self.params = msgid, params


def stored(message: object, codes: Mapping[str, str]) -> object:
    """What a JSONField keeps for ``message``: ``{"code": ..., "params": {...}}`` when
    ``codes`` (code -> msgid) holds its msgid, else its text as it is."""
    msgid = getattr(message, "msgid", None)
    code = next((c for c, m in codes.items() if m == msgid), None)
    if code is None:
        return str(message)
    return {"code": code, "params": {name: _stored_param(value, codes)
                                     for name, value in getattr(message, "params", {}).items()}}


def _stored_param(value: object, codes: Mapping[str, str]) -> object:
    if isinstance(value, tuple):
        return [stored(v, codes) for v in value]
    if hasattr(value, "msgid"):
        return stored(value, codes)
    # Anything else (an exception, a str subclass) is kept as the text it reads as.
    return value if type(value) in _SCALARS else str(value)


def restored(value: object, codes: Mapping[str, str]) -> Message | str:
    """A stored sentence back as a Message; a plain text, a code ``codes`` no longer
    holds, or parameters its msgid no longer takes, as text."""
    if not isinstance(value, Mapping) or "code" not in value:
        return "" if value is None else str(value)
    params = {name: tuple(restored(v, codes) for v in param) if isinstance(param, list)
              else restored(param, codes) if isinstance(param, Mapping) else param
              for name, param in dict(value.get("params") or {}).items()}
    msgid = codes.get(str(value["code"]))
    if msgid is not None:
        try:
            return Message(msgid, **params)
        except (KeyError, TypeError, ValueError):
            pass
    return f"{value['code']} {params}" if params else str(value["code"])
