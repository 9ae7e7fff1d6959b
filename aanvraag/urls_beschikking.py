"""Staff URL of the beschikking PDF. Included by ``aanvraag/urls.py`` (app_name "aanvraag"),
so the name is ``aanvraag:beschikking_pdf``."""

from django.urls import path

from . import views_beschikking

urlpatterns = [
    path(
        "besluiten/<int:pk>/beschikking.pdf",
        views_beschikking.beschikking_pdf,
        name="beschikking_pdf",
    ),
]
