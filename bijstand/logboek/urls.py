from django.urls import path

from . import views

app_name = "logboek"

urlpatterns = [
    path("", views.LogboekOverzichtView.as_view(), name="overzicht"),
]
