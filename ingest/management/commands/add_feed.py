from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator

from articles.models import Source
from ingest.models import Feed


class Command(BaseCommand):
    help = "Add a feed to a source (created if needed); running it again updates the feed."

    def add_arguments(self, parser):
        parser.add_argument("source", help="the source's name")
        parser.add_argument("url", help="the feed's address")
        parser.add_argument("--kind", choices=Feed.Kind.values, default=Feed.Kind.RSS)
        parser.add_argument("--every", type=int, default=30, metavar="MINUTES",
                            help="poll interval in minutes (default 30)")
        parser.add_argument("--mode", choices=Feed.Mode.values, default=Feed.Mode.PAGE,
                            help="page: import each item's page; content: the feed's content")

    def handle(self, *args, source, url, kind, every, mode, **options):
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError as error:
            raise CommandError(f"{url!r} is not an http(s) address.") from error
        if every < 1:
            raise CommandError("--every must be at least 1 minute.")
        if kind == Feed.Kind.SITEMAP and mode == Feed.Mode.CONTENT:
            raise CommandError("A sitemap lists addresses only: use --mode page.")
        name = source.strip()
        if not name:
            raise CommandError("The source needs a name.")
        src, made_source = Source.objects.get_or_create(name=name)
        feed, made = Feed.objects.update_or_create(
            source=src, url=url, defaults={"kind": kind, "every": every, "mode": mode},
        )
        verb = "added" if made else "updated"
        self.stdout.write(f"{verb} feed {feed.pk} ({kind}, every {every} min, {mode}) on "
                          f"{'new ' if made_source else ''}source {src.name!r}")
