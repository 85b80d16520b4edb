"""Store the rendered parts of the public article pages (public/stories.py).

By default only what is missing or outdated (after a deploy that changed templates,
code or translations, or for articles written without the pipeline); ``--all``
renders every article again; ids render those articles.
"""

from django.core.management.base import BaseCommand

from articles.models import Article
from public import stories


class Command(BaseCommand):
    help = "Store the public article pages' rendered parts: the missing or outdated ones."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="only these articles")
        parser.add_argument("--all", action="store_true", help="render every article again")
        parser.add_argument("--limit", type=int, default=None, help="at most this many")

    def handle(self, *args, ids, all, limit, **options):
        force = bool(ids) or all
        if ids:
            targets = ids
        elif all:
            targets = list(Article.objects.order_by("-pk").values_list("pk", flat=True))
        else:
            targets = stories.outdated_ids(limit or Article.objects.count())
        targets = targets[:limit] if limit else targets
        built = 0
        for n, article_id in enumerate(targets, 1):
            built += stories.build(article_id, force=force) == "built"
            if n % 1000 == 0:
                self.stdout.write(f"{n}/{len(targets)}")
        self.stdout.write(f"stored {built} of {len(targets)} article(s)")
