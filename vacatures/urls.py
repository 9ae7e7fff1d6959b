"""Staff pages of the vacatures app, mounted at /vacatures/."""

from django.urls import path  # noqa: F401

app_name = "vacatures"

urlpatterns: list = []
