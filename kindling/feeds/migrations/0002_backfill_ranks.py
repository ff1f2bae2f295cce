"""Give posts published before the feeds app existed a stored rank, so For You isn't empty after upgrade."""

from django.db import migrations


def backfill(apps, schema_editor):
    # Uses the live service on purpose: the rank formula is code, not schema. Later schema changes to
    # PostRank must keep this runnable or replace it with a no-op (refresh-ranks does the same job).
    from kindling.feeds.services import ranks_refresh_all

    ranks_refresh_all()


class Migration(migrations.Migration):
    dependencies = [("feeds", "0001_initial")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
