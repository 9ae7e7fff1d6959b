"""Admin for reference data of the hub. Case content (Dossier, Werkzoekende, JournaalRegel,
...) is deliberately NOT registered: the functioneel beheerder sees no case content."""

from django.contrib import admin

from .models import StandaardTekst, Wijk


@admin.register(Wijk)
class WijkAdmin(admin.ModelAdmin):
    """Beheer keeps the wijken with their postcodes and the team whose werkcoaches take the new
    meldingen from the wijk (``bijstand.dossiers.toewijzing``); the team is editable in the
    list, so a teamleider's team gets its wijken in one go."""

    list_display = ("code", "naam", "gebied", "postcodes", "team")
    list_editable = ("team",)
    list_filter = ("gebied", "team")
    list_select_related = ("team",)
    search_fields = ("code", "naam", "gebied", "postcodes")
    fields = ("code", "naam", "gebied", "postcodes", "team")


@admin.register(StandaardTekst)
class StandaardTekstAdmin(admin.ModelAdmin):
    list_display = ("titel", "actief")
    list_filter = ("actief",)
    search_fields = ("titel", "tekst")
