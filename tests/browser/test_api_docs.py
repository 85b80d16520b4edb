"""The API's Swagger UI, from our own static files, renders the operations."""

import re

import pytest

from tests.browser.test_pages import dump_dom

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _plain_static_names(settings):
    """The live server serves static files from the apps (finders), which know nothing
    of the manifest's hashed names that production settings put in the pages."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def test_api_docs_render_the_operations(live_server):
    dom = dump_dom(live_server.url + "/api/v1/docs/")
    assert "Newsroom API" in dom
    for operation in ("/api/v1/articles/", "/api/v1/articles/{id}/", "/api/v1/search/",
                      "/api/v1/staff/articles/{id}/transition/"):
        assert f'data-path="{operation}"' in dom, operation
    assets = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', dom)
    assert assets and all(url.startswith(("/", live_server.url)) for url in assets), assets
