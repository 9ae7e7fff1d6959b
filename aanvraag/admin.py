"""Admin of the functioneel beheerder for the front door.

- Aanvraagbeleid: the policy as data, one version per ``geldig_vanaf``; the JSON is checked by
  :meth:`aanvraag.beleid.Beleid.van_dict` (every key, the percentage, the voorschot days) and
  never deleted (aanvragen were decided under it): a change is a new version.
- Aanvraag and Besluit: read-only overviews for beheer, without case content (no names,
  steps, BRP data, stukken, motivering or checklist notes): status, channel, dates, how and
  when a besluit was sent. The permissions are rules (``aanvraag/rules.py``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .beleid import STANDAARD, Beleid
from .models import Aanvraag, Aanvraagbeleid, Besluit


class AanvraagbeleidForm(forms.ModelForm):
    class Meta:
        model = Aanvraagbeleid
        fields = ["geldig_vanaf", "toelichting", "data"]
        help_texts = {
            "data": _(
                "JSON met alle sleutels: zoektermijn_jongeren_weken, jongeren_tot_leeftijd, "
                "hersteltermijn_dagen, voorschot_percentage, voorschot_signaal_dag, "
                "voorschot_uiterlijk_dag en vermogensgrens (alleenstaande, gezin)."
            )
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.pk and "data" not in self.initial:
            self.initial["data"] = STANDAARD

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        data, geldig_vanaf = cleaned.get("data"), cleaned.get("geldig_vanaf")
        if data is None or geldig_vanaf is None:
            return cleaned
        if not isinstance(data, dict):
            raise ValidationError({"data": _("Geef het aanvraagbeleid op als JSON-object.")})
        try:
            Beleid.van_dict(geldig_vanaf, data)
        except ValidationError as exc:
            raise ValidationError({"data": exc.messages}) from exc
        onbekend = sorted(set(data) - set(STANDAARD))
        if onbekend:
            raise ValidationError(
                {"data": _("Onbekende sleutels: %(s)s.") % {"s": ", ".join(onbekend)}}
            )
        return cleaned


@admin.register(Aanvraagbeleid)
class AanvraagbeleidAdmin(SimpleHistoryAdmin):
    form = AanvraagbeleidForm
    list_display = ("geldig_vanaf", "toelichting_kort", "aangemaakt_door", "gewijzigd_op")
    readonly_fields = ("aangemaakt_door", "aangemaakt_op", "gewijzigd_op")
    ordering = ("geldig_vanaf",)

    @admin.display(description=_("toelichting"))
    def toelichting_kort(self, obj: Aanvraagbeleid) -> str:
        return (obj.toelichting or "")[:80]

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.aangemaakt_door = request.user
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # aanvragen were handled under it: add a new version instead


class _AlleenLezen(admin.ModelAdmin):
    """Read-only: no add, change or delete; the list and the (read-only) detail only."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Aanvraag)
class AanvraagAdmin(_AlleenLezen):
    list_display = (
        "pk",
        "dossier_id",
        "kanaal",
        "status",
        "melddatum",
        "ontvangen_op",
        "beslissen_uiterlijk",
    )
    list_filter = ("status", "kanaal")
    date_hierarchy = "melddatum"
    fields = (
        "dossier_id",
        "kanaal",
        "status",
        "melddatum",
        "ontvangen_op",
        "beslissen_uiterlijk",
        "indienen_vanaf",
        "elektronisch",
        "ingebrekestelling_op",
        "aangemaakt_op",
        "gewijzigd_op",
    )
    readonly_fields = fields
    show_full_result_count = False


@admin.register(Besluit)
class BesluitAdmin(_AlleenLezen):
    list_display = ("pk", "aanvraag_id", "soort", "genomen_op", "verzendwijze", "verzonden_op")
    list_filter = ("soort", "verzendwijze")
    date_hierarchy = "genomen_op"
    fields = (
        "aanvraag_id",
        "soort",
        "ingangsdatum",
        "genomen_op",
        "verzendwijze",
        "verzonden_op",
        "bezwaar_tot",
        "pdf_sha256",
    )
    readonly_fields = fields
    show_full_result_count = False
