"""Staff routes of the inkomen app (the tab itself is dossiers:tab with slug "inkomen")."""

from django.urls import path

from . import views, views_betaalruns, views_voorschotten

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
    path("betaalruns/", views_betaalruns.betaalruns, name="betaalruns"),
    path("betaalruns/<int:pk>/", views_betaalruns.betaalrun_detail, name="betaalrun"),
    path(
        "betaalruns/<int:pk>/voortgang/",
        views_betaalruns.betaalrun_voortgang,
        name="betaalrun_voortgang",
    ),
    path(
        "betaalruns/<int:pk>/betaalbestand/",
        views_betaalruns.betaalbestand,
        name="betaalbestand",
    ),
    path("voorschotten/", views_voorschotten.voorschotten, name="voorschotten"),
    path(
        "voorschotten/betaalbestand/",
        views_voorschotten.maak_bestand,
        name="voorschotbestand_maken",
    ),
    path(
        "voorschotten/betaalbestand/<int:pk>/",
        views_voorschotten.download,
        name="voorschotbestand",
    ),
]
