from django.core.management.base import BaseCommand

from ingest.models import Feed
from ingest.polling import poll_feed


class Command(BaseCommand):
    help = ("Poll feeds now, in this process, and print what each found, imported, "
            "skipped and failed. Safe to run any time: items are imported once.")

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--due", action="store_true",
                           help="only feeds whose next poll has come (the default)")
        which.add_argument("--all", action="store_true",
                           help="every enabled feed of an unpaused source, due or not")

    def handle(self, *args, due, all, **options):
        feeds = Feed.objects.active() if all else Feed.objects.due()
        totals = dict.fromkeys(("found", "imported", "duplicates", "skipped", "failed"), 0)
        for feed in feeds.select_related("source").order_by("pk"):
            report = poll_feed(feed.pk, force=all)
            for key in totals:
                totals[key] += getattr(report, key)
            line = (f"{feed.source.name} {feed.url}: {report.outcome}; found {report.found}, "
                    f"imported {report.imported}, skipped {report.duplicates + report.skipped}"
                    f" ({report.duplicates} duplicate), failed {report.failed}")
            if report.error:
                line += f" — {report.error}"
            self.stdout.write(line)
        self.stdout.write(
            f"total: found {totals['found']}, imported {totals['imported']}, "
            f"skipped {totals['duplicates'] + totals['skipped']} "
            f"({totals['duplicates']} duplicate), failed {totals['failed']}"
        )
