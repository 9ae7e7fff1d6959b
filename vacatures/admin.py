"""Beheer of employers and vacancies (no case content: proposals and placements stay in the
werkcoach's screens)."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Contactpersoon, SroiAfspraak, Vacature, Werkgever


class ContactpersoonInline(admin.TabularInline):
    model = Contactpersoon
    extra = 0


class SroiAfspraakInline(admin.TabularInline):
    model = SroiAfspraak
    extra = 0


@admin.register(Werkgever)
class WerkgeverAdmin(SimpleHistoryAdmin):
    list_display = ("naam", "kvk_nummer", "sector", "inclusief", "actief")
    list_filter = ("inclusief", "actief")
    search_fields = ("naam", "kvk_nummer")
    inlines = [ContactpersoonInline, SroiAfspraakInline]


@admin.register(Vacature)
class VacatureAdmin(SimpleHistoryAdmin):
    list_display = ("titel", "werkgever", "beroep", "aantal_plaatsen", "status", "sluitdatum")
    list_filter = ("status", "garantiebaan", "beroep")
    search_fields = ("titel", "werkgever__naam")
    list_select_related = ("werkgever", "beroep")
    raw_id_fields = ("werkgever",)
    readonly_fields = ("status", "aangemaakt_door", "aangemaakt_op")

    def has_delete_permission(self, request, obj=None) -> bool:
        # Proposals refer to vacancies: withdraw instead of deleting.
        return False
