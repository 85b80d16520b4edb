from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from articles.models import Article
from articles.rendering import story_items

PAGE_SIZE = 20


def home(request):
    articles = Article.objects.published().select_related("source", "section")
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    lead = page.object_list[0] if page.number == 1 and page.object_list else None
    rest = page.object_list[1:] if lead else page.object_list
    return TemplateResponse(
        request, "articles/home.html", {"page": page, "lead": lead, "articles": rest}
    )


def detail(request, slug):
    article = get_object_or_404(Article.objects.select_related("source", "section"), slug=slug)
    preview = not article.is_published
    if preview and not request.user.has_perm("articles.view_article"):
        raise Http404("No published article here.")
    items = story_items(article.blocks.only("index", "kind", "text", "meta"))
    return TemplateResponse(
        request, "articles/detail.html",
        {"article": article, "items": items, "preview": preview},
    )
