"""Burgerportaal pages of the instrumentenhuis app (namespace "portaal").

Views in instrumentenhuis_views.py beside this file.
"""

from django.urls import path  # noqa: F401

urlpatterns: list = []
