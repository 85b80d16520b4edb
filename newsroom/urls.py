import re

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.db import connection
from django.http import HttpResponse
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_page, never_cache
from django.views.static import serve

from public.sitemaps import SITEMAPS
from public.views import favicon, robots_txt


@never_cache
def healthz(request):
    """For load balancers and compose health checks: the app is up and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("search/", include("public.search_urls")),
    path("entities/", include("public.entity_urls")),
    path("tables/", include("datatables.urls")),
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", favicon, name="favicon"),
    path("sitemap.xml", cache_page(3600)(sitemap_views.index), {"sitemaps": SITEMAPS},
         name="sitemap-index"),
    path("sitemap-<section>.xml", cache_page(3600)(sitemap_views.sitemap),
         {"sitemaps": SITEMAPS}, name="django.contrib.sitemaps.views.sitemap"),
    path("", include("public.urls")),
]


def media(request, path):
    """Uploaded images, where no web server or bucket serves them (``serve`` refuses
    paths outside MEDIA_ROOT)."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


if settings.NEWSROOM_SERVE_MEDIA:
    urlpatterns.insert(0, re_path(
        r"^{}(?P<path>.*)$".format(re.escape(settings.MEDIA_URL.lstrip("/"))), media,
        name="media",
    ))
