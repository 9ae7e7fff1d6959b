from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("werkcoaches/", views.werkcoaches, name="werkcoaches"),
]
