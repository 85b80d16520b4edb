"""Real celery processes bound to the test database; any variable (DATABASE_URL too,
e.g. to set an application_name) can be overridden per process."""

from tests.fullstack.conftest import celery_procs  # noqa: F401 - the shared fixture
