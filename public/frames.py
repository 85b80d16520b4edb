"""A page template compiled once per language: its constant text, and holes to fill.

The article page's template is mostly the site's frame (head, masthead, navigation,
language switch, footer) around the parts stored for the story, and rendering it
node by node cost more than reading the page from the database. Almost none of it
depends on the request: only the holes the view fills (the stored parts, the page's
address and times) and the reader's own address in the language form.

``render(template, request, values)`` renders the template once per *shape* with a
marker in each hole, keeps the text between the markers, and from then on only fills
the holes: a hole the template shows escaped is escaped, one shown ``|safe`` is not,
as the template engine would. A shape is the template, the language, the URLconf and
script prefix (the frame's links), and for each value whether it is empty (or the
value itself for a boolean), so ``{% if %}`` on a value is honoured. The values are
strings and booleans only; a template may show a string or test whether it is empty,
nothing more (a comparison or a filter would only see the marker).

Every compiled shape is checked once against the template engine's own rendering of
the request that compiled it, with the real request and context processors; a
template that reads anything else (the user, messages, the request beyond its
address) or mangles a marker is refused, logged, and rendered by the engine as usual.
What is kept changes only with a deploy: it is forgotten when a setting changes
(tests) or the development server sees a template or translation change.
"""

import logging
import re
import threading

from django.core.signals import setting_changed
from django.template import Context, engines
from django.template.loader import get_template
from django.urls import get_script_prefix, get_urlconf
from django.utils.autoreload import file_changed
from django.utils.html import conditional_escape
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

# A hole's marker: private-use characters no template writes, and an ampersand the
# engine escapes where it escapes the value.
OPEN, CLOSE = "\ue000", "\ue001"
HOLE = re.compile(f"{OPEN}([^&{CLOSE}]+)(&amp;|&){CLOSE}")
# The reader's address, the only part of the request the frame may show.
PATH = "request.get_full_path"

_compiled: dict = {}  # shape -> Frame, or None for a template that cannot be compiled
_lock = threading.Lock()


class Frame:
    """A template's text between holes; ``fill`` puts one request's values in them."""

    def __init__(self, text: str):
        pieces = HOLE.split(text)
        self.parts = pieces[0::3]  # text, then for each hole: name, escaping, text
        self.holes = list(zip(pieces[1::3], (e == "&amp;" for e in pieces[2::3]), strict=True))

    def fill(self, values: dict) -> str:
        out = [self.parts[0]]
        for (name, escaped), text in zip(self.holes, self.parts[1:], strict=True):
            value = values[name]
            out += (conditional_escape(value) if escaped else value, text)
        return "".join(out)


class _FrameRequest:
    """The request as the frame sees it: its address, as a hole."""

    def __init__(self):
        self.read: set[str] = set()

    def get_full_path(self) -> str:
        return marker(PATH)

    def __getattr__(self, name):
        self.read.add(name)
        raise AttributeError(name)


class _WatchedContext(Context):
    """A context that notes the names a template looked up and did not find."""

    def __init__(self, values):
        super().__init__(values, autoescape=True)
        self.missed: set[str] = set()

    def __getitem__(self, key):
        try:
            return super().__getitem__(key)
        except KeyError:
            self.missed.add(key)
            raise

    def get(self, key, otherwise=None):
        if key not in self:
            self.missed.add(key)
        return super().get(key, otherwise)


def marker(name: str) -> str:
    return f"{OPEN}{name}&{CLOSE}"


def shape(template_name: str, values: dict) -> tuple:
    for name, value in values.items():
        if not isinstance(value, str | bool):
            raise TypeError(f"frame value {name!r} must be a string or a boolean")
    return (
        template_name,
        get_language(),
        get_urlconf(),
        get_script_prefix(),
        tuple(
            sorted(
                (name, value if isinstance(value, bool) else bool(value))
                for name, value in values.items()
            )
        ),
    )


def compile_frame(template_name: str, request, values: dict) -> Frame | None:
    """The template's frame for the shape of ``values``, or None if it cannot be one."""
    template = get_template(template_name)
    holes = {
        name: marker(name) if isinstance(value, str) and value else value
        for name, value in values.items()
    }
    stand_in = _FrameRequest()
    context = _WatchedContext({**holes, "request": stand_in})
    frame = Frame(template.template.render(context))
    engine = engines["django"].engine
    provided = {
        name for processor in engine.template_context_processors for name in processor(request)
    }
    constant = "".join(frame.parts)
    problems = [
        *(f"reads {name!r}, which differs per request" for name in context.missed & provided),
        *(f"reads request.{name}" for name in stand_in.read),
        *(
            f"shows an unknown hole {name!r}"
            for name, _escaped in frame.holes
            if name != PATH and name not in values
        ),
        *(["a filter or tag changed a hole"] if OPEN in constant or CLOSE in constant else []),
    ]
    if not problems:
        filled = frame.fill({**values, PATH: request.get_full_path()})
        if filled != template.render(values, request):
            problems.append("its text differs from the template engine's")
    if problems:
        logger.error(
            "%s is rendered node by node, not as a frame: %s", template_name, "; ".join(problems)
        )
        return None
    return frame


def render(template_name: str, request, values: dict) -> str:
    """The template rendered with ``values`` (strings and booleans) for ``request``."""
    key = shape(template_name, values)
    try:
        frame = _compiled[key]
    except KeyError:
        frame = compile_frame(template_name, request, values)
        with _lock:
            _compiled[key] = frame
    if frame is None:
        return get_template(template_name).render(values, request)
    return frame.fill({**values, PATH: request.get_full_path()})


def forget(**_ignored) -> None:
    """Drop every compiled frame (a setting, a template or a translation changed)."""
    with _lock:
        _compiled.clear()


def connect() -> None:
    setting_changed.connect(forget, dispatch_uid="frames_setting_changed")
    file_changed.connect(forget, dispatch_uid="frames_file_changed")
