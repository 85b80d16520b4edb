from django.db import migrations

from desk.roles import create_roles


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0001_initial"),
        ("articles", "0002_workflow"),
        ("entities", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
