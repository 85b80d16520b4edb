"""Wikidata ids become unique where set (NULL when unknown), so imports find entities again."""

import django.core.validators
from django.db import migrations, models


def blanks_to_null(apps, schema_editor):
    Entity = apps.get_model("entities", "Entity")
    Entity.objects.filter(wikidata="").update(wikidata=None)


class Migration(migrations.Migration):

    dependencies = [
        ("entities", "0004_public_indexes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="entity",
            name="wikidata",
            field=models.CharField(blank=True, max_length=20, null=True,
                                   verbose_name="Wikidata QID"),
        ),
        migrations.RunPython(blanks_to_null, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="entity",
            name="wikidata",
            field=models.CharField(
                blank=True, max_length=20, null=True, unique=True,
                validators=[django.core.validators.RegexValidator(
                    "^Q[1-9]\\d*$", "A Wikidata id looks like Q95.")],
                verbose_name="Wikidata QID",
            ),
        ),
    ]
