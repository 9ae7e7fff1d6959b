"""Admin of the functioneel beheerder: rules as data, policy choices and employers.

Edited JSON is validated by round-tripping through the pure dataclasses
(``Regelset.van_dict`` / ``Beleid.van_dict``) and stored in canonical form (``als_dict``).
Case content (opgaven, berekeningen, boekingen) is not in the admin: it belongs to the
inkomensconsulent's screens.

Saving a new or changed rule set or policy version starts the bulk recalculation of every
calculated month it governs (:mod:`inkomen.herberekeningsrun`); the message links to its
progress on the Herberekeningen screen.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import rekenregels, werkgevers
from .herberekeningsrun import bereik_tekst, start_na_regelwijziging
from .models import Beleidsinstelling, Betaalrun, BetaalrunWijziging, Regelset, Werkgever


def _melding(run) -> str:
    """The message after a save: what is recalculated, with a link to its progress."""
    url = reverse("inkomen:herberekeningsrun", args=[run.pk])
    bereik = bereik_tekst(run.vanaf, run.tot)
    if getattr(run, "wacht_op", None) is not None:
        tekst = _(
            "De herberekening van alle berekende maanden %(bereik)s wacht op herberekening "
            "%(nr)s en start daarna vanzelf."
        ) % {"bereik": bereik, "nr": run.wacht_op.pk}
    else:
        tekst = _("Alle berekende maanden %(bereik)s worden herberekend.") % {"bereik": bereik}
    return format_html(
        '{} <a href="{}">{}</a>',
        tekst,
        url,
        _("Bekijk de voortgang van herberekening %(nr)s") % {"nr": run.pk},
    )


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
            if not 1 <= beleid.p9_hersteltermijn_dagen <= beleid.p9_hersteltermijn_max_dagen:
                raise ValidationError(
                    {
                        "data": _(
                            "p9_hersteltermijn_dagen ligt tussen 1 en "
                            "p9_hersteltermijn_max_dagen (de langste hersteltermijn)."
                        )
                    }
                )
            if beleid.p9_hersteltermijn_max_dagen > 91:
                raise ValidationError(
                    {"data": _("p9_hersteltermijn_max_dagen is hoogstens 91 dagen (13 weken).")}
                )
        return cleaned


def _alleen_buiten_berekening(oud: Any, nieuw: Any) -> bool:
    """Whether two policy data dicts differ only in keys the calculation does not read (P9):
    such a change needs no recalculation run."""
    if not isinstance(oud, dict) or not isinstance(nieuw, dict):
        return False
    buiten = rekenregels.BELEID_BUITEN_BEREKENING
    return {k: v for k, v in oud.items() if k not in buiten} == {
        k: v for k, v in nieuw.items() if k not in buiten
    }


class _RegelsAdmin(SimpleHistoryAdmin):
    list_display = ("geldig_vanaf", "toelichting_kort", "aangemaakt_door", "gewijzigd_op")
    readonly_fields = ("aangemaakt_door", "aangemaakt_op", "gewijzigd_op")
    ordering = ("geldig_vanaf",)
    # both link to the Herberekeningen screen (the runs these saves start)
    change_list_template = "inkomen/herberekening_admin_lijst.html"
    change_form_template = "inkomen/herberekening_admin_formulier.html"

    @admin.display(description=_("toelichting"))
    def toelichting_kort(self, obj) -> str:
        return (obj.toelichting or "")[:80]

    def save_model(self, request, obj, form, change):
        """Save, and when the rules themselves are new or changed (``data`` or
        ``geldig_vanaf``) start the recalculation of every calculated month the version
        governs: in this transaction (the admin's), sent to the workers on commit."""
        if not change:
            obj.aangemaakt_door = request.user
        oud = oude_data = None
        if change:
            oud, oude_data = type(obj).objects.filter(pk=obj.pk).values_list(
                "geldig_vanaf", "data"
            ).first() or (None, None)
        super().save_model(request, obj, form, change)
        if change and not {"data", "geldig_vanaf"} & set(form.changed_data):
            return
        if change and oud == obj.geldig_vanaf and _alleen_buiten_berekening(oude_data, obj.data):
            return
        run = start_na_regelwijziging(
            model=type(obj),
            versie=obj,
            oud_geldig_vanaf=oud if oud != obj.geldig_vanaf else None,
            nieuw=not change,
            door=request.user,
        )
        self.message_user(request, _melding(run), messages.INFO)

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
    """The register of werkgevers; beheer connects one to the payroll API with the actions
    (token shown once, rotated, revoked: :mod:`inkomen.werkgevers`, audit-logged). The
    payroll scope reaches personal data: it works after a privacy officer's approval."""

    list_display = (
        "naam",
        "kvk_nummer",
        "loonheffingennummer",
        "toon_koppeling",
        "aangemeld_door_burger",
        "actief",
    )
    list_filter = ("actief", "aangemeld_door_burger")
    search_fields = ("naam", "kvk_nummer")
    list_select_related = ("systeemclient",)
    readonly_fields = ("systeemclient", "toon_koppeling")
    autocomplete_fields = ()
    actions = ("koppel", "nieuwe_token", "trek_in")

    @admin.display(description=_("koppeling loongegevens"))
    def toon_koppeling(self, obj: Werkgever) -> str:
        return werkgevers.koppeling_status(obj)

    def _een(self, request, queryset) -> Werkgever | None:
        if queryset.count() != 1:
            self.message_user(request, _("Kies precies één werkgever."), messages.ERROR)
            return None
        return queryset.select_related("systeemclient").get()

    def _toon_token(self, request, werkgever: Werkgever, token: str):
        werkgever.refresh_from_db()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "werkgever": werkgever,
            "client": werkgever.systeemclient,
            "token": token,
            "title": _("Token voor %(naam)s") % {"naam": werkgever.naam},
        }
        response = TemplateResponse(request, "inkomen/werkgever_token.html", context)
        add_never_cache_headers(response)
        return response

    def _voer_uit(self, request, queryset, functie):
        werkgever = self._een(request, queryset)
        if werkgever is None:
            return None
        try:
            token = functie(werkgever=werkgever, door=request.user, request=request)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return None
        return self._toon_token(request, werkgever, token)

    @admin.action(
        description=_("Koppelen aan de loongegevens-API (token maken)"), permissions=["change"]
    )
    def koppel(self, request, queryset):
        return self._voer_uit(request, queryset, werkgevers.koppel_werkgever)

    @admin.action(
        description=_("Nieuwe token maken (de oude werkt dan niet meer)"), permissions=["change"]
    )
    def nieuwe_token(self, request, queryset):
        return self._voer_uit(request, queryset, werkgevers.vernieuw_token)

    @admin.action(
        description=_("Koppeling intrekken (token werkt niet meer)"), permissions=["change"]
    )
    def trek_in(self, request, queryset):
        werkgever = self._een(request, queryset)
        if werkgever is None:
            return None
        try:
            werkgevers.trek_koppeling_in(werkgever=werkgever, door=request.user, request=request)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return None
        self.message_user(
            request, _("De koppeling van %(naam)s is ingetrokken.") % {"naam": werkgever.naam}
        )
        return None


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
