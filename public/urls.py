from django.urls import path

import newsroom.converters  # noqa: F401 - registers <uslug:...>
from public import feeds, views

# The public pages of articles keep the "articles" URL namespace they always had.
app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/", views.listing, name="list"),
    path("articles/<uslug:slug>/", views.detail, name="detail"),
    path("sections/<uslug:slug>/", views.section, name="section"),
    path("about/", views.about, name="about"),
    path("language/", views.switch_language, name="language"),
    path("feeds/rss/", feeds.LatestRss(), name="feed-rss"),
    path("feeds/atom/", feeds.LatestAtom(), name="feed-atom"),
    path("feeds/sections/<uslug:slug>/rss/", feeds.SectionRss(), name="section-rss"),
    path("feeds/sections/<uslug:slug>/atom/", feeds.SectionAtom(), name="section-atom"),
    path("feeds/entities/<uslug:slug>/rss/", feeds.EntityRss(), name="entity-rss"),
    path("feeds/entities/<uslug:slug>/atom/", feeds.EntityAtom(), name="entity-atom"),
]
