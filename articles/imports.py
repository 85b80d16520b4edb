"""Bringing an article in from a file or a pasted text.

Everything is checked before anything is written: an import either creates
one article with its raw body exactly as received, or nothing at all.
"""

from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext

import cleaning
from articles.audit import record
from articles.models import Article, Section, Source
from articles.workflow import enqueue_processing, save_revision


class ImportRefused(ValueError):
    """An import that cannot be accepted; the message is meant for the editor."""


@dataclass(frozen=True)
class Decoded:
    text: str
    format: str
    encoding: str
    original: bytes | None  # the exact bytes, kept when they are not the UTF-8 of text


def safe_filename(name: str) -> str:
    """The bare file name of an upload: path parts dropped, control characters refused.

    Django's multipart parser already strips directories; this also covers names
    that reach an import another way. Nothing is ever written under this name.
    """
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        raise ImportRefused("The file name contains control characters; rename the file.")
    bare = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    if bare in {"", ".", ".."}:
        raise ImportRefused("The file has no usable name; rename it to something like story.txt.")
    return bare[:255]


def guess_format(filename: str, data: bytes) -> str:
    suffix = PurePath(filename).suffix.lower()
    if suffix in {".html", ".htm", ".xhtml"}:
        return Article.Format.HTML
    if suffix in {".txt", ".text", ".md", ""}:
        head = data[:2048].lstrip().lower()
        if head.startswith((b"<!doctype html", b"<html", b"<text ")):
            return Article.Format.HTML
        return Article.Format.TEXT
    raise ImportRefused(
        f"“{PurePath(filename).name}” is not a .txt or .html file; "
        "only plain text and HTML articles can be imported."
    )


def decode_upload(data: bytes, fmt: str) -> Decoded:
    limit = settings.NEWSROOM_MAX_IMPORT_BYTES
    if len(data) > limit:
        raise ImportRefused(
            f"The file is {len(data) / 1_048_576:.1f} MB; the limit is {limit / 1_048_576:.1f} MB."
        )
    if not data.strip():
        raise ImportRefused("The file is empty.")
    try:
        text = cleaning.decode(data, fmt)
    except cleaning.InputError as error:
        raise ImportRefused(str(error)) from error
    if not text.strip():
        raise ImportRefused("The file holds no text.")
    utf8 = text.encode("utf-8")
    encoding = "utf-8" if utf8 == data else "converted"
    return Decoded(text=text, format=fmt, encoding=encoding,
                   original=None if utf8 == data else data)


def import_article(
    data: bytes | str,
    *,
    title: str,
    filename: str = "",
    fmt: str | None = None,
    source: Source | str | None = None,
    section: Section | str | None = None,
    language: str = Article.Language.ZH,
    source_url: str = "",
    byline: str = "",
    user=None,
) -> Article:
    """Create an article from an upload or a paste and enqueue its processing."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not title.strip():
        raise ImportRefused("An article needs a title.")
    fmt = fmt or guess_format(safe_filename(filename or "pasted.txt"), data)
    decoded = decode_upload(data, fmt)
    with transaction.atomic():
        if isinstance(source, str):
            name = source.strip()
            source = Source.objects.get_or_create(name=name)[0] if name else None
        if isinstance(section, str):
            section = (
                Section.objects.get_or_create(name=section.strip())[0] if section.strip() else None
            )
        article = Article.objects.create(
            title=title.strip(),
            source=source,
            section=section,
            language=language,
            source_url=source_url,
            byline=byline,
            raw_body=decoded.text,
            raw_format=decoded.format,
            raw_encoding=decoded.encoding,
            raw_original=decoded.original,
            created_by=user if user is not None and user.is_authenticated else None,
        )
        enqueue_processing(article)
    return article


def import_by_editor(data: bytes | str, *, user, filename: str = "", **fields) -> Article:
    """An editor's import (the admin's form, the API): the article, its first revision
    and the audit entry, all or nothing."""
    with transaction.atomic():
        article = import_article(data, filename=filename, user=user, **fields)
        save_revision(article, user, gettext("Imported"))
        record(user, "import", article, filename=filename)
    return article
