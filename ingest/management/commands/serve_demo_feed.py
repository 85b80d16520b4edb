import time

from django.core.management.base import BaseCommand

from articles.models import Source
from ingest.demo import DemoOutlets
from ingest.models import Feed
from ingest.polling import poll_feed


class Command(BaseCommand):
    help = ("Serve two demo outlets (an RSS wire, a JSON Feed aggregator that republishes "
            "one of its stories) on 127.0.0.1, add their feeds and poll them every few "
            "seconds: items arrive in the review queue, the republished copy is linked.")

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=0, help="default: a free port")
        parser.add_argument("--drip", type=float, default=20.0,
                            help="seconds between two stories appearing in the feed")
        parser.add_argument("--poll-every", type=float, default=10.0,
                            help="seconds between polls; 0 leaves polling to celery beat")
        parser.add_argument("--duration", type=float, default=0.0,
                            help="stop after this many seconds (default: until Ctrl-C)")

    def handle(self, *args, port, drip, poll_every, duration, **options):
        outlets = DemoOutlets(port=port, drip=drip).start()
        self.stdout.write(f"demo outlets on {outlets.base}/ (wire: {outlets.wire_url})")
        feeds = [
            self.add("Demo Wire", outlets.wire_url, Feed.Kind.RSS),
            self.add("Demo Aggregator", outlets.aggregator_url, Feed.Kind.JSON),
        ]
        self.stdout.write("review queue: http://127.0.0.1:8000/admin/articles/article/"
                          "?status__exact=review&ingested=yes   feeds: /admin/ingest/feed/")
        stop_at = time.monotonic() + duration if duration else None
        try:
            while stop_at is None or time.monotonic() < stop_at:
                if poll_every > 0:
                    for feed in feeds:
                        report = poll_feed(feed.pk, force=True)
                        self.stdout.write(
                            f"{feed.source.name}: {report.outcome}; found {report.found}, "
                            f"imported {report.imported}, duplicates linked "
                            f"{report.duplicates}, skipped {report.skipped}, failed {report.failed}"
                            + (f" — {report.error}" if report.error else ""))
                time.sleep(poll_every if poll_every > 0 else 1.0)
        except KeyboardInterrupt:
            pass
        finally:
            outlets.stop()

    def add(self, name: str, url: str, kind: str) -> Feed:
        """One demo feed per source: a restart on another port moves it, keeping its items."""
        source, _ = Source.objects.get_or_create(name=name)
        feed = Feed.objects.filter(source=source, kind=kind).order_by("pk").first()
        if feed is None:
            feed = Feed.objects.create(source=source, url=url, kind=kind, every=1)
        else:
            Feed.objects.filter(pk=feed.pk).update(url=url, enabled=True, etag="",
                                                   last_modified="")
            feed.refresh_from_db()
        return feed
