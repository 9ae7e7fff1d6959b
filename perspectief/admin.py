"""Beheer of the shared categorisation: occupations (with history), leefgebied labels, treden.

Case content (metingen, belemmeringen, doelen, besluiten) is not in the admin: it belongs to
the werkcoach's screens. Occupations are edited here, with their history
(django-simple-history); the full CBS/ESCO files come in with ``manage.py importeer_beroepen``.
Requirement codes (certificates, licences) are checked against the shared code lists.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Beroep, Leefgebied, Trede
from .referentie import CERTIFICATEN, RIJBEWIJZEN


class BeroepForm(forms.ModelForm):
    certificaten = forms.MultipleChoiceField(
        label=_("vereiste certificaten"),
        choices=list(CERTIFICATEN.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    rijbewijzen = forms.MultipleChoiceField(
        label=_("vereiste rijbewijzen"),
        choices=list(RIJBEWIJZEN.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Beroep
        fields = [
            "naam",
            "isco_code",
            "brc_groep",
            "omschrijving",
            "certificaten",
            "rijbewijzen",
            "taalniveau",
            "fysieke_belasting",
            "uren_per_week_min",
            "uren_per_week_typisch",
            "kansrijk",
            "kansrijk_bron",
            "kansrijk_datum",
            "in_uitstroomperspectief",
            "actief",
        ]

    def clean_isco_code(self) -> str:
        code = (self.cleaned_data.get("isco_code") or "").strip()
        if not (len(code) == 4 and code.isdigit()):
            raise ValidationError(_("Een ISCO-08-code bestaat uit 4 cijfers."))
        return code

    def clean(self):
        data = super().clean()
        if data.get("kansrijk") and not (data.get("kansrijk_bron") or "").strip():
            self.add_error("kansrijk_bron", _("Noem de bron waarop 'kansrijk' berust."))
        umin, utyp = data.get("uren_per_week_min"), data.get("uren_per_week_typisch")
        if umin is not None and utyp is not None and utyp < umin:
            self.add_error(
                "uren_per_week_typisch", _("De gebruikelijke uren zijn minstens het minimum.")
            )
        return data


@admin.register(Beroep)
class BeroepAdmin(SimpleHistoryAdmin):
    form = BeroepForm
    list_display = (
        "naam",
        "isco_code",
        "brc_groep",
        "kansrijk",
        "in_uitstroomperspectief",
        "actief",
        "bron",
    )
    list_filter = ("kansrijk", "in_uitstroomperspectief", "actief", "bron", "taalniveau")
    search_fields = ("naam", "isco_code", "brc_groep", "externe_id")
    ordering = ("naam",)
    list_per_page = 50
    readonly_fields = ("bron", "externe_id")
    fieldsets = (
        (None, {"fields": ("naam", "isco_code", "brc_groep", "omschrijving")}),
        (
            _("Eisen"),
            {
                "fields": (
                    "certificaten",
                    "rijbewijzen",
                    "taalniveau",
                    "fysieke_belasting",
                    "uren_per_week_min",
                    "uren_per_week_typisch",
                )
            },
        ),
        (_("Kansrijk"), {"fields": ("kansrijk", "kansrijk_bron", "kansrijk_datum")}),
        (_("Gebruik"), {"fields": ("in_uitstroomperspectief", "actief", "bron", "externe_id")}),
    )

    def has_delete_permission(self, request, obj=None) -> bool:
        # Vacancies and profiles refer to occupations: switch off ("actief") instead.
        return False


@admin.register(Leefgebied)
class LeefgebiedAdmin(admin.ModelAdmin):
    """The labels are editable; code, number and confidentiality are fixed (ZRM, privacy)."""

    list_display = ("nummer", "naam", "burger_label", "vertrouwelijk")
    readonly_fields = ("code", "nummer", "vertrouwelijk")
    ordering = ("nummer",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Trede)
class TredeAdmin(admin.ModelAdmin):
    list_display = ("nummer", "naam")
    readonly_fields = ("nummer",)
    ordering = ("nummer",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
