"""Bringing an article in from a file or a pasted text.

Everything is checked before anything is written: an import either creates
one article with its raw body exactly as received, or nothing at all. A refusal
is a sentence by code (``REFUSALS``), said in the reader's language where it is
shown: the editor's at once, or later when a worker (a feed poll) stored it.
"""

from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

import cleaning
from articles.audit import record
from articles.models import Article, Section, Source
from articles.workflow import enqueue_processing, save_revision
from phrasebook import Refusal, gettext_noop

REFUSALS = {
    "control-characters": gettext_noop(
        "The file name contains control characters; rename the file."),
    "no-usable-name": gettext_noop(
        "The file has no usable name; rename it to something like story.txt."),
    "not-text-or-html": gettext_noop(
        "“%(name)s” is not a .txt or .html file; only plain text and HTML articles can be "
        "imported."),
    "file-too-big": gettext_noop("The file is %(size).1f MB; the limit is %(limit).1f MB."),
    "empty-file": gettext_noop("The file is empty."),
    "no-text": gettext_noop("The file holds no text."),
    "no-title": gettext_noop("An article needs a title."),
}


class ImportRefused(Refusal):
    """An import that cannot be accepted: ``str()`` is the English, ``say_message``
    the editor's language. Made by code (``refusal``), from the decoder's reason, or
    from a validation error's text."""


def refusal(code: str, /, **params: object) -> ImportRefused:
    return ImportRefused(REFUSALS[code], **params)


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
        raise refusal("control-characters")
    bare = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    if bare in {"", ".", ".."}:
        raise refusal("no-usable-name")
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
    raise refusal("not-text-or-html", name=PurePath(filename).name)


# PostgreSQL text cannot hold NUL. A few stray NULs in a text are residue for the
# checker, not a reason to refuse it: the stored text shows each as this symbol (one
# character for one, so block offsets still match) and the exact bytes are kept.
NUL_SHOWN_AS = "\u2400"  # ␀ SYMBOL FOR NULL


def decode_upload(data: bytes, fmt: str) -> Decoded:
    limit = settings.NEWSROOM_MAX_IMPORT_BYTES
    if len(data) > limit:
        raise refusal("file-too-big", size=len(data) / 1_048_576, limit=limit / 1_048_576)
    if not data.strip():
        raise refusal("empty-file")
    try:
        text = cleaning.decode(data, fmt)
    except cleaning.InputError as error:
        reason = error.args[0]  # a cleaning.Reason: its code is stored, not its English
        raise ImportRefused(reason.msgid, **reason.params) from error
    if not text.strip():
        raise refusal("no-text")
    text = text.replace("\x00", NUL_SHOWN_AS)
    utf8 = text.encode("utf-8")
    encoding = "utf-8" if utf8 == data else "converted"
    return Decoded(text=text, format=fmt, encoding=encoding,
                   original=None if utf8 == data else data)


def refused(error: ValidationError) -> ImportRefused:
    """A model validation error as one message naming each field."""
    if not hasattr(error, "error_dict"):
        return ImportRefused(" ".join(error.messages))
    parts = []
    for name, errors in error.message_dict.items():
        try:
            label = str(Article._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            label = name
        parts.append(f"{label}: {' '.join(errors)}")
    return ImportRefused(" ".join(parts))


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
        raise refusal("no-title")
    fmt = fmt or guess_format(safe_filename(filename or "pasted.txt"), data)
    decoded = decode_upload(data, fmt)
    source_name = source.strip() if isinstance(source, str) else None
    section_name = section.strip() if isinstance(section, str) else None
    for model, name in ((Source, source_name), (Section, section_name)):
        if name:
            try:
                model(name=name).clean_fields(exclude=["slug"])
                model(name=name).clean()
            except ValidationError as error:
                raise refused(error) from error
    article = Article(
        title=title.strip(),
        source=None if isinstance(source, str) else source,
        section=None if isinstance(section, str) else section,
        language=language,
        source_url=source_url.strip(),
        byline=byline.strip(),
        raw_body=decoded.text,
        raw_format=decoded.format,
        raw_encoding=decoded.encoding,
        raw_original=decoded.original,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    try:  # the same checks as the admin form's, for every way in
        article.full_clean(exclude=["slug", "source", "section", "raw_sha256"],
                           validate_unique=False)
    except ValidationError as error:
        raise refused(error) from error
    with transaction.atomic():
        if source_name is not None:
            article.source = (Source.objects.get_or_create(name=source_name)[0]
                              if source_name else None)
        if section_name is not None:
            article.section = (Section.objects.get_or_create(name=section_name)[0]
                               if section_name else None)
        article.save()
        save_revision(article, article.created_by, _("Imported"))
        enqueue_processing(article)
    return article


def import_by_editor(data: bytes | str, *, user, filename: str = "", **fields) -> Article:
    """An editor's import (the admin's form, the API): the article with its first
    revision (``import_article``) and the audit entry, all or nothing."""
    with transaction.atomic():
        article = import_article(data, filename=filename, user=user, **fields)
        record(user, "import", article, filename=filename)
    return article
