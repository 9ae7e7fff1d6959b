"""Demo data of the perspectief app (``manage.py demo_data`` calls :func:`vul_demo`).

Every active dossier without a ``Profiel`` gets one, with an intake measurement (13 ZRM scores
and a trede) if it has no professional measurement yet, for about a quarter a later
measurement by the werkcoach with a step forward, barriers where the scores are low, and skills
from volunteer work for people on the higher treden. The profile follows the hub's
dienstverleningsroute (kansrijk: high scores and trede; geen arbeid: low ones), so the proposed
segment mostly matches the route.

Idempotent: a dossier that has a Profiel is left alone (another app's demo, e.g. the intake,
may have filled it), so a second run adds nothing. Bulk writes: measurements and scores with
``bijstand.core.kopie.RijSchrijver`` (COPY on PostgreSQL), the rest with bulk_create; 37,500
dossiers take seconds. Invariants of the services hold: all 13 domains per professional measurement,
scores 1-5 with an explanation for 1 and 2, ``Profiel.scores``/``trede`` equal to the latest
measurement and ``blokkerende_belemmeringen`` to the active blocking barriers. No
dataverwerkingen log lines: nobody processed this data.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as dtime

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from bijstand.core.kopie import RijSchrijver
from bijstand.dossiers.demo import HISTORY_REDEN
from bijstand.dossiers.models import ACTIEVE_STATUSSEN, Dossier, Route, Taalniveau

from .models import (
    Belemmering,
    FysiekeBelasting,
    Leefgebied,
    LeefgebiedScore,
    Meting,
    MetingBron,
    Profiel,
    Segment,
    Vaardigheid,
)
from .referentie import BEROEPEN, CERTIFICATEN

# route -> (segment, score range, trede range, chance of a blocking barrier)
PROFIELEN = {
    Route.KANSRIJK: (Segment.KANSRIJK, (3, 5), (4, 6), 0.0),
    Route.INTENSIEF: (Segment.GROTERE_AFSTAND, (2, 5), (3, 5), 0.35),
    Route.ONTDEKKEN: (Segment.ONTDEKKEN, (2, 4), (2, 3), 0.5),
    Route.GEEN_ARBEID: (Segment.GEEN_ARBEID, (1, 3), (1, 2), 0.7),
}
TOELICHTING = {
    "financien": "Schulden bij meerdere schuldeisers, nog geen schuldhulp.",
    "werk_opleiding": "Geen startkwalificatie en lang niet gewerkt.",
    "tijdsbesteding": "Geen vaste dagbesteding.",
    "huisvesting": "Tijdelijk onderdak bij familie.",
    "huiselijke_relaties": "Spanningen thuis.",
    "geestelijke_gezondheid": "Somberheidsklachten, in behandeling.",
    "lichamelijke_gezondheid": "Rugklachten, beperkt belastbaar.",
    "middelengebruik": "Alcoholgebruik belemmert het dagritme.",
    "basale_adl": "Hulp nodig bij de persoonlijke verzorging.",
    "instrumentele_adl": "Moeite met post en administratie.",
    "sociaal_netwerk": "Weinig contacten buiten de deur.",
    "maatschappelijke_participatie": "Doet nergens aan mee.",
    "justitie": "Lopende zaak, reclasseringstoezicht.",
}
BELEMMERING = {
    "financien": "Problematische schulden: eerst schuldhulpverlening.",
    "huisvesting": "Geen vaste woonplek.",
    "geestelijke_gezondheid": "Psychische klachten, behandeling loopt.",
    "lichamelijke_gezondheid": "Fysiek beperkt belastbaar.",
    "middelengebruik": "Verslaving: eerst behandeling.",
    "huiselijke_relaties": "Zorg voor een gezinslid kost veel tijd.",
    "justitie": "Justitiële voorwaarden beperken de werktijden.",
    "instrumentele_adl": "Kan de administratie niet zelf bijhouden.",
}
VRIJWILLIGERSWERK = [
    ("Samenwerken in een team", "vrijwilligerswerk bij de voedselbank"),
    ("Klantvriendelijk werken", "vrijwilligerswerk in het buurthuis"),
    ("Voorraad bijhouden", "vrijwilligerswerk bij de voedselbank"),
    ("Op tijd komen en afspraken nakomen", "vrijwilligerswerk bij de sportvereniging"),
    ("Koken voor groepen", "vrijwilligerswerk in de buurtkeuken"),
    ("Groenonderhoud", "vrijwilligerswerk bij de stadsboerderij"),
    ("Zorgen voor anderen", "mantelzorg voor een ouder"),
]
ISCO_CODES = [b[0] for b in BEROEPEN]


def _kandidaat_dossiers():
    professioneel = Meting.objects.filter(dossier_id=OuterRef("pk")).exclude(
        bron=MetingBron.ZELFBEOORDELING
    )
    return (
        Dossier.objects.filter(status__in=ACTIEVE_STATUSSEN, profiel__isnull=True)
        .annotate(heeft_meting=Exists(professioneel))
        .order_by("pk")
        .values_list(
            "pk",
            "route",
            "aanvraagdatum",
            "werkcoach_id",
            "werkzoekende__taalniveau",
            "heeft_meting",
        )
    )


def _getal(rng: random.Random, laag: int, hoog: int) -> int:
    """rng.randint without its overhead (half a million calls)."""
    return laag + int(rng.random() * (hoog - laag + 1))


def _moment(d: date) -> datetime:
    return timezone.make_aware(datetime.combine(d, dtime(10, 0)))


def vul_demo(*, seed: int, log: Callable[[str], None]) -> dict:
    """Fill every active dossier without a Profiel (see the module docstring)."""
    t0 = time.perf_counter()
    rng = random.Random(seed * 7919 + 4)  # noqa: S311 (demo data, not security)
    vandaag = timezone.localdate()
    nu = timezone.now()
    codes = list(Leefgebied.objects.order_by("nummer").values_list("code", flat=True))
    gebied_id = dict(Leefgebied.objects.values_list("code", "pk"))
    kandidaten = list(_kandidaat_dossiers())
    stats = {"profielen": 0, "metingen": 0, "belemmeringen": 0, "vaardigheden": 0}
    if not kandidaten or len(codes) != 13:
        log(f"  perspectief: niets te doen ({len(kandidaten)} dossiers zonder profiel)")
        return stats
    # Dossiers that have a measurement but no Profiel: the profile takes the measured values.
    from .selectors import laatste_metingen

    gemeten = laatste_metingen(dossier_ids=[k[0] for k in kandidaten if k[5]], vertrouwelijk=True)
    al_vaardig = set(
        Vaardigheid.objects.filter(dossier__profiel__isnull=True).values_list("dossier_id", "naam")
    )
    schrijver = RijSchrijver(history_reden=HISTORY_REDEN)
    json_waarde = json.dumps if schrijver.pg else (lambda v: v)
    profielen_segment = list(PROFIELEN)
    taal_keuze = [Taalniveau.ONDER_1F, Taalniveau.NIVEAU_1F, Taalniveau.NIVEAU_2F]
    certificaten = list(CERTIFICATEN)
    fysiek = list(FysiekeBelasting.values)

    metingen: list[dict] = []
    scores: list[dict] = []  # per meting: code -> score
    profielen: list[dict] = []
    belemmeringen: list[dict] = []
    vaardigheden: list[dict] = []
    for dossier_id, route, aanvraag, werkcoach_id, taal, heeft_meting in kandidaten:
        sleutel = route if route in PROFIELEN else rng.choice(profielen_segment)
        segment, (laag, hoog), treden, kans_blok = PROFIELEN[sleutel]
        if heeft_meting and dossier_id in gemeten:
            laatste = gemeten[dossier_id].scores
            trede = gemeten[dossier_id].trede or _getal(rng, *treden)
        else:
            laatste = {c: _getal(rng, laag, hoog) for c in codes}
            trede = _getal(rng, *treden)
            start = max(aanvraag, vandaag - timedelta(days=730))
            start = min(start + timedelta(days=_getal(rng, 3, 20)), vandaag)
            reeks = [(start, MetingBron.INTAKE, laatste, trede)]
            if (vandaag - start).days > 180 and rng.random() < 0.25:
                # A later measurement with a step forward on one domain and sometimes the ladder.
                later = dict(laatste)
                stap = rng.choice(codes)
                later[stap] = min(5, later[stap] + 1)
                nieuwe_trede = min(6, trede + (1 if rng.random() < 0.5 else 0))
                datum = start + timedelta(days=_getal(rng, 90, (vandaag - start).days))
                reeks.append((datum, MetingBron.WERKCOACH, later, nieuwe_trede))
                laatste, trede = later, nieuwe_trede
            for datum, bron, s, t in reeks:
                metingen.append(
                    {
                        "dossier_id": dossier_id,
                        "datum": datum,
                        "bron": bron,
                        "trede": t,
                        "toelichting": "",
                        "vastgelegd_door_id": werkcoach_id,
                        "aangemaakt_op": _moment(datum),
                    }
                )
                scores.append(s)
        blokkerend = 0
        if rng.random() < kans_blok:
            lage = [c for c in BELEMMERING if laatste.get(c, 5) <= 3] or ["financien"]
            code = rng.choice(lage)
            belemmeringen.append(
                {
                    "dossier_id": dossier_id,
                    "leefgebied_id": gebied_id[code],
                    "omschrijving": BELEMMERING[code],
                    "blokkeert_werk": True,
                    "actief": True,
                    "sinds": min(vandaag, aanvraag + timedelta(days=7)),
                    "opgelost_op": None,
                    "vastgelegd_door_id": werkcoach_id,
                }
            )
            blokkerend = 1
        if trede >= 4:
            for naam, bron in rng.sample(VRIJWILLIGERSWERK, _getal(rng, 1, 3)):
                if (dossier_id, naam) not in al_vaardig:
                    vaardigheden.append(
                        {
                            "dossier_id": dossier_id,
                            "naam": naam,
                            "bron": bron,
                            "vastgesteld_op": vandaag,
                        }
                    )
        profielen.append(
            {
                "dossier_id": dossier_id,
                "trede": trede,
                "scores": json_waarde(laatste),
                "taalniveau": taal if taal != Taalniveau.ONBEKEND else rng.choice(taal_keuze),
                "certificaten": json_waarde(rng.sample(certificaten, rng.choice((0, 0, 1, 1, 2)))),
                "rijbewijzen": json_waarde(
                    (["B"] if rng.random() < 0.4 else []) + (["C"] if rng.random() < 0.05 else [])
                ),
                "uren_per_week": rng.choice((0, 12, 16, 20, 24, 32, 36))
                if segment != Segment.GEEN_ARBEID
                else rng.choice((0, 0, 8, 12)),
                "max_fysieke_belasting": rng.choice(fysiek),
                "max_reistijd_minuten": 45,
                "beroepen_ervaring": json_waarde(rng.sample(ISCO_CODES, _getal(rng, 0, 2))),
                "gewenste_beroepen": json_waarde(rng.sample(ISCO_CODES, _getal(rng, 0, 2))),
                "blokkerende_belemmeringen": blokkerend,
                "segment": segment if route in PROFIELEN else Segment.ONBEPAALD,
                "zichtbaar_voor_werkgevers": False,
                "bijgewerkt_op": nu,
            }
        )
    t_gen = time.perf_counter() - t0

    with transaction.atomic():
        for rijen, model in ((metingen, Meting), (belemmeringen, Belemmering)):
            for rij, pk in zip(rijen, schrijver.ids(model, len(rijen)), strict=True):
                rij["id"] = pk
        schrijver.start()  # PostgreSQL: COPY in a background thread while rows are formatted
        try:
            schrijver.schrijf(Meting, metingen)
            stap = 4000  # measurements per COPY (52,000 score rows)
            for i in range(0, len(metingen), stap):
                schrijver.schrijf(
                    LeefgebiedScore,
                    [
                        {
                            "meting_id": meting["id"],
                            "leefgebied_id": gebied_id[code],
                            "score": waarde,
                            "toelichting": TOELICHTING[code] if waarde <= 2 else "",
                        }
                        for meting, rij in zip(
                            metingen[i : i + stap], scores[i : i + stap], strict=True
                        )
                        for code, waarde in rij.items()
                    ],
                )
            schrijver.schrijf(Profiel, profielen)
            schrijver.schrijf(
                Belemmering,
                belemmeringen,
                history_dates=[_moment(b["sinds"]) for b in belemmeringen],
            )
            schrijver.schrijf(Vaardigheid, vaardigheden)
        finally:
            schrijver.stop()
    stats.update(
        profielen=len(profielen),
        metingen=len(metingen),
        belemmeringen=len(belemmeringen),
        vaardigheden=len(vaardigheden),
    )
    log(
        f"  perspectief: {stats} in {time.perf_counter() - t0:.1f} s "
        f"(opbouwen {t_gen:.1f} s; database per tabel: "
        + ", ".join(f"{t}={v:.1f}" for t, v in schrijver.db_tijden.most_common())
        + "; opmaak per tabel: "
        + ", ".join(f"{t}={v:.1f}" for t, v in schrijver.tijden.most_common())
        + ")"
    )
    return stats
