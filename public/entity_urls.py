from django.urls import path

from public import entity_views as views

app_name = "entities"

urlpatterns = [
    path("", views.entity_list, name="list"),
    path("<str:slug>/", views.entity_detail, name="detail"),
]
