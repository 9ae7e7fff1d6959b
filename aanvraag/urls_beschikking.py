"""Staff URL of the beschikking PDF. Included by ``aanvraag/urls.py`` (app_name "aanvraag"),
so the names are ``aanvraag:beschikking_pdf`` and ``aanvraag:herstelbrief_pdf``."""

from django.urls import path

from . import views_beschikking

urlpatterns = [
    path(
        "besluiten/<int:pk>/beschikking.pdf",
        views_beschikking.beschikking_pdf,
        name="beschikking_pdf",
    ),
    path(
        "hersteltermijnen/<int:pk>/verzoek.pdf",
        views_beschikking.herstelbrief_pdf,
        name="herstelbrief_pdf",
    ),
]
