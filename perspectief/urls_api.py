"""API routes of the perspectief app, mounted at /api/v1/perspectief/.

Route names start with "api-perspectief-".
"""

from django.urls import path

from . import api

urlpatterns = [
    path(
        "dossiers/<int:pk>/",
        api.PerspectiefView.as_view(),
        name="api-perspectief-perspectief",
    ),
    path(
        "dossiers/<int:pk>/metingen/",
        api.MetingenView.as_view(),
        name="api-perspectief-metingen",
    ),
]
