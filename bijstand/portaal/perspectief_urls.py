"""Burgerportaal pages of the perspectief app (namespace "portaal").

Views in perspectief_views.py beside this file.
"""

from django.urls import path  # noqa: F401

urlpatterns: list = []
