"""Staff pages of the plan app, mounted at /plan/."""

from django.urls import path  # noqa: F401

app_name = "plan"

urlpatterns: list = []
