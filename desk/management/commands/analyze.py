"""Run the whole pipeline on a file and print the verdicts; nothing is saved."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

import cleaning
from articles.imports import ImportRefused, decode_upload, guess_format
from desk.analysis import analyze


class Command(BaseCommand):
    help = "Print the checker's verdict on every block of FILE (no database writes)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", choices=["json", "text"], default="text", dest="output")
        parser.add_argument("--input-format", choices=["text", "html"], default=None)
        parser.add_argument("--title", default="")

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        data = path.read_bytes()
        try:
            fmt = options["input_format"] or guess_format(path.name, data)
            decoded = decode_upload(data, fmt)
        except ImportRefused as error:
            raise CommandError(f"{path.name}: {error}") from error
        report = analyze(decoded.text, fmt, title=options["title"])
        if options["output"] == "json":
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=1))
            return
        for block in report["blocks"]:
            marker = " " if block["kind"] in cleaning.STORY_KINDS else "✗"
            preview = decoded.text[block["start"]:block["end"]].replace("\n", " ")[:60]
            self.stdout.write(
                f"{marker} {block['index']:>4} {block['kind']:<11} {block['score']:.2f}  {preview}"
            )
            for reason in block["reasons"]:
                self.stdout.write(f"{'':>24}· {reason}")
        for mention in report.get("mentions", []):
            link = mention["entity"] or "new"
            self.stdout.write(
                f"  @{mention['start']:>6}  {mention['surface']}  {mention['kind']}  {link}"
                f"  {mention['confidence']:.2f}"
            )
        for warning in report["warnings"]:
            self.stdout.write(f"! {warning}")
        document = report["document"]
        self.stdout.write(f"= document: {document['kind']} {document['score']:.2f}")
        for reason in document["reasons"]:
            self.stdout.write(f"{'':>24}· {reason}")
