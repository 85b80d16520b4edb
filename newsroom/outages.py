"""Telling an editor the truth when a save worked but its follow-up work could not be queued.

``articles.workflow.send`` never raises on a broker outage (the save must not fail
over a queue); it calls ``note_unqueued`` instead. This middleware then adds one
message to the response of the request that saved: the change is stored, and its
processing starts by itself once the queue is back (the beat sweeps pick it up).
"""

from contextvars import ContextVar

from django.contrib import messages
from django.utils.translation import gettext as _

_unqueued: ContextVar[list | None] = ContextVar("newsroom_unqueued", default=None)


def note_unqueued(task_name: str) -> None:
    """Record, for the current request if any, that a task could not be enqueued."""
    pending = _unqueued.get()
    if pending is not None:
        pending.append(task_name)


class QueueOutageMessageMiddleware:
    """Below MessageMiddleware, so the message is stored with the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _unqueued.set([])
        try:
            response = self.get_response(request)
            if _unqueued.get() and getattr(request, "user", None) is not None \
                    and request.user.is_authenticated and hasattr(request, "_messages"):
                messages.warning(request, _(
                    "Your change is saved. The task queue is unreachable right now, so "
                    "processing and page updates will start by themselves once it is back; "
                    "there is nothing to redo."
                ))
        finally:
            _unqueued.reset(token)
        return response
