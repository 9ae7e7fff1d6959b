"""Burgerportaal pages of the plan app (namespace "portaal").

Views in plan_views.py beside this file.
"""

from django.urls import path  # noqa: F401

urlpatterns: list = []
