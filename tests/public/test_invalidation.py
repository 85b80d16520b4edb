"""The invalidation registry (public/invalidation.py) covers what the pages show."""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template.backends.django import get_installed_libraries
from django.template.loader import get_template

from public.invalidation import NOT_SHOWN, RENDERER_FILES, SHOWN, STORED_TEMPLATES

TAG = re.compile(r"{%\s*(include|extends)\s+[\"']([^\"']+)[\"']")
LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")
INCLUSION = re.compile(r"inclusion_tag\(\s*[\"']([^\"']+)[\"']")
# Apps whose models a public page may show.
READ_APPS = ("articles", "entities", "datatables", "search", "public", "body", "images")


def project_path(path: str) -> str | None:
    """The path relative to the project, or None for Django's and libraries' files."""
    base = Path(settings.BASE_DIR).resolve()
    if "site-packages" in Path(path).parts:  # Django's own (its version is fingerprinted)
        return None
    try:
        return str(Path(path).resolve().relative_to(base))
    except ValueError:
        return None


def files_behind(template_names) -> set[str]:
    """Every project template and template tag library the templates reach."""
    libraries = get_installed_libraries()
    seen: set[str] = set()
    todo = list(template_names)
    while todo:
        template = get_template(todo.pop())
        path = project_path(template.origin.name)
        if path is None or path in seen:
            continue
        seen.add(path)
        source = Path(template.origin.name).read_text()
        todo += [name for _tag, name in TAG.findall(source)]
        for names in LOAD.findall(source):
            for name in names.split():
                module = __import__(libraries[name], fromlist=["register"])
                library = project_path(module.__file__)
                if library is None or library in seen:
                    continue
                seen.add(library)
                todo += INCLUSION.findall(Path(module.__file__).read_text())
    return seen


def test_every_template_and_tag_library_behind_a_stored_page_is_a_renderer_file():
    reached = files_behind(STORED_TEMPLATES)
    assert "public/templates/articles/_body.html" in reached  # the walk follows includes
    assert "datatables/templates/datatables/table.html" in reached  # and inclusion tags
    assert reached - set(RENDERER_FILES) == set()


def test_every_renderer_file_exists():
    base = Path(settings.BASE_DIR)
    assert [name for name in RENDERER_FILES if not (base / name).is_file()] == []


def test_every_model_of_the_apps_pages_read_is_declared_shown_or_not():
    shown = {rule.model for rule in SHOWN}
    assert shown.isdisjoint(NOT_SHOWN)
    declared = shown | set(NOT_SHOWN)
    models = {model._meta.label for label in READ_APPS
              for model in apps.get_app_config(label).get_models()}
    assert models - declared == set(), "say in public/invalidation.py what pages show it"
    assert declared - models == set(), "an entry names a model that does not exist"
