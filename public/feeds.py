"""RSS and Atom feeds: the whole site, one section, one entity."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Section
from entities.models import Entity, Mention
from newsroom.feedgenerators import SafeAtom, SafeRss

FEED_ITEMS = 30


def latest():
    return (
        Article.objects.published().for_listing()[:FEED_ITEMS]
    )


class LatestRss(Feed):
    feed_type = SafeRss  # one bad item never breaks the feed
    title = "Newsroom"
    description = _("The latest stories, checked for injected and foreign text.")

    def link(self):
        return reverse("articles:home")

    def items(self):
        return latest()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.dek

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.byline or (item.source.name if item.source else None)

    def item_categories(self, item):
        return [item.section.name] if item.section else []


class LatestAtom(LatestRss):
    feed_type = SafeAtom
    subtitle = LatestRss.description


class SectionRss(LatestRss):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj):
        return f"Newsroom · {obj.name}"

    def link(self, obj):
        return reverse("articles:section", kwargs={"slug": obj.slug})

    def items(self, obj):
        return (
            Article.objects.published().filter(section=obj).for_listing()[:FEED_ITEMS]
        )


class SectionAtom(SectionRss):
    feed_type = SafeAtom
    subtitle = LatestRss.description


class EntityRss(LatestRss):
    def get_object(self, request, slug):
        return get_object_or_404(Entity, slug=slug)

    def title(self, obj):
        return f"Newsroom · {obj.name}"

    def link(self, obj):
        from public.stories import entity_url

        return entity_url(obj)

    def items(self, obj):
        ids = Mention.objects.linkable().filter(entity=obj).values("article_id")
        return (
            Article.objects.published().filter(pk__in=ids).for_listing()[:FEED_ITEMS]
        )


class EntityAtom(EntityRss):
    feed_type = SafeAtom
    subtitle = LatestRss.description
