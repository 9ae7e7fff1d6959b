"""Staff pages of the plan app, mounted at /plan/ (the tab itself is dossiers:tab "plan")."""

from django.urls import path

from . import views, views_nazorg

app_name = "plan"

urlpatterns = [
    path("herinneringen/", views.meldingen, name="meldingen"),
    path("herinneringen/<int:melding_pk>/gezien/", views.melding_gezien, name="melding_gezien"),
    path("nazorg/", views_nazorg.werklijst, name="nazorg"),
    path("nazorg/<int:contact_pk>/gehad/", views_nazorg.contact_gehad, name="nazorg_gehad"),
    path("nazorg/<int:contact_pk>/overslaan/", views_nazorg.overslaan, name="nazorg_overslaan"),
    path("nazorg/terugkeer/<int:pk>/", views_nazorg.terugkeer, name="nazorg_terugkeer"),
    path("dossiers/<int:pk>/maken/", views.maak_plan, name="maak_plan"),
    path("dossiers/<int:pk>/sjabloon/", views.sjabloon_toepassen, name="sjabloon_toepassen"),
    path("dossiers/<int:pk>/doelen/nieuw/", views.doel_nieuw, name="doel_nieuw"),
    path(
        "dossiers/<int:pk>/doelen/<int:doel_pk>/wijzigen/",
        views.doel_wijzigen,
        name="doel_wijzigen",
    ),
    path("dossiers/<int:pk>/acties/nieuw/", views.actie_nieuw, name="actie_nieuw"),
    path(
        "dossiers/<int:pk>/acties/<int:actie_pk>/wijzigen/",
        views.actie_wijzigen,
        name="actie_wijzigen",
    ),
    path(
        "dossiers/<int:pk>/acties/<int:actie_pk>/status/",
        views.actie_status,
        name="actie_status",
    ),
    path("dossiers/<int:pk>/versies/", views.versies, name="versies"),
]
