"""Burgerportaal pages of the plan app (namespace "portaal"): "Mijn plan".

Views in plan_views.py beside this file.
"""

from django.urls import path

from . import plan_views

urlpatterns = [
    path("mijn-plan/", plan_views.mijn_plan, name="plan"),
    path("mijn-plan/akkoord/", plan_views.akkoord, name="plan_akkoord"),
    path("mijn-plan/acties/<int:actie_pk>/klaar/", plan_views.actie_klaar, name="plan_actie_klaar"),
    path("mijn-plan/versies/", plan_views.versies, name="plan_versies"),
]
