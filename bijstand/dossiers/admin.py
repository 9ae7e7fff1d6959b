"""Admin for reference data of the hub. Case content (Dossier, Werkzoekende, JournaalRegel,
...) is deliberately NOT registered: the functioneel beheerder sees no case content."""

from django.contrib import admin

from .models import StandaardTekst, Wijk


@admin.register(Wijk)
class WijkAdmin(admin.ModelAdmin):
    list_display = ("code", "naam", "gebied")
    list_filter = ("gebied",)
    search_fields = ("code", "naam", "gebied")


@admin.register(StandaardTekst)
class StandaardTekstAdmin(admin.ModelAdmin):
    list_display = ("titel", "actief")
    list_filter = ("actief",)
    search_fields = ("titel", "tekst")
