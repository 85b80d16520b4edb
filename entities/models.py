from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.models import Article, unique_slug


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
        _("key"), max_length=100, unique=True,
        help_text=_("Stable identifier used by imports and exports."),
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
    wikidata = models.CharField(_("Wikidata QID"), max_length=20, blank=True)
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("entity")
        verbose_name_plural = _("entities")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Entity, self.name_en or self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("entities:detail", kwargs={"slug": self.slug})


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


class Mention(models.Model):
    """A name found in an article's story blocks, and what an editor decided about it."""

    class Origin(models.TextChoices):
        KB = "kb", _("knowledge base")
        MODEL = "model", _("model")
        EDITOR = "editor", _("editor")

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")

    article = models.ForeignKey(Article, models.CASCADE, related_name="mentions")
    entity = models.ForeignKey(
        Entity, models.CASCADE, null=True, blank=True, related_name="mentions",
        help_text=_("Empty for a name the model found that is not in the knowledge base yet."),
    )
    block_index = models.PositiveIntegerField()
    start = models.PositiveIntegerField(help_text=_("Offset in the raw body."))
    end = models.PositiveIntegerField()
    surface = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=Entity.Kind)
    origin = models.CharField(max_length=8, choices=Origin)
    confidence = models.FloatField(default=1.0)
    status = models.CharField(max_length=12, choices=Status, default=Status.SUGGESTED,
                              db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

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
