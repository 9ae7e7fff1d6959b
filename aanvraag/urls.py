"""Staff pages of the front door, mounted at /aanvragen/ (app_name "aanvraag"). The dossier's
"Aanvraag" tab is dossiers:tab with slug "aanvraag" (``registreer_tab`` in apps.py); the
beschikking PDF (``aanvraag:beschikking_pdf``) comes from ``urls_beschikking``."""

from django.urls import include, path

from . import views, views_acties, views_melding, views_stappen

app_name = "aanvraag"

urlpatterns = [
    path("", views.werklijst, name="werklijst"),
    path("melding/", views_melding.melding, name="melding"),
    path("melding/bevestigen/", views_melding.melding_bevestigen, name="melding_bevestigen"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/stappen/<slug:stap_slug>/", views_stappen.stap_invullen, name="stap"),
    path("<int:pk>/stukken/nieuw/", views_acties.stuk_toevoegen, name="stuk_toevoegen"),
    path("<int:pk>/stukken/<int:stuk_pk>/", views.stuk, name="stuk"),
    path("<int:pk>/in-behandeling/", views_acties.in_behandeling, name="in_behandeling"),
    path("<int:pk>/bewoners/", views_acties.bewoners, name="bewoners"),
    path("<int:pk>/stukken-opvragen/", views_acties.stukken_opvragen, name="stukken_opvragen"),
    path(
        "<int:pk>/hersteltermijnen/<int:herstel_pk>/ontvangen/",
        views_acties.stukken_ontvangen,
        name="stukken_ontvangen",
    ),
    path("<int:pk>/controle/<slug:code>/", views_acties.checklist, name="checklist"),
    path("<int:pk>/ingebrekestelling/", views_acties.ingebrekestelling, name="ingebrekestelling"),
    path("<int:pk>/besluit/<slug:soort>/", views_acties.besluit, name="besluit"),
    path("<int:pk>/voorschot/", views_acties.voorschot_betalen, name="voorschot_betalen"),
    path("<int:pk>/geen-voorschot/", views_acties.geen_voorschot, name="geen_voorschot"),
    path("", include("aanvraag.urls_beschikking")),
]
