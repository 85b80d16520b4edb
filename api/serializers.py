"""What the API sends and accepts. Read shapes are documented here; the story's
shape is built by ``api.story.story_document``."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from articles.models import Article, Block, Section, Source
from articles.reasons import code, english
from articles.workflow import TRANSITIONS
from body.models import StoryBlock
from datatables.grid import COLUMN_TYPES
from datatables.models import DataTable
from entities.models import Entity, Mention
from ingest.models import Feed, FeedItem, said


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


class AbsoluteUrls(serializers.Serializer):
    """``url``: the public page; ``api_url``: the resource in this API."""

    api_view_name = ""

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return absolute(self.context["request"], obj.get_absolute_url())

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, obj) -> str:
        return absolute(self.context["request"],
                        reverse(self.api_view_name, kwargs={"pk": obj.pk}))


class SectionRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Section
        fields = ["id", "name", "slug"]


class SourceRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["id", "name", "slug"]


class SectionSerializer(AbsoluteUrls, serializers.ModelSerializer):
    api_view_name = "api:section-detail"
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()
    articles_url = serializers.SerializerMethodField()

    class Meta:
        model = Section
        fields = ["id", "name", "slug", "url", "api_url", "articles_url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return absolute(self.context["request"], reverse("articles:section", args=[obj.slug]))

    @extend_schema_field(OpenApiTypes.URI)
    def get_articles_url(self, obj) -> str:
        return absolute(self.context["request"],
                        reverse("api:article-list") + f"?section={obj.slug}")


class ArticleSummarySerializer(AbsoluteUrls, serializers.ModelSerializer):
    api_view_name = "api:article-detail"
    section = SectionRefSerializer(allow_null=True)
    source = SourceRefSerializer(allow_null=True)
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = ["id", "slug", "title", "dek", "byline", "language", "published_at",
                  "updated_at", "section", "source", "url", "api_url"]


STORY_BLOCK_TYPES = StoryBlock.Kind.values


class MentionSpanSerializer(serializers.Serializer):
    start = serializers.IntegerField(help_text="Offset in the block's text.")
    end = serializers.IntegerField()
    entity = serializers.IntegerField(help_text="Id of the entity (see `entities`).")


class PictureSerializer(serializers.Serializer):
    src = serializers.URLField(help_text="The largest rendition (or the original).")
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    srcset = serializers.CharField(allow_blank=True)
    webp_srcset = serializers.CharField(allow_blank=True)
    sizes = serializers.CharField()


class StoryBlockSerializer(serializers.Serializer):
    type = serializers.ChoiceField(STORY_BLOCK_TYPES)
    key = serializers.IntegerField(
        help_text="The block's stable key in the story body (revisions keep it).")
    text = serializers.CharField(required=False, allow_blank=True,
                                 help_text="Text blocks: the words, without markup.")
    html = serializers.CharField(required=False, allow_blank=True,
                                 help_text="Text blocks: sanitised inline markup and links.")
    items = serializers.ListField(child=serializers.CharField(), required=False,
                                  help_text="Lists: one entry per item.")
    mentions = MentionSpanSerializer(many=True, required=False,
                                     help_text="Text blocks: entity names to link.")
    image = PictureSerializer(required=False, allow_null=True,
                              help_text="Figures: the image and its renditions, if any.")
    alt = serializers.CharField(required=False, allow_blank=True)
    caption = serializers.CharField(required=False, allow_blank=True)
    credit = serializers.CharField(required=False, allow_blank=True)
    licence = serializers.CharField(required=False, allow_blank=True)
    table = serializers.IntegerField(required=False, allow_null=True,
                                     help_text="Tables: id of the table in `tables`.")
    cells = serializers.ListField(child=serializers.CharField(allow_blank=True), required=False,
                                  help_text="Tables not yet confirmed: the cells as text.")
    url = serializers.URLField(required=False, help_text="Embeds: the allowed address.")
    provider = serializers.CharField(required=False, help_text="Embeds: who serves it.")


class TypedValueSerializer(serializers.Serializer):
    kind = serializers.CharField()
    number = serializers.CharField(required=False, help_text="In base units, as a decimal.")
    unit = serializers.CharField(required=False)
    iso = serializers.CharField(required=False, help_text="Dates: ISO 8601.")


class CellSerializer(serializers.Serializer):
    text = serializers.CharField(allow_blank=True)
    value = TypedValueSerializer(allow_null=True)
    link = serializers.URLField(allow_null=True)


class ColumnSerializer(serializers.Serializer):
    name = serializers.CharField(allow_blank=True)
    type = serializers.ChoiceField(COLUMN_TYPES)
    numeric = serializers.BooleanField()


class TableSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField(allow_blank=True)
    caption = serializers.CharField(allow_blank=True)
    source_note = serializers.CharField(allow_blank=True)
    columns = ColumnSerializer(many=True)
    rows = serializers.ListField(child=CellSerializer(many=True))


class EntityRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    name_en = serializers.CharField(allow_blank=True)
    kind = serializers.ChoiceField(Entity.Kind.choices)
    slug = serializers.CharField()
    url = serializers.URLField()
    api_url = serializers.URLField()


class StorySerializer(serializers.Serializer):
    blocks = StoryBlockSerializer(many=True)
    html = serializers.CharField(help_text="The story as the public page shows it, sanitised.")
    tables = TableSerializer(many=True)
    entities = EntityRefSerializer(many=True)


class ArticleDetailSerializer(ArticleSummarySerializer):
    source_url = serializers.CharField(help_text="The original's address, or empty.")
    story = serializers.SerializerMethodField()

    class Meta(ArticleSummarySerializer.Meta):
        fields = [*ArticleSummarySerializer.Meta.fields, "source_url", "story"]

    @extend_schema_field(StorySerializer)
    def get_story(self, obj) -> dict:
        from api.story import story_document

        return story_document(obj, self.context["request"])


class EntitySerializer(AbsoluteUrls, serializers.ModelSerializer):
    api_view_name = "api:entity-detail"
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()
    articles_url = serializers.SerializerMethodField()

    class Meta:
        model = Entity
        fields = ["id", "name", "name_en", "kind", "slug", "url", "api_url", "articles_url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_articles_url(self, obj) -> str:
        return absolute(self.context["request"],
                        reverse("api:entity-articles", kwargs={"pk": obj.pk}))


class EntityDetailSerializer(EntitySerializer):
    website = serializers.CharField(help_text="An address, or empty.")
    aliases = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)
    parent = EntitySerializer(allow_null=True)

    class Meta(EntitySerializer.Meta):
        fields = [*EntitySerializer.Meta.fields, "description", "website", "wikidata",
                  "aliases", "parent"]


class SearchArticleSerializer(ArticleSummarySerializer):
    """The fields the search query loads (``search.query``): no more queries per hit."""

    class Meta(ArticleSummarySerializer.Meta):
        fields = ["id", "slug", "title", "dek", "language", "published_at", "section",
                  "source", "url", "api_url"]


class SearchHitSerializer(serializers.Serializer):
    article = SearchArticleSerializer()
    snippet = serializers.CharField(help_text="HTML: escaped text, matches in <mark>.")
    rank = serializers.FloatField()


class SearchResultsSerializer(serializers.Serializer):
    query = serializers.CharField(allow_blank=True)
    total = serializers.IntegerField(help_text="Matching articles (ranked among the newest "
                                               "matches on PostgreSQL: a lower bound).")
    page = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = SearchHitSerializer(many=True)


# --- Staff --------------------------------------------------------------------------

class ImportSerializer(serializers.Serializer):
    """An article to import: the text in ``text``, or a .txt/.html file in ``file``."""

    title = serializers.CharField(max_length=300)
    text = serializers.CharField(required=False, trim_whitespace=False)
    file = serializers.FileField(required=False)
    format = serializers.ChoiceField(Article.Format.choices, required=False)
    source = serializers.CharField(required=False, allow_blank=True, max_length=200)
    section = serializers.CharField(required=False, allow_blank=True, max_length=100)
    language = serializers.ChoiceField(Article.Language.choices, default=Article.Language.ZH)
    source_url = serializers.URLField(required=False, allow_blank=True, max_length=1000)
    byline = serializers.CharField(required=False, allow_blank=True, max_length=200)

    def validate(self, data):
        if ("text" in data) == ("file" in data):
            raise serializers.ValidationError({"detail": "Send the article as `text` or as "
                                               "`file`, one of the two."})
        return data


class ReasonsField(serializers.ListField):
    """The checker's stored reasons (or warnings) as the English it wrote them in."""

    child = serializers.CharField()

    def to_representation(self, data):
        return [english(r) for r in data or ()]


class ReasonCodesField(serializers.ListField):
    """Beside the English, each reason's stable code (null for an editor's plain note)."""

    child = serializers.CharField(allow_null=True)

    def to_representation(self, data):
        return [code(r) for r in data or ()]


class StaffArticleSerializer(serializers.ModelSerializer):
    warnings = ReasonsField(read_only=True)
    url = serializers.SerializerMethodField()
    verdicts_url = serializers.SerializerMethodField()
    allowed_transitions = serializers.SerializerMethodField()
    document = serializers.SerializerMethodField()
    tables = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = ["id", "title", "slug", "status", "version", "published_at",
                  "processing_state", "processed_at", "checker_version", "warnings",
                  "document", "allowed_transitions", "tables", "url", "verdicts_url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        return absolute(self.context["request"], obj.get_absolute_url())

    @extend_schema_field(OpenApiTypes.URI)
    def get_verdicts_url(self, obj) -> str:
        return absolute(self.context["request"],
                        reverse("api:staff-verdicts", kwargs={"pk": obj.pk}))

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(
        list(TRANSITIONS))))
    def get_allowed_transitions(self, obj) -> list[str]:
        from articles.workflow import allowed_targets

        return allowed_targets(obj, self.context["request"].user)

    @extend_schema_field(serializers.DictField())
    def get_document(self, obj) -> dict:
        return document_verdict(obj)

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_tables(self, obj) -> list[int]:
        return list(obj.data_tables.order_by("position", "pk").values_list("pk", flat=True))


def document_verdict(article) -> dict:
    """The whole-document verdict: what the site uses (the editor's where there is
    one) beside the checker's own, as the admin's review page shows them."""
    return {
        "kind": article.document_kind,
        "machine_kind": article.machine_document_kind,
        "score": article.document_score,
        "reasons": [english(r) for r in article.document_reasons],
        "reason_codes": [code(r) for r in article.document_reasons],
    }


class BlockVerdictSerializer(serializers.ModelSerializer):
    reasons = ReasonsField(read_only=True)
    reason_codes = ReasonCodesField(source="reasons", read_only=True)

    class Meta:
        model = Block
        fields = ["id", "index", "start", "end", "text", "kind", "machine_kind", "score",
                  "reasons", "reason_codes", "overridden"]


class VerdictsSerializer(serializers.Serializer):
    article = serializers.IntegerField()
    version = serializers.IntegerField()
    processing_state = serializers.CharField()
    checker_version = serializers.CharField(allow_blank=True)
    document = serializers.DictField(help_text="The whole-document verdict.")
    warnings = ReasonsField()
    blocks = BlockVerdictSerializer(many=True)


VERDICTS = ["keep", "drop", *Block.Kind.values]


class OverrideSerializer(serializers.Serializer):
    blocks = serializers.ListField(child=serializers.IntegerField(), min_length=1,
                                   help_text="Block ids (from the verdicts).")
    verdict = serializers.ChoiceField(VERDICTS, help_text="keep, drop, or a block kind.")
    version = serializers.IntegerField(required=False,
                                       help_text="The article's version you read (or If-Match).")


class MentionSerializer(serializers.ModelSerializer):
    entity = EntitySerializer(allow_null=True, read_only=True)

    class Meta:
        model = Mention
        fields = ["id", "surface", "kind", "origin", "confidence", "status", "block_index",
                  "block_start", "block_end", "reason", "entity", "decided_at"]


class DecisionSerializer(serializers.Serializer):
    mentions = serializers.ListField(child=serializers.IntegerField(), min_length=1)
    decision = serializers.ChoiceField(["confirm", "reject"])
    version = serializers.IntegerField(required=False)


class DecisionResultSerializer(serializers.Serializer):
    decided = serializers.IntegerField(help_text="Mentions changed (suggestions with no "
                                                 "entity cannot be confirmed).")
    mentions = MentionSerializer(many=True)


class TransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(Article.Status.choices)
    when = serializers.DateTimeField(required=False, help_text="Scheduling: the publish time.")
    note = serializers.CharField(required=False, allow_blank=True, max_length=300)
    version = serializers.IntegerField(required=False)


class GridColumnSerializer(serializers.Serializer):
    name = serializers.CharField(allow_blank=True, max_length=200)
    type = serializers.ChoiceField(COLUMN_TYPES, default="text")


class DataTableSerializer(serializers.ModelSerializer):
    """A table as editors see it in the grid admin: the cells as text, typed by column."""

    columns = GridColumnSerializer(many=True)
    rows = serializers.ListField(child=serializers.ListField(
        child=serializers.CharField(allow_blank=True, trim_whitespace=False)))
    version = serializers.SerializerMethodField()

    class Meta:
        model = DataTable
        fields = ["id", "title", "caption", "source_note", "columns", "rows", "article",
                  "position", "origin", "status", "confidence", "source_changed",
                  "edited_at", "confirmed_at", "version"]
        read_only_fields = ["article", "position", "origin", "status", "confidence",
                            "source_changed", "edited_at", "confirmed_at"]

    def get_version(self, obj) -> int:
        return table_version(obj)


def table_version(table: DataTable) -> int:
    """A table's version for optimistic locking (``DataTable.version``)."""
    return table.version


class DataTableUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(required=False, allow_blank=True, max_length=300)
    caption = serializers.CharField(required=False, allow_blank=True, max_length=500)
    source_note = serializers.CharField(required=False, allow_blank=True, max_length=300)
    columns = GridColumnSerializer(many=True, required=False)
    rows = serializers.ListField(child=serializers.ListField(
        child=serializers.CharField(allow_blank=True, trim_whitespace=False)), required=False)
    confirm = serializers.BooleanField(default=False,
                                       help_text="Confirm the table for readers.")
    version = serializers.IntegerField(required=False)


class StoredSentenceSerializer(serializers.Serializer):
    """The documented shape of a sentence a worker stored (``SentenceField``)."""

    code = serializers.CharField(allow_null=True, help_text="Stable; null for plain text.")
    params = serializers.DictField(help_text="What the sentence is filled with.")
    message = serializers.CharField(help_text="In the request's language (Accept-Language).")


@extend_schema_field(StoredSentenceSerializer(allow_null=True))
class SentenceField(serializers.Field):
    """A sentence a poll stored as code and parameters (``ingest.models.recorded``): the
    code and parameters for programs, the message in the request's language for people.
    Text stored as text (an old row no code was found for) has no code."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        if isinstance(value, dict):
            return {"code": value.get("code"), "params": value.get("params") or {},
                    "message": said(value)}
        return {"code": None, "params": {}, "message": str(value)}


class FeedSerializer(serializers.ModelSerializer):
    source = serializers.CharField(source="source.name")
    last_error = SentenceField()
    items_url = serializers.SerializerMethodField()

    class Meta:
        model = Feed
        fields = ["id", "source", "url", "kind", "mode", "every", "enabled", "last_polled_at",
                  "last_outcome", "last_error", "failures", "next_poll_at", "found",
                  "imported", "duplicates", "failed", "items_url"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_items_url(self, obj) -> str:
        return absolute(self.context["request"],
                        reverse("api:staff-feed-items", kwargs={"pk": obj.pk}))


class FeedItemSerializer(serializers.ModelSerializer):
    # Text, not a URI: blank when the feed gave no link (the feed's own content).
    url = serializers.CharField(read_only=True)
    error = SentenceField()
    duplicate_reason = SentenceField()

    class Meta:
        model = FeedItem
        fields = ["id", "guid", "url", "title", "status", "article", "duplicate_of",
                  "duplicate_reason", "error", "attempts", "original_published_at",
                  "first_seen_at", "done_at"]
