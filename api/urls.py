from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from api import staff, views

app_name = "api"

router = SimpleRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("sections", views.SectionViewSet, basename="section")
router.register("entities", views.EntityViewSet, basename="entity")

v1 = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI from the sidecar's static files, its start-up script served apart
    # (the site's Content-Security-Policy allows no inline script).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("search/", views.Search.as_view(), name="search"),
    path("entities/<int:pk>/articles/", views.EntityArticles.as_view(), name="entity-articles"),
    path("staff/articles/", staff.ImportArticle.as_view(), name="staff-import"),
    path("staff/articles/<int:pk>/", staff.StaffArticle.as_view(), name="staff-article"),
    path("staff/articles/<int:pk>/verdicts/", staff.Verdicts.as_view(), name="staff-verdicts"),
    path("staff/articles/<int:pk>/mentions/", staff.Mentions.as_view(), name="staff-mentions"),
    path("staff/articles/<int:pk>/transition/", staff.Transition.as_view(),
         name="staff-transition"),
    path("staff/tables/<int:pk>/", staff.Table.as_view(), name="staff-table"),
    path("staff/feeds/", staff.Feeds.as_view(), name="staff-feeds"),
    path("staff/feeds/<int:pk>/", staff.StaffFeed.as_view(), name="staff-feed"),
    path("staff/feeds/<int:pk>/items/", staff.FeedItems.as_view(), name="staff-feed-items"),
    *router.urls,
]

urlpatterns = [
    path("v1/", include(v1)),
    re_path(r"^", views.NotFound.as_view(), name="not-found"),
]
