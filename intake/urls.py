"""Staff pages of the intake app, mounted at /intake/ (the list is dossiers:tab "intake")."""

from django.urls import path

from . import views

app_name = "intake"

urlpatterns = [
    path("dossiers/<int:pk>/starten/", views.starten, name="starten"),
    path("dossiers/<int:pk>/<int:intake_pk>/", views.detail, name="detail"),
    path("dossiers/<int:pk>/<int:intake_pk>/afronden/", views.afronden, name="afronden"),
    path("dossiers/<int:pk>/<int:intake_pk>/<slug:stap>/", views.stap, name="stap"),
]
