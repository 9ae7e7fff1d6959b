"""Burgerportaal pages of the intake app (namespace "portaal").

Views in intake_views.py beside this file.
"""

from django.urls import path  # noqa: F401

urlpatterns: list = []
