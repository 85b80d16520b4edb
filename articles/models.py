import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from articles.validators import (
    refuse_controls_multi_line,
    refuse_controls_one_line,
    refuse_unsafe_url,
    strip_controls,
)
from cleaning import STORY_KINDS, reason


def check_fields(instance, checks: dict) -> None:
    """Run ``{field: validator}`` and raise every failure at once, per field."""
    errors = {}
    for name, validate in checks.items():
        try:
            validate(getattr(instance, name))
        except ValidationError as error:
            errors[name] = error
    if errors:
        raise ValidationError(errors)


def unique_slug(model: type[models.Model], text: str, *, exclude_pk: int | None = None) -> str:
    """A slug that keeps Chinese characters (readable URLs) and never collides."""
    base = slugify(text, allow_unicode=True)[:80].strip("-") or "article"
    slug, n = base, 2
    taken = model._default_manager.filter(slug__startswith=base)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    existing = set(taken.values_list("slug", flat=True))
    if model is Article:  # a former address still leads to its story
        existing |= set(FormerSlug.objects.filter(slug__startswith=base)
                        .values_list("slug", flat=True))
    while slug in existing:
        slug, n = f"{base}-{n}", n + 1
    return slug


# Slugs tried before a save gives up: each retry follows a concurrent save that took
# the slug just computed.
SLUG_TRIES = 5


def save_with_slug(instance: models.Model, text: str, save) -> None:
    """``save()``, first giving ``instance`` a unique slug made from ``text`` if it has
    none. Two saves can compute the same slug at once (two imports of one headline, two
    workers on one feed); the one that loses the race takes the next free slug instead
    of failing, and any other integrity error is raised as it was."""
    if instance.slug:
        save()
        return
    model = type(instance)
    for attempt in range(1, SLUG_TRIES + 1):
        instance.slug = unique_slug(model, text, exclude_pk=instance.pk)
        try:
            with transaction.atomic():
                save()
            return
        except IntegrityError:
            taken = model._default_manager.filter(slug=instance.slug).exclude(pk=instance.pk)
            instance.slug = ""
            if attempt == SLUG_TRIES or not taken.exists():
                raise


class Source(models.Model):
    """The outlet an article came from; its boilerplate is learnt per source."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)
    homepage = models.URLField(_("homepage"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name = strip_controls(self.name)
        save_with_slug(self, self.name, lambda: super(Source, self).save(*args, **kwargs))

    def clean(self):
        check_fields(self, {"name": refuse_controls_one_line})


class Section(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name = strip_controls(self.name)
        save_with_slug(self, self.name, lambda: super(Section, self).save(*args, **kwargs))

    def clean(self):
        check_fields(self, {"name": refuse_controls_one_line})


# Lists never need the raw import; leaving it out keeps list queries light.
LIST_DEFER = ("raw_body", "raw_original", "raw_sha256")


def published_q(prefix: str = "") -> models.Q:
    """The one rule for "published": in that state, and its publish time has come.
    ``prefix`` reaches it through a relation (``"article__"``)."""
    return models.Q(**{f"{prefix}status": Article.Status.PUBLISHED,
                       f"{prefix}published_at__lte": timezone.now()})


class ArticleQuerySet(models.QuerySet):
    def articles(self):
        """Imports judged articles (by the checker, or by an editor over it): the one rule
        that keeps doorway, listing, login/error, spun and help/shop/profile pages off the site
        and search."""
        return self.filter(document_kind=Article.DocumentKind.ARTICLE)

    def not_articles(self):
        """Pages judged not to be articles: the desk reviews these."""
        return self.exclude(document_kind=Article.DocumentKind.ARTICLE)

    def published(self):
        return self.articles().filter(published_q())

    def for_listing(self):
        """What story lists, feeds and entity pages show: with source and section, never
        the raw import."""
        return self.select_related("source", "section").defer(*LIST_DEFER)

    def unprocessed(self):
        """Articles whose processing never finished: the sweep re-enqueues these."""
        return self.exclude(processing_state=Article.Processing.DONE)


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    class Format(models.TextChoices):
        TEXT = "text", _("Plain text")
        HTML = "html", _("HTML")

    class Language(models.TextChoices):
        ZH = "zh", _("Chinese")
        EN = "en", _("English")

    class DocumentKind(models.TextChoices):
        # The values are cleaning.DOCUMENT_KINDS (a test keeps them in step).
        ARTICLE = "article", _("Article")
        DOORWAY = "doorway", _("Doorway or spam page")
        LISTING = "listing", _("Listing or index page")
        ERROR = "error", _("Login or error page")
        SPUN = "spun", _("Machine-spun text")
        SERVICE = "service", _("Help, shop or profile page")

    class Processing(models.TextChoices):
        PENDING = "pending", _("Pending")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True, blank=True)
    dek = models.TextField(
        _("dek"), blank=True, help_text=_("One or two sentences under the headline.")
    )
    byline = models.CharField(_("byline"), max_length=200, blank=True)
    source = models.ForeignKey(
        Source, models.PROTECT, related_name="articles", null=True, blank=True,
        verbose_name=_("source"),
    )
    source_url = models.URLField(_("original URL"), max_length=1000, blank=True)
    section = models.ForeignKey(
        Section, models.SET_NULL, related_name="articles", null=True, blank=True,
        verbose_name=_("section"),
    )
    language = models.CharField(_("language"), max_length=8, choices=Language, default=Language.ZH)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(_("publish time"), null=True, blank=True, db_index=True)

    # The import exactly as it arrived. Cleaning is a set of verdicts over it,
    # so it is never edited; save() refuses any change.
    raw_body = models.TextField(_("raw body"), editable=False)
    raw_format = models.CharField(
        _("raw format"), max_length=8, choices=Format, default=Format.TEXT
    )
    raw_encoding = models.CharField(
        _("raw encoding"), max_length=32, default="utf-8", editable=False
    )
    raw_original = models.BinaryField(
        _("original bytes"), null=True, editable=False,
        help_text=_("Kept only when the file was not UTF-8, so the exact bytes survive."),
    )
    raw_sha256 = models.CharField(max_length=64, editable=False)

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    processing_state = models.CharField(
        _("processing"), max_length=16, choices=Processing, default=Processing.PENDING,
        db_index=True,
    )
    processed_at = models.DateTimeField(_("processed at"), null=True, blank=True, editable=False)
    checker_version = models.CharField(_("checker version"), max_length=32, blank=True,
                                       editable=False)
    # Document-level findings no block removal can fix (spun text, unrelated title,
    # listing page, pinyin...): "code: sentence", as the checker wrote them.
    warnings = models.JSONField(_("checker warnings"), default=list, blank=True, editable=False)
    # The verdict on the whole import: `document_kind` is what the site uses (the
    # editor's where there is one), `machine_document_kind` the checker's own.
    document_kind = models.CharField(
        _("Document verdict"), max_length=16, choices=DocumentKind,
        default=DocumentKind.ARTICLE, db_index=True, editable=False,
    )
    machine_document_kind = models.CharField(
        max_length=16, choices=DocumentKind, default=DocumentKind.ARTICLE, editable=False
    )
    document_score = models.FloatField(default=0.0, editable=False)
    document_reasons = models.JSONField(default=list, blank=True, editable=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            # Public lists (newest published first, id on ties) without a sort: the
            # listing, section and entity pages, feeds (public-site performance work).
            models.Index(fields=["-published_at", "-id"], name="article_published_recent",
                         condition=models.Q(status="published")),
        ]
        permissions = [
            ("review_article", _("Can review articles and send them back")),
            ("publish_article", _("Can publish, schedule, unpublish and archive articles")),
        ]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # Whatever skipped validation still stores no control character (feeds are XML).
        self.title, self.byline = strip_controls(self.title), strip_controls(self.byline)
        self.dek = strip_controls(self.dek, multi_line=True)
        digest = hashlib.sha256(self.raw_body.encode("utf-8")).hexdigest()
        loaded = getattr(self, "_loaded_raw_sha256", None)
        if loaded and "raw_body" in self.__dict__ and digest != loaded:
            raise ValidationError(_("The raw import of an article can never be changed."))
        self.raw_sha256 = digest
        self._loaded_raw_sha256 = digest
        with transaction.atomic():
            save_with_slug(self, self.title, lambda: super(Article, self).save(*args, **kwargs))
            self.keep_former_slug()

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def clean(self):
        check_fields(self, {"title": refuse_controls_one_line, "byline": refuse_controls_one_line,
                            "dek": refuse_controls_multi_line, "source_url": refuse_unsafe_url})

    # Large columns no list, dashboard or join needs: always deferred there (issue #17).
    HEAVY_FIELDS = ("raw_body", "raw_original")

    # Fields an editor edits in the change form; each save of them is kept as a Revision.
    EDITABLE = ("title", "slug", "dek", "byline", "source_id", "source_url", "section_id",
                "language")
    # Fields only workflow.transition() changes (never the change form, never a restore),
    # so a stale form can never undo a publish or a schedule (issue #17).
    WORKFLOW = ("status", "published_at")

    def editable_snapshot(self) -> dict:
        return {name: getattr(self, name) for name in self.EDITABLE}

    def snapshot(self) -> dict:
        """What a revision records: the editable fields and the workflow state."""
        data = self.editable_snapshot()
        data["status"] = self.status
        data["published_at"] = self.published_at.isoformat() if self.published_at else None
        return data

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_raw_sha256 = instance.__dict__.get("raw_sha256")
        instance._loaded_slug = instance.__dict__.get("slug")
        return instance

    @property
    def is_article(self) -> bool:
        """The row form of ArticleQuerySet.articles()."""
        return self.document_kind == self.DocumentKind.ARTICLE

    @property
    def is_published(self) -> bool:
        """The row form of ArticleQuerySet.published()."""
        return (
            self.is_article
            and self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    def keep_former_slug(self) -> None:
        """A story that had a publish time keeps its old address when its slug changes
        (links and search results out there redirect to it); a slug taken back is an
        address again, no longer a former one."""
        loaded = getattr(self, "_loaded_slug", None)
        self._loaded_slug = self.slug
        if loaded is None or loaded == self.slug:
            return
        FormerSlug.objects.filter(slug=self.slug).delete()
        if self.published_at is not None:
            FormerSlug.objects.update_or_create(slug=loaded, defaults={"article": self})


class FormerSlug(models.Model):
    """An address a story had before its slug changed, kept so that what was shared
    and indexed still reaches it (``Article.keep_former_slug``)."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)
    article = models.ForeignKey(Article, models.CASCADE, related_name="former_slugs",
                                verbose_name=_("article"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("former slug")
        verbose_name_plural = _("former slugs")

    def __str__(self) -> str:
        return self.slug


class BlockQuerySet(models.QuerySet):
    def story(self):
        return self.filter(kind__in=STORY_KINDS)


class Block(models.Model):
    """One block of an article's raw body with the checker's (or an editor's) verdict."""

    class Kind(models.TextChoices):
        PARAGRAPH = "paragraph", _("Paragraph")
        HEADING = "heading", _("Heading")
        CAPTION = "caption", _("Caption")
        FIGURE = "figure", _("Figure")
        TABLE_CELLS = "table_cells", _("Table cells")
        FOREIGN = "foreign", _("Foreign item")
        CHROME = "chrome", _("Site chrome")
        DISCLAIMER = "disclaimer", _("Disclaimer")
        RESIDUE = "residue", _("Markup residue")
        DUPLICATE = "duplicate", _("Duplicate")

    article = models.ForeignKey(Article, models.CASCADE, related_name="blocks")
    index = models.PositiveIntegerField()
    start = models.PositiveIntegerField(help_text=_("Offset of the block in the raw body."))
    end = models.PositiveIntegerField()
    text = models.TextField()
    # `kind` is what the site uses: the editor's verdict where there is one,
    # else the checker's. `machine_kind` keeps the checker's own for quality stats.
    kind = models.CharField(max_length=16, choices=Kind)
    machine_kind = models.CharField(max_length=16, choices=Kind)
    score = models.FloatField(help_text=_("0 = story, 1 = certainly not story."))
    reasons = models.JSONField(default=list, blank=True)
    meta = models.JSONField(default=dict, blank=True)
    fingerprint = models.BigIntegerField(default=0)
    band0 = models.PositiveIntegerField(default=0)
    band1 = models.PositiveIntegerField(default=0)
    band2 = models.PositiveIntegerField(default=0)
    band3 = models.PositiveIntegerField(default=0)
    checker_version = models.CharField(max_length=32)
    overridden = models.BooleanField(default=False)

    objects = BlockQuerySet.as_manager()

    class Meta:
        ordering = ["article", "index"]
        constraints = [
            models.UniqueConstraint(fields=["article", "index"], name="block_unique_index"),
        ]
        indexes = [
            models.Index(fields=["band0"]),
            models.Index(fields=["band1"]),
            models.Index(fields=["band2"]),
            models.Index(fields=["band3"]),
        ]
        verbose_name = _("block")
        verbose_name_plural = _("blocks")

    def __str__(self) -> str:
        return f"{self.article_id}#{self.index} {self.kind}"

    @property
    def is_story(self) -> bool:
        return self.kind in STORY_KINDS


class ProcessingRun(models.Model):
    """One run of an article's processing, so editors can see what happened and when."""

    class State(models.TextChoices):
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        SKIPPED = "skipped", _("Skipped (already up to date)")
        FAILED = "failed", _("Failed")

    article = models.ForeignKey(Article, models.CASCADE, related_name="runs")
    task_id = models.CharField(max_length=64, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State, default=State.RUNNING)
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=1)
    checker_version = models.CharField(_("checker version"), max_length=32, blank=True)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), null=True, blank=True)
    blocks = models.PositiveIntegerField(_("blocks"), null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("processing run")
        verbose_name_plural = _("processing runs")

    def __str__(self) -> str:
        return f"{self.article_id} {self.state} {self.started_at:%Y-%m-%d %H:%M}"


class Banded(models.Model):
    """A SimHash fingerprint with its four bands, each indexed: a near-duplicate shares
    a band, so four indexed lookups find it (``articles.memory.band_filter``)."""

    fingerprint = models.BigIntegerField()
    band0 = models.PositiveIntegerField()
    band1 = models.PositiveIntegerField()
    band2 = models.PositiveIntegerField()
    band3 = models.PositiveIntegerField()

    class Meta:
        abstract = True


def band_indexes(prefix: str) -> list[models.Index]:
    return [models.Index(fields=[f"band{i}"], name=f"{prefix}_band{i}") for i in range(4)]


class BlockOverride(Banded):
    """An editor's verdict on a block. Kept apart from Block so it survives re-runs,
    and matched by fingerprint so near-identical blocks elsewhere learn from it."""

    article = models.ForeignKey(Article, models.CASCADE, related_name="overrides")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField()
    machine_kind = models.CharField(max_length=16, choices=Block.Kind)
    kind = models.CharField(max_length=16, choices=Block.Kind)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = band_indexes("override")
        verbose_name = _("block override")
        verbose_name_plural = _("block overrides")

    def __str__(self) -> str:
        return f"{self.article_id} {self.machine_kind} -> {self.kind}"

    @property
    def reason(self) -> str:
        """A checker reason (code and details) that the checker stores with its own."""
        who = self.user.get_username() if self.user else "an editor"
        return reason("editor-marked", who=who, kind=self.kind, date=f"{self.created_at:%Y-%m-%d}")


class DocumentOverride(Banded):
    """An editor's verdict on a whole import (article or not). Matched by the SimHash
    of the raw text, so a near-duplicate page imported later gets the same verdict."""

    article = models.ForeignKey(Article, models.CASCADE, related_name="document_overrides")
    machine_kind = models.CharField(max_length=16, choices=Article.DocumentKind)
    kind = models.CharField(max_length=16, choices=Article.DocumentKind)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["article"], name="document_override_one_per_article"),
        ]
        indexes = band_indexes("doc_override")
        verbose_name = _("document override")
        verbose_name_plural = _("document overrides")

    def __str__(self) -> str:
        return f"{self.article_id} {self.machine_kind} -> {self.kind}"

    @property
    def reason(self) -> str:
        who = self.user.get_username() if self.user else "an editor"
        return reason("editor-judged-page", who=who, page=self.kind,
                      date=f"{self.created_at:%Y-%m-%d}")


class Transition(models.Model):
    """One change of an article's state, with who and when."""

    article = models.ForeignKey(Article, models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=16, choices=Article.Status)
    to_status = models.CharField(max_length=16, choices=Article.Status)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                             related_name="+", help_text=_("Empty when the scheduler did it."))
    at = models.DateTimeField(default=timezone.now)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")

    def __str__(self) -> str:
        return f"{self.article_id}: {self.from_status} → {self.to_status}"


class Revision(models.Model):
    """The editable fields of an article as one save left them (never the raw import)."""

    article = models.ForeignKey(Article, models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("number"),
                                         help_text=_("The article's version after this save."))
    data = models.JSONField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("author"))
    message = models.CharField(_("message"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="revision_unique_number"),
        ]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self) -> str:
        return f"{self.article_id} v{self.number}"
