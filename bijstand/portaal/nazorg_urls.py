"""Burgerportaal page of the nazorg (plan app): "Hulp vragen". Views in nazorg_views.py."""

from django.urls import path

from . import nazorg_views

urlpatterns = [
    path("hulp-vragen/", nazorg_views.hulp_vragen, name="nazorg_hulp"),
]
