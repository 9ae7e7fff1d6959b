"""Staff pages of the vacatures app, mounted at /vacatures/."""

from django.urls import path

from . import views

app_name = "vacatures"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("nieuw/", views.vacature_nieuw, name="nieuw"),
    path("<int:pk>/", views.vacature_detail, name="detail"),
    path("<int:pk>/wijzigen/", views.vacature_wijzigen, name="wijzigen"),
    path("<int:pk>/intrekken/", views.vacature_intrekken, name="intrekken"),
    path("<int:pk>/heropenen/", views.vacature_heropenen, name="heropenen"),
    path("<int:pk>/voordragen/", views.voordragen, name="voordragen"),
    path("<int:pk>/werkprofielen/", views.werkgeversweergave, name="werkgeversweergave"),
    path("werkgevers/", views.werkgevers, name="werkgevers"),
    path("werkgevers/nieuw/", views.werkgever_nieuw, name="werkgever_nieuw"),
    path("werkgevers/<int:pk>/", views.werkgever_detail, name="werkgever"),
    path("werkgevers/<int:pk>/wijzigen/", views.werkgever_wijzigen, name="werkgever_wijzigen"),
    path(
        "werkgevers/<int:pk>/contactpersonen/nieuw/",
        views.contactpersoon_nieuw,
        name="contactpersoon_nieuw",
    ),
    path("werkgevers/<int:pk>/sroi/nieuw/", views.sroi_nieuw, name="sroi_nieuw"),
    path("voordrachten/<int:pk>/", views.voordracht_detail, name="voordracht"),
    path("voordrachten/<int:pk>/gesprek/", views.voordracht_gesprek, name="voordracht_gesprek"),
    path(
        "voordrachten/<int:pk>/plaatsing/", views.voordracht_plaatsing, name="voordracht_plaatsing"
    ),
    path("voordrachten/<int:pk>/afwijzen/", views.voordracht_afwijzen, name="voordracht_afwijzen"),
]
