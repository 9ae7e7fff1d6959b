"""Demo data of the plan app (``manage.py demo_data`` calls :func:`vul_demo`).

About 60 % of the active dossiers without a plan get one (chosen by dossier id and seed, so
the choice is stable), and every demo burger with a test BSN gets one: two or three goals on
leefgebieden that fit the dossier's route (one on the uitstroomperspectief with a kansrijk
occupation for the routes toward work), each with one to three actions for the burger, the
werkcoach or a partner organisation, due dates from a month ago to two months ahead. Past
actions are mostly done, some still open (the daily task will remind about them), some
reported done by the burger; a few were dropped with a reason. About 40 % of the plans carry
the burger's akkoord (a version snapshot), and a tenth of those changed afterwards (version 2
waiting for akkoord). The demo burgers' plans wait for their akkoord, with actions due this
week, so the portal shows "Mijn plan" at its fullest.

Idempotent: a dossier that has a plan is left alone and the choice of the others does not
change, so a second run adds nothing. Bulk writes: plans, goals, actions and their first
status rows with ``bijstand.core.kopie.RijSchrijver`` (COPY on PostgreSQL), snapshots with
bulk_create.
No journaal lines and no dataverwerkingen log lines: nobody processed this data.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as dtime

from django.db import connection, transaction
from django.utils import timezone

from bijstand.core.kopie import RijSchrijver
from bijstand.dossiers.demo import demo_burger_hashes
from bijstand.dossiers.models import ACTIEVE_STATUSSEN, Dossier, Route
from perspectief.models import Beroep, Leefgebied

from .models import (
    Actie,
    ActieBron,
    ActieOvergang,
    ActieStatus,
    Doel,
    DoelSoort,
    Eigenaar,
    Plan,
    PlanVersie,
)
from .versies import SNAPSHOT_FORMAAT

AANDEEL = 60  # percent of the active dossiers with a plan
BLOK = 5000  # dossiers per transaction

# route -> leefgebied codes to pick goals from, and whether an uitstroom goal is added
ROUTE_DOELEN: dict[str, tuple[list[str], bool]] = {
    Route.KANSRIJK: (["werk_opleiding", "financien"], True),
    Route.INTENSIEF: (
        ["financien", "werk_opleiding", "huisvesting", "geestelijke_gezondheid"],
        True,
    ),
    Route.ONTDEKKEN: (["tijdsbesteding", "sociaal_netwerk", "lichamelijke_gezondheid"], False),
    Route.GEEN_ARBEID: (["maatschappelijke_participatie", "sociaal_netwerk", "basale_adl"], False),
    Route.ONBEPAALD: (["financien", "werk_opleiding", "tijdsbesteding"], False),
}
DOEL_TEKST = {
    "financien": "Geldzaken op orde",
    "werk_opleiding": "Startkwalificatie of certificaat halen",
    "huisvesting": "Een vaste woonplek",
    "geestelijke_gezondheid": "Rust in het hoofd",
    "lichamelijke_gezondheid": "Fitter worden",
    "tijdsbesteding": "Een vaste dagbesteding",
    "sociaal_netwerk": "Meer contact met anderen",
    "maatschappelijke_participatie": "Meedoen in de wijk",
    "basale_adl": "Zelfstandig de dag door",
}
# leefgebied code -> [(action, owner, partner)]
ACTIES: dict[str, list[tuple[str, str, str]]] = {
    "financien": [
        ("Overzicht maken van schulden en vaste lasten", Eigenaar.BURGER, ""),
        ("Aanmelden bij de schuldhulpverlening", Eigenaar.WERKCOACH, ""),
        ("Eerste gesprek schuldhulpverlening", Eigenaar.PARTNER, "Schuldhulpverlening Rotterdam"),
    ],
    "werk_opleiding": [
        ("Cv bijwerken", Eigenaar.BURGER, ""),
        ("Scholing aanvragen in het instrumentenhuis", Eigenaar.WERKCOACH, ""),
        ("VCA-cursus volgen", Eigenaar.PARTNER, "Leerwerkbedrijf Rotterdam"),
    ],
    "huisvesting": [
        ("Inschrijven bij Woonnet Rijnmond", Eigenaar.BURGER, ""),
        ("Urgentie bespreken met het wijkteam", Eigenaar.PARTNER, "Wijkteam"),
    ],
    "geestelijke_gezondheid": [
        ("Afspraak maken bij de huisarts", Eigenaar.BURGER, ""),
        ("Intakegesprek", Eigenaar.PARTNER, "GGZ Rotterdam"),
    ],
    "lichamelijke_gezondheid": [
        ("Twee keer per week bewegen", Eigenaar.BURGER, ""),
        ("Sportaanbod in de wijk zoeken", Eigenaar.WERKCOACH, ""),
    ],
    "tijdsbesteding": [
        ("Kennismaken bij een activiteit in de wijk", Eigenaar.BURGER, ""),
        ("Passende activiteit voorstellen", Eigenaar.WERKCOACH, ""),
    ],
    "sociaal_netwerk": [
        ("Een buurthuis bezoeken", Eigenaar.BURGER, ""),
        ("Kennismakingsgesprek", Eigenaar.PARTNER, "Wijkteam"),
    ],
    "maatschappelijke_participatie": [
        ("Vrijwilligerswerk kiezen", Eigenaar.BURGER, ""),
        ("Gesprek over ondersteuning plannen", Eigenaar.WERKCOACH, ""),
    ],
    "basale_adl": [
        ("Hulp bij het huishouden aanvragen", Eigenaar.WERKCOACH, ""),
        ("Intake thuiszorg", Eigenaar.PARTNER, "Thuiszorg Rotterdam"),
    ],
}
UITSTROOM_ACTIES = [
    ("Op drie vacatures reageren", Eigenaar.BURGER, ""),
    ("Werkprofiel zichtbaar maken voor werkgevers", Eigenaar.WERKCOACH, ""),
    ("Proefplaatsing bespreken", Eigenaar.WERKCOACH, ""),
]


def _gekozen(pk: int, seed: int) -> bool:
    return (pk * 2654435761 + seed * 97) % 100 < AANDEEL


def _moment(dag: date, rng: random.Random) -> datetime:
    return timezone.make_aware(
        datetime.combine(dag, dtime(9 + rng.randrange(8), rng.randrange(60)))
    )


def _status(deadline: date, vandaag: date, eigenaar: str, rng: random.Random) -> str:
    if deadline < vandaag:
        kans = rng.random()
        if kans < 0.6:
            return ActieStatus.AFGEROND
        if kans < 0.7:
            return ActieStatus.VERVALLEN
        if kans < 0.85 and eigenaar == Eigenaar.BURGER:
            return ActieStatus.ACCORDERING
        return ActieStatus.OPEN
    if eigenaar == Eigenaar.BURGER and rng.random() < 0.1:
        return ActieStatus.ACCORDERING
    return ActieStatus.OPEN


def _labels(gebieden: dict[str, Leefgebied], beroepen: list[Beroep]) -> dict:
    """Snapshot labels per leefgebied code / beroep id, made once with the models' own rules."""
    labels: dict = {}
    for code, lg in gebieden.items():
        doel = Doel(soort=DoelSoort.LEEFGEBIED, leefgebied=lg)
        labels[code] = (doel.koppeling_label, doel.burger_koppeling_label, lg.vertrouwelijk)
    for beroep in beroepen:
        doel = Doel(soort=DoelSoort.UITSTROOM, beroep=beroep)
        labels[beroep.pk] = (doel.koppeling_label, doel.burger_koppeling_label, False)
    labels["eigenaar"] = {e.value: str(e.label) for e in Eigenaar}
    return labels


def vul_demo(*, seed: int, log: Callable[[str], None]) -> dict:
    t0 = time.perf_counter()
    vandaag = timezone.localdate()
    demo_hashes = set(demo_burger_hashes())
    kandidaten = list(
        Dossier.objects.filter(status__in=ACTIEVE_STATUSSEN, plan__isnull=True)
        .order_by("pk")
        .values_list("pk", "route", "werkcoach_id", "werkzoekende__bsn_hash", "aanvraagdatum")
    )
    gekozen = [k for k in kandidaten if k[3] in demo_hashes or _gekozen(k[0], seed)]
    stats = {"plannen": 0, "doelen": 0, "acties": 0, "akkoord": 0}
    if not gekozen:
        log("  plan: niets toe te voegen")
        return stats
    gebieden = {lg.code: lg for lg in Leefgebied.objects.all()}
    beroepen = list(Beroep.objects.filter(actief=True, kansrijk=True).order_by("pk")) or list(
        Beroep.objects.filter(actief=True).order_by("pk")[:10]
    )
    labels = _labels(gebieden, beroepen)
    for i in range(0, len(gekozen), BLOK):
        _schrijf_blok(
            gekozen[i : i + BLOK], seed, vandaag, demo_hashes, gebieden, beroepen, labels, stats
        )
    if connection.vendor == "postgresql":
        # Fresh statistics after a bulk load, as autovacuum would make them later.
        with connection.cursor() as cursor:
            for model in (Plan, Doel, Actie, ActieOvergang, PlanVersie):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    log(f"  plan: {stats} in {time.perf_counter() - t0:.1f} s")
    return stats


def _snapshot(doelen: list[dict], acties: list[dict], labels: dict) -> dict:
    """The JSON of ``plan.versies.maak_snapshot``, from the demo's plain rows."""
    return {
        "formaat": SNAPSHOT_FORMAAT,
        "doelen": [
            {
                "id": d["id"],
                "titel": d["titel"],
                "toelichting": "",
                "koppeling": labels[d["sleutel"]][0],
                "burger_koppeling": labels[d["sleutel"]][1],
                "vertrouwelijk": labels[d["sleutel"]][2],
            }
            for d in doelen
        ],
        "acties": [
            {
                "id": a["id"],
                "doel_id": a["doel_id"],
                "titel": a["titel"],
                "toelichting": "",
                "eigenaar": a["eigenaar"],
                "eigenaar_label": a["partner_naam"] or labels["eigenaar"][a["eigenaar"]],
                "deadline": a["deadline"].isoformat(),
                "status": a["status"],
            }
            for a in sorted(acties, key=lambda a: (a["deadline"], a["id"]))
        ],
    }


def _schrijf_blok(blok, seed, vandaag, demo_hashes, gebieden, beroepen, labels, stats) -> None:
    rng = random.Random(f"plan-{seed}-{blok[0][0]}")  # noqa: S311 (demo data, not security)
    plannen: list[dict] = []
    per_plan: list[tuple[list[dict], list[dict]]] = []
    for pk, route, coach_id, bsn_hash, aanvraag in blok:
        demo_burger = bsn_hash in demo_hashes
        codes, uitstroom = ROUTE_DOELEN.get(route, ROUTE_DOELEN[Route.ONBEPAALD])
        start = max(aanvraag or vandaag, vandaag - timedelta(days=rng.randint(10, 120)))
        start = min(start, vandaag)
        aangemaakt = _moment(start, rng)
        plan = {
            "dossier_id": pk,
            "versie": 1,
            "akkoord_versie": None,
            "akkoord_op": None,
            "aangemaakt_door_id": coach_id,
            "aangemaakt_op": aangemaakt,
            "gewijzigd_op": aangemaakt,
        }
        plannen.append(plan)
        doelen: list[dict] = []
        acties: list[dict] = []
        keuze: list[str | None] = rng.sample(codes, min(len(codes), rng.choice([1, 2, 2])))
        if uitstroom and beroepen:
            keuze.append(None)
        for code in keuze:
            doel = {
                "soort": DoelSoort.LEEFGEBIED,
                "leefgebied_id": None,
                "beroep_id": None,
                "uitstroom_tekst": "",
                "toelichting": "",
                "aangemaakt_door_id": coach_id,
                "aangemaakt_op": aangemaakt,
                "gewijzigd_op": aangemaakt,
            }
            if code is None:
                beroep = rng.choice(beroepen)
                doel.update(
                    titel=f"Aan het werk als {beroep.naam.lower()}",
                    soort=DoelSoort.UITSTROOM,
                    beroep_id=beroep.pk,
                    sleutel=beroep.pk,
                )
                mogelijk = UITSTROOM_ACTIES
            else:
                doel.update(titel=DOEL_TEKST[code], leefgebied_id=gebieden[code].pk, sleutel=code)
                mogelijk = ACTIES[code]
            doelen.append(doel)
            for titel, eigenaar, partner in rng.sample(mogelijk, rng.randint(1, len(mogelijk))):
                if demo_burger:
                    deadline = vandaag + timedelta(days=rng.randint(2, 6))
                    status = ActieStatus.OPEN
                else:
                    deadline = start + timedelta(days=rng.randint(7, 90))
                    status = _status(deadline, vandaag, eigenaar, rng)
                acties.append(
                    {
                        "doel": doel,
                        "titel": titel,
                        "toelichting": "",
                        "eigenaar": eigenaar,
                        "partner_naam": partner,
                        "deadline": deadline,
                        "status": status,
                        "bron": ActieBron.HANDMATIG,
                        "status_gewijzigd_op": aangemaakt,
                        "aangemaakt_door_id": coach_id,
                        "aangemaakt_op": aangemaakt,
                        "gewijzigd_op": aangemaakt,
                    }
                )
        per_plan.append((doelen, acties))
        if not demo_burger and rng.random() < 0.4:
            op = min(aangemaakt + timedelta(days=rng.randint(1, 7)), timezone.now())
            plan["akkoord_versie"], plan["akkoord_op"] = 1, op
            if rng.random() < 0.1:
                plan["versie"] = 2

    with transaction.atomic():
        schrijver = RijSchrijver()
        for plan, pk in zip(plannen, schrijver.ids(Plan, len(plannen)), strict=True):
            plan["id"] = pk
        schrijver.schrijf(Plan, plannen)
        alle_doelen = [(p, d) for p, (ds, _a) in zip(plannen, per_plan, strict=True) for d in ds]
        for (plan, doel), pk in zip(
            alle_doelen, schrijver.ids(Doel, len(alle_doelen)), strict=True
        ):
            doel["id"], doel["plan_id"] = pk, plan["id"]
        schrijver.schrijf(Doel, [d for _p, d in alle_doelen])
        alle_acties = [(p, a) for p, (_d, as_) in zip(plannen, per_plan, strict=True) for a in as_]
        for (plan, actie), pk in zip(
            alle_acties, schrijver.ids(Actie, len(alle_acties)), strict=True
        ):
            actie["id"], actie["plan_id"], actie["doel_id"] = pk, plan["id"], actie["doel"]["id"]
        schrijver.schrijf(Actie, [a for _p, a in alle_acties])
        overgangen = []
        for _p, a in alle_acties:
            overgangen.append(
                {"actie_id": a["id"], "van": "", "naar": ActieStatus.OPEN, "reden": "",
                 "door_id": a["aangemaakt_door_id"], "op": a["aangemaakt_op"]}
            )  # fmt: skip
            if a["status"] != ActieStatus.OPEN:
                reden = "Past niet meer in het plan" if a["status"] == ActieStatus.VERVALLEN else ""
                overgangen.append(
                    {"actie_id": a["id"], "van": ActieStatus.OPEN, "naar": a["status"],
                     "reden": reden, "door_id": None, "op": a["aangemaakt_op"]}
                )  # fmt: skip
        schrijver.schrijf(ActieOvergang, overgangen)
        versies = [
            PlanVersie(
                plan_id=plan["id"],
                nummer=1,
                snapshot=_snapshot(doelen, acties, labels),
                akkoord_op=plan["akkoord_op"],
            )
            for plan, (doelen, acties) in zip(plannen, per_plan, strict=True)
            if plan["akkoord_versie"]
        ]
        PlanVersie.objects.bulk_create(versies, batch_size=1000)
    stats["plannen"] += len(plannen)
    stats["doelen"] += len(alle_doelen)
    stats["acties"] += len(alle_acties)
    stats["akkoord"] += len(versies)
