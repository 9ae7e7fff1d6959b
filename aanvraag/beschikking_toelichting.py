"""What a beschikking explains, as data: ``Besluit.toelichting`` (JSON).

Every amount in the letter is stored here with the inputs and the rule lines that produced it
(design: "every computed amount is stored with the inputs and rule lines"), so the letter can
be explained and reproduced later even after the rules or the household changed.

- **Toekenning**: the leefvorm (the dossier's ``Huishouden``), the norm on the ingangsdatum with
  its article, from the inkomen calculation (``inkomen.services.reken_maand`` on the rule set
  and policy of the month, ``inkomen.selectors``): art. 20 (jongerennorm under 21), 21, 22 or
  22a (kostendelersnorm) PW; the kostendelers; the vakantietoeslag reservation (art. 19 lid 3);
  the first month prorated per policy P8 when the ingangsdatum is not the 1st (art. 45 lid 3:
  the core's ``naar_rato`` with the ``Beleid`` of the month, on the days with recht that
  ``inkomen.deelmaand.recht_periode_van`` gives the payment run as well, so no part month
  after bijstand in the 30 days before); per month from the ingangsdatum up to the first
  payment run after sending: the amount without income and its payment date (the
  ``INKOMEN_BETAALDAG`` of the month; a month whose day has passed goes with the first run,
  as ``inkomen.deelmaand.nabetaling_maanden`` pays it). The amounts are those without income:
  income is set off month by month (the specificatie).
- **Afwijzing**: the motivering.
- **Buiten behandeling**: the motivering and the ground, art. 4:5 Awb, with the hersteltermijn
  that expired unused (what was asked, when, until when).

Amounts are strings with two decimals, dates ISO strings.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from bijstand.core import tijd
from inkomen import deelmaand as inkomen_deelmaand
from inkomen import rekenregels
from inkomen import rekensom as inkomen_rekensom
from inkomen import selectors as inkomen_selectors

from .models import Aanvraag, Besluit, BesluitSoort, Hersteltermijn, Voorschot

PW = "Participatiewet"
AWB = "Algemene wet bestuursrecht"
# at most this many months are listed one by one (ingangsdatum up to the sending month)
MAX_MAANDEN = 12
VAKANTIETOESLAG_MAAND = "mei"  # inkomen pays the reserved VT in May (README, inkomen)


def _geld(bedrag: Decimal | None) -> str | None:
    return None if bedrag is None else f"{Decimal(bedrag):.2f}"


def _regels(regels) -> list[dict[str, Any]]:
    return [
        {"artikel": r.artikel, "omschrijving": r.omschrijving, "bedrag": _geld(r.bedrag)}
        for r in regels
    ]


def maak_toelichting(besluit: Besluit, *, verzonden_op: date) -> dict[str, Any]:
    """The toelichting of ``besluit`` (module docstring). Raises ``ValidationError`` (Dutch)
    when the amounts cannot be calculated (no rule set for the month, a household the rules
    do not cover)."""
    aanvraag = besluit.aanvraag
    basis: dict[str, Any] = {
        "soort": besluit.soort,
        "melddatum": aanvraag.melddatum.isoformat(),
        "ontvangen_op": aanvraag.ontvangen_op.isoformat() if aanvraag.ontvangen_op else None,
        "motivering": besluit.motivering,
        "voorschot": _voorschot(aanvraag),
    }
    if besluit.soort == BesluitSoort.TOEKENNING:
        basis.update(_toekenning(besluit, verzonden_op=verzonden_op))
    elif besluit.soort == BesluitSoort.BUITEN_BEHANDELING:
        basis["grond"] = {
            "artikel": f"art. 4:5 {AWB}",
            "hersteltermijn": _verlopen_hersteltermijn(aanvraag, besluit),
        }
    return basis


# --------------------------------------------------------------------------------------------
# buiten behandeling, voorschot


def _verlopen_hersteltermijn(aanvraag: Aanvraag, besluit: Besluit) -> dict[str, Any] | None:
    """The newest hersteltermijn that expired without the stukken: not completed, or completed
    only after its term (``neem_besluit`` closes the open ones on the day of the decision)."""
    beslisdag = besluit.genomen_op.date() if besluit.genomen_op else tijd.vandaag()
    kandidaten = [
        h
        for h in Hersteltermijn.objects.filter(aanvraag=aanvraag, termijn_tot__lt=beslisdag)
        if h.ontvangen_op is None or h.ontvangen_op > h.termijn_tot
    ]
    if not kandidaten:
        return None
    h = max(kandidaten, key=lambda x: (x.termijn_tot, x.pk))
    return {
        "gevraagd": h.gevraagd,
        "verzocht_op": h.verzocht_op.isoformat(),
        "termijn_tot": h.termijn_tot.isoformat(),
    }


def _voorschot(aanvraag: Aanvraag) -> dict[str, Any] | None:
    """The voorschot (art. 52 PW) as ``aanvraag.voorschot`` left it for this besluit: set off
    against the bijstand (toekenning), or cancelled / claimed back (the amounts its
    ``vorder_terug`` recorded)."""
    voorschot = Voorschot.objects.filter(aanvraag_id=aanvraag.pk).first()
    if voorschot is None:
        return None
    extra = voorschot.toelichting or {}
    return {
        "bedrag": _geld(voorschot.bedrag),
        "status": voorschot.status,
        "geannuleerd": extra.get("geannuleerd"),
        "teruggevorderd": extra.get("teruggevorderd"),
    }


# --------------------------------------------------------------------------------------------
# toekenning


def _betaaldatum(maand: date) -> date:
    dag = getattr(settings, "INKOMEN_BETAALDAG", 25)
    return maand.replace(day=max(1, min(dag, tijd.laatste_dag(maand).day)))


def eerste_betaaldatum(verzonden_op: date) -> date:
    """The first payment run on or after ``verzonden_op``: the one of that month, or of the next
    month when its payment day has passed. It also pays the months before it that no run paid
    yet (``inkomen.deelmaand.nabetaling_maanden``)."""
    dag = _betaaldatum(tijd.eerste_van_maand(verzonden_op))
    return dag if dag >= verzonden_op else _betaaldatum(tijd.maand_plus(verzonden_op, 1))


def _maanden(ingang: date, tot_en_met: date) -> list[date]:
    maanden = []
    maand = tijd.eerste_van_maand(ingang)
    while maand <= tijd.eerste_van_maand(tot_en_met) and len(maanden) < MAX_MAANDEN:
        maanden.append(maand)
        maand = tijd.maand_plus(maand, 1)
    return maanden


def _norm_uitleg(norm) -> dict[str, Any]:
    """The article and text of the norm line (the last line of the norm with an amount)."""
    met_bedrag = [r for r in norm.regels if r.bedrag is not None]
    hoofd = met_bedrag[-1] if met_bedrag else None
    return {
        "bedrag": _geld(norm.bedrag),
        "artikel": hoofd.artikel if hoofd else "",
        "omschrijving": hoofd.omschrijving if hoofd else "",
        "leefvorm": norm.leefvorm,
        "kostendelers": norm.kostendelers,
        "kostendelersnorm": norm.toegepast,
        "jongerennorm": bool(hoofd and hoofd.artikel.startswith("art. 20 ")),
        "regels": _regels(norm.regels),
    }


def _reken(uitkering, maand: date, regelset, beleid, recht=(None, None)):
    """One month without income through the inkomen calculation (``reken_maand``)."""
    return inkomen_rekensom.reken_maand(
        uitkering=uitkering,
        m=rekenregels.Maand(maand.year, maand.month),
        opgaven=[],
        vrijlating_maanden_gebruikt={},
        geschat=None,
        regelset=regelset,
        beleid=beleid,
        recht=recht,
    )


def _resultaat(resultaat: rekenregels.Resultaat) -> dict[str, Any]:
    return {
        "norm": _geld(resultaat.norm),
        "bijstand": _geld(resultaat.bijstand),
        "vakantietoeslag": _geld(resultaat.vakantietoeslag),
        "uitbetaling": _geld(resultaat.uitbetaling),
    }


def _toekenning(besluit: Besluit, *, verzonden_op: date) -> dict[str, Any]:
    aanvraag = besluit.aanvraag
    dossier = aanvraag.dossier
    ingang = besluit.ingangsdatum
    assert ingang is not None
    uitkering = inkomen_selectors.uitkering_van(dossier)
    if uitkering is None:
        raise ValidationError(
            _("Er is geen uitkering gestart; de beschikking kan niet worden gemaakt.")
        )
    huishouden = getattr(dossier.werkzoekende, "huishouden", None)
    eerste_betaling = eerste_betaaldatum(verzonden_op)
    maanden: list[dict[str, Any]] = []
    norm = invoer = heel = None
    medebewoners_tellen = 0
    vt_percentage = Decimal("5")
    geen_deelmaand_reden = ""
    try:
        for i, maand in enumerate(_maanden(ingang, eerste_betaling)):
            regelset = inkomen_selectors.regelset_voor_maand(maand)
            beleid = inkomen_selectors.beleid_voor_maand(maand)
            # the days with recht as the payment run will use them (art. 45 lid 3, P8)
            recht = inkomen_deelmaand.recht_periode_van(uitkering, maand)
            som = _reken(uitkering, maand, regelset, beleid, recht)
            if i == 0:
                heel = som if recht == (None, None) else _reken(uitkering, maand, regelset, beleid)
                invoer = som.invoer
                vt_percentage = regelset.vakantietoeslag_percentage
                norm = rekenregels.bepaal_norm(heel.invoer, regelset, beleid)
                peildag = rekenregels.peildatum(heel.invoer.maand, beleid)
                medebewoners_tellen = sum(
                    1
                    for mb in heel.invoer.medebewoners
                    if rekenregels.telt_als_kostendeler(mb, peildag, regelset)[0]
                )
                if ingang.day != 1 and recht[0] is None:
                    # a start within 30 days after earlier bijstand is no part month
                    geen_deelmaand_reden = "bijstand_binnen_30_dagen"
            resultaat = som.resultaat
            betaaldatum = _betaaldatum(maand)
            maanden.append(
                {
                    "maand": f"{maand:%Y-%m}",
                    **_resultaat(resultaat),
                    "deelmaand": _deelmaand(resultaat.deelmaand, beleid),
                    "regelset_geldig_vanaf": regelset.geldig_vanaf.isoformat(),
                    # a month whose payment day has passed is paid with the first run
                    "betaaldatum": max(betaaldatum, eerste_betaling).isoformat(),
                    "nabetaling": betaaldatum < eerste_betaling,
                    "regels": _regels(resultaat.regels),
                }
            )
    except rekenregels.OngeldigeInvoer as exc:
        fouten = "; ".join(tekst for lijst in exc.fouten.values() for tekst in lijst)
        raise ValidationError(
            _("De bijstand kan niet worden berekend: %(fouten)s") % {"fouten": fouten}
        ) from exc
    assert norm is not None and invoer is not None and heel is not None
    return {
        "ingangsdatum": ingang.isoformat(),
        "leefvorm": {
            "code": huishouden.leefvorm if huishouden else "",
            "tekst": str(huishouden.get_leefvorm_display()) if huishouden else "",
        },
        "norm": {
            **_norm_uitleg(norm),
            # the medebewoners who count as kostendeler (art. 19a): besides the household
            "medebewoners_kostendeler": medebewoners_tellen if norm.toegepast else 0,
            "maand": f"{ingang:%Y-%m}",
            "regelset_geldig_vanaf": maanden[0]["regelset_geldig_vanaf"],
        },
        "vakantietoeslag": {
            "percentage": f"{vt_percentage.normalize():f}",
            "artikel": f"art. 19 lid 3 {PW}",
            "uitbetaald_in": VAKANTIETOESLAG_MAAND,
        },
        "eerste_maand_deelmaand": maanden[0]["deelmaand"] is not None,
        "geen_deelmaand_reden": geen_deelmaand_reden,
        "maanden": maanden,
        # a whole month on the ingangsdatum's rules, without income
        "per_maand": {"maand": maanden[0]["maand"], **_resultaat(heel.resultaat)},
        "betaaldag": getattr(settings, "INKOMEN_BETAALDAG", 25),
        "eerste_betaling": eerste_betaling.isoformat(),
        "invoer": inkomen_rekensom.invoer_als_dict(invoer),
        "regels_versie": inkomen_selectors.regels_versie(),
    }


def _deelmaand(deelmaand: rekenregels.Deelmaand | None, beleid) -> dict[str, Any] | None:
    if deelmaand is None:
        return None
    return {
        "artikel": f"art. 45 lid 3 {PW}",
        "beleid": "P8",
        "methode": str(deelmaand.methode),
        "recht_vanaf": deelmaand.recht_vanaf.isoformat(),
        "recht_tot": deelmaand.recht_tot.isoformat(),
        "dagen": deelmaand.dagen,
        "dagen_in_maand": deelmaand.dagen_in_maand,
        "volledige_norm": _geld(deelmaand.volledige_norm),
        "norm": _geld(deelmaand.norm),
        "afronding": str(beleid.p2_afronding),
    }
