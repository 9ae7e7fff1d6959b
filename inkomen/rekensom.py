"""The calculation of one dossier-month from case data: the input the pure core
(``inkomen.rekenregels``) reads, its result with a fingerprint, and the field values a
``Berekening`` is stored with. No writes: shared by the single recalculation
(:mod:`inkomen.herberekening`), the payment run's bulk path and the proefberekening."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from bijstand.dossiers.models import HuishoudenLid

from . import rekenregels, selectors
from .models import (
    NUL,
    Berekening,
    Inkomstenopgave,
    InkomstenPeriode,
    OpgaveStatus,
    Uitkering,
    VrijlatingToepassing,
)

CENT = Decimal("0.01")


def _persoon(geboortedatum: date, medisch: bool, lks: bool) -> rekenregels.Persoon:
    return rekenregels.Persoon(
        geboortedatum=geboortedatum, medisch_urenbeperkt=medisch, doelgroep_loonkostensubsidie=lks
    )


@dataclass(frozen=True, slots=True)
class UitkeringFeiten:
    """What the calculation needs of an uitkering and its aanvrager (plain values, so the
    payment run's bulk path can load them with ``values_list`` instead of model instances)."""

    dossier_id: int
    werkzoekende_id: int
    geboortedatum: date
    aanvrager_medisch_urenbeperkt: bool = False
    partner_medisch_urenbeperkt: bool = False
    aanvrager_doelgroep_loonkostensubsidie: bool = False
    partner_doelgroep_loonkostensubsidie: bool = False

    @classmethod
    def van(cls, uitkering: Uitkering) -> UitkeringFeiten:
        return cls(
            dossier_id=uitkering.dossier_id,
            werkzoekende_id=uitkering.dossier.werkzoekende_id,
            geboortedatum=uitkering.dossier.werkzoekende.geboortedatum,
            aanvrager_medisch_urenbeperkt=uitkering.aanvrager_medisch_urenbeperkt,
            partner_medisch_urenbeperkt=uitkering.partner_medisch_urenbeperkt,
            aanvrager_doelgroep_loonkostensubsidie=uitkering.aanvrager_doelgroep_loonkostensubsidie,
            partner_doelgroep_loonkostensubsidie=uitkering.partner_doelgroep_loonkostensubsidie,
        )


class Lid(NamedTuple):
    """A household member as the calculation reads it (``HuishoudenLid`` has the same
    attributes, so model instances and these tuples are interchangeable)."""

    geboortedatum: date
    rol: str
    student: bool
    commerciele_huur: bool
    familie_eerste_of_tweede_graad: bool


class OpgaveFeiten(NamedTuple):
    """An opgave as the calculation reads it (the payment run's bulk path loads these with
    ``values_list``; ``Inkomstenopgave`` instances have the same attributes)."""

    pk: int
    persoon: str
    soort: str
    periode: str
    status: str
    bron: str
    werkgever_id: int | None
    betaaldata: list[str]
    telt_bedrag: Decimal

    @classmethod
    def uit_kolommen(cls, rij: Iterable[Any]) -> OpgaveFeiten:
        """From the values of :data:`OPGAVE_KOLOMMEN` (bedrag and vakantiegeld last)."""
        *velden, bedrag, vakantiegeld = rij
        return cls(*velden, bedrag + vakantiegeld)


OPGAVE_KOLOMMEN = (
    "pk",
    "persoon",
    "soort",
    "periode",
    "status",
    "bron",
    "werkgever_id",
    "betaaldata",
    "bedrag",
    "vakantiegeld",
)


LID_VELDEN = (
    "geboortedatum",
    "rol",
    "student",
    "commerciele_huur",
    "familie_eerste_of_tweede_graad",
)


def _huishouden(
    feiten: UitkeringFeiten,
    m: rekenregels.Maand,
    regelset: rekenregels.Regelset,
    beleid,
    leden: Iterable[HuishoudenLid | Lid] | None = None,
) -> dict[str, Any]:
    """Aanvrager, partner, kinderen and medebewoners for the month from the current household
    data (used for a month's first calculation; later ones reuse it, see herbereken_maand).

    Children who are 18 or older on the peildatum count as medebewoners; people born after
    the month are left out. ``leden`` (in pk order) may be preloaded (the payment run's bulk
    path); otherwise they are read here.
    """
    dag = rekenregels.peildatum(m, beleid)
    laatste = m.laatste_dag
    partner = None
    kinderen: list[rekenregels.Kind] = []
    medebewoners: list[rekenregels.Medebewoner] = []
    if leden is None:
        leden = HuishoudenLid.objects.filter(
            huishouden__werkzoekende_id=feiten.werkzoekende_id
        ).order_by("pk")
    for lid in leden:
        if lid.geboortedatum > laatste:
            continue
        if lid.rol == HuishoudenLid.Rol.PARTNER:
            partner = _persoon(
                lid.geboortedatum,
                feiten.partner_medisch_urenbeperkt,
                feiten.partner_doelgroep_loonkostensubsidie,
            )
        elif (
            lid.rol == HuishoudenLid.Rol.KIND
            and rekenregels.leeftijd(lid.geboortedatum, dag) < regelset.kind_ten_laste_tot_leeftijd
        ):
            kinderen.append(rekenregels.Kind(geboortedatum=lid.geboortedatum))
        else:
            medebewoners.append(
                rekenregels.Medebewoner(
                    geboortedatum=lid.geboortedatum,
                    student=lid.student,
                    commerciele_huur=lid.commerciele_huur,
                    familie_eerste_of_tweede_graad=lid.familie_eerste_of_tweede_graad
                    or lid.rol == HuishoudenLid.Rol.KIND,
                )
            )
    return {
        "aanvrager": _persoon(
            feiten.geboortedatum,
            feiten.aanvrager_medisch_urenbeperkt,
            feiten.aanvrager_doelgroep_loonkostensubsidie,
        ),
        "partner": partner,
        "kinderen": tuple(kinderen),
        "medebewoners": tuple(medebewoners),
    }


def inkomstenregels(
    opgaven: Iterable[Inkomstenopgave], beleid: rekenregels.Beleid
) -> tuple[rekenregels.Inkomstenregel, ...]:
    """The income lines of the month for the core (policy P3 for four-weekly wages).

    Each opgave counts ``bedrag + vakantiegeld``. Monthly opgaven: one line each. Four-weekly,
    13/12 policy: one line per (persoon, soort, werkgever/bron) with the mean of the periods
    paid in the month (so the '13th period' is not set off again; the core converts x 13/12).
    Four-weekly, 'als ontvangen': one line per payday.
    """
    regels: list[rekenregels.Inkomstenregel] = []
    groepen: dict[tuple[Any, ...], list[Decimal]] = defaultdict(list)
    for o in opgaven:
        bedrag = o.telt_bedrag
        if o.periode == InkomstenPeriode.MAAND:
            regels.append(rekenregels.Inkomstenregel(o.persoon, o.soort, bedrag, "maand"))
        elif beleid.p3_vier_weken == rekenregels.VierWekenOmrekening.DERTIEN_TWAALFDE:
            groepen[(o.persoon, o.soort, o.werkgever_id or o.bron)].append(bedrag)
        else:
            for _dag in o.betaaldata or [None]:
                regels.append(rekenregels.Inkomstenregel(o.persoon, o.soort, bedrag, "vier_weken"))
    for (persoon, soort, _sleutel), bedragen in groepen.items():
        gemiddeld = (sum(bedragen, NUL) / len(bedragen)).quantize(CENT, rounding=ROUND_HALF_UP)
        regels.append(rekenregels.Inkomstenregel(persoon, soort, gemiddeld, "vier_weken"))
    return tuple(regels)


def _regels_als_lijst(regels: Iterable[rekenregels.Inkomstenregel] | None) -> list | None:
    if regels is None:
        return None
    return [
        {
            "persoon": str(r.persoon),
            "soort": str(r.soort),
            "bedrag": f"{Decimal(r.bedrag):.2f}",
            "periode": str(r.periode),
        }
        for r in regels
    ]


def _regels_uit_lijst(lijst: list[dict[str, str]]) -> tuple[rekenregels.Inkomstenregel, ...]:
    return tuple(
        rekenregels.Inkomstenregel(r["persoon"], r["soort"], Decimal(r["bedrag"]), r["periode"])
        for r in lijst
    )


def geschatte_inkomsten(
    betaald: Berekening | None, opgaven: Iterable[Inkomstenopgave | OpgaveFeiten]
) -> tuple[rekenregels.Inkomstenregel, ...] | None:
    """The estimated income a paid month is corrected against (``Invoer.geschatte_inkomsten``).

    ``betaald``: the berekening the month was paid on; ``opgaven``: the effective opgaven now.
    Only when that berekening was on an estimate (``op_schatting``) *and* its opgaven are no
    longer the ones that count (the estimate was replaced, rejected or joined by another
    opgave). While the estimate still is the income that counts, the month has nothing to
    correct: recalculating it must give the paid berekening's fingerprint, not a new version
    with a "geen correctie" line (issue 13 §3: ~13 % of the paid months got one after a run).
    """
    if betaald is None or not betaald.op_schatting:
        return None
    if set(betaald.opgaven.values_list("pk", flat=True)) == {o.pk for o in opgaven}:
        return None
    return _regels_uit_lijst(betaald.invoer["inkomsten"])


def invoer_als_dict(invoer: rekenregels.Invoer) -> dict[str, Any]:
    """The input as JSON, in the shape of the proefberekening request (can be replayed)."""

    def persoon(p: rekenregels.Persoon | None) -> dict[str, Any] | None:
        if p is None:
            return None
        data: dict[str, Any] = {
            "geboortedatum": p.geboortedatum.isoformat(),
            "medisch_urenbeperkt": p.medisch_urenbeperkt,
        }
        if p.doelgroep_loonkostensubsidie:  # extension beyond the proefberekening contract
            data["doelgroep_loonkostensubsidie"] = True
        return data

    return {
        "maand": str(invoer.maand),
        "aanvrager": persoon(invoer.aanvrager),
        "partner": persoon(invoer.partner),
        "kinderen": [{"geboortedatum": k.geboortedatum.isoformat()} for k in invoer.kinderen],
        "medebewoners": [
            {
                "geboortedatum": mb.geboortedatum.isoformat(),
                "student": mb.student,
                "commerciele_huur": mb.commerciele_huur,
                "familie_eerste_of_tweede_graad": mb.familie_eerste_of_tweede_graad,
            }
            for mb in invoer.medebewoners
        ],
        "inkomsten": _regels_als_lijst(invoer.inkomsten),
        "vrijlating_maanden_gebruikt": {
            p: dict(sorted(s.items()))
            for p, s in sorted(invoer.vrijlating_maanden_gebruikt.items())
        },
        "geschatte_inkomsten": _regels_als_lijst(invoer.geschatte_inkomsten),
    } | {k: str(d) for k in ("recht_vanaf", "recht_tot") if (d := getattr(invoer, k))}


def _vrijlatingen_als_lijst(resultaat: rekenregels.Resultaat) -> list[dict[str, Any]]:
    return [
        {
            "persoon": str(v.persoon),
            "soort": str(v.soort),
            "artikel": v.artikel,
            "percentage": str(v.percentage),
            "maximum": None if v.maximum is None else f"{v.maximum:.2f}",
            "bedrag": f"{v.bedrag:.2f}",
            "maandnummer": v.maandnummer,
            "max_maanden": v.max_maanden,
        }
        for v in resultaat.vrijlatingen
    ]


@dataclass
class Rekensom:
    """The pure calculation of one dossier-month with what is stored of it.

    ``resultaat_json`` and ``vrijlatingen_json`` are the canonical JSON texts (sorted keys) of
    ``resultaat_dict`` and ``vrijlatingen``: serialised once, used for the fingerprint and
    written as they are by the payment run's bulk path.
    """

    invoer: rekenregels.Invoer
    resultaat: rekenregels.Resultaat
    resultaat_dict: dict[str, Any]
    vrijlatingen: list[dict[str, Any]]
    opgaven: list[Inkomstenopgave]
    vingerafdruk: str
    resultaat_json: str = ""
    vrijlatingen_json: str = ""


def vingerafdruk(resultaat_json: str, vrijlatingen_json: str, opgave_ids: list[int]) -> str:
    """sha256 of ``json.dumps({"resultaat": ..., "vrijlatingen": ..., "opgaven": ...},
    sort_keys=True)``, assembled from the parts already serialised (byte-identical: the
    stored fingerprints of earlier versions stay comparable)."""
    tekst = (
        f'{{"opgaven": {json.dumps(opgave_ids)}, "resultaat": {resultaat_json}, '
        f'"vrijlatingen": {vrijlatingen_json}}}'
    )
    return hashlib.sha256(tekst.encode()).hexdigest()


def reken_maand(
    *,
    uitkering: Uitkering | UitkeringFeiten,
    m: rekenregels.Maand,
    opgaven: list[Inkomstenopgave],
    vrijlating_maanden_gebruikt: dict[str, dict[str, int]],
    geschat: tuple[rekenregels.Inkomstenregel, ...] | None,
    regelset: rekenregels.Regelset,
    beleid: rekenregels.Beleid,
    leden: Iterable[HuishoudenLid | Lid] | None = None,
    huishouden: dict[str, Any] | None = None,
    recht: tuple[date | None, date | None] = (None, None),
) -> Rekensom:
    """Build the input from (pre)loaded case data, call the pure core, fingerprint the result.

    No writes. Shared by :func:`herbereken_maand` (one dossier) and the payment run's bulk
    path (``inkomen.betaalrun``), which preloads the data of a whole chunk. ``huishouden``
    (aanvrager, partner, kinderen, medebewoners) replaces the current household data: the
    household a month was first calculated with (:func:`huishouden_uit_invoer`, ADR 0005).
    ``recht``: the first / last day with recht of a part month (``deelmaand.recht_periode``).
    """
    feiten = uitkering if isinstance(uitkering, UitkeringFeiten) else UitkeringFeiten.van(uitkering)
    invoer = rekenregels.Invoer(
        maand=m,
        inkomsten=inkomstenregels(opgaven, beleid),
        vrijlating_maanden_gebruikt=vrijlating_maanden_gebruikt,
        geschatte_inkomsten=geschat,
        recht_vanaf=recht[0],
        recht_tot=recht[1],
        **(huishouden or _huishouden(feiten, m, regelset, beleid, leden)),
    )
    resultaat = rekenregels.bereken(invoer, regelset, beleid)
    resultaat_dict = resultaat.als_dict()
    vrijlatingen = _vrijlatingen_als_lijst(resultaat)
    resultaat_json = json.dumps(resultaat_dict, sort_keys=True)
    vrijlatingen_json = json.dumps(vrijlatingen, sort_keys=True)
    return Rekensom(
        invoer,
        resultaat,
        resultaat_dict,
        vrijlatingen,
        list(opgaven),
        vingerafdruk(resultaat_json, vrijlatingen_json, sorted(o.pk for o in opgaven)),
        resultaat_json,
        vrijlatingen_json,
    )


def huishouden_uit_invoer(invoer: dict[str, Any]) -> dict[str, Any]:
    """The household stored in a berekening's ``invoer`` (see :func:`invoer_als_dict`) as the
    core's persons: the household that month was calculated with."""

    def persoon(p: dict[str, Any] | None) -> rekenregels.Persoon | None:
        if p is None:
            return None
        return _persoon(
            date.fromisoformat(p["geboortedatum"]),
            bool(p.get("medisch_urenbeperkt")),
            bool(p.get("doelgroep_loonkostensubsidie")),
        )

    return {
        "aanvrager": persoon(invoer["aanvrager"]),
        "partner": persoon(invoer.get("partner")),
        "kinderen": tuple(
            rekenregels.Kind(geboortedatum=date.fromisoformat(k["geboortedatum"]))
            for k in invoer.get("kinderen") or []
        ),
        "medebewoners": tuple(
            rekenregels.Medebewoner(
                geboortedatum=date.fromisoformat(mb["geboortedatum"]),
                student=bool(mb.get("student")),
                commerciele_huur=bool(mb.get("commerciele_huur")),
                familie_eerste_of_tweede_graad=bool(mb.get("familie_eerste_of_tweede_graad")),
            )
            for mb in invoer.get("medebewoners") or []
        ),
    }


def berekening_velden(
    *,
    dossier_id: int,
    maand: date,
    versie: int,
    som: Rekensom,
    regelset: rekenregels.Regelset,
    beleid: rekenregels.Beleid,
    aanleiding: str,
    regels_versie: str | None = None,
) -> dict[str, Any]:
    """The field values (attnames) of an actuele Berekening of ``som``: one definition for
    the single save (:func:`nieuwe_berekening`) and the payment run's bulk insert (which
    passes ``regels_versie`` once for the chunk)."""
    resultaat = som.resultaat
    return {
        "dossier_id": dossier_id,
        "maand": maand,
        "versie": versie,
        "actueel": True,
        "invoer": invoer_als_dict(som.invoer),
        "resultaat": som.resultaat_dict,
        "vrijlatingen": som.vrijlatingen,
        "regelset_geldig_vanaf": regelset.geldig_vanaf,
        "beleid_geldig_vanaf": beleid.geldig_vanaf,
        "regels_versie": regels_versie or selectors.regels_versie(),
        "vingerafdruk": som.vingerafdruk,
        "op_schatting": any(o.status == OpgaveStatus.GESCHAT for o in som.opgaven),
        "norm": resultaat.norm,
        "kostendelers": resultaat.kostendelers,
        "inkomsten": resultaat.inkomsten,
        "vrijlating": resultaat.vrijlating,
        "bijstand": resultaat.bijstand,
        "vakantietoeslag": resultaat.vakantietoeslag,
        "uitbetaling": resultaat.uitbetaling,
        "correctie": resultaat.correctie,
        "aanleiding": aanleiding[:200],
    }


def nieuwe_berekening(**kwargs: Any) -> Berekening:
    """An unsaved actuele Berekening (arguments of :func:`berekening_velden`)."""
    return Berekening(**berekening_velden(**kwargs))


def vrijlating_velden(
    *, berekening_id: int, dossier_id: int, maand: date, som: Rekensom
) -> list[dict[str, Any]]:
    """The counter rows (field values) of the vrijlatingen applied in ``som``."""
    return [
        {
            "berekening_id": berekening_id,
            "dossier_id": dossier_id,
            "maand": maand,
            "actueel": True,
            "persoon": str(v.persoon),
            "soort": str(v.soort),
            "bedrag": v.bedrag,
            "maandnummer": v.maandnummer,
            "max_maanden": v.max_maanden,
        }
        for v in som.resultaat.vrijlatingen
    ]


def vrijlating_rijen(berekening: Berekening, som: Rekensom) -> list[VrijlatingToepassing]:
    """The (unsaved) counter rows of a saved berekening."""
    return [
        VrijlatingToepassing(**velden)
        for velden in vrijlating_velden(
            berekening_id=berekening.pk,
            dossier_id=berekening.dossier_id,
            maand=berekening.maand,
            som=som,
        )
    ]
