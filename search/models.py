from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class SearchDocument(models.Model):
    """What search sees of one article: its title and story text, tokenised.

    Rebuilt by ``search.tasks.index_article_task`` whenever the title or the
    blocks change. ``tokens`` (Han bigrams and Latin words, see
    ``search.tokenizer``) serves the SQLite fallback; ``vector`` is the same
    tokens as a tsvector (title weighted A) behind a GIN index on PostgreSQL.
    Only story blocks go in, never foreign items, chrome or disclaimers.
    """

    article = models.OneToOneField(
        Article, models.CASCADE, primary_key=True, related_name="search_document"
    )
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("story text"), blank=True)
    tokens = models.TextField(_("tokens"), blank=True)
    title_tokens = models.TextField(_("title tokens"), blank=True)
    vector = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [GinIndex(fields=["vector"], name="search_doc_vector_gin")]
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self) -> str:
        return self.title
