"""Staff pages of the perspectief app, mounted at /perspectief/.

The tab itself is ``dossiers:tab`` with slug "perspectief" (``registreer_tab`` in apps.py).
"""

from django.urls import path

from . import views

app_name = "perspectief"

urlpatterns = [
    path("dossiers/<int:pk>/metingen/nieuw/", views.meting_nieuw, name="meting_nieuw"),
    path("dossiers/<int:pk>/doelen/", views.doelen, name="doelen"),
    path(
        "dossiers/<int:pk>/belemmeringen/nieuw/",
        views.belemmering_nieuw,
        name="belemmering_nieuw",
    ),
    path(
        "dossiers/<int:pk>/belemmeringen/<int:belemmering_pk>/opgelost/",
        views.belemmering_opgelost,
        name="belemmering_opgelost",
    ),
    path(
        "dossiers/<int:pk>/vaardigheden/nieuw/",
        views.vaardigheid_nieuw,
        name="vaardigheid_nieuw",
    ),
    path("dossiers/<int:pk>/werkprofiel/", views.werkprofiel, name="werkprofiel"),
    path("dossiers/<int:pk>/segment-en-route/", views.route, name="route"),
]
