"""Every article already checked gets its story body, made from its verdicts as the
checker run would make it (not edited: later runs may still rebuild it)."""

from django.db import migrations


def make_bodies(apps, schema_editor):
    from body.build import rows_from_blocks

    Article = apps.get_model("articles", "Article")
    Block = apps.get_model("articles", "Block")
    StoryBody = apps.get_model("body", "StoryBody")
    StoryBlock = apps.get_model("body", "StoryBlock")
    DataTable = apps.get_model("datatables", "DataTable")
    have = set(StoryBody.objects.values_list("article_id", flat=True))
    ids = Article.objects.filter(blocks__isnull=False).values_list("pk", flat=True).distinct()
    for article_id in ids.iterator():
        if article_id in have:
            continue
        blocks = list(Block.objects.filter(article_id=article_id).order_by("index")
                      .only("index", "kind", "text", "meta"))
        rows = rows_from_blocks(blocks)
        tables = dict(DataTable.objects.filter(article_id=article_id, position__isnull=False)
                      .values_list("position", "pk"))
        StoryBlock.objects.bulk_create([
            StoryBlock(article_id=article_id, position=n, key=row["key"], kind=row["kind"],
                       text=row["text"], caption=row["caption"][:500],
                       credit=row["credit"][:200], source_index=row["source_index"],
                       table_id=tables.get(row["source_index"]) if row["kind"] == "table"
                       else None)
            for n, row in enumerate(rows)
        ])
        StoryBody.objects.create(
            article_id=article_id, next_key=max(b.index for b in blocks) + 1,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("body", "0001_initial"),
    ]

    operations = [migrations.RunPython(make_bodies, migrations.RunPython.noop)]
