"""Admin of the functioneel beheerder: the catalogue (with CSV/Excel import and export),
providers with their contacts and API token, budgets per year and the minimum wage.

Case content (inzetten, rapportages) is not in the admin: it belongs to the werkcoach's
screens. A provider's token is made with the action "Nieuw API-token" and shown once.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import (
    Aanbieder,
    AanbiederContact,
    Instrument,
    InstrumentJaar,
    InstrumentLeefgebied,
    Minimumloon,
)
from .resources import InstrumentResource


class AanbiederContactInline(admin.TabularInline):
    model = AanbiederContact
    extra = 1
    fields = ("naam", "functie", "email", "telefoon")


@admin.register(Aanbieder)
class AanbiederAdmin(SimpleHistoryAdmin):
    list_display = ("naam", "email", "telefoon", "heeft_token", "actief")
    list_filter = ("actief",)
    search_fields = ("naam", "kvk_nummer")
    list_select_related = ("systeemclient",)
    readonly_fields = ("systeemclient",)
    inlines = [AanbiederContactInline]
    actions = ("nieuw_token",)

    @admin.display(description=_("API-token"), boolean=True)
    def heeft_token(self, obj: Aanbieder) -> bool:
        return obj.systeemclient_id is not None and obj.systeemclient.actief

    @admin.action(description=_("Nieuw API-token maken (het oude werkt dan niet meer)"))
    def nieuw_token(self, request, queryset):
        for aanbieder in queryset:
            token = services.maak_aanbieder_token(
                aanbieder=aanbieder, door=request.user, request=request
            )
            messages.warning(
                request,
                _("Token voor %(naam)s (alleen nu zichtbaar, geef het veilig door): %(token)s")
                % {"naam": aanbieder.naam, "token": token},
            )


class InstrumentLeefgebiedInline(admin.TabularInline):
    model = InstrumentLeefgebied
    extra = 1
    fields = ("leefgebied", "niveau_van", "niveau_tot")


class InstrumentJaarInline(admin.TabularInline):
    model = InstrumentJaar
    extra = 0
    fields = ("jaar", "budget", "capaciteit", "besteed", "bezet")
    readonly_fields = ("besteed", "bezet")


@admin.register(Instrument)
class InstrumentAdmin(ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [InstrumentResource]
    formats = [CSV, XLSX]

    def changelist_view(self, request, extra_context=None):
        # The import/export buttons need the package's templates ("import_export" installed);
        # without them the plain list is shown instead of an error.
        self.change_list_template = (
            self.import_export_change_list_template if apps.is_installed("import_export") else None
        )
        return super().changelist_view(request, extra_context)

    list_display = (
        "naam",
        "categorie",
        "aanbieder",
        "trede_van",
        "trede_tot",
        "kosten_per_deelnemer",
        "jaarbudget",
        "capaciteit_per_jaar",
        "actief",
    )
    list_filter = ("categorie", "actief", "aanbieder")
    search_fields = ("naam", "code", "omschrijving", "aanbieder__naam")
    list_select_related = ("aanbieder",)
    prepopulated_fields = {"code": ("naam",)}
    filter_horizontal = ("beroepen",)
    inlines = [InstrumentLeefgebiedInline, InstrumentJaarInline]
    fieldsets = (
        (None, {"fields": ("naam", "code", "categorie", "werkgeversinstrument", "aanbieder",
                           "omschrijving", "doelgroep", "minimum_leeftijd", "contact",
                           "actief")}),
        (_("Indeling"), {"fields": ("trede_van", "trede_tot", "beroepen", "certificaten",
                                    "taalniveau_doel")}),
        (_("Inzet"), {"fields": ("uren_per_week", "max_duur_weken", "wettelijke_grondslag")}),
        (_("Kosten, budget en capaciteit"), {"fields": ("kosten_per_deelnemer", "jaarbudget",
                                                        "capaciteit_per_jaar")}),
    )  # fmt: skip

    def has_delete_permission(self, request, obj=None) -> bool:
        # Inzetten refer to the instrument: switch it off (actief) instead of deleting it.
        return False


@admin.register(InstrumentJaar)
class InstrumentJaarAdmin(SimpleHistoryAdmin):
    list_display = ("instrument", "jaar", "budget", "besteed", "capaciteit", "bezet")
    list_filter = ("jaar",)
    search_fields = ("instrument__naam",)
    list_select_related = ("instrument",)
    readonly_fields = ("besteed", "bezet")
    ordering = ("-jaar", "instrument__naam")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Minimumloon)
class MinimumloonAdmin(SimpleHistoryAdmin):
    list_display = ("geldig_vanaf", "per_uur", "lks_maximum_pct", "bron")
    ordering = ("-geldig_vanaf",)

    def has_delete_permission(self, request, obj=None) -> bool:
        # Stored LKS computations refer to the WML they used: add a new row instead.
        return False
