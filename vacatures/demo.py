"""Demo data of the vacatures app (``manage.py demo_data`` calls :func:`vul_demo`).

- Rotterdam employers (synthetic names and KvK numbers) with contacts, some inclusive, some
  with an SROI agreement; among them the Rotterdamse Horeca Groep asking for 50 koks;
- open vacancies for the kansrijke beroepen of the region, some filled or withdrawn;
- placements in the past: every dossier that ended with reason "werk" in the last twelve
  months gets the voordracht, gesprek and plaatsing that led to it (with their journaal
  lines), on filled vacancies, so ``plaatsingen_per_maand`` has a history;
- running proposals on the 50-koks vacancy and a few others, from the best fitting profiles
  (``vacatures.matching``; profiles come from the perspectief demo).

Idempotent, per part: employers by KvK number, vacancies by employer and title, placements
only for dossiers without a proposal, running proposals only when there are none. Bulk writes;
no dataverwerkingen log lines (nobody processed this data).
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta
from datetime import time as dtime

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from bijstand.dossiers.models import (
    Beeindigingsreden,
    Dossier,
    DossierStatus,
    JournaalRegel,
    JournaalSoort,
    Wijk,
)
from perspectief.models import Beroep, Profiel

from .matching import beoordeel_profiel, match_vacature
from .models import (
    LOPENDE_STATUSSEN,
    Contactpersoon,
    Plaatsing,
    SroiAfspraak,
    Vacature,
    VacatureStatus,
    Voordracht,
    VoordrachtStatus,
    VoordrachtWijziging,
    Werkgever,
)

KOKS_WERKGEVER = "Rotterdamse Horeca Groep"
KOKS_TITEL = "50 koks voor de nieuwe vestigingen"
MAX_PLAATSINGEN = 1500
VACATURES_MET_VOORDRACHTEN = 12

# (naam, sector, inclusief, sroi, beroepen (ISCO) they hire for)
WERKGEVERS = [
    (KOKS_WERKGEVER, "Horeca", True, False, ["5120", "9412"]),
    ("Maashaven Logistiek", "Logistiek", True, True, ["4321", "8344", "8332"]),
    ("Schoon Rijnmond", "Schoonmaak", True, False, ["9112"]),
    ("Zorggroep Zuidoever", "Zorg", False, False, ["5322", "9112"]),
    ("Bouwcombinatie Kop van Zuid", "Bouw", False, True, ["9313", "9321"]),
    ("Groen Delfshaven", "Groenvoorziening", True, True, ["6113"]),
    ("Veilig Verkeer Rotterdam", "Beveiliging", False, False, ["5419", "5414"]),
    ("Winkelcentrum Zuidplein Retail", "Detailhandel", False, False, ["5223", "4321"]),
    ("Havenstad Productie", "Industrie", True, False, ["9329", "8344"]),
    ("Catering Feijenoord", "Horeca", True, False, ["9412", "5120"]),
    ("Thuiszorg Noord", "Zorg", False, False, ["5322"]),
    ("Transport Waalhaven", "Logistiek", False, True, ["8332", "4321"]),
    ("Hotel Maasboulevard", "Horeca", False, False, ["5120", "9112", "9412"]),
    ("Distributiecentrum Prins Alexander", "Logistiek", True, False, ["4321", "8344"]),
    ("Beveiliging Rijnmond", "Beveiliging", False, False, ["5414"]),
    ("Supermarkt Charlois", "Detailhandel", True, False, ["5223"]),
    ("Assemblage IJsselmonde", "Industrie", False, False, ["9329"]),
    ("Facilitair Bedrijf Centrum", "Schoonmaak", False, True, ["9112", "4110"]),
    ("Klantcontact Rotterdam", "Dienstverlening", False, False, ["4222", "4110"]),
    ("Hoveniers Hillegersberg", "Groenvoorziening", False, False, ["6113"]),
    ("Bakkerij Crooswijk", "Voeding", True, False, ["9329", "5223"]),
    ("Recycling Pernis", "Industrie", False, True, ["9321", "8344"]),
    ("Restaurant Oude Haven", "Horeca", False, False, ["5120", "9412"]),
    ("Verhuisbedrijf Overschie", "Logistiek", False, False, ["4321", "8332"]),
]
VOORNAMEN = ["Anouk", "Bas", "Chantal", "Dennis", "Esra", "Frank", "Gül", "Hans", "Ilse", "Joris"]
ACHTERNAMEN = ["de Boer", "Yıldız", "Jansen", "El Amrani", "Visser", "Pinas", "Bakker", "Kok"]
FUNCTIES = ["HR-adviseur", "Bedrijfsleider", "Teamleider", "Eigenaar", "Recruiter"]


def _kvk(rng: random.Random, bezet: set[str]) -> str:
    while True:
        nummer = f"{rng.randint(60_000_000, 99_999_999)}"
        if nummer not in bezet:
            bezet.add(nummer)
            return nummer


def _moment(d: date, uur: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(d, dtime(uur, 0)))


def vul_demo(*, seed: int, log: Callable[[str], None]) -> dict:
    t0 = time.perf_counter()
    rng = random.Random(seed * 104_729 + 7)  # noqa: S311 (demo data, not security)
    stats = {"werkgevers": 0, "vacatures": 0, "plaatsingen": 0, "voordrachten": 0}
    beroepen = {b.isco_code: b for b in Beroep.objects.filter(actief=True)}
    if not beroepen:
        log("  vacatures: geen beroepen, niets te doen")
        return stats
    with transaction.atomic():
        werkgevers = _werkgevers(rng, stats)
        _vacatures(rng, werkgevers, beroepen, stats)
        _plaatsingen(rng, werkgevers, beroepen, stats)
    _voordrachten(rng, stats)
    log(f"  vacatures: {stats} in {time.perf_counter() - t0:.1f} s")
    return stats


def _werkgevers(rng: random.Random, stats: dict) -> dict[str, tuple[Werkgever, list[str]]]:
    """The employers by name, created when missing (KvK numbers fixed by the seed)."""
    bezet = set(Werkgever.objects.values_list("kvk_nummer", flat=True))
    bestaand = {w.naam: w for w in Werkgever.objects.filter(naam__in=[w[0] for w in WERKGEVERS])}
    nieuw: list[Werkgever] = []
    uit: dict[str, tuple[Werkgever, list[str]]] = {}
    for naam, sector, inclusief, _sroi, isco in WERKGEVERS:
        kvk = _kvk(rng, bezet)
        if naam in bestaand:
            uit[naam] = (bestaand[naam], isco)
            continue
        w = Werkgever(naam=naam, kvk_nummer=kvk, sector=sector, inclusief=inclusief)
        nieuw.append(w)
        uit[naam] = (w, isco)
    if nieuw:
        bulk_create_with_history(nieuw, Werkgever, batch_size=500)
        gemaakt = {
            w.naam: w
            for w in Werkgever.objects.filter(kvk_nummer__in=[w.kvk_nummer for w in nieuw])
        }
        contacten, afspraken = [], []
        vandaag = timezone.localdate()
        for naam, _sector, _incl, sroi, isco in WERKGEVERS:
            if naam not in gemaakt:
                continue
            w = gemaakt[naam]
            uit[naam] = (w, isco)
            for _ in range(rng.randint(1, 2)):
                voornaam, achternaam = rng.choice(VOORNAMEN), rng.choice(ACHTERNAMEN)
                contacten.append(
                    Contactpersoon(
                        werkgever=w,
                        naam=f"{voornaam} {achternaam}",
                        functie=rng.choice(FUNCTIES),
                        email=f"{voornaam.lower()}@{naam.lower().replace(' ', '')[:20]}.example",
                        telefoon=f"010-{rng.randint(2_000_000, 4_999_999)}",
                    )
                )
            if sroi:
                van = vandaag.replace(month=1, day=1)
                afspraken.append(
                    SroiAfspraak(
                        werkgever=w,
                        omschrijving=f"Gemeentelijke aanbesteding {van.year}: social return",
                        aantal_plaatsingen=rng.choice([5, 8, 10, 15]),
                        van=van,
                        tot=van.replace(month=12, day=31),
                    )
                )
        Contactpersoon.objects.bulk_create(contacten)
        SroiAfspraak.objects.bulk_create(afspraken)
        stats["werkgevers"] = len(nieuw)
    return uit


def _vacature(werkgever: Werkgever, beroep: Beroep, **kwargs) -> Vacature:
    return Vacature(
        werkgever=werkgever,
        beroep=beroep,
        certificaten=list(beroep.certificaten or []),
        rijbewijzen=list(beroep.rijbewijzen or []),
        taalniveau=beroep.taalniveau,
        fysieke_belasting=beroep.fysieke_belasting,
        uren_per_week_min=min(beroep.uren_per_week_min, 40),
        uren_per_week_max=max(min(beroep.uren_per_week_typisch, 40), beroep.uren_per_week_min),
        **kwargs,
    )


def _vacatures(rng, werkgevers, beroepen, stats) -> None:
    """Open (and some filled or withdrawn) vacancies, created when missing."""
    wijken = list(Wijk.objects.order_by("pk").values_list("pk", flat=True))
    bestaand = set(Vacature.objects.values_list("werkgever_id", "titel"))
    vandaag = timezone.localdate()
    nieuw = []
    for naam, (werkgever, isco) in werkgevers.items():
        plannen = []
        if naam == KOKS_WERKGEVER:
            plannen.append((beroepen["5120"], KOKS_TITEL, 50, VacatureStatus.OPEN))
        for code in isco:
            if code not in beroepen:
                continue
            b = beroepen[code]
            status = rng.choices(
                [VacatureStatus.OPEN, VacatureStatus.VERVULD, VacatureStatus.INGETROKKEN],
                [80, 12, 8],
            )[0]
            plannen.append((b, b.naam.split(" / ")[0], rng.choice([1, 1, 2, 3, 5, 8]), status))
        for beroep, titel, plaatsen, status in plannen:
            if (werkgever.pk, titel) in bestaand:
                continue
            wijk = rng.choice(wijken) if wijken and rng.random() < 0.85 else None
            nieuw.append(
                _vacature(
                    werkgever,
                    beroep,
                    titel=titel,
                    omschrijving=f"{werkgever.naam} zoekt {titel.lower()}. Begeleiding op de "
                    "werkvloer; loonkostensubsidie bespreekbaar.",
                    aantal_plaatsen=plaatsen,
                    wijk_id=wijk,
                    locatie="" if wijk else "Rotterdam (meerdere locaties)",
                    garantiebaan=werkgever.inclusief and rng.random() < 0.4,
                    status=status,
                    sluitdatum=vandaag + timedelta(days=rng.randint(14, 90))
                    if status == VacatureStatus.OPEN
                    else vandaag - timedelta(days=rng.randint(10, 60)),
                    aangemaakt_op=_moment(vandaag - timedelta(days=rng.randint(5, 60))),
                )
            )
    if nieuw:
        bulk_create_with_history(nieuw, Vacature, batch_size=500)
    stats["vacatures"] = len(nieuw)


def _plaatsingen(rng, werkgevers, beroepen, stats) -> None:
    """Past placements for dossiers that ended with reason werk in the last twelve months."""
    vandaag = timezone.localdate()
    kandidaten = list(
        Dossier.objects.filter(
            status=DossierStatus.BEEINDIGD,
            beeindigingsreden=Beeindigingsreden.WERK,
            einddatum__gte=vandaag - timedelta(days=365),
            voordrachten__isnull=True,
        )
        .order_by("pk")
        .values_list("pk", "werkcoach_id", "einddatum", "aanvraagdatum")[:MAX_PLAATSINGEN]
    )
    if not kandidaten:
        return
    profielen = dict(
        Profiel.objects.filter(dossier_id__in=[k[0] for k in kandidaten]).values_list(
            "dossier_id", "beroepen_ervaring"
        )
    )
    per_beroep: dict[str, list[tuple[Werkgever, str]]] = defaultdict(list)
    for werkgever, isco in werkgevers.values():
        for code in isco:
            per_beroep[code].append((werkgever, code))
    codes = [c for c in per_beroep if c in beroepen]
    # (werkgever, isco, month) -> people placed there
    groepen: dict[tuple[int, str, date], list[tuple]] = defaultdict(list)
    for dossier_id, werkcoach_id, einde, aanvraag in kandidaten:
        voorkeur = [c for c in profielen.get(dossier_id) or [] if c in per_beroep]
        code = rng.choice(voorkeur or codes)
        werkgever, _ = rng.choice(per_beroep[code])
        start = max(aanvraag + timedelta(days=30), einde - timedelta(days=rng.randint(0, 20)))
        start = min(start, einde)
        groepen[(werkgever.pk, code, start.replace(day=1))].append(
            (dossier_id, werkcoach_id, start)
        )
    namen = {w.pk: w.naam for w, _ in werkgevers.values()}
    vacatures, leden = [], []
    for (werkgever_id, code, maand), mensen in sorted(groepen.items()):
        beroep = beroepen[code]
        eerste = min(m[2] for m in mensen)
        vacatures.append(
            _vacature(
                Werkgever(pk=werkgever_id, naam=namen[werkgever_id]),
                beroep,
                titel=f"{beroep.naam.split(' / ')[0]} ({maand:%m-%Y})",
                aantal_plaatsen=len(mensen),
                locatie="Rotterdam",
                status=VacatureStatus.VERVULD,
                sluitdatum=eerste - timedelta(days=40),
                aangemaakt_op=_moment(eerste - timedelta(days=60)),
            )
        )
        leden.append(mensen)
    # PostgreSQL and SQLite >= 3.35 return the new primary keys from bulk inserts.
    vacatures = bulk_create_with_history(vacatures, Vacature, batch_size=500)
    voordrachten, wijzigingen, plaatsingen, journaal = [], [], [], []
    for vacature, mensen in zip(vacatures, leden, strict=True):
        werkgever = namen[vacature.werkgever_id]
        for dossier_id, werkcoach_id, start in mensen:
            voorgedragen = _moment(start - timedelta(days=rng.randint(25, 45)))
            gesprek = voorgedragen + timedelta(days=rng.randint(5, 15))
            geplaatst = _moment(start - timedelta(days=rng.randint(1, 5)), 15)
            v = Voordracht(
                vacature=vacature,
                dossier_id=dossier_id,
                status=VoordrachtStatus.GEPLAATST,
                score=rng.choice([80, 85, 90, 100, 100]),
                gesprek_op=gesprek,
                voorgedragen_door_id=werkcoach_id,
                voorgedragen_op=voorgedragen,
                gewijzigd_op=geplaatst,
            )
            voordrachten.append(v)
            uren = rng.choice([20, 24, 32, 36, 38])
            maanden = rng.choice([6, 7, 12, None])
            plaatsingen.append((v, start, uren, maanden, werkcoach_id, geplaatst))
            duur = f"{maanden} maanden" if maanden else "onbepaalde tijd"
            for op, onderwerp, tekst in (
                (voorgedragen, "Voordracht vacature",
                 f"Voorgedragen voor de vacature {vacature.titel} bij {werkgever}."),
                (gesprek - timedelta(days=3), "Sollicitatiegesprek",
                 f"Sollicitatiegesprek voor {vacature.titel} bij {werkgever} op "
                 f"{timezone.localtime(gesprek):%d-%m-%Y %H:%M}."),
                (geplaatst, "Plaatsing",
                 f"Plaatsing bij {werkgever} per {start:%d-%m-%Y} als {vacature.titel}: {uren} uur "
                 f"per week, contract voor {duur}."),
            ):  # fmt: skip
                journaal.append(
                    JournaalRegel(
                        dossier_id=dossier_id,
                        soort=JournaalSoort.NOTITIE,
                        onderwerp=onderwerp,
                        tekst=tekst,
                        auteur_id=werkcoach_id,
                        op=op,
                    )
                )
    Voordracht.objects.bulk_create(voordrachten, batch_size=2000)
    for v, _start, _uren, _maanden, werkcoach_id, geplaatst in plaatsingen:
        gepland = v.gesprek_op - timedelta(days=3)
        for van, naar, op in (
            ("", VoordrachtStatus.VOORGEDRAGEN, v.voorgedragen_op),
            (VoordrachtStatus.VOORGEDRAGEN, VoordrachtStatus.GESPREK, gepland),
            (VoordrachtStatus.GESPREK, VoordrachtStatus.GEPLAATST, geplaatst),
        ):
            wijzigingen.append(
                VoordrachtWijziging(voordracht=v, van=van, naar=naar, door_id=werkcoach_id, op=op)
            )
    VoordrachtWijziging.objects.bulk_create(wijzigingen, batch_size=5000)
    Plaatsing.objects.bulk_create(
        [
            Plaatsing(
                voordracht=v,
                vacature_id=v.vacature_id,
                dossier_id=v.dossier_id,
                startdatum=start,
                contracturen=uren,
                contract_maanden=maanden,
                geregistreerd_door_id=werkcoach_id,
                geregistreerd_op=geplaatst,
            )
            for v, start, uren, maanden, werkcoach_id, geplaatst in plaatsingen
        ],
        batch_size=2000,
    )
    JournaalRegel.objects.bulk_create(journaal, batch_size=5000)
    stats["plaatsingen"] = len(plaatsingen)


def _voordrachten(rng, stats) -> None:
    """Running proposals on the 50-koks vacancy and a few other open ones (best fits); only
    when there are no running proposals yet."""
    if Voordracht.objects.filter(status__in=LOPENDE_STATUSSEN).exists():
        return
    open_ = list(
        Vacature.objects.filter(status=VacatureStatus.OPEN, voordrachten__isnull=True)
        .select_related("werkgever", "beroep")
        .order_by("-aantal_plaatsen", "pk")[:VACATURES_MET_VOORDRACHTEN]
    )
    if not open_:
        return
    nu = timezone.now()
    with transaction.atomic():
        voordrachten, journaal = [], []
        gebruikt: set[int] = set()
        for vacature in open_:
            aantal = 6 if vacature.titel == KOKS_TITEL else 2
            gekozen = [
                m for m in match_vacature(vacature)[: aantal * 4] if m.dossier_id not in gebruikt
            ][:aantal]
            if not gekozen:
                continue
            ids = [m.dossier_id for m in gekozen]
            profielen = Profiel.objects.in_bulk(ids, field_name="dossier_id")
            coach = dict(Dossier.objects.filter(pk__in=ids).values_list("pk", "werkcoach_id"))
            for i, m in enumerate(gekozen):
                gebruikt.add(m.dossier_id)
                fit = beoordeel_profiel(profielen[m.dossier_id], vacature)
                op = nu - timedelta(days=rng.randint(1, 10), hours=rng.randint(0, 8))
                gesprek = i % 3 == 0
                voordrachten.append(
                    Voordracht(
                        vacature=vacature,
                        dossier_id=m.dossier_id,
                        status=VoordrachtStatus.GESPREK
                        if gesprek
                        else VoordrachtStatus.VOORGEDRAGEN,
                        score=fit.score,
                        tekorten=list(fit.tekorten),
                        pluspunten=list(fit.pluspunten),
                        gesprek_op=op + timedelta(days=rng.randint(5, 12)) if gesprek else None,
                        voorgedragen_door_id=coach[m.dossier_id],
                        voorgedragen_op=op,
                        gewijzigd_op=op,
                    )
                )
                tekst = (
                    f"Voorgedragen voor de vacature {vacature.titel} bij {vacature.werkgever.naam} "
                    f"(match {fit.score})."
                )
                if fit.tekorten:
                    tekst += " Nog nodig: " + "; ".join(fit.tekorten) + "."
                journaal.append(
                    JournaalRegel(
                        dossier_id=m.dossier_id, soort=JournaalSoort.NOTITIE,
                        onderwerp="Voordracht vacature", tekst=tekst,
                        auteur_id=coach[m.dossier_id], op=op,
                    )
                )  # fmt: skip
        Voordracht.objects.bulk_create(voordrachten)
        wijzigingen = []
        for v in voordrachten:
            wijzigingen.append(
                VoordrachtWijziging(voordracht=v, van="", naar="voorgedragen",
                                    door_id=v.voorgedragen_door_id, op=v.voorgedragen_op)
            )  # fmt: skip
            if v.status == VoordrachtStatus.GESPREK:
                wijzigingen.append(
                    VoordrachtWijziging(voordracht=v, van="voorgedragen", naar="gesprek",
                                        door_id=v.voorgedragen_door_id, op=v.voorgedragen_op)
                )  # fmt: skip
        VoordrachtWijziging.objects.bulk_create(wijzigingen)
        JournaalRegel.objects.bulk_create(journaal)
    stats["voordrachten"] = len(voordrachten)
