"""Burgerportaal pages of the intake app (namespace "portaal").

Views in intake_views.py beside this file.
"""

from django.urls import path

from . import intake_views

urlpatterns: list = [
    path(
        "intake-voorbereiden/",
        intake_views.intake_voorbereiden,
        name="intake_voorbereiden",
    ),
    path(
        "intake-voorbereiden/<slug:stap>/",
        intake_views.intake_voorbereiden_stap,
        name="intake_voorbereiden_stap",
    ),
]
