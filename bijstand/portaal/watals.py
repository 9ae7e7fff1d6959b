"""Burgerportaal: "Wat als ik meer ga werken?" - the proefberekening in plain language.

The burger fills in the netto wage they expect (per month or per four weeks; optionally the
partner's). The page computes, for the current month, with their own household from the
dossier (Werkzoekende.geboortedatum, Huishouden/HuishoudenLid) and their own vrijlating
counters (``inkomen.selectors.vrijlating_maanden_gebruikt``), what they would get from the
gemeente, what they may keep extra (vrijlating) and their total income - through the same
function as the API and the command (:func:`inkomen.proefberekening.bereken_proef`), and
shows the sum as it is done, step by step in plain words (:mod:`.rekensom_uitleg`): every
written sum gives the amount beside it. Nothing is stored. Every view is logged via the
dossier selector (activiteit "portaal").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from bijstand.core import tijd
from bijstand.dossiers.models import Dossier, HuishoudenLid
from bijstand.dossiers.selectors import actief_dossier_van_burger, dossier_voor_gebruiker
from inkomen.proefberekening import ProefberekeningFout, bereken_proef
from inkomen.rekenregels import Maand, OngeldigeInvoer, leeftijd
from inkomen.rekenregels.opmaak import bedrag_nl
from inkomen.selectors import regelset_voor_maand, vrijlating_maanden_gebruikt

from .rekensom_uitleg import Inkomen, Stap, stappen_van
from .rekensom_uitleg import euro as euro_som
from .views import burger_vereist

OPERATIE = "portaal_bekijk_wat_als"
MAX_BEDRAG = Decimal("99999.99")
KIND_TOT = 18  # a child of 18 or older living at home counts as medebewoner (family)

_DUIZENDTALLEN = re.compile(r"^\d{1,3}(\.\d{3})+(,\d{1,2})?$")
_KOMMA = re.compile(r"^\d+(,\d{1,2})?$")
_PUNT = re.compile(r"^\d+(\.\d{1,2})?$")


class BedragVeld(forms.CharField):
    """Money as people type it: 600 / 600,50 / 1.200,50 / € 600 (at most 2 decimals)."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        tekst = (super().to_python(value) or "").replace("€", "").replace(" ", "")
        if not tekst:
            return None
        if len(tekst) > 20:
            raise forms.ValidationError(_("Dit bedrag is te hoog."), code="te_hoog")
        if _DUIZENDTALLEN.match(tekst):
            tekst = tekst.replace(".", "").replace(",", ".")
        elif _KOMMA.match(tekst):
            tekst = tekst.replace(",", ".")
        elif not _PUNT.match(tekst):
            raise forms.ValidationError(
                _("Vul een bedrag in. Bijvoorbeeld 600 of 600,50."), code="ongeldig"
            )
        bedrag = Decimal(tekst)
        if bedrag > MAX_BEDRAG:
            raise forms.ValidationError(_("Dit bedrag is te hoog."), code="te_hoog")
        return bedrag


class WatAlsForm(forms.Form):
    bedrag = BedragVeld(
        label=gettext_lazy("Hoeveel geld gaat u verdienen?"),
        help_text=gettext_lazy(
            "Vul het bedrag in dat u op uw bankrekening krijgt. Dat heet netto loon. "
            "Bijvoorbeeld 600 of 600,50."
        ),
    )
    periode = forms.ChoiceField(
        label=gettext_lazy("Hoe vaak krijgt u dit loon?"),
        choices=[
            ("maand", gettext_lazy("Elke maand")),
            ("vier_weken", gettext_lazy("Elke 4 weken")),
        ],
        initial="maand",
        widget=forms.RadioSelect,
    )
    partner_bedrag = BedragVeld(
        required=False,
        label=gettext_lazy("Hoeveel geld verdient uw partner per maand?"),
        help_text=gettext_lazy("Ook netto. Verdient uw partner niets? Laat dit dan leeg."),
    )

    def __init__(self, *args: Any, met_partner: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not met_partner:
            del self.fields["partner_bedrag"]


@dataclass(frozen=True)
class Huishouden:
    """The household as the proefberekening sees it, plus what we say about it on the page."""

    verzoek: dict[str, Any]  # maand, aanvrager, partner, kinderen, medebewoners
    met_partner: bool
    kinderen: int
    medebewoners: int


def huishouden_van(dossier: Dossier, maand: Maand) -> Huishouden:
    """Map Werkzoekende + HuishoudenLid (prefetched by the dossier selector) to the contract."""
    peildag, laatste = maand.eerste_dag, maand.laatste_dag
    partner = None
    kinderen: list[dict[str, Any]] = []
    medebewoners: list[dict[str, Any]] = []
    huishouden = getattr(dossier.werkzoekende, "huishouden", None)
    leden = list(huishouden.leden.all()) if huishouden is not None else []
    for lid in leden:
        if lid.geboortedatum > laatste:
            continue  # not born yet in this month
        geboren = lid.geboortedatum.isoformat()
        if lid.rol == HuishoudenLid.Rol.PARTNER:
            partner = {"geboortedatum": geboren, "medisch_urenbeperkt": False}
        elif lid.rol == HuishoudenLid.Rol.KIND and leeftijd(lid.geboortedatum, peildag) < KIND_TOT:
            kinderen.append({"geboortedatum": geboren})
        else:
            # A medebewoner, or a child of 18 or older who still lives at home (family).
            is_kind = lid.rol == HuishoudenLid.Rol.KIND
            medebewoners.append(
                {
                    "geboortedatum": geboren,
                    "student": lid.student,
                    "commerciele_huur": lid.commerciele_huur,
                    "familie_eerste_of_tweede_graad": is_kind or lid.familie_eerste_of_tweede_graad,
                }
            )
    verzoek = {
        "maand": str(maand),
        "aanvrager": {
            "geboortedatum": dossier.werkzoekende.geboortedatum.isoformat(),
            "medisch_urenbeperkt": False,
        },
        "partner": partner,
        "kinderen": kinderen,
        "medebewoners": medebewoners,
    }
    return Huishouden(verzoek, partner is not None, len(kinderen), len(medebewoners))


def _tellers(dossier: Dossier, maand: Maand, met_partner: bool) -> dict[str, dict[str, int]]:
    tellers = vrijlating_maanden_gebruikt(dossier_id=dossier.pk, maand=maand.eerste_dag)
    rollen = ("aanvrager", "partner") if met_partner else ("aanvrager",)
    return {rol: dict(tellers[rol]) for rol in rollen if rol in tellers}


@dataclass(frozen=True)
class Uitkomst:
    loon: Decimal  # per month (four-weekly converted)
    van_gemeente: Decimal  # paid this month (uitbetaling)
    vakantiegeld: Decimal  # reserved, paid in May
    extra_houden: Decimal  # vrijlating
    totaal: Decimal  # loon + van_gemeente
    zonder_werk: Decimal  # uitbetaling without any wage
    verschil: Decimal  # totaal - zonder_werk
    geen_bijstand: bool
    vier_weken: bool
    stappen: list[Stap]  # the sum as it is done, step by step (rekensom_uitleg)

    @property
    def euro(self) -> dict[str, str]:
        """The amounts formatted for the page."""
        velden = ("loon", "van_gemeente", "vakantiegeld", "extra_houden", "totaal")
        return {v: euro(getattr(self, v)) for v in (*velden, "zonder_werk", "verschil")}


def euro(bedrag: Decimal | str | None) -> str:
    """``€ 1.401,50`` (Dutch notation)."""
    return "" if bedrag is None else f"€ {bedrag_nl(Decimal(bedrag))}"


def bereken_uitkomst(
    huishouden: Huishouden,
    tellers: dict[str, dict[str, int]],
    *,
    bedrag: Decimal,
    periode: str,
    partner_bedrag: Decimal | None,
) -> Uitkomst:
    """Run the proefberekening with and without the wage (raises ProefberekeningFout)."""
    inkomsten = [
        {"persoon": "aanvrager", "soort": "arbeid", "bedrag": f"{bedrag:.2f}", "periode": periode}
    ]
    basis: list[dict[str, Any]] = []  # the partner's wage: the same with and without
    if huishouden.met_partner and partner_bedrag:
        basis.append({"persoon": "partner", "soort": "arbeid", "bedrag": f"{partner_bedrag:.2f}"})
    verzoek = {**huishouden.verzoek, "vrijlating_maanden_gebruikt": tellers}
    met = bereken_proef({**verzoek, "inkomsten": inkomsten + basis})
    zonder = bereken_proef({**verzoek, "inkomsten": basis})
    # The burger's wage per month as counted (four-weekly converted x 13/12).
    loon = met.inkomsten - zonder.inkomsten
    van_gemeente = met.uitbetaling
    totaal = loon + van_gemeente
    vier_weken = periode == "vier_weken"
    delen = [Inkomen(_("uw loon"), loon, bedrag if vier_weken else None)]
    if zonder.inkomsten:
        delen.append(Inkomen(_("het loon van uw partner"), zonder.inkomsten))
    procent = regelset_voor_maand(met.maand.eerste_dag).vakantietoeslag_percentage
    stappen = stappen_van(met, delen, vakantiegeld_procent=procent)
    if met.bijstand:
        stappen.append(
            Stap(
                _("Uw loon en het geld van de gemeente samen:"),
                totaal,
                f"{euro_som(loon)} + {euro_som(van_gemeente)}",
                soort="totaal",
            )
        )
    return Uitkomst(
        loon=loon,
        van_gemeente=van_gemeente,
        vakantiegeld=met.vakantietoeslag,
        extra_houden=met.vrijlating,
        totaal=totaal,
        zonder_werk=zonder.uitbetaling,
        verschil=totaal - zonder.uitbetaling,
        geen_bijstand=met.bijstand == 0,
        vier_weken=vier_weken,
        stappen=stappen,
    )


@require_http_methods(["GET", "POST"])
@burger_vereist
def wat_als(request):
    context: dict[str, Any] = {"nav": "watals"}
    eigen = actief_dossier_van_burger(user=request.user)
    if eigen is None:
        return render(request, "portaal/watals.html", {**context, "dossier": None})
    dossier = dossier_voor_gebruiker(
        user=request.user,
        pk=eigen.pk,
        request=request,
        operatie=OPERATIE,
        activiteit="portaal",
        soorten_gegevens=("identificatie", "huishouden", "inkomen"),
    )
    dag = tijd.vandaag()
    maand = Maand(dag.year, dag.month)
    huishouden = huishouden_van(dossier, maand)
    tellers = _tellers(dossier, maand, huishouden.met_partner)
    form = WatAlsForm(request.POST or None, met_partner=huishouden.met_partner)
    uitkomst = None
    kan_niet = False
    if request.method == "POST" and form.is_valid():
        try:
            uitkomst = bereken_uitkomst(
                huishouden,
                tellers,
                bedrag=form.cleaned_data["bedrag"],
                periode=form.cleaned_data["periode"],
                partner_bedrag=form.cleaned_data.get("partner_bedrag"),
            )
        except ProefberekeningFout:
            kan_niet = True
    n_gebruikt = tellers.get("aanvrager", {}).get("n", 0)
    try:
        n_regels = regelset_voor_maand(maand).vrijlating("n")
    except OngeldigeInvoer:
        n_regels = None
    n_max = n_regels.max_maanden if n_regels is not None else None
    return render(
        request,
        "portaal/watals.html",
        {
            **context,
            "dossier": dossier,
            "form": form,
            "uitkomst": uitkomst,
            "kan_niet": kan_niet,
            "huishouden": huishouden,
            "maand": maand.eerste_dag,
            "n_gebruikt": n_gebruikt,
            "n_max": n_max,
            "n_over": max(0, n_max - n_gebruikt) if n_max else None,
        },
    )
