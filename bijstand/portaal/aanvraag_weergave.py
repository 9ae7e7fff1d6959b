"""What the portal pages of the aanvraag show, in B1 Dutch: status texts, the step indicator,
the error summary lines and the summary of everything the burger filled in.

Presentation only: no writes, no reads of their own (the views read the aanvraag, logged). Every
value is returned as plain text; the templates escape it (autoescape), so text the burger typed
is never markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aanvraag.forms import STAP_FORMS, KindForm, MedebewonerForm, StukForm
from aanvraag.models import Aanvraag, AanvraagStatus, Stuk, StukSoort
from aanvraag.stappen import STAPPEN, Stap
from bijstand.dossiers.templatetags.nlds import nlds_anchor

STATUS_TEKST = {
    AanvraagStatus.CONCEPT: gettext_lazy(
        "U bent nog bezig met uw aanvraag. U heeft de aanvraag nog niet verstuurd."
    ),
    AanvraagStatus.INGEDIEND: gettext_lazy(
        "Wij hebben uw aanvraag ontvangen. Wij bekijken nu of u bijstand krijgt."
    ),
    AanvraagStatus.OPGESCHORT: gettext_lazy(
        "Wij hebben meer gegevens van u nodig. Daarna bekijken wij uw aanvraag verder."
    ),
    AanvraagStatus.TOEGEKEND: gettext_lazy(
        "U krijgt bijstand. In de brief over het besluit staat hoeveel en vanaf wanneer."
    ),
    AanvraagStatus.AFGEWEZEN: gettext_lazy(
        "U krijgt geen bijstand. In de brief over het besluit staat waarom."
    ),
    AanvraagStatus.BUITEN_BEHANDELING: gettext_lazy(
        "Wij hebben uw aanvraag niet verder bekeken. Wij kregen de gegevens die wij vroegen "
        "niet op tijd. In de brief staat wat u nu kunt doen."
    ),
    AanvraagStatus.INGETROKKEN: gettext_lazy("U heeft uw aanvraag ingetrokken."),
}

STAP_UITLEG = {
    "persoon": gettext_lazy("Controleer uw gegevens. Vul in hoe wij u kunnen bereiken."),
    "wonen": gettext_lazy("Vertel hoe u woont en wat uw woning per maand kost."),
    "huishouden": gettext_lazy(
        "Vertel met wie u samenwoont. Dat is belangrijk voor de hoogte van de bijstand."
    ),
    "inkomen": gettext_lazy("Vertel of u (of uw partner) nu geld krijgt, en hoeveel."),
    "vermogen": gettext_lazy("Vertel hoeveel geld u heeft en wat u bezit."),
    "bankrekening": gettext_lazy("Op deze rekening krijgt u de bijstand."),
    "stukken": gettext_lazy(
        "Stuur bewijsstukken mee. Bijvoorbeeld uw identiteitsbewijs, bankafschriften van de "
        "laatste 3 maanden, uw huurcontract en uw loonstroken. Heeft u iets nog niet? "
        "U kunt het later ook sturen."
    ),
    "verklaring": gettext_lazy(
        "Kijk of alles goed is. Klopt er iets niet? Kies dan 'Wijzigen' bij die stap."
    ),
}


def stap_url(slug: str) -> str:
    return reverse("portaal:aanvraag_stap", kwargs={"stap": slug})


def besluiten_url() -> str | None:
    """'Mijn brieven' (built in another part of the portal), when that page exists."""
    try:
        return reverse("portaal:besluiten")
    except NoReverseMatch:
        return None


def stuk_form(data: Any = None, files: Any = None) -> forms.Form:
    """``StukForm`` with an empty first choice: the burger picks the kind of document (a
    preselected first kind would be sent by mistake)."""
    form = StukForm(data, files, prefix="stuk")
    form.fields["soort"].choices = [("", _("Kies wat voor bewijsstuk het is")), *StukSoort.choices]
    return form


# --- the step indicator ------------------------------------------------------------------------


@dataclass(frozen=True)
class StapItem:
    stap: Stap
    nummer: int
    url: str
    klaar: bool
    huidig: bool


def stappen_navigatie(aanvraag: Aanvraag, huidig: str | None = None) -> list[StapItem]:
    return [
        StapItem(
            stap=s,
            nummer=i,
            url=stap_url(s.slug),
            klaar=s.slug in aanvraag.gegevens,
            huidig=s.slug == huidig,
        )
        for i, s in enumerate(STAPPEN, start=1)
    ]


# --- the error summary -------------------------------------------------------------------------


def foutregels(form: forms.BaseForm, voorvoegsel: str = "") -> list[dict[str, str]]:
    """One line per error, linked to its field (NL Design System error summary)."""
    regels = [{"anker": "", "melding": f"{voorvoegsel}{fout}"} for fout in form.non_field_errors()]
    for veld in form:
        for fout in veld.errors:
            anker = nlds_anchor(veld)
            regels.append(
                {
                    "anker": f"#{anker}" if anker else "",
                    "melding": f"{voorvoegsel}{veld.label}: {fout}",
                }
            )
    return regels


def formset_foutregels(formset: forms.BaseFormSet, naam: str) -> list[dict[str, str]]:
    regels = [{"anker": "", "melding": str(fout)} for fout in formset.non_form_errors()]
    for i, form in enumerate(formset.forms, start=1):
        if formset.can_delete and formset._should_delete_form(form):
            continue
        regels += foutregels(form, f"{naam} {i}, ")
    return regels


# --- the summary -------------------------------------------------------------------------------


@dataclass
class Blok:
    """One step in the summary: its title, a link to change it and its lines."""

    stap: Stap
    url: str
    klaar: bool
    regels: list[tuple[str, str]] = field(default_factory=list)
    groepen: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)


def _datum(waarde: Any) -> str:
    try:
        return date_format(date.fromisoformat(str(waarde)), "j F Y")
    except ValueError:
        return str(waarde)


def _bedrag(waarde: Any) -> str:
    try:
        return "€ " + number_format(Decimal(str(waarde)), 2, force_grouping=True)
    except (InvalidOperation, ValueError):
        return str(waarde)


def waarde_tekst(veld: forms.Field, waarde: Any) -> str:
    """A stored value as the burger reads it."""
    if isinstance(veld, forms.BooleanField):
        return _("Ja") if waarde else _("Nee")
    if waarde in (None, ""):
        return _("Niet ingevuld")
    if isinstance(veld, forms.ChoiceField):
        return str(dict(veld.choices).get(waarde, waarde))
    if isinstance(veld, forms.DecimalField):
        return _bedrag(waarde)
    if isinstance(veld, forms.DateField):
        return _datum(waarde)
    return str(waarde)


ADRES_VELDEN = ("straat", "huisnummer", "postcode", "woonplaats")


def _regels(form_class: type[forms.Form], data: dict[str, Any]) -> list[tuple[str, str]]:
    velden = form_class().fields
    regels = []
    for naam, veld in velden.items():
        if naam not in data or naam == "DELETE":
            continue
        if naam in ADRES_VELDEN and not data.get("adres_gewijzigd"):
            continue
        regels.append((str(veld.label), waarde_tekst(veld, data[naam])))
    return regels


def _huishouden(data: dict[str, Any]) -> list[tuple[str, list[tuple[str, str]]]]:
    groepen: list[tuple[str, list[tuple[str, str]]]] = []
    partner = data.get("partner")
    if partner:
        groepen.append(
            (
                _("Uw partner"),
                [
                    (_("Naam"), str(partner.get("naam", ""))),
                    (_("Geboortedatum"), _datum(partner.get("geboortedatum", ""))),
                ],
            )
        )
    else:
        groepen.append((_("Uw partner"), [(_("Partner"), _("Geen partner"))]))
    for i, kind in enumerate(data.get("kinderen") or [], start=1):
        groepen.append((_("Kind %(nummer)s") % {"nummer": i}, _regels(KindForm, kind)))
    for i, mb in enumerate(data.get("medebewoners") or [], start=1):
        groepen.append((_("Medebewoner %(nummer)s") % {"nummer": i}, _regels(MedebewonerForm, mb)))
    return groepen


def stukken_regels(stukken: list[Stuk]) -> list[tuple[str, str]]:
    return [(s.get_soort_display(), date_format(s.geupload_op.date(), "j F Y")) for s in stukken]


def samenvatting(aanvraag: Aanvraag, stukken: list[Stuk]) -> list[Blok]:
    """Everything filled in, per step (not the verklaring itself)."""
    blokken = []
    for s in STAPPEN:
        if s.slug == "verklaring":
            continue
        opgeslagen = aanvraag.gegevens.get(s.slug)
        data = (opgeslagen or {}).get("data") or {}
        blok = Blok(stap=s, url=stap_url(s.slug), klaar=opgeslagen is not None)
        if s.slug == "stukken":
            blok.regels = stukken_regels(stukken)
        elif s.slug == "huishouden":
            if opgeslagen is not None:
                blok.groepen = _huishouden(data)
        elif opgeslagen is not None:
            blok.regels = _regels(STAP_FORMS[s.slug], data)
        blokken.append(blok)
    return blokken


# --- what the BRP said -------------------------------------------------------------------------


@dataclass(frozen=True)
class BrpGegevens:
    """The applicant's own data and the names and birth dates of partner and children, as the
    BRP gave them at the melding. Never other co-residents' data (only their number)."""

    naam: str
    geboortedatum: date | None
    adres: str
    postcode_woonplaats: str
    partners: list[tuple[str, date | None]]
    kinderen: list[tuple[str, date | None]]
    uit_brp: bool


def _dag(waarde: Any) -> date | None:
    try:
        return date.fromisoformat(str(waarde)) if waarde else None
    except ValueError:
        return None


def brp_gegevens(aanvraag: Aanvraag) -> BrpGegevens:
    brp = aanvraag.brp or {}
    if brp:
        naam = " ".join(
            d for d in (brp.get("voornamen"), brp.get("voorvoegsel"), brp.get("geslachtsnaam")) if d
        )
        return BrpGegevens(
            naam=naam,
            geboortedatum=_dag(brp.get("geboortedatum")),
            adres=" ".join(d for d in (brp.get("straat"), brp.get("huisnummer")) if d),
            postcode_woonplaats=" ".join(
                d for d in (brp.get("postcode"), brp.get("woonplaats")) if d
            ),
            partners=[
                (p.get("naam", ""), _dag(p.get("geboortedatum"))) for p in brp.get("partners") or []
            ],
            kinderen=[
                (k.get("naam", ""), _dag(k.get("geboortedatum"))) for k in brp.get("kinderen") or []
            ],
            uit_brp=True,
        )
    persoon = aanvraag.dossier.werkzoekende
    return BrpGegevens(
        naam=persoon.naam,
        geboortedatum=persoon.geboortedatum,
        adres=" ".join(d for d in (persoon.straat, persoon.huisnummer) if d),
        postcode_woonplaats=" ".join(d for d in (persoon.postcode, persoon.woonplaats) if d),
        partners=[],
        kinderen=[],
        uit_brp=False,
    )
