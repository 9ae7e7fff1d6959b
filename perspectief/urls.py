"""Staff pages of the perspectief app, mounted at /perspectief/."""

from django.urls import path  # noqa: F401

app_name = "perspectief"

urlpatterns: list = []
