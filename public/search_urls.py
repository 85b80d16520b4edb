from django.urls import path

from public import search_views as views

app_name = "search"

urlpatterns = [
    path("", views.results, name="results"),
]
