"""The full-stack fixtures (real celery processes bound to the test database)."""

from tests.fullstack.conftest import celery_procs  # noqa: F401 - a fixture, used by name
