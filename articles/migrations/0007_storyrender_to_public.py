# StoryRender now belongs to the public app (public 0001): drop it from articles'
# state only; the table and its rows are kept and used by public.StoryRender.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0006_refingerprint_blocks'),
        ('public', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='StoryRender')],
            database_operations=[],
        ),
    ]
