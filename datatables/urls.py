from django.urls import path

from datatables import views

app_name = "datatables"

urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/table.<str:fmt>", views.download, name="download"),
]
