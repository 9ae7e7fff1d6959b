"""API routes of the intake app, mounted at /api/v1/intake/ (see intake/api.py).

Route names start with "api-intake-".
"""

from django.urls import path

from . import api

urlpatterns = [
    path("dossiers/<int:pk>/", api.DossierIntakesView.as_view(), name="api-intake-dossier"),
    path("<int:pk>/", api.IntakeDetailView.as_view(), name="api-intake-detail"),
    path("<int:pk>/stappen/<slug:stap>/", api.IntakeStapView.as_view(), name="api-intake-stap"),
    path("<int:pk>/afronden/", api.IntakeAfrondenView.as_view(), name="api-intake-afronden"),
]
