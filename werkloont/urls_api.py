"""API routes of the werkloont app, mounted at /api/v1/werkloont/.

Route names start with "api-werkloont-".
"""

from django.urls import path  # noqa: F401

urlpatterns: list = []
