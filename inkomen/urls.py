"""Staff routes of the inkomen app (the tab itself is dossiers:tab with slug "inkomen")."""

from django.urls import path

from . import views

app_name = "inkomen"

urlpatterns = [
    path(
        "dossiers/<int:pk>/inkomen/opgaven/nieuw/",
        views.opgave_registreren,
        name="opgave_registreren",
    ),
    path(
        "dossiers/<int:pk>/inkomen/opgaven/<int:opgave_pk>/beoordelen/",
        views.opgave_beoordelen,
        name="opgave_beoordelen",
    ),
    path(
        "dossiers/<int:pk>/inkomen/opgaven/<int:opgave_pk>/loonstrook/",
        views.loonstrook,
        name="loonstrook",
    ),
]
