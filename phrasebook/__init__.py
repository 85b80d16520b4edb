"""Sentences for editors from code that imports no Django.

The English text is the gettext msgid (marked with ``gettext_noop``, one of
makemessages' keywords) and its parameters are kept apart, so the admin can show
it in the editor's language (``articles.reasons.say_message``, which reads any
object with ``msgid`` and ``params``) while tests, logs and the command line read
the English as before.
"""

from __future__ import annotations

from collections.abc import Mapping


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
