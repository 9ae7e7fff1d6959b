"""Admin of the functioneel beheerder: the plan templates per dienstverleningsroute.

A template (``PlanSjabloon``) lists its goals inline; each goal opens its own page with its
actions inline (relative due dates in days). Case content (plans, goals, actions of a person)
is not in the admin: it belongs to the werkcoach's screens.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import PlanSjabloon, SjabloonActie, SjabloonDoel
from .models_nazorg import NazorgBeleid


class SjabloonDoelInline(admin.TabularInline):
    model = SjabloonDoel
    extra = 1
    fields = ("volgorde", "titel", "soort", "leefgebied", "beroep", "uitstroom_tekst")
    show_change_link = True


@admin.register(PlanSjabloon)
class PlanSjabloonAdmin(SimpleHistoryAdmin):
    list_display = ("naam", "route", "actief", "aantal_doelen")
    list_filter = ("route", "actief")
    search_fields = ("naam",)
    inlines = [SjabloonDoelInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_aantal_doelen=Count("doelen"))

    @admin.display(description=_("doelen"), ordering="_aantal_doelen")
    def aantal_doelen(self, obj: PlanSjabloon) -> int:
        return obj._aantal_doelen


class SjabloonActieInline(admin.TabularInline):
    model = SjabloonActie
    extra = 1
    fields = ("volgorde", "titel", "eigenaar", "partner_naam", "dagen_na_start", "toelichting")


@admin.register(SjabloonDoel)
class SjabloonDoelAdmin(SimpleHistoryAdmin):
    list_display = ("titel", "sjabloon", "soort", "leefgebied", "volgorde")
    list_filter = ("sjabloon__route", "sjabloon")
    list_select_related = ("sjabloon", "leefgebied")
    search_fields = ("titel", "sjabloon__naam")
    fields = (
        "sjabloon",
        "volgorde",
        "titel",
        "toelichting",
        "soort",
        "leefgebied",
        "beroep",
        "uitstroom_tekst",
    )
    inlines = [SjabloonActieInline]

    def has_module_permission(self, request) -> bool:
        # Reached through the template's page ("Wijzigen" beside a goal), not the index.
        return False


@admin.register(NazorgBeleid)
class NazorgBeleidAdmin(admin.ModelAdmin):
    """Nazorg policy: a change is a new row with a later geldig_vanaf (earlier endings keep
    the plan they were made with)."""

    list_display = ("geldig_vanaf", "duur_maanden", "contactmomenten", "toelichting")
    ordering = ("-geldig_vanaf",)
