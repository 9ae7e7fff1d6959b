"""Burgerportaal pages of the vacatures app (namespace "portaal").

Views in vacatures_views.py beside this file.
"""

from django.urls import path  # noqa: F401

urlpatterns: list = []
