"""Burgerportaal pages of the aanvraag app (namespace "portaal"): "Mijn brieven".

Views in besluit_views.py beside this file.
"""

from django.urls import path

from . import besluit_views

urlpatterns = [
    path("mijn-brieven/", besluit_views.besluiten, name="besluiten"),
    path("mijn-brieven/<int:pk>/brief.pdf", besluit_views.besluit_pdf, name="besluit_pdf"),
]
