"""/api/v1/inkomen/: the inkomen app's API routes (included from bijstand/api_urls.py)."""

from django.urls import path

from . import api, payroll_api

urlpatterns = [
    path("proefberekening", api.ProefberekeningView.as_view(), name="api-inkomen-proefberekening"),
    # --- verrekening / payroll (inkomen.payroll_api) ---------------------------------------
    path(
        "loongegevens",
        payroll_api.LoongegevensView.as_view(),
        name="api-inkomen-loongegevens",
    ),
]
