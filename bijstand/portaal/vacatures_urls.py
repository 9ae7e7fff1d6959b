"""Burgerportaal pages of the vacatures app (namespace "portaal").

Views in vacatures_views.py beside this file.
"""

from django.urls import path

from . import vacatures_views

urlpatterns: list = [
    path("vacatures/", vacatures_views.vacatures, name="vacatures"),
    path("mijn-werkprofiel/", vacatures_views.werkprofiel, name="werkprofiel"),
]
