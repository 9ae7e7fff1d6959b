"""Demo data: definitive brede intakes for the generated dossiers (bulk, idempotent).

The perspectief demo (earlier in INSTALLED_APPS) gives every active dossier an intake
measurement; this one never writes the same facts twice (see ``vul_demo``):

- a dossier with an intake measurement gets the definitive Intake behind it: scores, trede,
  barriers, skills and the profile facts are read from what is there, the other answers are
  generated to fit the scores; nothing is written to perspectief;
- a dossier past the aanvraag without any professional measurement (mostly ended ones; about
  80 % of them) gets an intake at its aanvraagdatum and, for about a quarter of those running
  longer than a year, a heronderzoek; with each what ``rond_intake_af`` writes through
  ``perspectief.services``, here as the same rows in bulk: a Meting (bron intake /
  heronderzoek) with 13 LeefgebiedScore rows (explanation at 1 and 2), Belemmering rows for the
  domains scored 1 or 2, Vaardigheid rows (competences, also from volunteer work) and the
  Profiel (latest scores and trede, language, certificates, licences, hours, physical limit,
  travel time, experience and wishes as ISCO codes, number of blocking barriers).

Answers are split into open and confidential parts as the services store them. Idempotent:
dossiers that have an intake are skipped. No dataverwerkingen log lines (nobody processed this
data) and no history records. Rows are written with ``bijstand.core.kopie.RijSchrijver`` (COPY
on PostgreSQL).
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as dtime
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from bijstand.accounts.models import User
from bijstand.dossiers.models import Dossier, DossierStatus, Taalniveau
from perspectief.models import (
    Belemmering,
    FysiekeBelasting,
    LeefgebiedScore,
    Meting,
    MetingBron,
    Profiel,
    Vaardigheid,
)
from perspectief.referentie import CERTIFICATEN

from .models import Intake, IntakeSoort, IntakeStatus, StapBron
from .stappen import STAP_PER_SLUG, Referentie, laad_referentie

AMS = ZoneInfo("Europe/Amsterdam")
AANDEEL_INTAKE = 0.8
AANDEEL_HERONDERZOEK = 0.25
BLOK = 4000
PROFIEL_JSON = ("scores", "certificaten", "rijbewijzen", "beroepen_ervaring", "gewenste_beroepen")
PROFIEL_VELDEN = [
    "trede",
    *PROFIEL_JSON,
    "taalniveau",
    "uren_per_week",
    "max_fysieke_belasting",
    "max_reistijd_minuten",
    "blokkerende_belemmeringen",
    "bijgewerkt_op",
]

TOELICHTING_LAAG = {
    "financien": "Problematische schulden, aangemeld bij schuldhulpverlening.",
    "werk_opleiding": "Lang geen werk gehad en geen startkwalificatie.",
    "tijdsbesteding": "Geen dagritme, zit veel thuis.",
    "huisvesting": "Woont tijdelijk in bij familie, geen eigen woning.",
    "huiselijke_relaties": "Spanningen thuis, relatie onder druk.",
    "geestelijke_gezondheid": "Somberheidsklachten, wacht op behandeling.",
    "lichamelijke_gezondheid": "Chronische rugklachten, kan niet lang staan.",
    "middelengebruik": "Dagelijks gebruik, nog geen hulp.",
    "basale_adl": "Heeft hulp nodig bij de zelfzorg.",
    "instrumentele_adl": "Post en administratie blijven liggen.",
    "sociaal_netwerk": "Weinig contacten, geen steun van familie.",
    "maatschappelijke_participatie": "Doet niet mee aan activiteiten in de wijk.",
    "justitie": "Lopende zaak, reclassering betrokken.",
}
BELEMMERING = {
    "financien": "Schulden vragen alle aandacht",
    "werk_opleiding": "Geen startkwalificatie",
    "tijdsbesteding": "Geen dagritme",
    "huisvesting": "Geen vaste woonplek",
    "huiselijke_relaties": "Zorgen thuis",
    "geestelijke_gezondheid": "Psychische klachten",
    "lichamelijke_gezondheid": "Lichamelijke beperkingen",
    "middelengebruik": "Verslaving",
    "basale_adl": "Zelfzorg lukt niet zelfstandig",
    "instrumentele_adl": "Administratie lukt niet zelfstandig",
    "sociaal_netwerk": "Geen steunend netwerk",
    "maatschappelijke_participatie": "Weinig maatschappelijke deelname",
    "justitie": "Justitiële voorgeschiedenis",
}
COMPETENTIES = (
    "Klantvriendelijk",
    "Samenwerken",
    "Op tijd komen",
    "Nauwkeurig werken",
    "Zelfstandig werken",
    "Plannen",
    "Omgaan met kassa",
    "Hygiënisch werken",
    "Fysiek werk aankunnen",
)
VRIJWILLIGERSWERK = (
    "Voedselbank",
    "Buurthuis: koken en schoonmaken",
    "Moskee: activiteiten organiseren",
    "Sportvereniging: kantine",
    "Kringloopwinkel",
    "",
    "",
    "",
)
UREN = (0, 8, 12, 16, 20, 24, 24, 32, 32, 36)
TAAL_WILLEKEURIG = (
    Taalniveau.ONDER_1F,
    Taalniveau.NIVEAU_1F,
    Taalniveau.NIVEAU_1F,
    Taalniveau.NIVEAU_2F,
    Taalniveau.NIVEAU_2F,
    Taalniveau.HOGER,
)


def _moment(d: date, uur: int = 10) -> datetime:
    return datetime.combine(d, dtime(uur, 0), tzinfo=AMS)


def _scores(rng: random.Random, ref: Referentie, basis: int) -> dict[str, int]:
    uit = {}
    for lg in ref.leefgebieden:
        spreiding = rng.choice((-2, -1, 0, 0, 0, 1, 1))
        if lg.vertrouwelijk:  # most people have no health, addiction or justice problems
            spreiding += rng.choice((1, 1, 2, 0))
        uit[lg.code] = max(1, min(5, basis + spreiding))
    return uit


def _antwoorden(
    rng: random.Random,
    ref: Referentie,
    *,
    scores: dict[str, int],
    trede: int,
    taal: str,
    instroombron: str,
    beroepen: list[str],
) -> tuple[dict[str, Any], list[dict[str, Any]], list[tuple[str, str]]]:
    """All step answers of one intake; also the barriers and (name, source) skills."""
    ervaring = rng.sample(beroepen, k=rng.choice((0, 1, 1, 2)))
    wensen = list(
        dict.fromkeys([*rng.sample(ervaring, k=min(1, len(ervaring))), rng.choice(beroepen)])
    )
    vrijwillig = rng.choice(VRIJWILLIGERSWERK)
    competenties = rng.sample(COMPETENTIES, k=rng.choice((1, 2, 3)))
    certificaten = [c for c in CERTIFICATEN if rng.random() < 0.08]
    belemmeringen = [
        {
            "leefgebied": code,
            "omschrijving": BELEMMERING[code],
            "blokkeert_werk": score == 1 or rng.random() < 0.3,
        }
        for code, score in scores.items()
        if score <= 2
    ]
    scores_antw: dict[str, Any] = {"trede": trede}
    for code, score in scores.items():
        scores_antw[f"score_{code}"] = score
        if score <= 2:
            scores_antw[f"toelichting_{code}"] = TOELICHTING_LAAG[code]
    antwoorden = {
        "persoon": {"instroombron": instroombron, "gegevens_gecontroleerd": True},
        "inkomen": {
            "schulden": "problematisch"
            if scores["financien"] <= 2
            else rng.choice(("geen", "onder_controle")),
            "schuldhulp": "aangemeld" if scores["financien"] <= 2 else "nee",
        },
        "huisvesting": {
            "woonsituatie": "inwonend"
            if scores["huisvesting"] <= 2
            else rng.choice(("huur", "huur", "kamer"))
        },
        "gezondheid": {
            "lichamelijke_klachten": TOELICHTING_LAAG["lichamelijke_gezondheid"]
            if scores["lichamelijke_gezondheid"] <= 2
            else "",
            "middelengebruik": "actueel" if scores["middelengebruik"] <= 2 else "geen",
        },
        "taal": {"taalniveau": taal},
        "opleiding": {
            "hoogste_opleiding": rng.choice(("basis", "vmbo", "mbo1", "mbo2_4", "havo_vwo"))
        },
        "werkervaring": {
            "beroepen_ervaring": ervaring,
            "jaren_werkervaring": rng.randint(0, 25),
            "vrijwilligerswerk": vrijwillig,
            "competenties": competenties,
        },
        "certificaten": {
            "certificaten": certificaten,
            "rijbewijzen": ["B"] if rng.random() < 0.3 else [],
        },
        "kinderopvang": {"kinderopvang": rng.choice(("nvt", "nvt", "geregeld", "niet_geregeld"))},
        "mobiliteit": {
            "vervoer": rng.sample(["fiets", "ov", "auto", "lopen"], k=2),
            "max_reistijd_minuten": rng.choice((30, 45, 45, 60)),
        },
        "netwerk": {
            "steun": "geen"
            if scores["sociaal_netwerk"] <= 2
            else rng.choice(("voldoende", "beperkt"))
        },
        "justitie": {"justitie": "lopend" if scores["justitie"] <= 2 else "geen"},
        "wensen": {
            "gewenste_beroepen": wensen,
            "motivatie": rng.choice(("laag", "gemiddeld", "hoog", "hoog")),
        },
        "beschikbaarheid": {
            "uren_per_week": rng.choice(UREN),
            "max_fysieke_belasting": FysiekeBelasting.LICHT
            if scores["lichamelijke_gezondheid"] <= 2
            else rng.choice((FysiekeBelasting.MIDDEL, FysiekeBelasting.ZWAAR)),
        },
        "scores": scores_antw,
        "belemmeringen": {"belemmeringen": belemmeringen},
        "vaardigheden": {"vaardigheden": competenties[:1]},
    }
    bron = f"Werk en vrijwilligerswerk: {vrijwillig}" if vrijwillig else "Werkervaring"
    vaardigheden = [(c, bron) for c in competenties]
    return antwoorden, belemmeringen, vaardigheden


def _splits(ref: Referentie, antwoorden: dict, geheime_scores: frozenset[str]) -> tuple[dict, dict]:
    """Open and confidential parts, as ``StapForm.splits`` makes them (the scores step's
    confidential fields computed once: ``geheime_scores``)."""
    open_, geheim = {}, {}
    for slug, antw in antwoorden.items():
        stap = STAP_PER_SLUG[slug]
        if stap.vertrouwelijk:
            geheim[slug] = antw
        elif slug == "scores":
            open_[slug] = {k: v for k, v in antw.items() if k not in geheime_scores}
            g = {k: v for k, v in antw.items() if k in geheime_scores}
            if g:
                geheim[slug] = g
        elif slug == "belemmeringen":
            open_[slug], g = stap.form_class.splits(antw, ref, stap_vertrouwelijk=False)
            if g:
                geheim[slug] = g
        else:
            open_[slug] = antw
    return open_, geheim


def _kandidaten() -> list[tuple]:
    """Generated dossiers without an intake: (pk, aanvraagdatum, startdatum, einddatum,
    instroombron, werkcoach, taalniveau, status, has a professional measurement)."""
    from bijstand.dossiers.demo import DEMO_EMAIL_DOMAIN, demo_burger_hashes

    professioneel = Meting.objects.filter(dossier_id=OuterRef("pk")).exclude(
        bron=MetingBron.ZELFBEOORDELING
    )
    return list(
        Dossier.objects.filter(werkcoach__email__endswith="@" + DEMO_EMAIL_DOMAIN)
        .exclude(werkzoekende__bsn_hash__in=demo_burger_hashes())
        .exclude(Exists(Intake.objects.filter(dossier_id=OuterRef("pk"))))
        .annotate(heeft_meting=Exists(professioneel))
        .order_by("pk")
        .values_list(
            "pk",
            "aanvraagdatum",
            "startdatum",
            "einddatum",
            "instroombron",
            "werkcoach_id",
            "werkzoekende__taalniveau",
            "status",
            "heeft_meting",
        )
    )


def _bestaand(model, kolommen: tuple[str, ...], ids: list[int]) -> set:
    uit: set = set()
    for i in range(0, len(ids), 5000):
        uit |= set(model.objects.filter(dossier_id__in=ids[i : i + 5000]).values_list(*kolommen))
    return uit


def vul_demo(*, seed: int, log: Callable[[str], None]) -> dict:
    """Write the intake demo data in one transaction (COPY on PostgreSQL, in the background
    while the next block is generated).

    Two paths, so the perspectief demo (which runs first and gives every active dossier an
    intake measurement) and this one never write the same facts twice:

    - a dossier with a professional measurement: its first measurement with bron "intake" gets
      the definitive Intake that produced it (scores, trede, barriers, skills and profile facts
      taken from what is there; nothing is written to perspectief); without such a
      measurement (only later ones) it is left alone;
    - a dossier without any (mostly ended ones): the intake and, through the same rows the
      services would write, the measurement, scores, barriers, skills and Profiel.
    """
    from bijstand.core.kopie import RijSchrijver

    t0 = time.perf_counter()
    ref = laad_referentie()
    beroepen = [isco for isco, _naam in ref.beroepen]
    if len(ref.leefgebieden) != 13 or not beroepen:
        log("intake: referentiedata ontbreekt; geen demodata.")
        return {"intakes": 0}
    kandidaten = _kandidaten()
    totaal = {
        "intakes": 0,
        "bij_bestaande_meting": 0,
        "heronderzoeken": 0,
        "metingen": 0,
        "belemmeringen": 0,
    }
    if not kandidaten:
        log("intake: alle dossiers hebben al een intake; niets toegevoegd.")
        return totaal
    met_meting = [k for k in kandidaten if k[8]]
    zonder = [k[:7] for k in kandidaten if not k[8] and k[7] != DossierStatus.AANVRAAG]
    ids = [k[0] for k in zonder]
    coaches = {
        u.pk: u.get_full_name() or u.username
        for u in User.objects.filter(pk__in={k[5] for k in kandidaten})
    }
    vandaag = timezone.localdate()
    with transaction.atomic():
        # Rows other apps' demo data may have made already (read before the COPY starts).
        vaardigheden = _bestaand(Vaardigheid, ("dossier_id", "naam"), ids)
        profielen = {d for (d,) in _bestaand(Profiel, ("dossier_id",), ids)}
        schrijver = RijSchrijver()
        # At most an intake and a heronderzoek per dossier; unused ids are gaps, nothing more.
        schrijver.reserveer_vooraf(
            {Meting: 2 * len(zonder), Intake: 2 * len(zonder) + len(met_meting)}
        )
        schrijver.start()
        bij_te_werken: list[Profiel] = []
        try:
            for begin in range(0, len(zonder), BLOK):
                plannen = _plan(zonder[begin : begin + BLOK], seed, ref, vandaag)
                bij_te_werken += _schrijf_blok(
                    schrijver, plannen, ref, beroepen, coaches, vaardigheden, profielen, totaal
                )
            for begin in range(0, len(met_meting), BLOK):
                _schrijf_bij_metingen(
                    schrijver,
                    met_meting[begin : begin + BLOK],
                    seed,
                    ref,
                    beroepen,
                    coaches,
                    totaal,
                )
            schrijver.wacht()
        finally:
            schrijver.stop()
        _werk_profielen_bij(bij_te_werken)
    totaal["seconden"] = round(time.perf_counter() - t0, 1)
    log(f"intake: {totaal}")
    return totaal


def _schrijf_bij_metingen(schrijver, blok, seed, ref, beroepen, coaches, totaal) -> None:
    """The definitive intakes behind existing intake measurements (read, then COPY)."""
    schrijver.wacht()  # no queries while a COPY runs on the same connection
    ids = [k[0] for k in blok]
    eerste: dict[int, tuple] = {}
    for meting in (
        Meting.objects.filter(dossier_id__in=ids, bron=MetingBron.INTAKE)
        .order_by("dossier_id", "datum", "id")
        .values_list("dossier_id", "id", "datum", "trede", "vastgelegd_door_id")
    ):
        eerste.setdefault(meting[0], meting)
    scores: dict[int, dict[str, tuple[int, str]]] = {}
    for meting_id, code, score, uitleg in LeefgebiedScore.objects.filter(
        meting_id__in=[m[1] for m in eerste.values()]
    ).values_list("meting_id", "leefgebied__code", "score", "toelichting"):
        scores.setdefault(meting_id, {})[code] = (score, uitleg)
    profielen = {
        p["dossier_id"]: p
        for p in Profiel.objects.filter(dossier_id__in=ids).values(
            "dossier_id",
            *PROFIEL_JSON,
            "taalniveau",
            "uren_per_week",
            "max_fysieke_belasting",
            "max_reistijd_minuten",
        )
    }
    belemmeringen: dict[int, list[dict]] = {}
    for d, code, tekst, blokkeert in Belemmering.objects.filter(dossier_id__in=ids).values_list(
        "dossier_id", "leefgebied__code", "omschrijving", "blokkeert_werk"
    ):
        belemmeringen.setdefault(d, []).append(
            {"leefgebied": code, "omschrijving": tekst, "blokkeert_werk": blokkeert}
        )
    vaardigheden: dict[int, list[str]] = {}
    for d, naam in Vaardigheid.objects.filter(dossier_id__in=ids).values_list("dossier_id", "naam"):
        vaardigheden.setdefault(d, []).append(naam)

    json_waarde = json.dumps if schrijver.pg else (lambda v: v)
    geheime_scores = STAP_PER_SLUG["scores"].form_class.vertrouwelijke_velden(ref)
    rijen = []
    intake_ids = iter(schrijver.ids(Intake, len(eerste)))
    for pk, aanvraag, _start, _eind, instroom, coach, taal, _status, _m in blok:
        if pk not in eerste or eerste[pk][1] not in scores:
            continue
        _d, meting_id, datum, trede, door = eerste[pk]
        gemeten = scores[meting_id]
        rng = random.Random(seed * 1_000_003 + pk)  # noqa: S311 - synthetic data
        antw, _b, _v = _antwoorden(
            rng,
            ref,
            scores={c: s for c, (s, _u) in gemeten.items()},
            trede=trede or 1,
            taal=taal if taal and taal != Taalniveau.ONBEKEND else Taalniveau.NIVEAU_1F,
            instroombron=instroom,
            beroepen=beroepen,
        )
        # What the measurement and the profile say wins over the generated answers.
        scores_antw: dict[str, Any] = {"trede": trede}
        for code, (score, uitleg) in gemeten.items():
            scores_antw[f"score_{code}"] = score
            if uitleg:
                scores_antw[f"toelichting_{code}"] = uitleg
        antw["scores"] = scores_antw
        antw["belemmeringen"] = {"belemmeringen": belemmeringen.get(pk, [])}
        antw["vaardigheden"] = {"vaardigheden": vaardigheden.get(pk, [])}
        profiel = profielen.get(pk)
        if profiel is not None:
            antw["taal"]["taalniveau"] = profiel["taalniveau"]
            antw["certificaten"] = {
                "certificaten": profiel["certificaten"],
                "rijbewijzen": profiel["rijbewijzen"],
            }
            antw["beschikbaarheid"] = {
                "uren_per_week": profiel["uren_per_week"],
                "max_fysieke_belasting": profiel["max_fysieke_belasting"],
            }
            antw["mobiliteit"]["max_reistijd_minuten"] = profiel["max_reistijd_minuten"]
            antw["werkervaring"]["beroepen_ervaring"] = profiel["beroepen_ervaring"]
            antw["werkervaring"]["competenties"] = []
            antw["wensen"]["gewenste_beroepen"] = profiel["gewenste_beroepen"]
        open_, geheim = _splits(ref, antw, geheime_scores)
        door = door or coach
        op = _moment(datum, 14)
        stap_meta = {
            "bron": StapBron.CONSULENT,
            "door": coaches.get(door, ""),
            "door_id": door,
            "op": op.isoformat(),
        }
        rijen.append(
            {
                "id": next(intake_ids),
                "dossier_id": pk,
                "soort": IntakeSoort.AANVRAAG,
                "status": IntakeStatus.DEFINITIEF,
                "instroombron": instroom,
                "vorige_id": None,
                "antwoorden": json_waarde(open_),
                "vertrouwelijke_antwoorden": json_waarde(geheim),
                "burger_antwoorden": json_waarde({}),
                "stappen_meta": json_waarde(dict.fromkeys(antw, stap_meta)),
                "gestart_door_id": door,
                "gestart_op": _moment(min(aanvraag, datum)),
                "bijgewerkt_op": op,
                "afgerond_door_id": door,
                "afgerond_op": op,
                "meting_id": meting_id,
            }
        )
    schrijver.schrijf(Intake, rijen)
    totaal["intakes"] += len(rijen)
    totaal["bij_bestaande_meting"] += len(rijen)


def _werk_profielen_bij(profielen: list[Profiel]) -> None:
    """Existing Profiel rows: update what the intake decides (not segment or visibility)."""
    Profiel.objects.bulk_create(
        profielen,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["dossier"],
        update_fields=PROFIEL_VELDEN,
    )


def _plan(blok, seed, ref, vandaag) -> list[tuple]:
    """Per chosen dossier: (pk, instroom, coach, taal, rng, [(soort, gestart, afgerond,
    scores, trede), ...]) - the aanvraag intake and possibly a heronderzoek."""
    plannen = []
    for pk, aanvraag, start, eind, instroom, coach, taal in blok:
        rng = random.Random(seed * 1_000_003 + pk)  # noqa: S311 - synthetic data
        if rng.random() >= AANDEEL_INTAKE:
            continue
        taal = taal if taal and taal != Taalniveau.ONBEKEND else rng.choice(TAAL_WILLEKEURIG)
        basis = rng.choice((2, 3, 3, 4, 4, 4, 5))
        trede = max(1, min(6, basis + rng.choice((-1, 0, 0, 1)) - 1))
        datum = min(aanvraag + timedelta(days=rng.randint(3, 14)), vandaag)
        scores = _scores(rng, ref, basis)
        reeks = [(IntakeSoort.AANVRAAG, aanvraag, datum, scores, trede)]
        laatste = min(eind or vandaag, vandaag)
        if start and (laatste - start).days > 400 and rng.random() < AANDEEL_HERONDERZOEK:
            her = start + timedelta(days=rng.randint(365, max(366, (laatste - start).days)))
            her = min(her, laatste)
            beter = {c: min(5, s + rng.choice((0, 0, 1))) for c, s in scores.items()}
            nieuwe_trede = min(6, trede + rng.choice((0, 1)))
            reeks.append(
                (IntakeSoort.HERONDERZOEK, her - timedelta(days=7), her, beter, nieuwe_trede)
            )
        plannen.append((pk, instroom, coach, taal, rng, reeks))
    return plannen


def _schrijf_blok(
    schrijver, plannen, ref, beroepen, coaches, bestaand, profielen_bestaand, totaal
) -> list[Profiel]:
    """Write one block as plain rows (COPY on PostgreSQL; see bijstand.core.kopie.RijSchrijver).

    Returns the Profiel rows that exist already (to update after the COPY)."""
    json_waarde = json.dumps if schrijver.pg else (lambda v: v)
    aantal = sum(len(p[5]) for p in plannen)
    meting_ids = iter(schrijver.ids(Meting, aantal))
    intake_ids = iter(schrijver.ids(Intake, aantal))
    gebied = {lg.code: lg.pk for lg in ref.leefgebieden}
    nu = timezone.now()
    geheime_scores = STAP_PER_SLUG["scores"].form_class.vertrouwelijke_velden(ref)
    metingen, scores_rijen, eerst, her, belem_rijen, vaard_rijen = ([] for _ in range(6))
    profielen, bij_te_werken = [], []
    for pk, instroom, coach, taal, rng, reeks in plannen:
        vorige_antw = vorige_id = None
        blokkerend = 0
        namen: set[str] = set()
        for soort, gestart, afgerond, scores, trede in reeks:
            meting_id, intake_id = next(meting_ids), next(intake_ids)
            is_her = soort == IntakeSoort.HERONDERZOEK
            metingen.append(
                {
                    "id": meting_id,
                    "dossier_id": pk,
                    "datum": afgerond,
                    "bron": MetingBron.HERONDERZOEK if is_her else MetingBron.INTAKE,
                    "trede": trede,
                    "toelichting": f"Brede intake ({IntakeSoort(soort).label})",
                    "vastgelegd_door_id": coach,
                    "aangemaakt_op": _moment(afgerond, 15),
                }
            )
            for code, score in scores.items():
                scores_rijen.append(
                    {
                        "meting_id": meting_id,
                        "leefgebied_id": gebied[code],
                        "score": score,
                        "toelichting": TOELICHTING_LAAG[code] if score <= 2 else "",
                    }
                )
            antw, belem, vaard = _antwoorden(
                rng,
                ref,
                scores=scores,
                trede=trede,
                taal=taal,
                instroombron=instroom,
                beroepen=beroepen,
            )
            if vorige_antw is not None:  # a heronderzoek keeps the earlier work and wishes
                for slug in ("werkervaring", "wensen", "certificaten", "opleiding"):
                    antw[slug] = vorige_antw[slug]
            open_, geheim = _splits(ref, antw, geheime_scores)
            op = _moment(afgerond, 14)
            stap_meta = {
                "bron": StapBron.CONSULENT,
                "door": coaches.get(coach, ""),
                "door_id": coach,
                "op": op.isoformat(),
            }
            meta = dict.fromkeys(antw, stap_meta)
            (her if is_her else eerst).append(
                {
                    "id": intake_id,
                    "dossier_id": pk,
                    "soort": soort,
                    "status": IntakeStatus.DEFINITIEF,
                    "instroombron": instroom,
                    "vorige_id": vorige_id,
                    "antwoorden": json_waarde(open_),
                    "vertrouwelijke_antwoorden": json_waarde(geheim),
                    "burger_antwoorden": json_waarde({}),
                    "stappen_meta": json_waarde(meta),
                    "gestart_door_id": coach,
                    "gestart_op": _moment(gestart),
                    "bijgewerkt_op": op,
                    "afgerond_door_id": coach,
                    "afgerond_op": op,
                    "meting_id": meting_id,
                }
            )
            if vorige_antw is None:  # barriers once; a heronderzoek finds them already there
                for b in belem:
                    belem_rijen.append(
                        {
                            "dossier_id": pk,
                            "leefgebied_id": gebied[b["leefgebied"]],
                            "omschrijving": b["omschrijving"],
                            "blokkeert_werk": b["blokkeert_werk"],
                            "actief": True,
                            "sinds": afgerond,
                            "vastgelegd_door_id": coach,
                        }
                    )
                blokkerend = sum(1 for b in belem if b["blokkeert_werk"])
            for naam, bron in vaard:
                if naam not in namen and (pk, naam) not in bestaand:
                    namen.add(naam)
                    vaard_rijen.append(
                        {
                            "dossier_id": pk,
                            "naam": naam,
                            "bron": bron[:200],
                            "vastgesteld_op": afgerond,
                        }
                    )
            vorige_antw, vorige_id = antw, intake_id
            laatste = (antw, scores, trede)
        antw, scores, trede = laatste
        profiel = {
            "dossier_id": pk,
            "trede": trede,
            "scores": scores,
            "taalniveau": antw["taal"]["taalniveau"],
            "certificaten": antw["certificaten"]["certificaten"],
            "rijbewijzen": antw["certificaten"]["rijbewijzen"],
            "uren_per_week": antw["beschikbaarheid"]["uren_per_week"],
            "max_fysieke_belasting": antw["beschikbaarheid"]["max_fysieke_belasting"],
            "max_reistijd_minuten": antw["mobiliteit"]["max_reistijd_minuten"],
            "beroepen_ervaring": antw["werkervaring"]["beroepen_ervaring"],
            "gewenste_beroepen": antw["wensen"]["gewenste_beroepen"],
            "blokkerende_belemmeringen": blokkerend,
            "bijgewerkt_op": nu,
        }
        if pk in profielen_bestaand:
            bij_te_werken.append(Profiel(**profiel))
        else:
            for veld in PROFIEL_JSON:
                profiel[veld] = json_waarde(profiel[veld])
            profielen.append(profiel)
    schrijver.schrijf(Meting, metingen)
    schrijver.schrijf(LeefgebiedScore, scores_rijen)
    schrijver.schrijf(Intake, eerst)
    schrijver.schrijf(Intake, her)  # after the intakes they refer to (vorige)
    schrijver.schrijf(Belemmering, belem_rijen)
    schrijver.schrijf(Vaardigheid, vaard_rijen)
    schrijver.schrijf(Profiel, profielen)
    totaal["intakes"] += len(eerst) + len(her)
    totaal["heronderzoeken"] += len(her)
    totaal["metingen"] += len(metingen)
    totaal["belemmeringen"] += len(belem_rijen)
    return bij_te_werken
