"""Burgerportaal pages of the werkloont app (namespace "portaal").

Views in werkloont_views.py beside this file. The iCalendar feed is reached without a login,
with the person's long random token in the path (only its hash is stored).
"""

from django.urls import path

from . import werkloont_views

urlpatterns = [
    path("mijn-week/", werkloont_views.mijn_week, name="mijn_week"),
    path(
        "mijn-week/afspraak/<int:afspraak_pk>/afmelden/",
        werkloont_views.afmelden,
        name="mijn_week_afmelden",
    ),
    path("mijn-week/agenda-koppelen/", werkloont_views.agenda_koppelen, name="agenda_koppelen"),
    path("agenda/<str:token>/werkweek.ics", werkloont_views.ical_feed, name="agenda_feed"),
]
