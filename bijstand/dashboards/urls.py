from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("", views.pagina, {"slug": "overzicht"}, name="overzicht"),
    path("bestand/", views.pagina, {"slug": "bestand"}, name="bestand"),
    path("stromen/", views.pagina, {"slug": "stromen"}, name="stromen"),
    path("ontwikkeling/", views.pagina, {"slug": "ontwikkeling"}, name="ontwikkeling"),
    path("een-werkcoach/", views.pagina, {"slug": "werkcoach"}, name="eenwerkcoach"),
    path("inkomen/", views.pagina, {"slug": "inkomen"}, name="inkomen"),
    path(
        "export/<slug:slug>/<slug:tabel>.<str:formaat>",
        views.export,
        name="export",
    ),
    path("vernieuwen/", views.vernieuwen, name="vernieuwen"),
    path("werkcoaches/", views.werkcoaches, name="werkcoaches"),
]
