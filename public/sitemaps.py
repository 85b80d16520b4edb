from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.models import Article, Section


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 10000

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("-published_at")

    def lastmod(self, item):
        return item.updated_at


class SectionSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        return Section.objects.all()

    def location(self, item):
        return reverse("articles:section", kwargs={"slug": item.slug})


class StaticSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["articles:home", "articles:list", "articles:about"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"pages": StaticSitemap, "sections": SectionSitemap, "articles": ArticleSitemap}
