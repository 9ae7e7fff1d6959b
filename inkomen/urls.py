"""Staff routes of the inkomen app (the tab itself is dossiers:tab with slug "inkomen")."""

from django.urls import path

from . import (
    views,
    views_betaalruns,
    views_herberekening,
    views_herziening,
    views_perioden,
    views_voorschotten,
    views_werk,
)

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
    path(
        "dossiers/<int:pk>/inkomen/dienstverbanden/nieuw/",
        views_werk.dienstverband_registreren,
        name="dienstverband_registreren",
    ),
    path(
        "dossiers/<int:pk>/inkomen/opschorten/",
        views_perioden.opschorten,
        name="opschorten",
    ),
    path(
        "dossiers/<int:pk>/inkomen/opschortingen/<int:opschorting_pk>/opheffen/",
        views_perioden.opheffen,
        name="opschorting_opheffen",
    ),
    path(
        "dossiers/<int:pk>/inkomen/opschortingen/<int:opschorting_pk>/intrekken/",
        views_perioden.intrekken,
        name="opschorting_intrekken",
    ),
    path("signalen/", views_perioden.signalen, name="signalen"),
    path(
        "signalen/<int:signaal_pk>/afgehandeld/",
        views_perioden.signaal_afhandelen,
        name="signaal_afhandelen",
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
    path("herberekeningen/", views_herberekening.herberekeningen, name="herberekeningen"),
    path("herberekeningen/starten/", views_herberekening.starten, name="herberekening_starten"),
    path("herberekeningen/<int:pk>/", views_herberekening.detail, name="herberekeningsrun"),
    path(
        "herberekeningen/<int:pk>/voortgang/",
        views_herberekening.voortgang,
        name="herberekening_voortgang",
    ),
    path(
        "herberekeningen/<int:pk>/opnieuw/",
        views_herberekening.herstarten,
        name="herberekening_herstarten",
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
    path(
        "wijzigingen/<int:pk>/herziening/",
        views_herziening.herziening_scherm,
        name="herziening",
    ),
]
