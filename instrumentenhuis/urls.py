"""Staff pages of the instrumentenhuis app, mounted at /instrumentenhuis/.

The "Instrumenten" tab itself is dossiers:tab with slug "instrumenten" (registreer_tab).
"""

from django.urls import path

from . import views

app_name = "instrumentenhuis"

urlpatterns = [
    path("", views.catalogus, name="catalogus"),
    path("<int:instrument_pk>/", views.instrument, name="instrument"),
    path("<int:instrument_pk>/kandidaten/", views.kandidaten, name="kandidaten"),
    path("dossiers/<int:pk>/aanvragen/", views.aanvragen, name="aanvragen"),
    path("dossiers/<int:pk>/inzetten/<int:inzet_pk>/", views.inzet_detail, name="inzet"),
    path("dossiers/<int:pk>/inzetten/<int:inzet_pk>/status/", views.overgang, name="overgang"),
    path(
        "dossiers/<int:pk>/inzetten/<int:inzet_pk>/rapportage/",
        views.rapportage,
        name="rapportage",
    ),
    path(
        "dossiers/<int:pk>/inzetten/<int:inzet_pk>/werkgever/",
        views.werkgeversafspraak,
        name="werkgeversafspraak",
    ),
]
