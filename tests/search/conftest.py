"""The search tests use the public site's published-story helpers."""

from tests.public.conftest import seed_article  # noqa: F401 - the shared fixture
