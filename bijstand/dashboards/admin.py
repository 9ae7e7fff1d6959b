"""Beheer of the dashboards: the target trajectory and the baselines (data, not code), and a
read-only list of the snapshot builds. The snapshot rows themselves are not in the admin."""

from __future__ import annotations

from django.contrib import admin

from .models import Doeltraject, Peildag, Referentiewaarde


@admin.register(Doeltraject)
class DoeltrajectAdmin(admin.ModelAdmin):
    list_display = ("naam", "startdatum", "startwaarde", "einddatum", "eindwaarde", "geldig_vanaf")
    ordering = ("-geldig_vanaf",)


@admin.register(Referentiewaarde)
class ReferentiewaardeAdmin(admin.ModelAdmin):
    list_display = ("code", "waarde", "geldig_vanaf", "bron")
    list_filter = ("code",)
    ordering = ("code", "-geldig_vanaf")


@admin.register(Peildag)
class PeildagAdmin(admin.ModelAdmin):
    list_display = ("peildatum", "status", "rijen", "seconden", "klaar_op")
    readonly_fields = (
        "peildatum",
        "status",
        "van",
        "gestart_op",
        "klaar_op",
        "seconden",
        "rijen",
        "fouten",
        "gestart_door",
    )

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
