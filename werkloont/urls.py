"""Staff pages of the werkloont app, mounted at /werkloont/."""

from django.urls import path  # noqa: F401

app_name = "werkloont"

urlpatterns: list = []
