"""Burgerportaal pages of the werkloont app (namespace "portaal").

Views in werkloont_views.py beside this file.
"""

from django.urls import path  # noqa: F401

urlpatterns: list = []
