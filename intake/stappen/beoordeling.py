"""The forms of the assessment steps: the ZRM scores per leefgebied with the
participatieladder, the barriers to work (a formset, each barrier tied to a leefgebied and
confidential when that leefgebied is) and the skills."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from perspectief.models import Leefgebied, ZrmNiveau
from perspectief.services import valideer_scores

from .basis import LEEG, Referentie, Regel, RegelsVeld, StapForm, Verschil


class ScoresForm(StapForm):
    """ZRM 2017: a score 1-5 on each of the 13 leefgebieden, and the participatieladder."""

    trede = forms.TypedChoiceField(
        label=_("Trede op de participatieladder"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[],
    )

    def pas_keuzes_aan(self) -> None:
        trede = self.fields.pop("trede")
        trede.choices = [("", _("Nog niet bepaald"))] + [
            (n, f"{n}. {naam}") for n, naam in self.ref.treden
        ]
        keuzes = [("", _("Nog niet gescoord")), *ZrmNiveau.choices]
        for lg in self.ref.leefgebieden:
            extra = f" ({_g('vertrouwelijk')})" if lg.vertrouwelijk else ""
            score = forms.TypedChoiceField(
                label=_g("Score %(naam)s") % {"naam": lg.naam} + extra,
                coerce=int,
                empty_value=None,
                required=False,
                choices=keuzes,
            )
            self.fields[f"score_{lg.code}"] = score
            self.fields[f"toelichting_{lg.code}"] = forms.CharField(
                label=_g("Toelichting %(naam)s") % {"naam": lg.naam} + extra,
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Verplicht bij score 1 of 2."),
            )
        self.fields["trede"] = trede

    def benoem_foutmeldingen(self) -> None:
        super().benoem_foutmeldingen()
        for lg in self.ref.leefgebieden:
            self.fields[f"score_{lg.code}"].error_messages["invalid_choice"] = _g(
                "De score voor %(naam)s moet 1, 2, 3, 4 of 5 zijn."
            ) % {"naam": lg.naam}
        self.fields["trede"].error_messages["invalid_choice"] = _g(
            "De trede op de participatieladder moet 1 tot en met 6 zijn."
        )

    def clean(self):
        data = super().clean()
        scores = {
            lg.code: (data.get(f"score_{lg.code}"), data.get(f"toelichting_{lg.code}") or "")
            for lg in self.ref.leefgebieden
            if data.get(f"score_{lg.code}") is not None
        }
        if scores:
            try:
                valideer_scores(scores, volledig=False)
            except ValidationError as fout:
                for veld, meldingen in fout.message_dict.items():
                    if veld in self.fields and not self.has_error(veld):
                        self.add_error(veld, meldingen)
        return data

    @classmethod
    def vertrouwelijke_velden(cls, ref: Referentie) -> frozenset[str]:
        return frozenset(
            f"{prefix}_{code}"
            for code in ref.vertrouwelijke_codes
            for prefix in ("score", "toelichting")
        )

    def groepen(self) -> list[tuple[Leefgebied, forms.BoundField, forms.BoundField]]:
        """(leefgebied, score field, explanation field) per domain, for the template."""
        return [
            (lg, self[f"score_{lg.code}"], self[f"toelichting_{lg.code}"])
            for lg in self.ref.leefgebieden
        ]


class BelemmeringForm(forms.Form):
    leefgebied = forms.ChoiceField(label=_("Leefgebied"), choices=[])
    omschrijving = forms.CharField(
        label=_("Omschrijving"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    blokkeert_werk = forms.BooleanField(label=_("Blokkeert werk op dit moment"), required=False)

    def __init__(self, *args, ref: Referentie, nummer: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leefgebied"].choices = [("", _("Kies het leefgebied"))] + [
            (lg.code, lg.naam + (f" ({_g('vertrouwelijk')})" if lg.vertrouwelijk else ""))
            for lg in ref.leefgebieden
        ]
        for veld in self.fields.values():
            veld.label = _g("Belemmering %(nr)s: %(label)s") % {"nr": nummer, "label": veld.label}
        self.fields["leefgebied"].error_messages.update(
            required=_g("Belemmering %(nr)s: kies het leefgebied.") % {"nr": nummer},
            invalid_choice=_g("Belemmering %(nr)s: kies een bestaand leefgebied.") % {"nr": nummer},
        )
        self.fields["omschrijving"].error_messages.update(
            required=_g("Belemmering %(nr)s: beschrijf de belemmering.") % {"nr": nummer},
            max_length=_g("Belemmering %(nr)s: gebruik hoogstens 1000 tekens.") % {"nr": nummer},
        )


class _BelemmeringFormSet(forms.BaseFormSet):
    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        return {**kwargs, "nummer": (index or 0) + 1, "use_required_attribute": False}

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _g("Belemmering %(nr)s verwijderen") % {
                "nr": (index or 0) + 1
            }


BelemmeringFormSet = forms.formset_factory(
    BelemmeringForm,
    formset=_BelemmeringFormSet,
    extra=2,
    can_delete=True,
    max_num=30,
    validate_max=True,
)
BELEMMERING_VELDEN = ("leefgebied", "omschrijving", "blokkeert_werk")


class BelemmeringenForm(StapForm):
    """Barriers to work, each tied to a leefgebied, with whether it blocks work now.

    The form has no fields of its own: it wraps a formset (prefix ``belemmeringen``). Stored as
    ``{"belemmeringen": [{"leefgebied", "omschrijving", "blokkeert_werk"}, ...]}``.
    """

    PREFIX = "belemmeringen"

    def __init__(self, data=None, *args, ref: Referentie, initial=None, **kwargs):
        super().__init__(data, *args, ref=ref, initial=initial, **kwargs)
        items = (initial or {}).get("belemmeringen") or []
        self.formset = BelemmeringFormSet(
            data,
            initial=None if data is not None else items,
            prefix=self.PREFIX,
            form_kwargs={"ref": ref},
        )

    @classmethod
    def als_data(cls, antwoorden: Mapping[str, Any]) -> dict[str, Any]:
        items = antwoorden.get("belemmeringen") or []
        if not isinstance(items, list) or not all(isinstance(b, dict) for b in items):
            raise ValidationError(
                {"belemmeringen": [_g("Belemmeringen: geef een lijst van belemmeringen.")]}
            )
        data: dict[str, Any] = {
            f"{cls.PREFIX}-TOTAL_FORMS": str(len(items)),
            f"{cls.PREFIX}-INITIAL_FORMS": "0",
            f"{cls.PREFIX}-MIN_NUM_FORMS": "0",
            f"{cls.PREFIX}-MAX_NUM_FORMS": "1000",
        }
        fouten = {}
        for i, b in enumerate(items):
            onbekend = set(b) - set(BELEMMERING_VELDEN)
            if onbekend:
                fouten[f"belemmeringen.{i}"] = [
                    _g("Belemmering %(nr)s: onbekend veld %(veld)s.")
                    % {"nr": i + 1, "veld": ", ".join(sorted(onbekend))}
                ]
            data[f"{cls.PREFIX}-{i}-leefgebied"] = b.get("leefgebied") or ""
            data[f"{cls.PREFIX}-{i}-omschrijving"] = b.get("omschrijving") or ""
            if b.get("blokkeert_werk"):
                data[f"{cls.PREFIX}-{i}-blokkeert_werk"] = "on"
        if fouten:
            raise ValidationError(fouten)
        return data

    def is_valid(self) -> bool:
        # Both must be validated (no short-circuit): the formset's errors are shown too.
        eigen = super().is_valid()
        return self.formset.is_valid() and eigen

    def antwoorden(self) -> dict[str, Any]:
        items = []
        for f in self.formset.forms:
            d = getattr(f, "cleaned_data", None) or {}
            if not d or d.get("DELETE") or not d.get("leefgebied"):
                continue
            items.append(
                {
                    "leefgebied": d["leefgebied"],
                    "omschrijving": d["omschrijving"].strip(),
                    "blokkeert_werk": bool(d.get("blokkeert_werk")),
                }
            )
        return {"belemmeringen": items}

    def onbekende_velden(self, antwoorden: Mapping[str, Any]) -> list[str]:
        return sorted(set(antwoorden) - {"belemmeringen"})

    def fout_dict(self) -> dict[str, list[str]]:
        fouten = super().fout_dict()
        for i, errors in enumerate(self.formset.errors if self.formset.is_bound else []):
            for veld, meldingen in errors.items():
                fouten[f"belemmeringen.{i}.{veld}"] = list(meldingen)
        for melding in self.formset.non_form_errors() if self.formset.is_bound else []:
            fouten.setdefault("belemmeringen", []).append(str(melding))
        return fouten

    def foutregels(self) -> list[tuple[str, str]]:
        regels = super().foutregels()
        if not self.formset.is_bound:
            return regels
        for melding in self.formset.non_form_errors():
            regels.append(("", str(melding)))
        for f in self.formset.forms:
            for veld, meldingen in f.errors.items():
                anker = f[veld].id_for_label if veld in f.fields else ""
                regels.extend((anker, str(m)) for m in meldingen)
        return regels

    @classmethod
    def splits(cls, antwoorden, ref, *, stap_vertrouwelijk):
        items = antwoorden.get("belemmeringen") or []
        geheim = [b for b in items if b.get("leefgebied") in ref.vertrouwelijke_codes]
        open_ = [b for b in items if b.get("leefgebied") not in ref.vertrouwelijke_codes]
        return {"belemmeringen": open_}, ({"belemmeringen": geheim} if geheim else {})

    @classmethod
    def voeg_samen(cls, open_, geheim):
        return {
            "belemmeringen": list(open_.get("belemmeringen") or [])
            + list(geheim.get("belemmeringen") or [])
        }

    def _tekst(self, b: Mapping[str, Any]) -> str:
        naam = self.ref.leefgebied_namen.get(b.get("leefgebied"), b.get("leefgebied"))
        blokkeert = (
            _g("blokkeert werk nu") if b.get("blokkeert_werk") else _g("blokkeert werk niet")
        )
        return f"{naam}: {b.get('omschrijving', '')} ({blokkeert})"

    def weergave(self, antwoorden, *, verberg):
        items = antwoorden.get("belemmeringen") or []
        if not items:
            return [Regel("belemmeringen", _g("Belemmeringen"), _g("Geen"))]
        return [
            Regel(f"belemmeringen.{i}", _g("Belemmering %(nr)s") % {"nr": i + 1}, self._tekst(b))
            for i, b in enumerate(items)
        ]

    def verschillen(self, oud, nieuw, *, verberg):
        def sleutel(b):
            return (b.get("leefgebied"), (b.get("omschrijving") or "").strip().lower())

        oude = {sleutel(b): b for b in oud.get("belemmeringen") or []}
        nieuwe = {sleutel(b): b for b in nieuw.get("belemmeringen") or []}
        uit = []
        for k, b in nieuwe.items():
            if k not in oude:
                uit.append(Verschil("belemmeringen", _g("Belemmering"), LEEG, self._tekst(b)))
            elif bool(oude[k].get("blokkeert_werk")) != bool(b.get("blokkeert_werk")):
                uit.append(
                    Verschil(
                        "belemmeringen", _g("Belemmering"), self._tekst(oude[k]), self._tekst(b)
                    )
                )
        for k, b in oude.items():
            if k not in nieuwe:
                uit.append(Verschil("belemmeringen", _g("Belemmering"), self._tekst(b), LEEG))
        return uit


class VaardighedenForm(StapForm):
    vaardigheden = RegelsVeld(
        label=_("Vaardigheden"),
        required=False,
        help_text=_("Eén per regel, bijvoorbeeld: kan goed plannen, werkt nauwkeurig."),
    )
