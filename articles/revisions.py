"""Comparing revisions of an article's editable fields, for the admin's diff view."""

import difflib
from datetime import UTC, datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime


def field_diffs(old: dict, new: dict) -> list[dict]:
    """Per changed field, a line diff (word-level would split Chinese badly)."""
    out = []
    for name in sorted(set(old) | set(new)):
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        before_lines = str(before if before is not None else "").splitlines() or [""]
        after_lines = str(after if after is not None else "").splitlines() or [""]
        lines = list(difflib.unified_diff(before_lines, after_lines, lineterm="", n=2))[2:]
        out.append({"field": name, "before": before, "after": after, "lines": lines})
    return out


def parse_local_datetime(value: str) -> datetime | None:
    """A `datetime-local` input, read in the site's time zone; None when it is no time
    the database can store: not a date ("2026-02-30" is well formed but no day, and
    parse_datetime raises for it) or one whose UTC falls outside years 1-9999."""
    try:
        parsed = parse_datetime(value)
        if parsed is None:
            return None
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed)
        parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
    return parsed


# --- Parts of a revision kept by later apps ----------------------------------------
# A later app (the story body) keeps its own part of an article in each revision
# without articles importing it: it registers an object with ``snapshot(article)``,
# ``restore(article, value, user)``, ``diff(old, new)`` (a list for ``template``) and
# ``template`` in its ready().

PARTS: dict = {}


def register_part(name: str, part) -> None:
    PARTS[name] = part


def snapshot(article) -> dict:
    """All a revision keeps: the article's own snapshot and every registered part."""
    return {**article.snapshot(),
            **{name: part.snapshot(article) for name, part in PARTS.items()}}


def part_diffs(old: dict, new: dict) -> list[dict]:
    return [
        {"name": name, "template": part.template,
         "changes": part.diff(old.get(name) or [], new.get(name) or [])}
        for name, part in PARTS.items() if name in old or name in new
    ]


def field_data(data: dict) -> dict:
    return {k: v for k, v in data.items() if k not in PARTS}
