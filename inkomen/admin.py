"""Admin of the functioneel beheerder: rules as data, policy choices and employers.

Edited JSON is validated by round-tripping through the pure dataclasses
(``Regelset.van_dict`` / ``Beleid.van_dict``) and stored in canonical form (``als_dict``).
Case content (opgaven, berekeningen, boekingen) is not in the admin: it belongs to the
inkomensconsulent's screens.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import rekenregels
from .models import Beleidsinstelling, Betaalrun, BetaalrunWijziging, Regelset, Werkgever


def _fouten_als_tekst(fouten: dict[str, list[str]]) -> list[str]:
    return [f"{veld}: {' '.join(meldingen)}" for veld, meldingen in sorted(fouten.items())]


class _RegelsForm(forms.ModelForm):
    """Shared validation: ``data`` must round-trip through the pure dataclass."""

    dataklasse: Any = None
    soort = ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        data = cleaned.get("data")
        geldig_vanaf = cleaned.get("geldig_vanaf")
        if data is None or geldig_vanaf is None:
            return cleaned
        if not isinstance(data, dict):
            raise ValidationError(
                {"data": _("Geef de %(soort)s op als JSON-object.") % {"soort": self.soort}}
            )
        data = {**data, "geldig_vanaf": geldig_vanaf.isoformat()}
        try:
            obj = self.dataklasse.van_dict(data)
        except rekenregels.OngeldigeInvoer as exc:
            raise ValidationError(
                {
                    "data": [
                        _("De %(soort)s is ongeldig.") % {"soort": self.soort},
                        *_fouten_als_tekst(exc.fouten),
                    ]
                }
            ) from exc
        except (TypeError, ValueError, KeyError) as exc:
            raise ValidationError(
                {
                    "data": _("De %(soort)s is ongeldig: %(fout)s")
                    % {"soort": self.soort, "fout": exc}
                }
            ) from exc
        cleaned["data"] = obj.als_dict()
        return cleaned


class RegelsetForm(_RegelsForm):
    dataklasse = rekenregels.Regelset
    soort = _("regelset")

    class Meta:
        model = Regelset
        fields = ["geldig_vanaf", "toelichting", "data"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        data = cleaned.get("data")
        if isinstance(data, dict):
            regelset = rekenregels.Regelset.van_dict(data)
            fouten = []
            for naam in ("norm_alleenstaande", "norm_gehuwden"):
                if getattr(regelset, naam) is None or getattr(regelset, naam) <= 0:
                    fouten.append(_("%(veld)s moet een positief bedrag zijn.") % {"veld": naam})
            for v in regelset.vrijlatingen:
                if not 0 <= v.percentage <= 100:
                    fouten.append(
                        _("Vrijlating %(soort)s: het percentage ligt niet tussen 0 en 100.")
                        % {"soort": v.soort}
                    )
            if fouten:
                raise ValidationError({"data": fouten})
        return cleaned


class BeleidsinstellingForm(_RegelsForm):
    dataklasse = rekenregels.Beleid
    soort = _("beleidsinstelling")

    class Meta:
        model = Beleidsinstelling
        fields = ["geldig_vanaf", "toelichting", "data"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        data = cleaned.get("data")
        if isinstance(data, dict):
            beleid = rekenregels.Beleid.van_dict(data)
            if not 1 <= beleid.p7_verrekening_max_maanden <= 6:
                raise ValidationError(
                    {
                        "data": _(
                            "p7_verrekening_max_maanden ligt tussen 1 en 6 (art. 58 lid 4: "
                            "middelen van de voorafgaande zes maanden)."
                        )
                    }
                )
        return cleaned


class _RegelsAdmin(SimpleHistoryAdmin):
    list_display = ("geldig_vanaf", "toelichting_kort", "aangemaakt_door", "gewijzigd_op")
    readonly_fields = ("aangemaakt_door", "aangemaakt_op", "gewijzigd_op")
    ordering = ("geldig_vanaf",)

    @admin.display(description=_("toelichting"))
    def toelichting_kort(self, obj) -> str:
        return (obj.toelichting or "")[:80]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.aangemaakt_door = request.user
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None) -> bool:
        # Berekeningen refer to the rules they used: never delete, add a new version instead.
        return False


@admin.register(Regelset)
class RegelsetAdmin(_RegelsAdmin):
    form = RegelsetForm


@admin.register(Beleidsinstelling)
class BeleidsinstellingAdmin(_RegelsAdmin):
    form = BeleidsinstellingForm


@admin.register(Werkgever)
class WerkgeverAdmin(admin.ModelAdmin):
    list_display = ("naam", "kvk_nummer", "loonheffingennummer", "systeemclient", "actief")
    list_filter = ("actief",)
    search_fields = ("naam", "kvk_nummer")
    list_select_related = ("systeemclient",)
    autocomplete_fields = ()


# --------------------------------------------------------------------------------------------
# payment runs: read-only with progress (started by beat, ``manage.py betaalrun`` or a rerun)


class BetaalrunWijzigingInline(admin.TabularInline):
    model = BetaalrunWijziging
    extra = 0
    can_delete = False
    fields = ("op", "van", "naar", "toelichting", "door")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Betaalrun)
class BetaalrunAdmin(admin.ModelAdmin):
    """Read-only: the run and its file are produced by the services, never edited by hand."""

    list_display = (
        "maand",
        "status",
        "voortgang",
        "aantal_betalingen",
        "totaal_bedrag",
        "aantal_niet_betaald",
        "betaaldatum",
        "klaar_op",
    )
    list_filter = ("status",)
    ordering = ("-maand",)
    inlines = [BetaalrunWijzigingInline]
    exclude = ("bestand",)

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields if f.name != "bestand"] + [
            "voortgang",
            "bestandsnaam",
        ]

    @admin.display(description=_("voortgang"))
    def voortgang(self, obj: Betaalrun) -> str:
        from .betaalrun import percentage

        # from the row itself: no query per run in the change list
        return _("%(klaar)s van %(totaal)s delen (%(pct)s%%)") % {
            "klaar": obj.chunks_klaar,
            "totaal": obj.chunks_totaal,
            "pct": percentage(obj),
        }

    @admin.display(description=_("betaalbestand"))
    def bestandsnaam(self, obj: Betaalrun) -> str:
        # The name only: the file is in private storage and is not served by the admin.
        return obj.bestand.name or "-"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
