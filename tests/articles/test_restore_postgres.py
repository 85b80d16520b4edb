"""Restoring a revision on PostgreSQL in autocommit, as a request or a task runs it.

pytest-django's per-test transaction hides a ``select_for_update()`` made outside
``atomic()`` (it is inside the test's); here the test runs without one.
"""

import pytest
from django.conf import settings

from articles.imports import import_article
from articles.workflow import bump_version, restore_revision, save_revision

pytestmark = [
    pytest.mark.fullstack,
    pytest.mark.skipif("postgresql" not in settings.DATABASES["default"]["ENGINE"],
                       reason="row locks: PostgreSQL only"),
]


@pytest.mark.django_db(transaction=True)
def test_restore_revision_locks_the_article_inside_its_transaction(django_user_model):
    editor = django_user_model.objects.create_superuser("restorer", password="pw-Long-1-x")
    article = import_article("第一段:国产芯片正在追赶。\n", title="第一版")
    first = article.revisions.order_by("number").first() or save_revision(article, editor)
    assert bump_version(article, article.version)
    article.title = "第二版"
    article.save()
    kept = article.revisions.count()
    restored = restore_revision(first, editor)
    restored.refresh_from_db()
    assert restored.title == "第一版"
    assert restored.revisions.count() == kept + 1  # the restore is a revision of its own
