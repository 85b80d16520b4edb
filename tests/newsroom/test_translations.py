"""The Chinese catalogues against the code: every msgid the code uses is translated,
reviewed (nothing fuzzy) and compiled, and nothing else is in them.

Editors work in Simplified Chinese; a msgid the catalogue lacks shows in English, and
a hand-added entry whose msgid differs by a character from the code's never applies.
The only judge of which msgids the code uses is makemessages itself, so it runs here
(over a copy of the catalogues, as ``make messages`` would) rather than a regex. The
.po files are read with a few lines of stdlib; the gettext tools makemessages needs
anyway compile them.
"""

import gettext
import json
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

LOCALE = Path(settings.BASE_DIR) / "locale"
CHINESE = "zh_Hans"
DOMAINS = ("django", "djangojs")


def ignored_by_make_messages() -> list[str]:
    """The -i patterns of `make messages`: the Makefile states them once."""
    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text(encoding="utf-8")
    return re.findall(r'-i "([^"]+)"', re.search(r"^MESSAGES_IGNORE :=(.*)$", makefile, re.M)[1])

pytestmark = pytest.mark.skipif(shutil.which("msgfmt") is None,
                                reason="GNU gettext tools (msgfmt, xgettext) are not installed")


def test_the_catalogues_are_those_make_messages_keeps():
    """Only the -l locales of `make messages` have a catalogue: English needs none (its
    text is the msgids), and one nobody regenerates drifts from the code unseen."""
    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text(encoding="utf-8")
    target = re.search(r"^messages:.*?(?=^\S|\Z)", makefile, re.M | re.S)[0]
    kept = set(re.findall(r"-l (\w+)", target))
    assert kept == {CHINESE}
    assert {path.name for path in LOCALE.iterdir() if path.is_dir()} == kept


def _unquote(line: str) -> str:
    body = line.strip()[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), body)


def read_po(path: Path) -> list[dict]:
    """Entries as {"flags", "msgid", "msgid_plural"?, "msgstr" | "msgstr[n]"...}, the
    header (msgid "") first; obsolete (#~) entries are left out."""
    entries: list[dict] = []
    entry: dict = {}
    key = None
    for line in path.read_text(encoding="utf-8").splitlines():
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].lstrip()
        starts = line.startswith(("#", "msgctxt ", "msgid "))
        if starts and (not entries or any(k.startswith("msgstr") for k in entry)):
            entry, key = {"flags": set()}, None
            entries.append(entry)
        entry["obsolete"] = entry.get("obsolete") or obsolete
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif match := re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (\".*\")$",
                               line):
            key = match[1]
            entry[key] = _unquote(match[2])
        elif line.startswith('"') and key:
            entry[key] += _unquote(line)
    return [e for e in entries if "msgid" in e and not e["obsolete"]]


def _key(entry: dict) -> tuple:
    return entry.get("msgctxt"), entry["msgid"], entry.get("msgid_plural")


def _translations(entry: dict) -> list[tuple[str, str]]:
    """(source, translation) pairs: a plural form is checked against the plural msgid."""
    if "msgid_plural" not in entry:
        return [(entry["msgid"], entry.get("msgstr", ""))]
    return [(entry["msgid_plural"], value) for key, value in sorted(entry.items())
            if key.startswith("msgstr[")]


def committed(domain: str) -> Path:
    return LOCALE / CHINESE / "LC_MESSAGES" / f"{domain}.po"


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    """The catalogues as makemessages leaves them, run over the code through symlinks
    into a scratch tree that holds a copy of locale/ (the committed files stay as they
    are): {domain: entries}."""
    tree = tmp_path_factory.mktemp("messages")
    for entry in Path(settings.BASE_DIR).iterdir():
        if entry.name != "locale" and not entry.name.startswith("."):
            (tree / entry.name).symlink_to(entry)
    shutil.copytree(LOCALE, tree / "locale")
    previous = Path.cwd()
    os.chdir(tree)  # makemessages reads the tree it is run in
    try:
        with override_settings(LOCALE_PATHS=[tree / "locale"]):
            for domain in DOMAINS:
                call_command("makemessages", locale=[CHINESE], domain=domain, symlinks=True,
                             ignore_patterns=ignored_by_make_messages(), verbosity=0)
    finally:
        os.chdir(previous)
    return {domain: read_po(tree / "locale" / CHINESE / "LC_MESSAGES" / f"{domain}.po")
            for domain in DOMAINS}


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_catalogue_holds_exactly_the_msgids_the_code_uses(regenerated, domain):
    ours = {_key(e) for e in read_po(committed(domain))}
    code = {_key(e) for e in regenerated[domain]}
    assert not code - ours, ("used by the code, missing from the catalogue "
                             "(run `make messages`, then translate)", sorted(code - ours)[:10])
    assert not ours - code, ("in the catalogue, used nowhere in the code: a msgid that does "
                             "not match the code's exactly never applies", sorted(ours - code)[:10])


@pytest.mark.parametrize("domain", DOMAINS)
def test_makemessages_leaves_nothing_to_translate(regenerated, domain):
    """What makemessages would merge in is translated and reviewed already."""
    left = [e["msgid"] for e in regenerated[domain] if e["msgid"] and (
        "fuzzy" in e["flags"] or not all(text for _, text in _translations(e)))]
    assert not left, left[:10]


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_entry_is_translated_and_reviewed(domain):
    entries = read_po(committed(domain))
    header = entries[0]
    assert header["msgid"] == "" and "fuzzy" not in header["flags"], "a fuzzy header is skipped"
    assert "Plural-Forms: nplurals=1; plural=0;" in header["msgstr"]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert not fuzzy, ("makemessages' guesses, not reviewed", fuzzy[:10])
    empty = [e["msgid"] for e in entries[1:] if not all(t for _, t in _translations(e))]
    assert not empty, empty[:10]
    # Chinese has one plural form: exactly msgstr[0], used for every count.
    plurals = [e for e in entries if "msgid_plural" in e]
    assert all({k for k in e if k.startswith("msgstr")} == {"msgstr[0]"} for e in plurals)


PRINTF = re.compile(r"%(?:\([^)]*\))?[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrs%]")
BRACES = re.compile(r"\{[^{}]*\}")
TAG = re.compile(r"</?[A-Za-z][^<>]*>")


@pytest.mark.parametrize("domain", DOMAINS)
def test_placeholders_and_markup_match_the_msgid(domain):
    """A translation that drops or renames a placeholder raises or shows the wrong
    value at run time; one that changes a tag changes the markup."""
    wrong = []
    for entry in read_po(committed(domain))[1:]:
        formatted = any(flag.endswith("-format") and not flag.startswith("no-")
                        for flag in entry["flags"])
        for source, text in _translations(entry):
            patterns = [BRACES, TAG] + ([PRINTF] if formatted else [])
            for pattern in patterns:
                if Counter(pattern.findall(source)) != Counter(pattern.findall(text)):
                    wrong.append((source, text))
    assert not wrong, wrong[:5]


HAN = r"[\u3400-\u9fff“”]"
HALF_WIDTH = re.compile(rf"(?<={HAN})[,:;?!()\"]|[,:;?!()\"](?={HAN})")


@pytest.mark.parametrize("domain", DOMAINS)
def test_chinese_text_uses_full_width_punctuation(domain):
    """，：；？！（）“” next to Chinese characters. Text the translation quotes from the
    msgid itself (an example such as 北(bei)京(jing)) keeps its own punctuation."""
    wrong = []
    for entry in read_po(committed(domain))[1:]:
        for source, text in _translations(entry):
            for match in HALF_WIDTH.finditer(text):
                around = text[max(0, match.start() - 1):match.end() + 1]
                if around not in source:
                    wrong.append((text, around))
    assert not wrong, wrong[:10]


def _catalogue(mo: Path) -> dict:
    with mo.open("rb") as handle:
        return gettext.GNUTranslations(handle)._catalog


@pytest.mark.parametrize("po", sorted(LOCALE.glob("*/LC_MESSAGES/*.po")),
                         ids=lambda path: f"{path.parts[-3]}/{path.name}")
def test_each_mo_is_compiled_from_its_po(po, tmp_path):
    """Django reads the .mo: a .po edited but not compiled changes nothing editors see.
    msgfmt --check also checks the header and every format string."""
    fresh = tmp_path / "fresh.mo"
    run = subprocess.run(["msgfmt", "--check", "-o", fresh, po], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert _catalogue(po.with_suffix(".mo")) == _catalogue(fresh), (
        f"{po.with_suffix('.mo')} is stale: run `make messages`")


def test_the_admin_script_catalogue_serves_ours(admin_client):
    """editor.js and grid.js (and the admin's own scripts) take their labels from
    admin:jsi18n, which merges LOCALE_PATHS' djangojs catalogues into the admin's own."""
    admin_client.cookies["django_language"] = "zh-hans"
    script = admin_client.get(reverse("admin:jsi18n")).content.decode()
    # the editor's and the grid's own labels, and SelectFilter2's (user permissions)
    # that Django's zh_Hans catalogue lacks (desk/django_strings.js)
    for label in ("在末尾添加文本块", "添加一行", "选择全部%s", "删除选中的%s", "（点击清除）"):
        assert json.dumps(label) in script or label in script, label


@pytest.mark.parametrize("app", ["ingest", "datatables"])
def test_every_field_label_of_the_feed_and_table_admin_is_chinese(app):
    """A field with no verbose_name shows its English attribute name ("Etag", "Edited by")
    on the admin pages the editors use, whatever their language."""
    from django.contrib import admin
    from django.utils import translation

    models = [model for model in admin.site._registry if model._meta.app_label == app]
    assert models
    english = []
    with translation.override("zh-hans"):
        for model in models:
            for field in model._meta.get_fields():
                if field.concrete and not field.auto_created:
                    label = str(field.verbose_name)
                    if not re.search(HAN, label):
                        english.append(f"{model.__name__}.{field.name}: {label}")
    assert not english, english
