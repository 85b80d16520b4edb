"""What the public site stores: the pipeline's renders of article pages."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class StoryRender(models.Model):
    """An article's public page as the pipeline rendered it, in one language: all of
    it that depends on the article's data and not on the request (``public/stories.py``).

    Current or absent, never stale: every change to what it shows deletes it at once,
    and the page renders those parts itself until the rebuild is stored.
    """

    article = models.ForeignKey(Article, models.CASCADE, related_name="story_renders")
    language = models.CharField(max_length=16)
    # Meta tags for social cards; the story element (headline, byline, blocks with
    # entity links, figures and tables, "In this story"); the story's entry in story
    # lists, which the pages of related stories show; its schema.org data but for the
    # address and modification time, which the page adds (JSON text: its key order
    # is kept, so the page is the same byte for byte as one rendered live).
    head = models.TextField()
    html = models.TextField()
    item = models.TextField()
    json_ld = models.TextField()
    # Shown tables need the table script and stylesheet, and link cells to entities by
    # name: such a render is only current under the knowledge base version it was built at.
    has_tables = models.BooleanField(default=False)
    kb_version = models.CharField(max_length=32, blank=True)
    # Ids of the stories sharing the most entities, best first; the page shows the
    # first few still published.
    related = models.JSONField(default=list)
    # The article's state when this was built (any change to it deletes this row), so
    # other pages can tell whether to list the story from this row alone.
    status = models.CharField(max_length=16, choices=Article.Status)
    published_at = models.DateTimeField(null=True)
    # Fingerprint of the templates, code and translations that rendered it.
    renderer = models.CharField(max_length=32)
    built_at = models.DateTimeField(default=timezone.now)

    class Meta:
        # Created by articles' migration 0005 before this app existed; the table kept its name.
        db_table = "articles_storyrender"
        constraints = [
            models.UniqueConstraint(fields=["article", "language"],
                                    name="story_render_one_per_language"),
        ]
        verbose_name = _("stored story")
        verbose_name_plural = _("stored stories")

    def __str__(self) -> str:
        return f"{self.article_id} {self.language}"
