"""Public-site indexes on mentions (owned by the public-site work; database only).

``mention_linkable_entity_article`` holds exactly the mentions readers see as links
(``MentionQuerySet.linkable()``), by entity then article. It serves "stories about
this entity" (entity page, entity filter and feed) and the per-entity probes of
related stories, newest first, without touching rejected or weak suggestions.

Created on PostgreSQL only (SQLite databases are small) and kept out of the model
state, so ``entities/models.py`` stays as it is and makemigrations sees no change.
"""

from django.db import migrations

NAME = "mention_linkable_entity_article"
CREATE = (
    f"CREATE INDEX IF NOT EXISTS {NAME} ON entities_mention (entity_id, article_id) "
    "WHERE entity_id IS NOT NULL AND (status = 'confirmed' OR "
    "(confidence >= 0.9 AND origin = 'kb' AND status = 'suggested'))"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):

    dependencies = [
        ("entities", "0003_kb_version_row"),
    ]

    operations = [
        migrations.RunPython(create, drop),
    ]
