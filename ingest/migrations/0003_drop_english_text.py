"""The English text columns go; the code-and-parameters ones take their names."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("ingest", "0002_sentences_by_code"),
    ]

    operations = [
        migrations.RemoveField(model_name="feed", name="last_error"),
        migrations.RemoveField(model_name="feeditem", name="error"),
        migrations.RemoveField(model_name="feeditem", name="duplicate_reason"),
        migrations.RenameField(model_name="feed", old_name="last_error_code",
                               new_name="last_error"),
        migrations.RenameField(model_name="feeditem", old_name="error_code", new_name="error"),
        migrations.RenameField(model_name="feeditem", old_name="duplicate_reason_code",
                               new_name="duplicate_reason"),
    ]
