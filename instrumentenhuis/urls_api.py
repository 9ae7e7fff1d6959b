"""API routes of the instrumentenhuis app, mounted at /api/v1/instrumentenhuis/.

Route names start with "api-instrumentenhuis-".
"""

from django.urls import path  # noqa: F401

urlpatterns: list = []
