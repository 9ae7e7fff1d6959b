"""API routes of the perspectief app, mounted at /api/v1/perspectief/.

Route names start with "api-perspectief-".
"""

from django.urls import path  # noqa: F401

urlpatterns: list = []
