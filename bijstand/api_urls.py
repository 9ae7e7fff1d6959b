"""/api/v1/: each app contributes its routes here."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
