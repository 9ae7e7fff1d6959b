"""API routes of the plan app, mounted at /api/v1/plan/.

Route names start with "api-plan-".
"""

from django.urls import path  # noqa: F401

urlpatterns: list = []
