"""Demo content: our own sample stories, plus the seed article where ../shared has it."""

import json
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from articles import processing
from articles.imports import import_article
from articles.models import Article
from articles.workflow import publish
from datatables.models import DataTable

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
SEED_FILE = Path("data") / "seed" / "000_246e21f996374ec1.txt"
SEED = {
    "title": "AI大模型“应激反应”:半年狂热之后,资本、巨头与创业者的冷思考",
    "dek": "从算力焦虑到监管落地,2023年的大模型热潮里,每个人都在寻找答案。",
    "source": "虎嗅",
    "section": "人工智能",
    "language": "zh",
    "byline": "虎嗅",
    "days_ago": 0,
}


class Command(BaseCommand):
    help = (
        "Load and publish the demo articles, confirming their rebuilt tables as an editor "
        "would after review (idempotent: a second run changes nothing)."
    )

    def handle(self, *args, **options):
        # The knowledge base first, so the demo articles' entities are found as they process.
        call_command("load_kb", stdout=self.stdout, stderr=self.stderr)
        entries = json.loads((DEMO_DIR / "manifest.json").read_text(encoding="utf-8"))
        items = [(entry, (DEMO_DIR / entry["file"]).read_bytes()) for entry in entries]
        seed = Path(settings.NEWSROOM_SHARED_DIR) / SEED_FILE
        if seed.is_file():
            items.append((SEED, seed.read_bytes()))
        else:
            self.stdout.write(f"Seed article not found at {seed}; loading our own demo only.")
        created = 0
        for entry, data in items:
            if Article.objects.filter(title=entry["title"]).exists():
                continue
            with transaction.atomic():
                article = import_article(
                    data, title=entry["title"], filename=entry.get("file", "seed.txt"),
                    source=entry["source"], section=entry["section"],
                    language=entry["language"], byline=entry["byline"],
                )
                article.dek = entry["dek"]
                article.save(update_fields=["dek", "updated_at"])
                publish(article, when=timezone.now() - timedelta(days=entry["days_ago"]))
            created += 1
        # Eager or not, the demo should be readable at once: finish any processing here.
        for article_id in Article.objects.unprocessed().values_list("pk", flat=True):
            try:
                processing.process_article(article_id)
            except Exception as error:  # recorded on the article's run; the demo goes on
                self.stderr.write(f"Processing article {article_id} failed: {error}")
        confirm_tables([entry["title"] for entry, _data in items])
        self.stdout.write(
            f"Demo loaded: {created} new article(s), {len(items) - created} already there."
        )


def confirm_tables(titles: list[str]) -> None:
    """Readers see a rebuilt table once an editor confirms it; the demo plays that editor.
    Tables rebuilt later by a worker (full stack) stay drafts for the admin to show."""
    drafts = DataTable.objects.filter(
        article__title__in=titles, status=DataTable.Status.DRAFT,
        origin=DataTable.Origin.RECONSTRUCTED,
    )
    for table in drafts:
        table.confirm(None)
        table.save()
