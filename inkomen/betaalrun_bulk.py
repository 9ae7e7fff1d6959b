"""The bulk path of the payment run: one transaction per chunk.

Locks the chunk's ``Uitkering`` rows (``select_for_update`` ordered by id, so two lockers never
deadlock), loads the chunk's opgaven, households, vrijlating counters, existing berekeningen and
ledger state in a few queries, calculates with the same helpers as the per-dossier path and
writes plain rows with ``COPY`` (``bulk.voeg_in``). Dossiers with open ledger items go through
``boek_maandbetaling`` inside the same transaction (:func:`inkomen.betaling._boek_en_betaal`).
See the module docstring of :mod:`inkomen.betaalrun` for the faults this path survives.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Min, Q, Sum

from bijstand.core import tijd
from bijstand.dossiers.models import HuishoudenLid
from bijstand.logboek.services import log_verwerking

from . import deelmaand, grootboek, rekenregels, rekensom, selectors, voorschot
from .betaling import ChunkUitkomst, _boek_en_betaal, _naam, _telt, betaling_velden
from .bulk import InLijst, JsonTekst, voeg_in
from .herberekening import plan_herberekening
from .models import (
    NUL,
    Berekening,
    Betaalrun,
    Betaling,
    Boeking,
    BoekingSoort,
    Inkomstenopgave,
    NietBetaaldReden,
    Uitkering,
    UitkeringStatus,
    VrijlatingToepassing,
)

logger = logging.getLogger("inkomen.betaalrun")


_DOSSIER_KOLOMMEN = (
    "dossier_id",
    "dossier__werkzoekende_id",
    "dossier__werkzoekende__geboortedatum",
    "aanvrager_medisch_urenbeperkt",
    "partner_medisch_urenbeperkt",
    "aanvrager_doelgroep_loonkostensubsidie",
    "partner_doelgroep_loonkostensubsidie",
    "status",
    "ingangsdatum",
    "einddatum",
    "dossier__werkzoekende__publiek_id",
    "dossier__werkzoekende__iban",
    "dossier__werkzoekende__voornamen",
    "dossier__werkzoekende__tussenvoegsel",
    "dossier__werkzoekende__achternaam",
)


def _groepeer(rijen: Iterable[Any], sleutel: Callable[[Any], Any]) -> dict[Any, list[Any]]:
    groepen: dict[Any, list[Any]] = defaultdict(list)
    for rij in rijen:
        groepen[sleutel(rij)].append(rij)
    return groepen


ACTIVITEIT = "uitkering"


@dataclass(slots=True)
class _Dossier:
    """What the bulk path loads of one dossier of the chunk (under the Uitkering row lock)."""

    feiten: rekensom.UitkeringFeiten
    status: str
    ingangsdatum: date
    einddatum: date | None
    publiek_id: Any
    iban: str
    naam: str

    @property
    def dossier_id(self) -> int:
        return self.feiten.dossier_id

    @property
    def log_subject(self) -> str:
        return f"werkzoekende:{self.publiek_id}"


def _laad_en_vergrendel(ids: list[int]) -> list[_Dossier]:
    """Lock the chunk's Uitkering rows (ordered by id: two lockers never deadlock) and read
    what the run needs, as plain values (no model instances)."""
    rijen = (
        Uitkering.objects.select_for_update(of=("self",))
        .filter(InLijst("dossier_id", ids))
        .order_by("pk")
        .values_list(*_DOSSIER_KOLOMMEN)
    )
    return [
        _Dossier(
            feiten=rekensom.UitkeringFeiten(d, w, geb, am, pm, al, pl),
            status=status,
            ingangsdatum=ingang,
            einddatum=eind,
            publiek_id=publiek_id,
            iban=iban,
            naam=_naam(voornamen, tussenvoegsel, achternaam),
        )
        for (
            d,
            w,
            geb,
            am,
            pm,
            al,
            pl,
            status,
            ingang,
            eind,
            publiek_id,
            iban,
            voornamen,
            tussenvoegsel,
            achternaam,
        ) in rijen
    ]


def _verwerk_bulk(*, run: Betaalrun, ids: list[int], peildatum: date | None) -> ChunkUitkomst:
    """One chunk in one transaction (the caller's): lock, load, calculate, bulk write.

    Reads with ``values_list`` and writes with :func:`inkomen.bulk.voeg_in` (``COPY`` on
    PostgreSQL): no model instances for the ordinary dossiers. The field values come from the
    same functions the per-dossier path saves (``rekensom.berekening_velden``,
    ``grootboek.uitbetaling_velden``, :func:`betaling_velden`, ...).
    """
    maand = run.maand
    peildatum = peildatum or tijd.vandaag()
    uitkomst = ChunkUitkomst()
    dossiers = _laad_en_vergrendel(ids)
    al_betaald = set(
        Betaling.objects.filter(InLijst("dossier_id", ids), maand=maand).values_list(
            "dossier_id", flat=True
        )
    )
    # A suspended uitkering covers its months like a running one; whether the month is paid
    # or recorded "opgeschort" (art. 54 PW) the per-dossier rules decide (below: not lopend).
    regulier = {
        d.dossier_id
        for d in dossiers
        if deelmaand.regulier_te_betalen(
            status=UitkeringStatus.LOPEND if d.status == UitkeringStatus.OPGESCHORT else d.status,
            ingangsdatum=d.ingangsdatum,
            einddatum=d.einddatum,
            maand=maand,
        )
    }
    # An ended uitkering in the art. 45 lid 1 window: the per-dossier rules (rule 7; few).
    einde = {
        d.dossier_id
        for d in dossiers
        if d.dossier_id not in regulier
        and deelmaand.in_vakantietoeslag_einde_venster(
            status=d.status, einddatum=d.einddatum, maand=maand
        )
    }
    te_betalen = [
        d
        for d in dossiers
        if d.dossier_id not in al_betaald and (d.dossier_id in regulier or d.dossier_id in einde)
    ]
    uitkomst.overgeslagen = len(ids) - len(te_betalen)
    if not te_betalen:
        return uitkomst
    te_betalen_ids = [d.dossier_id for d in te_betalen]
    # A part month (start or end in this month), the end month (its VT is settled with it) or
    # possibly unpaid months before the first payment (services rules 7 and 8): the
    # per-dossier rules; no query for the first two, at most two small ones for the third.
    periode = {
        d.dossier_id
        for d in te_betalen
        if deelmaand.mogelijk_deelmaand(
            ingangsdatum=d.ingangsdatum, einddatum=d.einddatum, maand=maand
        )
        or deelmaand.eindigt_in(status=d.status, einddatum=d.einddatum, maand=maand)
    } | deelmaand.zonder_vorige_betaling(
        ((d.dossier_id, d.ingangsdatum) for d in te_betalen if d.dossier_id not in einde), maand
    )
    # Open ledger items (or a month booked without its Betaling) and every uitkering that is
    # not simply running (suspended, or ended: an open opschorting may cover the month; few):
    # the per-dossier rules.
    bijzonder = (
        einde
        | periode
        | {d.dossier_id for d in te_betalen if d.status != UitkeringStatus.LOPEND}
        | set(
            Boeking.objects.filter(InLijst("dossier_id", te_betalen_ids))
            .filter(
                Q(soort=BoekingSoort.VERREKENINGSSCHULD)
                | Q(soort__in=[BoekingSoort.NABETALING, BoekingSoort.INHOUDING], betaalmaand=None)
                | Q(betaalmaand=maand)
            )
            .order_by()
            .values_list("dossier_id", flat=True)
            .distinct()
        )
        | voorschot.dossiers_met_open_voorschot(te_betalen_ids)
    )
    snel = [d for d in te_betalen if d.dossier_id not in bijzonder]
    snel_ids = [d.dossier_id for d in snel]

    # 1. berekeningen: the actuele one (pk, bijstand, VT), or calculated now for the chunk
    berekeningen: dict[int, tuple[int, Decimal, Decimal]] = {
        d: (pk, bijstand, vt)
        for d, pk, bijstand, vt in Berekening.objects.filter(
            InLijst("dossier_id", snel_ids), maand=maand, actueel=True
        ).values_list("dossier_id", "pk", "bijstand", "vakantietoeslag")
    }
    nodig = [d for d in snel if d.dossier_id not in berekeningen]
    fout: set[int] = set()
    if nodig:
        nieuw, fout = _bereken_bulk(nodig, maand)
        berekeningen.update(nieuw)

    # 2. ledger lines and payments
    vt_maand = getattr(settings, "INKOMEN_VAKANTIETOESLAG_MAAND", 5)
    reservering: dict[int, Decimal] = {}
    if maand.month == vt_maand:
        reservering = dict(
            Boeking.objects.filter(InLijst("dossier_id", snel_ids))
            .order_by()
            .values("dossier_id")
            .annotate(v=Sum("vakantietoeslag"))
            .values_list("dossier_id", "v")
        )
    boekingen: list[dict[str, Any]] = []
    betalingen: list[dict[str, Any]] = []
    for d in snel:
        if d.dossier_id in fout:
            betalingen.append(
                betaling_velden(
                    run=run,
                    dossier_id=d.dossier_id,
                    iban=d.iban,
                    naam=d.naam,
                    bedrag=NUL,
                    reden=NietBetaaldReden.BEREKENING,
                )
            )
            continue
        berekening_id, bijstand, vt = berekeningen[d.dossier_id]
        boekingen.append(
            grootboek.uitbetaling_velden(
                dossier_id=d.dossier_id,
                maand=maand,
                berekening_id=berekening_id,
                bijstand=bijstand,
                vakantietoeslag=vt,
            )
        )
        bedrag = bijstand - vt
        if maand.month == vt_maand:
            totaal_vt = (reservering.get(d.dossier_id) or NUL) + vt
            if totaal_vt > 0:
                boekingen.append(
                    grootboek.vakantietoeslag_velden(
                        dossier_id=d.dossier_id, maand=maand, reservering=totaal_vt
                    )
                )
                bedrag += totaal_vt
        betalingen.append(
            betaling_velden(
                run=run, dossier_id=d.dossier_id, iban=d.iban, naam=d.naam, bedrag=bedrag
            )
        )
    voeg_in(Boeking, boekingen)

    # 3. the dossiers with open items: the per-dossier rules, in this transaction
    bijzonder_betaald: list[_Dossier] = []
    for d in te_betalen:
        if d.dossier_id in bijzonder:
            betaling = _boek_en_betaal(
                run=run, dossier_id=d.dossier_id, iban=d.iban, naam=d.naam, peildatum=peildatum
            )
            if betaling is not None:
                _telt(uitkomst, betaling.status, betaling.bedrag)
                bijzonder_betaald.append(d)
            else:
                uitkomst.overgeslagen += 1

    voeg_in(Betaling, betalingen)
    for b in betalingen:
        _telt(uitkomst, b["status"], b["bedrag"])
    # One log operation for the chunk: calculated and paid (the per-dossier path writes one
    # herbereken_maand operation per dossier plus one betaalrun operation per chunk).
    if snel:
        log_verwerking(
            activiteit=ACTIVITEIT,
            operatie="betaalrun",
            subjects=[d.log_subject for d in snel],
            soorten_gegevens=["inkomen", "huishouden", "uitkering", "bankrekening"],
            actor="inkomen.betaalrun",
        )
    if bijzonder_betaald:
        log_verwerking(
            activiteit=ACTIVITEIT,
            operatie="betaalrun",
            subjects=[d.log_subject for d in bijzonder_betaald],
            soorten_gegevens=["uitkering", "bankrekening"],
            actor="inkomen.betaalrun",
        )
    return uitkomst


def _bereken_bulk(
    dossiers: list[_Dossier], maand: date
) -> tuple[dict[int, tuple[int, Decimal, Decimal]], set[int]]:
    """Calculate and store version 1 of ``maand`` for dossiers without a berekening.

    The same inputs as ``herbereken_maand`` (effective opgaven, household, vrijlating counters,
    no estimate: the month is unpaid), loaded for all dossiers at once. Only whole months come
    here: a possible part month (art. 45 lid 3: ``recht_vanaf`` / ``recht_tot``, with the 30-day
    rule's queries) is routed to the per-dossier rules by :func:`_verwerk_bulk`. Returns
    ``{dossier id: (berekening id, bijstand, vakantietoeslag)}`` of the new berekeningen and
    the dossier ids the rules could not calculate.
    """
    ids = [d.dossier_id for d in dossiers]
    m = rekenregels.Maand(maand.year, maand.month)
    regelset = selectors.regelset_voor_maand(maand)
    beleid = selectors.beleid_voor_maand(maand)
    opgaven: dict[int, list[rekensom.OpgaveFeiten]] = defaultdict(list)
    for dossier_id, *velden in (
        Inkomstenopgave.objects.filter(
            InLijst("dossier_id", ids), maand=maand, vervangen_door__isnull=True
        )
        .exclude(beoordeling="afgewezen")
        .order_by("pk")
        .values_list("dossier_id", *rekensom.OPGAVE_KOLOMMEN)
    ):
        opgaven[dossier_id].append(rekensom.OpgaveFeiten.uit_kolommen(velden))
    leden: dict[int, list[rekensom.Lid]] = defaultdict(list)
    for werkzoekende_id, *velden in (
        HuishoudenLid.objects.filter(
            InLijst("huishouden__werkzoekende_id", [d.feiten.werkzoekende_id for d in dossiers])
        )
        .order_by("pk")
        .values_list("huishouden__werkzoekende_id", *rekensom.LID_VELDEN)
    ):
        leden[werkzoekende_id].append(rekensom.Lid(*velden))
    tellers = _groepeer(
        VrijlatingToepassing.objects.filter(
            InLijst("dossier_id", ids), actueel=True, maand__lt=maand
        )
        .values("dossier_id", "persoon", "soort")
        .annotate(aantal=Count("maand", distinct=True), eerste=Min("maand"))
        .order_by(),
        lambda r: r["dossier_id"],
    )
    sommen: list[tuple[int, rekensom.Rekensom]] = []
    fout: set[int] = set()
    for d in dossiers:
        try:
            som = rekensom.reken_maand(
                uitkering=d.feiten,
                m=m,
                opgaven=selectors.kies_effectieve_opgaven(opgaven.get(d.dossier_id, [])),
                vrijlating_maanden_gebruikt=selectors.tel_vrijlating_maanden(
                    tellers.get(d.dossier_id, []), maand=maand, beleid=beleid
                ),
                geschat=None,
                regelset=regelset,
                beleid=beleid,
                leden=leden.get(d.feiten.werkzoekende_id, ()),
            )
        except rekenregels.OngeldigeInvoer as exc:
            logger.warning(
                "Betaalrun %s: dossier %s niet te berekenen: %s",
                f"{maand:%Y-%m}",
                d.dossier_id,
                sorted(exc.fouten),
            )
            fout.add(d.dossier_id)
            continue
        sommen.append((d.dossier_id, som))
    rijen = []
    versie_regels = selectors.regels_versie()
    for dossier_id, som in sommen:
        velden = rekensom.berekening_velden(
            dossier_id=dossier_id,
            maand=maand,
            versie=1,
            som=som,
            regelset=regelset,
            beleid=beleid,
            aanleiding="betaalrun",
            regels_versie=versie_regels,
        )
        # serialised once already (for the fingerprint): written as they are
        velden["resultaat"] = JsonTekst(som.resultaat_json)
        velden["vrijlatingen"] = JsonTekst(som.vrijlatingen_json)
        rijen.append(velden)
    berekening_ids = voeg_in(Berekening, rijen, ids=True)
    voeg_in(
        Berekening.opgaven.through,
        [
            {"berekening_id": b_id, "inkomstenopgave_id": o.pk}
            for b_id, (_d, som) in zip(berekening_ids, sommen, strict=True)
            for o in som.opgaven
        ],
    )
    voeg_in(
        VrijlatingToepassing,
        [
            rij
            for b_id, (dossier_id, som) in zip(berekening_ids, sommen, strict=True)
            for rij in rekensom.vrijlating_velden(
                berekening_id=b_id, dossier_id=dossier_id, maand=maand, som=som
            )
        ],
    )
    # As herbereken_maand: a new vrijlating changes the counters of later calculated months.
    met_vrijlating = [dossier_id for dossier_id, som in sommen if som.vrijlatingen]
    if met_vrijlating:
        for dossier_id, later in (
            Berekening.objects.filter(
                InLijst("dossier_id", met_vrijlating), actueel=True, maand__gt=maand
            )
            .order_by("dossier_id", "maand")
            .values_list("dossier_id", "maand")
        ):
            plan_herberekening(dossier_id=dossier_id, maand=later, aanleiding="vrijlating")
    return {
        dossier_id: (b_id, som.resultaat.bijstand, som.resultaat.vakantietoeslag)
        for b_id, (dossier_id, som) in zip(berekening_ids, sommen, strict=True)
    }, fout
