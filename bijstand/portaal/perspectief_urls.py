"""Burgerportaal pages of the perspectief app (namespace "portaal").

Views in perspectief_views.py beside this file.
"""

from django.urls import path

from . import perspectief_views

urlpatterns: list = [
    path("mijn-perspectief/", perspectief_views.mijn_perspectief, name="perspectief"),
    path(
        "mijn-perspectief/zelf-invullen/",
        perspectief_views.zelfbeoordeling,
        name="perspectief_zelfbeoordeling",
    ),
]
