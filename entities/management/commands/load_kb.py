"""Load the shipped KB files, starter and general (idempotent; editors' changes are kept)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from entities.knowledge import KBFormatError, load_starter


class Command(BaseCommand):
    help = ("Load the shipped knowledge base (starter + general), or FILE in its format; "
            "safe to run again.")

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, default=None)

    def handle(self, *args, **options):
        path = options["file"]
        if path is not None and not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            report = load_starter(path)
        except KBFormatError as error:
            raise CommandError(str(error)) from error
        for warning in report.warnings:
            self.stderr.write(f"! {warning}")
        self.stdout.write(f"Knowledge base: {report}.")
