"""Staff pages of the werkloont app, mounted at /werkloont/ (the agenda itself is the dossier
tab ``dossiers:tab`` with slug "agenda")."""

from django.urls import path

from . import views

app_name = "werkloont"

D = "dossiers/<int:pk>/"

urlpatterns = [
    path(f"{D}agenda/lijst/", views.agenda_lijst, name="lijst"),
    path(f"{D}agenda/week-goedkeuren/", views.week_goedkeuren, name="week_goedkeuren"),
    path(f"{D}programma/nieuw/", views.traject_nieuw, name="traject_nieuw"),
    path(f"{D}programma/<int:traject_pk>/norm/", views.traject_norm, name="traject_norm"),
    path(
        f"{D}programma/<int:traject_pk>/beeindigen/",
        views.traject_beeindigen,
        name="traject_beeindigen",
    ),
    path(f"{D}activiteiten/nieuw/", views.activiteit_nieuw, name="activiteit_nieuw"),
    path(
        f"{D}activiteiten/<int:activiteit_pk>/stoppen/",
        views.activiteit_stoppen,
        name="activiteit_stoppen",
    ),
    path(
        f"{D}activiteiten/<int:activiteit_pk>/competenties/",
        views.competenties,
        name="competenties",
    ),
    path(f"{D}afspraken/<int:afspraak_pk>/aanwezigheid/", views.aanwezigheid, name="aanwezigheid"),
    path(
        f"{D}afspraken/<int:afspraak_pk>/annuleren/",
        views.afspraak_annuleren,
        name="afspraak_annuleren",
    ),
    path("groepen/", views.groepen, name="groepen"),
    path("groepen/<int:groep_pk>/", views.groep, name="groep"),
    path("signalen/", views.signalen, name="signalen"),
    path(
        "signalen/<int:signaal_pk>/afhandelen/", views.signaal_afhandelen, name="signaal_afhandelen"
    ),
    path("werkactiviteiten/", views.werkactiviteiten, name="werkactiviteiten"),
]
