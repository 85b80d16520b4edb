import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


def create_gin_index(apps, schema_editor):
    # GIN exists only on PostgreSQL; SQLite searches the token string instead.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS search_doc_vector_gin "
            "ON search_searchdocument USING gin (vector)"
        )


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_doc_vector_gin")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("articles", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("article", models.OneToOneField(
                    on_delete=django.db.models.deletion.CASCADE, primary_key=True,
                    related_name="search_document", serialize=False, to="articles.article")),
                ("title", models.CharField(max_length=300, verbose_name="title")),
                ("body", models.TextField(blank=True, verbose_name="story text")),
                ("tokens", models.TextField(blank=True, verbose_name="tokens")),
                ("title_tokens", models.TextField(blank=True, verbose_name="title tokens")),
                ("vector", django.contrib.postgres.search.SearchVectorField(
                    editable=False, null=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "search document",
                "verbose_name_plural": "search documents",
            },
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name="searchdocument",
                    index=django.contrib.postgres.indexes.GinIndex(
                        fields=["vector"], name="search_doc_vector_gin"),
                ),
            ],
            database_operations=[migrations.RunPython(create_gin_index, drop_gin_index)],
        ),
    ]
