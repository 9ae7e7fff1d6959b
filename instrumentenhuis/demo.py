"""Demo data of the instrumentenhuis: deployments for part of the active demo dossiers.

``vul_demo(*, seed, log)`` (called by ``manage.py demo_data`` after the hub's data) gives about
a third of the active dossiers one or two inzetten in every stage of the life cycle, with their
transitions (InzetOvergang), journaal lines, provider reports and the reservations on the
budget rows, all in bulk. It keeps the invariants the services keep:

- the same instrument at most once active per dossier; the age limit of an instrument;
- approved, started and completed inzetten hold a reservation, and ``InstrumentJaar.bezet`` /
  ``besteed`` are the sums of those reservations; when a year is full the request goes on the
  wachtlijst instead (as ``services.keur_goed`` would);
- a completed training with a certificate has that certificate in the Profiel (when there is
  one).

Idempotent: the dossiers are chosen deterministically from (seed, dossier id), and a dossier
that has any inzet already is skipped, so a second run adds nothing.
"""

from __future__ import annotations

import datetime
import hashlib
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from bijstand.dossiers.models import (
    ACTIEVE_STATUSSEN,
    Dossier,
    JournaalRegel,
    JournaalSoort,
)
from perspectief.models import Profiel

from .models import (
    Bron,
    Instrument,
    InstrumentJaar,
    Inzet,
    InzetOvergang,
    InzetStatus,
    Rapportage,
    RapportageSoort,
    Resultaat,
    Stopreden,
)

AANDEEL_PROCENT = 33
BATCH = 5000
HISTORY_REDEN = "Gegenereerde demodata"

# (status, weight)
STATUSSEN = [
    (InzetStatus.AANVRAAG, 8),
    (InzetStatus.GOEDGEKEURD, 12),
    (InzetStatus.GESTART, 45),
    (InzetStatus.AFGEROND, 25),
    (InzetStatus.GESTOPT, 10),
]


def _gekozen(seed: int, dossier_id: int) -> random.Random | None:
    """A generator for this dossier if it is in the demo share, else None (deterministic)."""
    h = int.from_bytes(hashlib.sha256(f"{seed}:{dossier_id}".encode()).digest()[:8], "big")
    if h % 100 >= AANDEEL_PROCENT:
        return None
    return random.Random(h)  # noqa: S311 - demo data


def _leeftijd(geboren: datetime.date, op: datetime.date) -> int:
    return op.year - geboren.year - ((op.month, op.day) < (geboren.month, geboren.day))


def vul_demo(*, seed: int = 2026, log: Callable[[str], None] | None = None) -> dict:
    log = log or (lambda _m: None)
    t0 = time.perf_counter()
    instrumenten = list(Instrument.objects.filter(actief=True).select_related("aanbieder"))
    if not instrumenten:
        log("instrumentenhuis: geen instrumenten in de catalogus; niets gedaan.")
        return {"inzetten": 0}
    vandaag = timezone.localdate()
    nu = timezone.now()
    stats: Counter = Counter()
    with transaction.atomic():
        al_gedaan = set(Inzet.objects.values_list("dossier_id", flat=True).distinct())
        rijen = (
            Dossier.objects.filter(status__in=ACTIEVE_STATUSSEN)
            .order_by("pk")
            .values_list("pk", "werkcoach_id", "werkzoekende__geboortedatum")
        )
        # Capacity and budget per (instrument, year) as the services would see them.
        jaarrijen = {(r.instrument_id, r.jaar): r for r in InstrumentJaar.objects.all()}
        bezet: dict[tuple[int, int], int] = defaultdict(int)
        besteed: dict[tuple[int, int], Decimal] = defaultdict(Decimal)

        def ruimte(instrument: Instrument, jaar: int) -> bool:
            rij = jaarrijen.get((instrument.pk, jaar))
            capaciteit = rij.capaciteit if rij else instrument.capaciteit_per_jaar
            budget = rij.budget if rij else instrument.jaarbudget
            al_bezet = (rij.bezet if rij else 0) + bezet[(instrument.pk, jaar)]
            al_besteed = (rij.besteed if rij else Decimal(0)) + besteed[(instrument.pk, jaar)]
            if capaciteit is not None and al_bezet + 1 > capaciteit:
                return False
            return budget is None or al_besteed + instrument.kosten_per_deelnemer <= budget

        nieuwe: list[Inzet] = []
        plannen: list[dict] = []
        for dossier_id, werkcoach_id, geboren in rijen.iterator(chunk_size=BATCH):
            if dossier_id in al_gedaan:
                continue
            rng = _gekozen(seed, dossier_id)
            if rng is None:
                continue
            aantal = 1 if rng.random() < 0.7 else 2
            keuze = [
                i
                for i in instrumenten
                if i.minimum_leeftijd is None or _leeftijd(geboren, vandaag) >= i.minimum_leeftijd
            ]
            rng.shuffle(keuze)
            gekozen: list[Instrument] = []
            for _i in range(aantal):
                status = rng.choices([s for s, _ in STATUSSEN], [w for _, w in STATUSSEN])[0]
                begin = vandaag - datetime.timedelta(days=rng.randint(0, 330))
                if status in (InzetStatus.AANVRAAG, InzetStatus.GOEDGEKEURD):
                    begin = vandaag + datetime.timedelta(days=rng.randint(0, 30))
                jaar = begin.year
                reserveert = status in (
                    InzetStatus.GOEDGEKEURD,
                    InzetStatus.GESTART,
                    InzetStatus.AFGEROND,
                ) or (status == InzetStatus.GESTOPT and rng.random() < 0.7)
                vrij = [i for i in keuze if i not in gekozen]
                if not vrij:
                    break
                # Prefer an instrument with room, as a werkcoach would; otherwise wait.
                instrument = next(
                    (i for i in vrij[:4] if not reserveert or ruimte(i, jaar)), vrij[0]
                )
                gekozen.append(instrument)
                if reserveert and not ruimte(instrument, jaar):
                    status, reserveert = InzetStatus.WACHTLIJST, False
                    stats["wachtlijst"] += 1
                weken = instrument.max_duur_weken or 26
                einde_gepland = begin + datetime.timedelta(weeks=weken)
                inzet = Inzet(
                    dossier_id=dossier_id,
                    instrument=instrument,
                    status=status,
                    uren_per_week=instrument.uren_per_week,
                    begindatum=begin,
                    einddatum=einde_gepland if instrument.max_duur_weken else None,
                    aangevraagd_door_id=werkcoach_id,
                    aangemaakt_op=nu,
                    gewijzigd_op=nu,
                )
                if status == InzetStatus.WACHTLIJST:
                    inzet.budgetjaar = jaar
                    inzet.wachtlijst_sinds = nu - datetime.timedelta(minutes=rng.randint(1, 90000))
                if reserveert:
                    inzet.budgetjaar = jaar
                    inzet.gereserveerd = instrument.kosten_per_deelnemer
                    bezet[(instrument.pk, jaar)] += 1
                    besteed[(instrument.pk, jaar)] += instrument.kosten_per_deelnemer
                if status in (InzetStatus.GESTART, InzetStatus.AFGEROND) or (
                    status == InzetStatus.GESTOPT and reserveert
                ):
                    inzet.gestart_op = min(begin, vandaag)
                if status == InzetStatus.AFGEROND:
                    inzet.beeindigd_op = min(vandaag, max(inzet.gestart_op, einde_gepland))
                    if instrument.certificaten:
                        inzet.resultaat = Resultaat.CERTIFICAAT
                        inzet.resultaat_certificaat = instrument.certificaten[0]
                    else:
                        inzet.resultaat = rng.choice(
                            [Resultaat.TREDE_OMHOOG, Resultaat.WERK, Resultaat.DEELNAME]
                        )
                        if inzet.resultaat == Resultaat.TREDE_OMHOOG:
                            inzet.resultaat_trede = rng.randint(2, 5)
                if status == InzetStatus.GESTOPT:
                    inzet.stopreden = rng.choice(
                        [Stopreden.UITVAL, Stopreden.GEZONDHEID, Stopreden.WERK]
                        if inzet.gestart_op
                        else [Stopreden.AFGEWEZEN, Stopreden.INGETROKKEN]
                    )
                    inzet.beeindigd_op = max(inzet.gestart_op or begin, begin)
                    if inzet.beeindigd_op > vandaag:
                        inzet.beeindigd_op = vandaag
                        inzet.begindatum = min(inzet.begindatum, vandaag)
                    if not inzet.gestart_op:
                        inzet.gereserveerd = None  # released
                nieuwe.append(inzet)
                plannen.append({"reserveert": reserveert})
                stats[str(status)] += 1
        log(f"instrumentenhuis: {len(nieuwe)} inzetten gepland ({time.perf_counter() - t0:.1f} s)")
        Inzet.objects.bulk_create(nieuwe, batch_size=BATCH)
        Inzet.history.bulk_history_create(nieuwe, default_change_reason=HISTORY_REDEN)
        log(f"instrumentenhuis: inzetten en historie ({time.perf_counter() - t0:.1f} s)")
        _schrijf_geschiedenis(nieuwe, nu=nu, seed=seed)
        log(f"instrumentenhuis: overgangen en journaal ({time.perf_counter() - t0:.1f} s)")
        _schrijf_budget(jaarrijen, bezet, besteed, instrumenten)
        stats["profielen_bijgewerkt"] = _certificaten_in_profiel(nieuwe)
    stats["inzetten"] = len(nieuwe)
    stats["seconden"] = round(time.perf_counter() - t0, 1)
    log(f"instrumentenhuis: {dict(stats)}")
    return dict(stats)


def _pad(inzet: Inzet) -> list[str]:
    """The statuses an inzet went through, in order."""
    if inzet.status == InzetStatus.AANVRAAG:
        return [InzetStatus.AANVRAAG]
    if inzet.status == InzetStatus.WACHTLIJST:
        return [InzetStatus.AANVRAAG, InzetStatus.WACHTLIJST]
    pad = [InzetStatus.AANVRAAG, InzetStatus.GOEDGEKEURD]
    if inzet.status == InzetStatus.GOEDGEKEURD:
        return pad
    if inzet.status == InzetStatus.GESTOPT and not inzet.gestart_op:
        return [InzetStatus.AANVRAAG, InzetStatus.GESTOPT]  # refused or withdrawn
    pad.append(InzetStatus.GESTART)
    if inzet.status in (InzetStatus.AFGEROND, InzetStatus.GESTOPT):
        pad.append(inzet.status)
    return pad


def _schrijf_geschiedenis(nieuwe: list[Inzet], *, nu: datetime.datetime, seed: int) -> None:
    overgangen: list[InzetOvergang] = []
    journaal: list[JournaalRegel] = []
    rapportages: list[Rapportage] = []
    for inzet in nieuwe:
        pad = _pad(inzet)
        for van, naar in zip(["", *pad[:-1]], pad, strict=True):
            overgangen.append(
                InzetOvergang(
                    inzet=inzet, van=van, naar=naar, door_id=inzet.aangevraagd_door_id, op=nu
                )
            )
            journaal.append(
                JournaalRegel(
                    dossier_id=inzet.dossier_id,
                    soort=JournaalSoort.SYSTEEM,
                    onderwerp=f"Instrument: {inzet.instrument.naam}"[:200],
                    tekst=f"{InzetStatus(naar).label}: {inzet.instrument.naam}.",
                    auteur_id=inzet.aangevraagd_door_id,
                    op=nu,
                )
            )
        if inzet.status == InzetStatus.GESTART and inzet.pk % 2 == 0:
            rapportages.append(
                Rapportage(
                    inzet=inzet,
                    aanbieder_id=inzet.instrument.aanbieder_id,
                    soort=RapportageSoort.VOORTGANG,
                    datum=inzet.gestart_op,
                    aanwezigheid_pct=60 + (inzet.pk * 7 + seed) % 41,
                    tekst="Komt op tijd en doet goed mee.",
                    bron=Bron.AANBIEDER,
                    ontvangen_op=nu,
                )
            )
    InzetOvergang.objects.bulk_create(overgangen, batch_size=BATCH)
    JournaalRegel.objects.bulk_create(journaal, batch_size=BATCH)
    Rapportage.objects.bulk_create(rapportages, batch_size=BATCH)


def _schrijf_budget(jaarrijen, bezet, besteed, instrumenten) -> None:
    per_id = {i.pk: i for i in instrumenten}
    nieuw = []
    for (instrument_id, jaar), aantal in bezet.items():
        rij = jaarrijen.get((instrument_id, jaar))
        if rij is None:
            instrument = per_id[instrument_id]
            nieuw.append(
                InstrumentJaar(
                    instrument=instrument,
                    jaar=jaar,
                    budget=instrument.jaarbudget,
                    capaciteit=instrument.capaciteit_per_jaar,
                    bezet=aantal,
                    besteed=besteed[(instrument_id, jaar)],
                )
            )
        else:
            InstrumentJaar.objects.filter(pk=rij.pk).update(
                bezet=F("bezet") + aantal, besteed=F("besteed") + besteed[(instrument_id, jaar)]
            )
    InstrumentJaar.objects.bulk_create(nieuw)


def _certificaten_in_profiel(nieuwe: list[Inzet]) -> int:
    behaald: dict[int, set[str]] = defaultdict(set)
    for inzet in nieuwe:
        if inzet.resultaat_certificaat:
            behaald[inzet.dossier_id].add(inzet.resultaat_certificaat)
    gewijzigd = []
    ids = list(behaald)
    for i in range(0, len(ids), BATCH):
        for profiel in Profiel.objects.filter(dossier_id__in=ids[i : i + BATCH]).only(
            "pk", "dossier_id", "certificaten"
        ):
            extra = behaald[profiel.dossier_id] - set(profiel.certificaten or [])
            if extra:
                profiel.certificaten = sorted({*(profiel.certificaten or []), *extra})
                gewijzigd.append(profiel)
    Profiel.objects.bulk_update(gewijzigd, ["certificaten"], batch_size=BATCH)
    return len(gewijzigd)
