"""Import a knowledge-base file; the entities in it are updated to match it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from entities.knowledge import KBFormatError, format_of, import_kb


class Command(BaseCommand):
    help = "Import entities from FILE (.json in the starter-KB format, or .csv)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", choices=["json", "csv"], default=None)

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            report = import_kb(path.read_bytes(), options["format"] or format_of(path.name))
        except KBFormatError as error:
            raise CommandError(f"{path.name}: {error}") from error
        for warning in report.warnings:
            self.stderr.write(f"! {warning}")
        self.stdout.write(f"Imported {path.name}: {report}.")
