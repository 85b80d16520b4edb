from django.db import migrations


def create_row(apps, schema_editor):
    """The single version row the matcher caches are keyed by."""
    KnowledgeBaseVersion = apps.get_model("entities", "KnowledgeBaseVersion")
    KnowledgeBaseVersion.objects.get_or_create(pk=1, defaults={"version": 0, "token": "initial"})


class Migration(migrations.Migration):

    dependencies = [
        ("entities", "0002_kb_version_extraction_offsets"),
    ]

    operations = [
        migrations.RunPython(create_row, migrations.RunPython.noop),
    ]
