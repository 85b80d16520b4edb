from django.urls import path

import newsroom.converters  # noqa: F401 - registers <uslug:...>
from public import entity_views as views

app_name = "entities"

urlpatterns = [
    path("", views.entity_list, name="list"),
    path("<uslug:slug>/", views.entity_detail, name="detail"),
]
