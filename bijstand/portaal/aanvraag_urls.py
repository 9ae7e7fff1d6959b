"""Burgerportaal pages of the aanvraag app (namespace "portaal").

Views in aanvraag_views.py (start, sent, status) and aanvraag_stap_views.py (the steps).
"""

from django.urls import path

from . import aanvraag_stap_views, aanvraag_views

urlpatterns: list = [
    path("bijstand-aanvragen/", aanvraag_views.aanvraag_start, name="aanvraag_start"),
    path(
        "bijstand-aanvragen/verstuurd/",
        aanvraag_views.aanvraag_verstuurd,
        name="aanvraag_verstuurd",
    ),
    path(
        "bijstand-aanvragen/<slug:stap>/",
        aanvraag_stap_views.aanvraag_stap,
        name="aanvraag_stap",
    ),
    path("mijn-aanvraag/", aanvraag_views.aanvraag_status, name="aanvraag"),
    path(
        "mijn-aanvraag/intrekken/",
        aanvraag_views.aanvraag_intrekken,
        name="aanvraag_intrekken",
    ),
]
