import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

SEED_NAME = "000_246e21f996374ec1.txt"


def shared_dir() -> Path:
    """The one place tests locate ../shared: the settings' NEWSROOM_SHARED_DIR."""
    return Path(settings.NEWSROOM_SHARED_DIR)


def seed_path() -> Path:
    return shared_dir() / "data" / "seed" / SEED_NAME


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared data sets; tests needing them skip where they are absent."""
    path = shared_dir()
    if not (path / "data").is_dir():
        pytest.skip(f"shared data not found at {path} (set NEWSROOM_SHARED_DIR)")
    return path


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not seed_path().is_file():
        pytest.skip(f"the seed article is not at {seed_path()} (set NEWSROOM_SHARED_DIR)")
    return seed_path().read_text(encoding="utf-8")


@pytest.fixture
def seed_bytes() -> bytes:
    if not seed_path().is_file():
        pytest.skip(f"the seed article is not at {seed_path()} (set NEWSROOM_SHARED_DIR)")
    return seed_path().read_bytes()


@pytest.fixture
def plain_static(settings):
    """The live server serves static files through the finders, which know the plain names
    only: production's hashed (manifest) names in a page would 404 there."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session", autouse=True)
def _collected_static(django_db_blocker):
    """Production settings serve hashed static names, which need collectstatic first."""
    backend = settings.STORAGES["staticfiles"]["BACKEND"]
    if "Manifest" in backend:
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)


def pytest_collection_modifyitems(config, items):
    full_stack = bool(os.environ.get("DATABASE_URL") and os.environ.get("REDIS_URL"))
    has_browser = shutil.which("chromium") is not None
    for item in items:
        if "fullstack" in item.keywords and not full_stack:
            item.add_marker(pytest.mark.skip(
                reason="full-stack test: set DATABASE_URL (PostgreSQL) and REDIS_URL to run it"
            ))
        if "browser" in item.keywords and not has_browser:
            item.add_marker(pytest.mark.skip(
                reason="browser test: install Debian's chromium to run it"
            ))


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", password="a-long-test-pass-1")


@pytest.fixture
def editor_client(editor):
    from django.test import Client

    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def eager():
    """Run tasks in-process for this test, also when the suite runs against a real broker."""
    from newsroom import celery_app

    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The page cache outlives each test's database rollback; start every test empty."""
    from django.core.cache import cache

    from public.caching import forget_local

    cache.clear()
    forget_local()
    yield
