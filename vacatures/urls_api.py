"""API routes of the vacatures app, mounted at /api/v1/vacatures/.

Route names start with "api-vacatures-".
"""

from django.urls import path  # noqa: F401

urlpatterns: list = []
