"""The desk's API: the admin's work over HTTP, with per-user tokens.

Who may do what is the admin's answer, asked of the admin's own ModelAdmin for the
object at hand (``allowed``), and every write calls the function the admin calls:
``articles.imports.import_by_editor``, ``articles.review.override``,
``MentionQuerySet.decide``, ``datatables.editing.save_table``,
``articles.workflow.transition``; so revisions, the audit log and the admin's
history are the same whichever way a decision came in. Optimistic locking: a
client sends the version it read (``If-Match: "<version>"`` or ``version`` in the
body) and gets 409 when the article or table changed since. Feeds and their items
are read here only; what a poll stored is given by code and in the request's language.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics, permissions, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from api.pagination import ById, NewestSeen
from api.problems import Conflict
from api.serializers import (
    DataTableSerializer,
    DataTableUpdateSerializer,
    DecisionResultSerializer,
    DecisionSerializer,
    FeedItemSerializer,
    FeedSerializer,
    ImportSerializer,
    MentionSerializer,
    OverrideSerializer,
    StaffArticleSerializer,
    TransitionSerializer,
    VerdictsSerializer,
    document_verdict,
    table_version,
)
from articles.imports import import_by_editor
from articles.models import Article
from articles.review import may_override, override
from articles.workflow import transition
from datatables.editing import save_table
from datatables.grid import validate_grid
from datatables.models import DataTable
from entities.models import Mention
from ingest.models import Feed, FeedItem

IF_MATCH = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER,
    description='The version you read, e.g. "3" (or send `version` in the body).',
)


class DeskStaff(permissions.BasePermission):
    """The admin's own gate: an active staff user; a write needs a write token."""

    message = "This token's user may not use the desk, or the token may only read."

    def has_permission(self, request, view):
        if not admin.site.has_permission(request):
            return False
        if request.method in permissions.SAFE_METHODS:
            return True
        return request.auth is not None and request.auth.can_write


def allowed(request, model, action: str, obj=None) -> None:
    """Raise PermissionDenied unless the admin lets this user ``action`` the object."""
    model_admin = admin.site.get_model_admin(model)
    check = getattr(model_admin, f"has_{action}_permission")
    ok = check(request) if action == "add" else check(request, obj)
    if not ok:
        raise PermissionDenied


def expected_version(request, data) -> int | None:
    """The version the client read: If-Match ("3", W/"3" or 3), else ``version``."""
    header = request.headers.get("If-Match", "").strip()
    if header and header != "*":
        tag = header.removeprefix("W/").strip().strip('"')
        if not tag.isdecimal():  # what int() reads; "²" passes isdigit()
            raise exceptions.ValidationError({"If-Match": ["The version you read, e.g. \"3\"."]})
        return int(tag)
    return data.get("version")


def check_version(current: int, expected: int | None, what: str) -> None:
    if expected is not None and expected != current:
        raise Conflict(f"The {what} changed since you read it (version {expected}; it is "
                       f"now {current}). Read it again and redo your change.")


class StaffView(APIView):
    permission_classes = [permissions.IsAuthenticated, DeskStaff]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response

    def article(self, request, pk, *, lock: bool = False) -> Article:
        articles = Article.objects.select_for_update() if lock else Article.objects
        article = get_object_or_404(articles, pk=pk)
        allowed(request, Article, "view", article)
        return article

    def log(self, request, obj, message) -> None:
        """The admin's history of the object, as its own views write it."""
        admin.site.get_model_admin(type(obj)).log_change(request, obj, message)


@extend_schema(tags=["desk"])
class ImportArticle(StaffView):
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(request={"application/json": ImportSerializer,
                            "multipart/form-data": ImportSerializer},
                   responses={201: StaffArticleSerializer})
    def post(self, request):
        """Import an article (text or a .txt/.html file); its processing is queued."""
        allowed(request, Article, "add")
        form = ImportSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        upload = data.get("file")
        article = import_by_editor(
            upload.read() if upload else data["text"], user=request.user,
            filename=upload.name if upload else "", title=data["title"],
            fmt=data.get("format"), source=data.get("source", ""),
            section=data.get("section", ""), language=data["language"],
            source_url=data.get("source_url", ""), byline=data.get("byline", ""),
        )
        admin.site.get_model_admin(Article).log_addition(request, article, [{"added": {}}])
        body = StaffArticleSerializer(article, context={"request": request}).data
        where = request.build_absolute_uri(reverse("api:staff-article", args=[article.pk]))
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": where})


@extend_schema(tags=["desk"])
class StaffArticle(StaffView):
    @extend_schema(responses=StaffArticleSerializer)
    def get(self, request, pk):
        """An article's state, version, checker warnings and the moves open to you."""
        article = self.article(request, pk)
        return Response(StaffArticleSerializer(article, context={"request": request}).data)


@extend_schema(tags=["desk"])
class Verdicts(StaffView):
    def verdicts(self, article) -> dict:
        return VerdictsSerializer({
            "article": article.pk, "version": article.version,
            "processing_state": article.processing_state,
            "checker_version": article.checker_version,
            "document": document_verdict(article), "warnings": article.warnings,
            "blocks": list(article.blocks.order_by("index")),
        }).data

    @extend_schema(responses=VerdictsSerializer)
    def get(self, request, pk):
        """Every block's verdict (kind, score, reasons) and the document's."""
        return Response(self.verdicts(self.article(request, pk)))

    @extend_schema(request=OverrideSerializer, responses=VerdictsSerializer,
                   parameters=[IF_MATCH])
    def post(self, request, pk):
        """Override blocks' verdicts, as the admin's review page does."""
        form = OverrideSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        with transaction.atomic():
            article = self.article(request, pk, lock=True)
            if not may_override(request.user):
                raise PermissionDenied
            check_version(article.version, expected_version(request, data), "article")
            by_id = {b.pk: b for b in article.blocks.filter(pk__in=data["blocks"])}
            unknown = sorted(set(data["blocks"]) - set(by_id))
            if unknown:
                raise exceptions.ValidationError({"blocks": [f"Not blocks of this article: "
                                                             f"{unknown}."]})
            changed = override(article, [by_id[pk] for pk in data["blocks"]], data["verdict"],
                               request.user)
            self.log(request, article, [{"changed": {
                "name": "verdicts", "fields": ["kind"],
                "object": ", ".join(f"#{b.index} → {b.kind}" for b in changed)}}])
        return Response(self.verdicts(article))


@extend_schema(tags=["desk"])
class Mentions(StaffView):
    def mentions(self, article):
        return article.mentions.select_related("entity").order_by("block_index", "block_start")

    @extend_schema(responses=MentionSerializer(many=True))
    def get(self, request, pk):
        """The names found in an article: suggestions, confirmed and rejected."""
        article = self.article(request, pk)
        allowed(request, Mention, "view")
        return Response(MentionSerializer(self.mentions(article), many=True,
                                          context={"request": request}).data)

    @extend_schema(request=DecisionSerializer, responses=DecisionResultSerializer,
                   parameters=[IF_MATCH])
    def post(self, request, pk):
        """Confirm or reject entity suggestions, as the admin's entity review does."""
        form = DecisionSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        with transaction.atomic():
            article = self.article(request, pk, lock=True)
            allowed(request, Mention, "change")
            check_version(article.version, expected_version(request, data), "article")
            chosen = article.mentions.filter(pk__in=data["mentions"])
            unknown = sorted(set(data["mentions"]) - set(chosen.values_list("pk", flat=True)))
            if unknown:
                raise exceptions.ValidationError({"mentions": [f"Not mentions in this article: "
                                                               f"{unknown}."]})
            decision = (Mention.Status.CONFIRMED if data["decision"] == "confirm"
                        else Mention.Status.REJECTED)
            count = chosen.decide(decision, request.user)
        return Response(DecisionResultSerializer({
            "decided": count, "mentions": self.mentions(article)},
            context={"request": request}).data)


@extend_schema(tags=["desk"])
class Transition(StaffView):
    @extend_schema(request=TransitionSerializer, responses=StaffArticleSerializer,
                   parameters=[IF_MATCH])
    def post(self, request, pk):
        """Move an article through the workflow (review, schedule, publish, archive)."""
        form = TransitionSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        if data["to"] == Article.Status.SCHEDULED and "when" not in data:
            raise exceptions.ValidationError({"when": ["Scheduling needs a publish time."]})
        with transaction.atomic():
            article = self.article(request, pk, lock=True)
            check_version(article.version, expected_version(request, data), "article")
            transition(article, data["to"], request.user, when=data.get("when"),
                       note=data.get("note", ""))
        return Response(StaffArticleSerializer(article, context={"request": request}).data)


@extend_schema(tags=["desk"])
class Table(StaffView):
    def table(self, request, pk, action: str, *, lock: bool = False) -> DataTable:
        tables = DataTable.objects.select_related("article")
        if lock:
            tables = tables.select_for_update(of=("self",))
        table = get_object_or_404(tables, pk=pk)
        allowed(request, DataTable, action, table)
        return table

    @extend_schema(responses=DataTableSerializer)
    def get(self, request, pk):
        """A data table as the grid admin shows it: columns with types, rows of text."""
        return Response(DataTableSerializer(self.table(request, pk, "view")).data)

    @extend_schema(request=DataTableUpdateSerializer, responses=DataTableSerializer,
                   parameters=[IF_MATCH])
    def patch(self, request, pk):
        """Change a table's cells, columns or captions, and confirm it for readers."""
        form = DataTableUpdateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        with transaction.atomic():
            table = self.table(request, pk, "change", lock=True)
            check_version(table_version(table), expected_version(request, data), "table")
            if data["confirm"]:
                allowed(request, DataTable, "confirm", table)
            edited = False
            if "columns" in data or "rows" in data:
                columns, rows = validate_grid(
                    [dict(c) for c in data.get("columns", table.columns)],
                    data.get("rows", table.rows))
                edited = (columns, rows) != (table.columns, table.rows)
                table.columns, table.rows = columns, rows
            changed = [name for name in ("title", "caption", "source_note")
                       if name in data and data[name] != getattr(table, name)]
            for name in changed:
                setattr(table, name, data[name])
            save_table(table, request.user, edited=edited, confirm=data["confirm"])
            fields = [*changed, *(["grid"] if edited else [])]
            if fields or data["confirm"]:
                self.log(request, table, [{"changed": {"fields": fields or ["status"]}}])
        return Response(DataTableSerializer(table).data)


@extend_schema(tags=["desk"])
class Feeds(StaffView, generics.ListAPIView):
    """Every feed with its last poll: a failure says why, in the request's language."""

    serializer_class = FeedSerializer
    pagination_class = ById

    def get_queryset(self):
        allowed(self.request, Feed, "view")
        return Feed.objects.select_related("source")


@extend_schema(tags=["desk"])
class StaffFeed(StaffView, generics.RetrieveAPIView):
    """One feed and its last poll."""

    serializer_class = FeedSerializer

    def get_queryset(self):
        allowed(self.request, Feed, "view")
        return Feed.objects.select_related("source")


@extend_schema(tags=["desk"], parameters=[OpenApiParameter(
    "status", str, enum=FeedItem.Status.values, description="Only items in this state.")])
class FeedItems(StaffView, generics.ListAPIView):
    """What a feed listed and what became of each item: why it failed or is a duplicate."""

    serializer_class = FeedItemSerializer
    pagination_class = NewestSeen

    def get_queryset(self):
        feed = get_object_or_404(Feed, pk=self.kwargs["pk"])
        allowed(self.request, FeedItem, "view")
        items = feed.items.all()
        wanted = self.request.query_params.get("status", "")
        if wanted and wanted not in FeedItem.Status.values:
            raise exceptions.ValidationError(
                {"status": [f"Not one of {FeedItem.Status.values}."]})
        return items.filter(status=wanted) if wanted else items
