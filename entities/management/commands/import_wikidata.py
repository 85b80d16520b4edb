"""Import entities from a Wikidata dump, wbgetentities answer or SPARQL JSON result."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from entities.knowledge import KBFormatError, import_wikidata


class Command(BaseCommand):
    help = ("Import entities from FILE: a Wikidata JSON dump (NDJSON or a JSON array of "
            "entity documents), a wbgetentities answer or a SPARQL JSON result. Safe to run "
            "again: entities are found by their Wikidata id and never overwritten.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options):
        path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            report = import_wikidata(path.read_bytes())
        except KBFormatError as error:
            raise CommandError(f"{path}: {error}") from error
        for warning in report.warnings:
            self.stderr.write(f"! {warning}")
        self.stdout.write(f"Wikidata: {report}.")
