"""The story listing's filters: combinable, and all in the query string so a view can be shared.

An article "mentions" an entity by the same rule that links the name in the
story and lists the story on the entity's page (``Mention.objects.linkable()``):
confirmed mentions, and knowledge-base suggestions still waiting for review
whose confidence is high enough; never rejected ones. Hiding every unreviewed
suggestion would leave most stories unfindable, and one rule everywhere means
the filtered list and the entity page always agree. Several entities narrow
the list: a story must mention every one of them.
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Section, Source
from entities.models import Entity, Mention


class ArticleFilter(django_filters.FilterSet):
    entity = django_filters.ModelMultipleChoiceFilter(
        queryset=Entity.objects.all(), to_field_name="slug", method="filter_entities",
        label=_("Entities"), widget=forms.CheckboxSelectMultiple,
    )
    kind = django_filters.ChoiceFilter(
        choices=Entity.Kind.choices, method="filter_kind", label=_("Entity kind"),
        empty_label=_("Any kind"),
    )
    section = django_filters.ModelChoiceFilter(
        queryset=Section.objects.all(), to_field_name="slug", label=_("Section"),
        empty_label=_("Any section"),
    )
    source = django_filters.ModelChoiceFilter(
        queryset=Source.objects.all(), to_field_name="slug", label=_("Source"),
        empty_label=_("Any source"),
    )
    language = django_filters.ChoiceFilter(
        choices=Article.Language.choices, label=_("Language"), empty_label=_("Any language"),
    )
    date = django_filters.DateFromToRangeFilter(
        field_name="published_at", label=_("Published between"),
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
    )

    class Meta:
        model = Article
        fields = ["entity", "kind", "section", "source", "language", "date"]

    def filter_entities(self, queryset, name, entities):
        for entity in entities:
            queryset = queryset.filter(
                Exists(Mention.objects.linkable().filter(article=OuterRef("pk"), entity=entity))
            )
        return queryset

    def filter_kind(self, queryset, name, kind):
        return queryset.filter(
            Exists(Mention.objects.linkable().filter(article=OuterRef("pk"), entity__kind=kind))
        )
