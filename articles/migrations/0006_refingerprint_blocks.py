"""Re-fingerprint stored blocks and overrides after the SimHash shingle hash changed.

Memory lookups compare fresh fingerprints with stored ones, so every stored
value must follow the checker's current definition. Both tables keep the
block's text, which is all a fingerprint needs.
"""

from django.db import migrations

CHUNK = 2000


def refingerprint(apps, schema_editor):
    from cleaning import bands, fingerprints

    for name in ("Block", "BlockOverride"):
        model = apps.get_model("articles", name)
        last = 0
        while True:
            rows = list(model.objects.filter(pk__gt=last).order_by("pk").only("pk", "text")[:CHUNK])
            if not rows:
                break
            for row, fp in zip(rows, fingerprints([r.text for r in rows]), strict=True):
                row.fingerprint = fp
                row.band0, row.band1, row.band2, row.band3 = bands(fp)
            model.objects.bulk_update(
                rows, ["fingerprint", "band0", "band1", "band2", "band3"], batch_size=500
            )
            last = rows[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_story_render"),
    ]

    # Not reversible in meaning (the old hash is gone from the code), but harmless to
    # step back over: the previous checker re-fingerprints whatever it re-checks.
    operations = [migrations.RunPython(refingerprint, migrations.RunPython.noop)]
