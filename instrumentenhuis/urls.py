"""Staff pages of the instrumentenhuis app, mounted at /instrumentenhuis/."""

from django.urls import path  # noqa: F401

app_name = "instrumentenhuis"

urlpatterns: list = []
