# The stored story renders move from articles to public: state only, the table
# (articles_storyrender, created by articles 0005) and its rows stay where they are.

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('articles', '0006_refingerprint_blocks'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='StoryRender',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('language', models.CharField(max_length=16)),
                        ('head', models.TextField()),
                        ('html', models.TextField()),
                        ('item', models.TextField()),
                        ('json_ld', models.TextField()),
                        ('has_tables', models.BooleanField(default=False)),
                        ('kb_version', models.CharField(blank=True, max_length=32)),
                        ('related', models.JSONField(default=list)),
                        ('status', models.CharField(choices=[('draft', 'Draft'), ('review', 'In review'), ('scheduled', 'Scheduled'), ('published', 'Published'), ('archived', 'Archived')], max_length=16)),
                        ('published_at', models.DateTimeField(null=True)),
                        ('renderer', models.CharField(max_length=32)),
                        ('built_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='story_renders', to='articles.article')),
                    ],
                    options={
                        'verbose_name': 'stored story',
                        'verbose_name_plural': 'stored stories',
                        'db_table': 'articles_storyrender',
                        'constraints': [models.UniqueConstraint(fields=('article', 'language'), name='story_render_one_per_language')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
