"""The machinery of the intake steps: the reference data the forms need, the base form
``StapForm`` (binding stored answers, field-named error messages, confidentiality, display and
the heronderzoek comparison), the ``RegelsVeld`` field and the display helpers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from perspectief.models import Beroep, Leefgebied, Trede

LEEG = "—"
JA_NEE = {True: _("Ja"), False: _("Nee")}

# --- reference data (loaded once per request) ----------------------------------------------


@dataclass(frozen=True)
class Referentie:
    """Leefgebieden, treden and occupations the forms need: 3 queries per request."""

    leefgebieden: tuple[Leefgebied, ...]
    treden: tuple[tuple[int, str], ...]
    beroepen: tuple[tuple[str, str], ...]  # (ISCO code, name), active occupations

    @cached_property
    def vertrouwelijke_codes(self) -> frozenset[str]:
        return frozenset(lg.code for lg in self.leefgebieden if lg.vertrouwelijk)

    @cached_property
    def leefgebied_namen(self) -> dict[str, str]:
        return {lg.code: lg.naam for lg in self.leefgebieden}

    @cached_property
    def beroep_namen(self) -> dict[str, str]:
        return dict(self.beroepen)


def laad_referentie() -> Referentie:
    beroepen: dict[str, str] = {}
    for isco, naam in (
        Beroep.objects.filter(actief=True).order_by("naam").values_list("isco_code", "naam")
    ):
        beroepen.setdefault(isco, naam)
    return Referentie(
        leefgebieden=tuple(Leefgebied.objects.order_by("nummer")),
        treden=tuple(Trede.objects.order_by("nummer").values_list("nummer", "naam")),
        beroepen=tuple(sorted(beroepen.items(), key=lambda kv: kv[1])),
    )


# --- display helpers -----------------------------------------------------------------------


@dataclass(frozen=True)
class Regel:
    """One answer for display: field name, label and the value as text."""

    naam: str
    label: str
    tekst: str


@dataclass(frozen=True)
class Verschil:
    """One change since the previous intake (heronderzoek)."""

    naam: str
    label: str
    oud: str
    nieuw: str
    richting: str = ""  # for scores: "hoger" / "lager"


def _leeg(waarde: Any) -> bool:
    return waarde is None or waarde == "" or waarde == []


def waarde_tekst(veld: forms.Field, waarde: Any) -> str:
    """An answer as text, with the labels of its choices."""
    if isinstance(veld, forms.BooleanField):
        return str(JA_NEE[bool(waarde)]) if waarde is not None else LEEG
    if _leeg(waarde):
        return LEEG
    keuzes = {str(k): v for k, v in getattr(veld, "choices", ()) if not isinstance(v, list | tuple)}
    if isinstance(waarde, list):
        return ", ".join(str(keuzes.get(str(w), w)) for w in waarde)
    if keuzes:
        return str(keuzes.get(str(waarde), waarde))
    return str(waarde)


# --- fields --------------------------------------------------------------------------------


class RegelsVeld(forms.CharField):
    """A list of short texts, typed one per line; stored as a JSON list."""

    widget = forms.Textarea(attrs={"rows": 4})

    def __init__(self, *args, max_regels: int = 50, **kwargs):
        self.max_regels = max_regels
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(v) for v in value)
        return value

    def to_python(self, value):
        if isinstance(value, list | tuple):
            value = "\n".join(str(v) for v in value)
        tekst = super().to_python(value) or ""
        regels = list(dict.fromkeys(r.strip()[:200] for r in tekst.splitlines() if r.strip()))
        if len(regels) > self.max_regels:
            raise ValidationError(
                _g("%(label)s: schrijf hoogstens %(max)s regels.")
                % {"label": self.label, "max": self.max_regels}
            )
        return regels

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")


MELDINGEN = {
    "required": gettext_noop("%(label)s: vul dit in."),
    "invalid": gettext_noop("%(label)s: vul een heel getal in."),
    "invalid_choice": gettext_noop("%(label)s: kies een van de mogelijkheden."),
    "min_value": gettext_noop("%(label)s: vul een getal in van minstens %%(limit_value)s."),
    "max_value": gettext_noop("%(label)s: vul een getal in van hoogstens %%(limit_value)s."),
    "max_length": gettext_noop("%(label)s: gebruik hoogstens %%(limit_value)d tekens."),
    "invalid_list": gettext_noop("%(label)s: kies een of meer van de mogelijkheden."),
}
B1_MELDINGEN = {
    "required": gettext_noop("Vul dit in."),
    "invalid": gettext_noop("Vul een getal in. Bijvoorbeeld 20."),
    "invalid_choice": gettext_noop("Kies een van de mogelijkheden."),
    "min_value": gettext_noop("Vul een getal in van %(limit_value)s of meer."),
    "max_value": gettext_noop("Vul een getal in van %(limit_value)s of minder."),
    "max_length": gettext_noop("Dit is te lang. Gebruik minder tekens."),
    "invalid_list": gettext_noop("Kies een of meer van de mogelijkheden."),
}


# --- the base form -------------------------------------------------------------------------


class StapForm(forms.Form):
    """One step. Subclasses declare fields; all optional (a concept may be incomplete)."""

    def __init__(self, *args, ref: Referentie, b1: bool = False, **kwargs):
        kwargs.setdefault("use_required_attribute", False)
        super().__init__(*args, **kwargs)
        self.ref = ref
        self.b1 = b1
        self.pas_keuzes_aan()
        self.benoem_foutmeldingen()

    def pas_keuzes_aan(self) -> None:
        """Set choices that come from the database (occupations, leefgebieden)."""

    def benoem_foutmeldingen(self) -> None:
        """Every message names its field (staff) or is plain B1 Dutch (portal).

        Field.run_validators uses these for the validators' codes (min/max) too.
        """
        if self.b1:
            meldingen = {code: _g(tekst) for code, tekst in B1_MELDINGEN.items()}
            for veld in self.fields.values():
                veld.error_messages.update(meldingen)
            return
        sjablonen = {code: _g(tekst) for code, tekst in MELDINGEN.items()}  # translated once
        for veld in self.fields.values():
            label = {"label": str(veld.label or "").replace("%", "%%")}
            veld.error_messages.update({code: t % label for code, t in sjablonen.items()})

    # --- stored answers <-> form -----------------------------------------------------------

    @classmethod
    def als_data(cls, antwoorden: Mapping[str, Any]) -> dict[str, Any]:
        """Stored (or API) answers as data to bind the form with."""
        return {k: v for k, v in antwoorden.items() if v is not None}

    @classmethod
    def als_initial(cls, antwoorden: Mapping[str, Any]) -> dict[str, Any]:
        return dict(antwoorden)

    @classmethod
    def prefill(cls, dossier) -> dict[str, Any]:
        """Initial values from the case record when the step has no answers yet."""
        return {}

    def antwoorden(self) -> dict[str, Any]:
        """The cleaned data as JSON values (call after is_valid)."""
        return {naam: self.cleaned_data.get(naam) for naam in self.fields}

    def onbekende_velden(self, antwoorden: Mapping[str, Any]) -> list[str]:
        return sorted(set(antwoorden) - set(self.fields))

    def fout_dict(self) -> dict[str, list[str]]:
        """Errors keyed by field name (``__all__`` for the form), for a ValidationError."""
        return {k: list(v) for k, v in self.errors.items()}

    def foutregels(self) -> list[tuple[str, str]]:
        """(anchor id, message) per error, for the error summary at the top of the page."""
        regels = []
        for naam, fouten in self.errors.items():
            anker = self.anker(naam) if naam in self.fields else ""
            regels.extend((anker, str(f)) for f in fouten)
        return regels

    def anker(self, naam: str) -> str:
        bound = self[naam]
        if isinstance(bound.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            return f"{bound.auto_id}_0"
        return bound.id_for_label or bound.auto_id

    # --- confidentiality -------------------------------------------------------------------

    @classmethod
    def vertrouwelijke_velden(cls, ref: Referentie) -> frozenset[str]:
        """Fields whose answers are confidential (steps marked confidential: all of them)."""
        return frozenset()

    @classmethod
    def splits(
        cls, antwoorden: Mapping[str, Any], ref: Referentie, *, stap_vertrouwelijk: bool
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """(open, vertrouwelijk) parts of a step's answers."""
        if stap_vertrouwelijk:
            return {}, dict(antwoorden)
        geheim = cls.vertrouwelijke_velden(ref)
        return (
            {k: v for k, v in antwoorden.items() if k not in geheim},
            {k: v for k, v in antwoorden.items() if k in geheim},
        )

    @classmethod
    def voeg_samen(cls, open_: Mapping[str, Any], geheim: Mapping[str, Any]) -> dict[str, Any]:
        return {**open_, **geheim}

    # --- display ---------------------------------------------------------------------------

    def weergave(self, antwoorden: Mapping[str, Any], *, verberg: frozenset[str]) -> list[Regel]:
        return [
            Regel(naam, str(veld.label), waarde_tekst(veld, antwoorden.get(naam)))
            for naam, veld in self.fields.items()
            if naam not in verberg
        ]

    def verschillen(
        self, oud: Mapping[str, Any], nieuw: Mapping[str, Any], *, verberg: frozenset[str]
    ) -> list[Verschil]:
        uit = []
        for naam, veld in self.fields.items():
            if naam in verberg:
                continue
            a, b = oud.get(naam), nieuw.get(naam)
            if (_leeg(a) and _leeg(b)) or a == b:
                continue
            if isinstance(a, list) and isinstance(b, list) and sorted(a) == sorted(b):
                continue
            richting = ""
            if naam.startswith("score_") and isinstance(a, int) and isinstance(b, int):
                richting = str(_("hoger")) if b > a else str(_("lager"))
            uit.append(
                Verschil(
                    naam, str(veld.label), waarde_tekst(veld, a), waarde_tekst(veld, b), richting
                )
            )
        return uit
