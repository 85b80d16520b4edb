"""Enqueue entity extraction, e.g. after a large KB import (decisions are kept)."""

from django.core.management.base import BaseCommand, CommandError

from articles.models import Article
from articles.workflow import send
from entities.tasks import extract_mentions_task


class Command(BaseCommand):
    help = "Queue entity extraction for the given article ids, or --all processed articles."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int)
        parser.add_argument("--all", action="store_true")
        parser.add_argument("--force", action="store_true",
                            help="Run even where nothing changed since the last extraction.")

    def handle(self, *args, **options):
        if options["all"]:
            ids = list(Article.objects.filter(processing_state=Article.Processing.DONE)
                       .values_list("pk", flat=True))
        elif options["ids"]:
            ids = options["ids"]
        else:
            raise CommandError("Give article ids or --all.")
        queued = sum(send(extract_mentions_task, pk, force=options["force"]) for pk in ids)
        self.stdout.write(f"Queued entity extraction for {queued} of {len(ids)} article(s).")
