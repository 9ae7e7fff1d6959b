"""Burgerportaal pages of the aanvraag app (namespace "portaal"): "Mijn brieven" and the
hersteltermijn letter of "Mijn aanvraag".

Views in besluit_views.py beside this file.
"""

from django.urls import path

from . import besluit_views

urlpatterns = [
    path("mijn-brieven/", besluit_views.besluiten, name="besluiten"),
    path("mijn-brieven/<int:pk>/brief.pdf", besluit_views.besluit_pdf, name="besluit_pdf"),
    path(
        "mijn-aanvraag/verzoek/<int:pk>/brief.pdf",
        besluit_views.herstelbrief_pdf,
        name="herstelbrief_pdf",
    ),
]
