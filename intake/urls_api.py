"""API routes of the intake app, mounted at /api/v1/intake/.

Route names start with "api-intake-".
"""

from django.urls import path  # noqa: F401

urlpatterns: list = []
