import hashlib
import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from articles.audit import record
from articles.models import Article, save_with_slug
from articles.signals import stories_changed

# KB-found suggestions at or above this confidence are linked on the public site
# before an editor has looked at them; maker guesses (low confidence) never are.
LINK_CONFIDENCE = 0.9


def unique_key(text: str, *, exclude_pk: int | None = None) -> str:
    """An ASCII key for a new entity; Chinese-only names get a short stable hash."""
    base = slugify(text)[:60].strip("-")
    if not base:
        base = "e-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]  # noqa: S324
    key, n = base, 2
    taken = Entity.objects.filter(key__startswith=base)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    existing = set(taken.values_list("key", flat=True))
    while key in existing:
        key, n = f"{base}-{n}", n + 1
    return key


class EntityQuerySet(models.QuerySet):
    def search(self, text: str):
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(name__icontains=text) | Q(name_en__icontains=text) | Q(key__iexact=text)
            | Q(aliases__name__icontains=text)
        ).distinct()


class Entity(models.Model):
    """A company, person, product or place the desk writes about."""

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation")
        PERSON = "person", _("Person")
        PRODUCT = "product", _("Product")
        PLACE = "place", _("Place")
        EVENT = "event", _("Event")
        WORK = "work", _("Work")
        OTHER = "other", _("Other")

    key = models.SlugField(
        _("key"), max_length=100, unique=True, blank=True,
        help_text=_("Stable identifier used by imports and exports; made from the name if empty."),
    )
    name = models.CharField(_("canonical name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind, db_index=True)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="children",
        verbose_name=_("parent"), help_text=_("e.g. 腾讯AI实验室 belongs to 腾讯"),
    )
    # Unique where set: a Wikidata import finds the entity again by it (NULL when unknown).
    wikidata = models.CharField(
        _("Wikidata QID"), max_length=20, blank=True, null=True, unique=True,
        validators=[RegexValidator(r"^Q[1-9]\d*$", _("A Wikidata id looks like Q95."))],
    )
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EntityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("entity")
        verbose_name_plural = _("entities")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.wikidata = (self.wikidata or "").strip() or None
        if not self.key:
            self.key = unique_key(self.name_en or self.name, exclude_pk=self.pk)
        save_with_slug(self, self.name_en or self.name,
                       lambda: super(Entity, self).save(*args, **kwargs))

    def get_absolute_url(self) -> str:
        return reverse("entities:detail", kwargs={"slug": self.slug})

    def names(self) -> list[str]:
        """Canonical name first, then the English name and aliases (for the matcher)."""
        seen = dict.fromkeys([self.name, self.name_en, *(a.name for a in self.aliases.all())])
        return [name for name in seen if name]

    def add_alias(self, name: str) -> "Alias | None":
        """Add ``name`` as an alias unless it already is one of this entity's names."""
        name = name.strip()
        if not name or name in (self.name, self.name_en):
            return None
        alias, _created = Alias.objects.get_or_create(entity=self, name=name)
        return alias

    def maker(self) -> "Entity | None":
        relation = self.relations.filter(predicate=Relation.Predicate.MADE_BY).first()
        return relation.object if relation else None

    @transaction.atomic
    def absorb(self, other: "Entity") -> None:
        """Merge ``other`` into this entity: its names, mentions and links move here.

        ``other``'s names become aliases so the matcher still finds them; then
        ``other`` is deleted. Editors' decisions on its mentions are kept as they are.
        """
        if other.pk == self.pk:
            raise ValueError("cannot merge an entity into itself")
        # Fetched afresh: an earlier merge of the same batch may have moved its parent.
        other.refresh_from_db()
        for name in other.names():
            self.add_alias(name)
        moved = Mention.objects.filter(entity=other)
        article_ids = set(moved.values_list("article_id", flat=True))
        moved.update(entity=self, kind=self.kind)
        stories_changed.send(sender=Mention, article_ids=article_ids)
        Entity.objects.filter(parent=other).exclude(pk=self.pk).update(parent=self)
        if self.parent_id == other.pk:
            self.parent = other.parent if other.parent_id != self.pk else None
        if not self.wikidata and other.wikidata:
            # The id is unique: take it off ``other`` before this entity saves it.
            self.wikidata = other.wikidata
            Entity.objects.filter(pk=other.pk).update(wikidata=None)
        for field in ("name_en", "description", "website"):
            if not getattr(self, field) and getattr(other, field):
                setattr(self, field, getattr(other, field))
        if self.parent_id is None and other.parent_id not in (None, self.pk):
            self.parent_id = other.parent_id
        self.save()
        for relation in Relation.objects.filter(subject=other):
            if relation.object_id != self.pk:
                Relation.objects.get_or_create(
                    subject=self, predicate=relation.predicate, object_id=relation.object_id
                )
        for relation in Relation.objects.filter(object=other):
            if relation.subject_id != self.pk:
                Relation.objects.get_or_create(
                    subject_id=relation.subject_id, predicate=relation.predicate, object=self
                )
        NotDuplicate.objects.filter(Q(first=other) | Q(second=other)).delete()
        other.delete()


class Alias(models.Model):
    """Another name of an entity, in any script: 阿里 for 阿里巴巴, Nvidia for 英伟达."""

    entity = models.ForeignKey(Entity, models.CASCADE, related_name="aliases")
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["entity", "name"], name="alias_unique_per_entity"),
        ]
        indexes = [models.Index(fields=["name"])]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")

    def __str__(self) -> str:
        return self.name


class Relation(models.Model):
    """A typed link between entities: a product's maker, an organisation's investor..."""

    class Predicate(models.TextChoices):
        MADE_BY = "made_by", _("made by")
        PART_OF = "part_of", _("part of")
        LEADS = "leads", _("leads")
        FOUNDED = "founded", _("founded")
        INVESTED_IN = "invested_in", _("invested in")

    subject = models.ForeignKey(Entity, models.CASCADE, related_name="relations")
    predicate = models.CharField(_("relation"), max_length=16, choices=Predicate)
    object = models.ForeignKey(Entity, models.CASCADE, related_name="inverse_relations")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subject", "predicate", "object"],
                                    name="relation_unique"),
        ]
        verbose_name = _("relation")
        verbose_name_plural = _("relations")

    def __str__(self) -> str:
        return f"{self.subject} {self.get_predicate_display()} {self.object}"


class MentionQuerySet(models.QuerySet):
    def linkable(self):
        """Mentions readers see as links: confirmed ones, and confident KB suggestions."""
        return self.filter(entity__isnull=False).filter(
            Q(status=Mention.Status.CONFIRMED)
            | Q(status=Mention.Status.SUGGESTED, origin=Mention.Origin.KB,
                confidence__gte=LINK_CONFIDENCE)
        )

    def by_block(self) -> dict[int, list["Mention"]]:
        """``{block_index: [mention, ...]}`` with entities loaded, in one query."""
        grouped: dict[int, list[Mention]] = {}
        for mention in self.select_related("entity").order_by("block_index", "block_start"):
            grouped.setdefault(mention.block_index, []).append(mention)
        return grouped

    def decide(self, status: str, user) -> int:
        """Confirm or reject many at once, each article's decision in the audit log; model
        suggestions without an entity cannot be confirmed (they need an entity first),
        so they are left alone."""
        queryset = self
        if status == Mention.Status.CONFIRMED:
            queryset = queryset.filter(entity__isnull=False)
        action = "entity_confirm" if status == Mention.Status.CONFIRMED else "entity_reject"
        with transaction.atomic():
            decided: dict[int, list[int]] = {}
            for pk, article_id in queryset.values_list("pk", "article_id"):
                decided.setdefault(article_id, []).append(pk)
            count = queryset.update(status=status, decided_by=user, decided_at=timezone.now())
            for article in Article.objects.filter(pk__in=decided).only("pk", "title"):
                record(user, action, article, mentions=sorted(decided[article.pk]))
            stories_changed.send(sender=Mention, article_ids=set(decided))
        return count


class Mention(models.Model):
    """A name found in an article's story blocks, and what an editor decided about it.

    ``start``/``end`` index the article's raw body; ``block_start``/``block_end``
    index the text of block ``block_index``. For plain-text imports the two differ by
    the block's offset; for HTML the block text is extracted text, so the raw span is
    located in the block's markup (or is the whole block's span when the name is
    split by tags), and rendering always uses the block-relative offsets.
    """

    class Origin(models.TextChoices):
        KB = "kb", _("knowledge base")
        MODEL = "model", _("model")
        EDITOR = "editor", _("editor")

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")

    article = models.ForeignKey(Article, models.CASCADE, related_name="mentions",
                                verbose_name=_("article"))
    entity = models.ForeignKey(
        Entity, models.CASCADE, null=True, blank=True, related_name="mentions",
        verbose_name=_("entity"),
        help_text=_("Empty for a name the model found that is not in the knowledge base yet."),
    )
    block_index = models.PositiveIntegerField()
    start = models.PositiveIntegerField(help_text=_("Offset in the raw body."))
    end = models.PositiveIntegerField()
    block_start = models.PositiveIntegerField(
        default=0, help_text=_("Offset in the block's text.")
    )
    block_end = models.PositiveIntegerField(default=0)
    surface = models.CharField(_("name as written"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Entity.Kind)
    origin = models.CharField(_("origin"), max_length=8, choices=Origin)
    confidence = models.FloatField(_("confidence"), default=1.0)
    salience = models.FloatField(
        _("salience"), default=0.0,
        help_text=_("How prominent a new name is in the story (headline, lead, "
                    "repetition): the review page lists suggestions by it."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status,
                              default=Status.SUGGESTED, db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   blank=True, related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.CharField(
        _("reason"), max_length=300, blank=True,
        help_text=_("Why the machine suggested it, when not obvious."),
    )

    objects = MentionQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start"]
        indexes = [
            models.Index(fields=["entity", "status"]),
            models.Index(fields=["article", "status"]),
        ]
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")

    def __str__(self) -> str:
        return f"{self.surface} ({self.get_status_display()})"

    @property
    def is_linkable(self) -> bool:
        return self.entity_id is not None and (
            self.status == self.Status.CONFIRMED
            or (self.status == self.Status.SUGGESTED and self.origin == self.Origin.KB
                and self.confidence >= LINK_CONFIDENCE)
        )

    def context(self, text: str, width: int = 30) -> tuple[str, str, str]:
        """(before, surface, after) from the block's text, for the review page."""
        before = text[max(0, self.block_start - width):self.block_start]
        after = text[self.block_end:self.block_end + width]
        return before, text[self.block_start:self.block_end], after

    @transaction.atomic
    def promote(self, user, *, entity: Entity | None = None, kind: str = "") -> Entity:
        """Turn a model suggestion into a KB entry: a new entity, or an alias of ``entity``.

        Every suggestion of the same surface in this article is confirmed with it.
        """
        surface = self.surface.strip()
        if entity is None:
            entity = Entity.objects.filter(Q(name=surface) | Q(aliases__name=surface)).first()
        if entity is None:
            entity = Entity.objects.create(
                key=unique_key(surface), name=surface, kind=kind or self.kind or "other"
            )
        else:
            entity.add_alias(surface)
        Mention.objects.filter(
            article_id=self.article_id, surface=self.surface,
            status__in=[self.Status.SUGGESTED, self.Status.CONFIRMED],
        ).filter(Q(entity__isnull=True) | Q(pk=self.pk)).update(
            entity=entity, kind=entity.kind, status=self.Status.CONFIRMED, decided_by=user,
            decided_at=timezone.now(),
        )
        stories_changed.send(sender=Mention, article_ids=[self.article_id])
        self.refresh_from_db()
        return entity


class KnowledgeBaseVersion(models.Model):
    """One row whose token changes with every KB change.

    Each process caches its matcher under the token it was built from, so a worker
    picks up a new alias on its next article without a restart. A random token
    rather than a counter: a rolled-back change can never make a stale matcher
    look current.
    """

    version = models.PositiveBigIntegerField(default=0)
    token = models.CharField(max_length=32, default="initial")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("knowledge base version")

    def __str__(self) -> str:
        return f"KB v{self.version}"

    @classmethod
    def current(cls) -> str:
        token = cls.objects.filter(pk=1).values_list("token", flat=True).first()
        return token or "empty"

    @classmethod
    def bump(cls) -> None:
        updated = cls.objects.filter(pk=1).update(
            version=F("version") + 1, token=uuid.uuid4().hex, changed_at=timezone.now()
        )
        if not updated:
            cls.objects.get_or_create(pk=1, defaults={"version": 1, "token": uuid.uuid4().hex})


class Extraction(models.Model):
    """The last extraction of an article and what it was computed from.

    The task skips an article whose key (story blocks, KB token, extractor
    version) is unchanged, so redelivered or repeated tasks are no-ops.
    """

    article = models.OneToOneField(Article, models.CASCADE, related_name="extraction")
    key = models.CharField(max_length=64)
    kb_version = models.CharField(max_length=32)
    extractor = models.CharField(max_length=64)
    suggested = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("extraction")
        verbose_name_plural = _("extractions")

    def __str__(self) -> str:
        return f"{self.article_id} {self.finished_at:%Y-%m-%d %H:%M}"


class NotDuplicate(models.Model):
    """An editor's word that two similar-looking entities are distinct: never offer again."""

    first = models.ForeignKey(Entity, models.CASCADE, related_name="+")
    second = models.ForeignKey(Entity, models.CASCADE, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   blank=True, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="not_duplicate_unique"),
        ]
        verbose_name = _("distinct pair")
        verbose_name_plural = _("distinct pairs")

    def __str__(self) -> str:
        return f"{self.first_id} ≠ {self.second_id}"
