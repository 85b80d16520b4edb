from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.imports import ImportRefused, import_article
from articles.models import Article


class Command(BaseCommand):
    help = "Import a .txt or .html article file; its processing is queued like an admin import."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--title", required=True)
        parser.add_argument("--source", default="")
        parser.add_argument("--section", default="")
        parser.add_argument("--language", default=Article.Language.ZH,
                            choices=Article.Language.values)
        parser.add_argument("--format", choices=Article.Format.values, default=None)
        parser.add_argument("--url", default="", help="the original URL")
        parser.add_argument("--byline", default="")

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            article = import_article(
                path.read_bytes(), title=options["title"], filename=path.name,
                fmt=options["format"], source=options["source"], section=options["section"],
                language=options["language"], source_url=options["url"],
                byline=options["byline"],
            )
        except ImportRefused as error:
            raise CommandError(f"{path.name}: {error}") from error
        article.refresh_from_db()
        self.stdout.write(
            f"Imported article {article.pk} “{article.title}” "
            f"(processing: {article.get_processing_state_display()})"
        )
