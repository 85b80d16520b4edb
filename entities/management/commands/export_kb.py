"""Print the knowledge base as JSON (the starter-KB format) or CSV."""

from django.core.management.base import BaseCommand

from entities.knowledge import export_kb


class Command(BaseCommand):
    help = "Write the whole knowledge base to standard output (or --output FILE)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--output", default=None)

    def handle(self, *args, **options):
        text = export_kb(options["format"])
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8", newline="") as out:
                out.write(text)
            return
        self.stdout.write(text, ending="")
