"""Demo data of the werkloont app (``manage.py demo_data`` calls :func:`vul_demo`).

For the active dossiers that have no agenda yet: about 6 % Werkloont (work 16 h and training
12 h, a quarter of them in a training group; some plan too little, which the weekly check
flags), 25 % Iedereen doet mee (a third with a personal norm naar vermogen and its reason),
6 % only an agenda (language course, debt counselling). Occurrences run from two weeks back to
three weeks ahead with Dutch public holidays marked; past occurrences carry presence (mostly
present, some ill, some absent with and a few without a reason). The demo burgers get a
programme of their own (Fatima: Werkloont in a group; Johannes: Iedereen doet mee).

Written in bulk and idempotent: a dossier with an agenda is skipped, the catalogue is looked up
by name. It keeps every rule the services keep: no overlap (fixed, disjoint time slots), at most
24 hours a day, Werkloont within its 15 weeks, a werkactiviteit that does not fit the
uitstroomperspectief carries a reason, a capacity per location. No dataverwerkingen log lines:
nobody processed this data.
"""

from __future__ import annotations

import datetime
import io
import json
import random
import time
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Sum
from django.db.models.functions import TruncWeek
from django.utils import timezone

from bijstand.dossiers.models import ACTIEVE_STATUSSEN, Dossier

from . import selectors, uren
from .models import (
    Aanwezigheid,
    Activiteit,
    Afspraak,
    AfspraakStatus,
    Agenda,
    Begeleider,
    Component,
    Groepsmoment,
    Herhaling,
    Locatie,
    Trainingsgroep,
    Traject,
    Weekafsluiting,
    Werkactiviteit,
    WerkactiviteitPlek,
)

BATCH = 5000
WEKEN_TERUG = 2
WEKEN_VOORUIT = 3
AANDEEL_WERKLOONT = 0.06
AANDEEL_IDM = 0.25
AANDEEL_ALLEEN_AGENDA = 0.06

LOCATIES = [
    ("Werkplaats Zuid", "Slinge 60", "3085 EX"),
    ("Stadsboerderij Charlois", "Charloisse Lagedijk 6", "3084 LV"),
    ("Buurthuis De Middelburg", "Middelburgstraat 2", "3061 NV"),
    ("Wijkrestaurant De Meevaart", "Balistraat 1", "3031 DA"),
    ("Gemeentelijk magazijn Waalhaven", "Waalhaven Zuidzijde 21", "3089 JH"),
    ("Taalhuis Feijenoord", "Oranjeboomstraat 50", "3071 SM"),
]
BEGELEIDERS = [
    ("Kees Hoogendoorn", "Gemeente Rotterdam, Werkplaats Zuid"),
    ("Samira Bouzid", "Gemeente Rotterdam, Werkloont"),
    ("Ruud van Dijk", "Stadsboerderij Charlois"),
    ("Marieke Jansen", "Wijkrestaurant De Meevaart"),
    ("Ahmet Demir", "Gemeente Rotterdam, Werkloont"),
]
# werkactiviteit -> (location, capacity, begeleider)
PLEKKEN = {
    "Groenonderhoud": [("Stadsboerderij Charlois", 400, "Ruud van Dijk")],
    "Catering": [("Wijkrestaurant De Meevaart", 300, "Marieke Jansen")],
    "Klussendienst": [("Werkplaats Zuid", 400, "Kees Hoogendoorn")],
    "Papierprikken": [("Buurthuis De Middelburg", 600, "Kees Hoogendoorn")],
    "Magazijn en logistiek": [("Gemeentelijk magazijn Waalhaven", 300, "Kees Hoogendoorn")],
}
GROEPEN = 4  # running Werkloont training groups, each 16 places
VRIJWILLIGERSWERK = [
    ("Voedselbank Zuid", "5223"),
    ("Kringloopwinkel De Ommezwaai", "5223"),
    ("Buurttuin Afrikaanderwijk", "6113"),
    ("Huiskamer voor ouderen", "5322"),
    ("Klussen in het buurthuis", "9321"),
]
T = datetime.time


def _maandag(d: datetime.date) -> datetime.date:
    return d - datetime.timedelta(days=d.weekday())


def _zorg_voor_catalogus(vandaag: datetime.date) -> dict:
    locaties = {}
    for naam, adres, postcode in LOCATIES:
        locaties[naam], _ = Locatie.objects.get_or_create(
            naam=naam, defaults={"adres": adres, "postcode": postcode}
        )
    begeleiders = {}
    for naam, organisatie in BEGELEIDERS:
        begeleiders[naam] = Begeleider.objects.filter(
            naam=naam
        ).first() or Begeleider.objects.create(naam=naam, organisatie=organisatie)
    plekken = []
    for wa in Werkactiviteit.objects.filter(actief=True).prefetch_related("beroepen"):
        for loc, cap, beg in PLEKKEN.get(wa.naam, []):
            plek, nieuw = WerkactiviteitPlek.objects.get_or_create(
                werkactiviteit=wa, locatie=locaties[loc], defaults={"capaciteit": cap}
            )
            if nieuw:
                plek.begeleiders.set([begeleiders[beg]])
            plek.beroep_ids = {b.pk for b in wa.beroepen.all()}
            plek.begeleider = begeleiders[beg]
            plekken.append(plek)
    groepen = []
    start = _maandag(vandaag) - datetime.timedelta(weeks=6)
    for i in range(GROEPEN):
        begin = start + datetime.timedelta(weeks=3 * i)
        groep, nieuw = Trainingsgroep.objects.get_or_create(
            naam=f"Werkloont groep {begin:%Y-%m-%d}",
            defaults={
                "locatie": locaties["Werkplaats Zuid"],
                "begeleider": begeleiders["Samira Bouzid" if i % 2 else "Ahmet Demir"],
                "startdatum": begin,
                "einddatum": begin + datetime.timedelta(weeks=15, days=-1),
                "capaciteit": 16,
                "huiswerk_uren": Decimal("4.0"),
            },
        )
        if nieuw:
            Groepsmoment.objects.bulk_create(
                [
                    Groepsmoment(groep=groep, weekdag=0, begintijd=T(13), eindtijd=T(17)),
                    Groepsmoment(groep=groep, weekdag=2, begintijd=T(13), eindtijd=T(17)),
                ]
            )
        groepen.append(groep)
    return {"plekken": plekken, "groepen": groepen, "begeleiders": begeleiders}


class _Bouwer:
    """Collects activities with their occurrences in memory, then writes them in bulk."""

    def __init__(self, *, rng: random.Random, vandaag: datetime.date, feestdagen: dict):
        self.rng = rng
        self.vandaag = vandaag
        self.van = _maandag(vandaag) - datetime.timedelta(weeks=WEKEN_TERUG)
        self.tot = _maandag(vandaag) + datetime.timedelta(weeks=WEKEN_VOORUIT, days=-1)
        self.feestdagen = feestdagen
        self.activiteiten: list[dict] = []
        self.afspraken: list[list[list]] = []
        self.nu = timezone.now()

    def activiteit(self, *, weekdagen, begin=None, eind=None, minuten=None, van=None, tot=None,
                   eenmalig: datetime.date | None = None, **velden) -> None:  # fmt: skip
        van = max(van or self.van, self.van)
        tot = min(tot or self.tot, self.tot)
        if eenmalig is not None:
            datums = [eenmalig] if van <= eenmalig <= tot else []
        else:
            dagen = set(weekdagen)
            datums = [
                van + datetime.timedelta(days=i)
                for i in range((tot - van).days + 1)
                if (van + datetime.timedelta(days=i)).weekday() in dagen
            ]
        if not datums:
            return
        if begin is not None:
            minuten = (eind.hour * 60 + eind.minute) - (begin.hour * 60 + begin.minute)
        act = {**ACTIVITEIT_STANDAARD, **velden}
        act.update(
            herhaling=Herhaling.EENMALIG if eenmalig else Herhaling.WEKELIJKS,
            weekdagen=[] if eenmalig else sorted(weekdagen),
            startdatum=datums[0],
            einddatum=datums[-1],
            begintijd=begin,
            eindtijd=eind,
            minuten=minuten,
            aangemaakt_op=self.nu,
        )
        rijen = []
        dossier_id = act["dossier_id"]
        for d in datums:
            feest = self.feestdagen.get(d, "") if not eenmalig else ""
            # the columns of AFSPRAAK_KOLOMMEN after activiteit_id
            rij = [dossier_id, d, begin, eind, minuten,
                   AfspraakStatus.FEESTDAG if feest else AfspraakStatus.GEPLAND, feest, "",
                   Aanwezigheid.ONBEKEND, "", None, False, "", None]  # fmt: skip
            if not feest and d < self.vandaag:
                self._aanwezigheid(rij, d, minuten)
            rijen.append(rij)
        self.activiteiten.append(act)
        self.afspraken.append(rijen)

    def _aanwezigheid(self, rij: list, d: datetime.date, minuten: int) -> None:
        if d >= self.vandaag - datetime.timedelta(days=3) and self.rng.random() < 0.4:
            return  # the last days are not all registered yet
        x = self.rng.random()
        reden = ""
        if x < 0.85:
            status, gerealiseerd = Aanwezigheid.AANWEZIG, minuten
        elif x < 0.90:
            status, gerealiseerd = Aanwezigheid.ZIEK, 0
        elif x < 0.96:
            status, gerealiseerd = Aanwezigheid.AFWEZIG_MET_REDEN, 0
            reden = self.rng.choice(
                ["Afspraak bij de huisarts", "Kind ziek", "Gesprek bij de woningcorporatie"]
            )
        else:
            status, gerealiseerd = Aanwezigheid.AFWEZIG_ZONDER_REDEN, 0
        rij[8], rij[9], rij[10], rij[13] = status, reden, gerealiseerd, self.nu

    def schrijf(self) -> int:
        if not self.activiteiten:
            return 0
        if connection.vendor == "postgresql":
            with connection.cursor() as c:
                c.execute(
                    "SELECT nextval(pg_get_serial_sequence('werkloont_activiteit', 'id')) "
                    "FROM generate_series(1, %s)",
                    [len(self.activiteiten)],
                )
                ids = [r[0] for r in c.fetchall()]
            for act, pk in zip(self.activiteiten, ids, strict=True):
                act["id"] = pk
            _copy("werkloont_activiteit", ACTIVITEIT_KOLOMMEN,
                  ([a[k] for k in ACTIVITEIT_KOLOMMEN] for a in self.activiteiten))  # fmt: skip
        else:
            objecten = [Activiteit(**a) for a in self.activiteiten]
            Activiteit.objects.bulk_create(objecten, batch_size=BATCH)
            ids = [o.pk for o in objecten]
        rijen = [
            [pk, *rij]
            for pk, afspraken in zip(ids, self.afspraken, strict=True)
            for rij in afspraken
        ]
        if connection.vendor == "postgresql":
            _copy("werkloont_afspraak", AFSPRAAK_KOLOMMEN, rijen)
        else:
            Afspraak.objects.bulk_create(
                [Afspraak(**dict(zip(AFSPRAAK_KOLOMMEN, r, strict=True))) for r in rijen],
                batch_size=BATCH,
            )
        self.activiteiten, self.afspraken = [], []
        return len(rijen)


ACTIVITEIT_STANDAARD = {
    "traject_id": None, "component": Component.OVERIG, "omschrijving": "", "plek_id": None,
    "beroep_id": None, "past_bij_perspectief": None, "afwijkingsreden": "",
    "trainingsgroep_id": None, "in_groep": False, "huiswerk": "", "locatie": "",
    "verantwoordelijke": "", "begeleider_id": None, "vertrouwelijk": False, "gestopt_op": None,
    "aangemaakt_door_id": None,
}  # fmt: skip
ACTIVITEIT_KOLOMMEN = (
    "id", "dossier_id", "traject_id", "component", "soort", "titel", "omschrijving", "plek_id",
    "beroep_id", "past_bij_perspectief", "afwijkingsreden", "trainingsgroep_id", "in_groep",
    "huiswerk", "locatie", "verantwoordelijke", "begeleider_id", "herhaling", "weekdagen",
    "startdatum", "einddatum", "begintijd", "eindtijd", "minuten", "vertrouwelijk",
    "gestopt_op", "aangemaakt_door_id", "aangemaakt_op",
)  # fmt: skip
AFSPRAAK_KOLOMMEN = (
    "activiteit_id", "dossier_id", "datum", "begintijd", "eindtijd", "minuten", "status",
    "feestdag", "annuleringsreden", "aanwezigheid", "aanwezigheid_reden",
    "gerealiseerde_minuten", "gemeld_door_burger", "geregistreerd_door_systeem",
    "geregistreerd_op",
)  # fmt: skip
_COPY_ESCAPE = str.maketrans({"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _copy_waarde(v) -> str:
    """A value in PostgreSQL's COPY text format."""
    if v is None:
        return "\\N"
    if v is True:
        return "t"
    if v is False:
        return "f"
    if isinstance(v, str):
        return v.translate(_COPY_ESCAPE)
    if isinstance(v, list):
        return json.dumps(v)
    if isinstance(v, datetime.date | datetime.time):
        return v.isoformat()
    return str(v)


def _copy(tabel: str, kolommen: tuple[str, ...], rijen) -> None:
    """COPY rows into a table. The database guards still run: the exclusion constraint per
    row, the week-lock trigger once per statement; foreign keys at the commit."""
    sql = f"COPY {tabel} ({', '.join(kolommen)}) FROM STDIN"
    buffer = io.StringIO()
    for aantal, rij in enumerate(rijen, start=1):
        buffer.write("\t".join(map(_copy_waarde, rij)))
        buffer.write("\n")
        if aantal % 50_000 == 0:
            _stuur(sql, buffer)
            buffer = io.StringIO()
    _stuur(sql, buffer)


def _stuur(sql: str, buffer: io.StringIO) -> None:
    data = buffer.getvalue()
    if data:
        with connection.cursor() as c:
            c.cursor.copy_expert(sql, io.BytesIO(data.encode()))


def _passend(profielen: dict[int, object]) -> Callable:
    """dossier id -> set of fitting occupation ids (as ``selectors.passende_beroep_ids``, with
    the occupations prepared once for the whole run)."""
    from perspectief.selectors import Ranglijst, perspectief_beroepen, profiel_kandidaat

    ranglijst = Ranglijst(perspectief_beroepen())

    def voor(dossier_id: int) -> set[int]:
        profiel = profielen.get(dossier_id)
        if profiel is None:
            return set()
        gewenst = set(profiel.gewenste_beroepen or ())
        return {
            f.beroep.pk
            for f in ranglijst.rangschik(profiel_kandidaat(profiel))
            if f.past or f.beroep.isco_code in gewenst
        }

    return voor


def vul_demo(*, seed: int, log) -> dict:
    """Programmes, agendas and presence for the active dossiers without an agenda."""
    from bijstand.dossiers.demo import demo_burger_hashes
    from perspectief.models import Beroep, Profiel

    t0 = time.perf_counter()
    rng = random.Random(seed + 61)  # noqa: S311 - synthetic data, not security
    vandaag = timezone.localdate()
    stats: dict[str, int] = defaultdict(int)
    with transaction.atomic():
        catalogus = _zorg_voor_catalogus(vandaag)
        kandidaten = list(
            Dossier.objects.filter(status__in=ACTIEVE_STATUSSEN, agenda__isnull=True)
            .order_by("pk")
            .values_list("pk", "werkcoach_id", "werkzoekende__bsn_hash")
        )
        if not kandidaten:
            log("werkloont: alle actieve dossiers hebben al een agenda; niets toegevoegd.")
            return {"agendas": 0, "afspraken": 0, "werkloont": 0, "iedereen_doet_mee": 0}
        demo = {h: i for i, h in enumerate(demo_burger_hashes())}
        ids = [pk for pk, _w, _h in kandidaten]
        profielen = {p.dossier_id: p for p in Profiel.objects.filter(dossier_id__in=ids)}
        beroep_isco = dict(Beroep.objects.values_list("pk", "isco_code"))
        isco_beroep = {v: k for k, v in beroep_isco.items()}
        passend = _passend(profielen)
        normen = selectors.normen_op(vandaag)
        vrij = selectors.feestdagen(
            vandaag - datetime.timedelta(weeks=20), vandaag + datetime.timedelta(weeks=20)
        )
        bouwer = _Bouwer(rng=rng, vandaag=vandaag, feestdagen=vrij)
        plekken, groepen = catalogus["plekken"], catalogus["groepen"]
        bezet = {g.pk: Traject.objects.filter(trainingsgroep=g, status="actief").count()
                 for g in groepen}  # fmt: skip
        agendas, trajecten = [], []
        plannen: list[tuple[int, str, Traject | None, bool]] = []
        for pk, _coach, bsn_hash in kandidaten:
            # decided per dossier (not by the run's order), so a second run skips the same ones
            x = random.Random(seed * 1_000_003 + pk).random()  # noqa: S311 - synthetic data
            demo_nr = demo.get(bsn_hash)
            if demo_nr == 0 or (demo_nr is None and x < AANDEEL_WERKLOONT):
                soort = "werkloont"
            elif demo_nr == 1 or (demo_nr is None and x < AANDEEL_WERKLOONT + AANDEEL_IDM):
                soort = "iedereen_doet_mee"
            elif demo_nr is None and x < AANDEEL_WERKLOONT + AANDEEL_IDM + AANDEEL_ALLEEN_AGENDA:
                soort = "agenda"
            else:
                continue
            agendas.append(Agenda(dossier_id=pk))
            traject = None
            if soort == "werkloont":
                start = _maandag(vandaag) - datetime.timedelta(weeks=rng.randint(0, 12))
                groep = next(
                    (g for g in groepen
                     if g.startdatum <= start + datetime.timedelta(weeks=2)
                     and g.einddatum >= vandaag and bezet[g.pk] < g.capaciteit
                     and (demo_nr == 0 or rng.random() < 0.25)),
                    None,
                )  # fmt: skip
                if groep is not None:
                    bezet[groep.pk] += 1
                    start = max(start, groep.startdatum)
                traject = Traject(
                    dossier_id=pk,
                    soort=soort,
                    startdatum=start,
                    einddatum=start + datetime.timedelta(weeks=normen.werkloont_max_weken, days=-1),
                    trainingsgroep=groep,
                )
            elif soort == "iedereen_doet_mee":
                traject = Traject(
                    dossier_id=pk,
                    soort=soort,
                    startdatum=_maandag(vandaag) - datetime.timedelta(weeks=rng.randint(1, 40)),
                )
                if demo_nr == 1 or rng.random() < 0.33:
                    traject.persoonlijke_norm_uren = Decimal(rng.choice([4, 6, 8, 12, 16]))
                    traject.norm_reden = rng.choice(
                        [
                            "Mantelzorg voor een ouder; meer uren lukt nu niet.",
                            "Lichamelijke klachten; opbouwen naar vermogen.",
                            "Alleenstaande ouder met jonge kinderen.",
                        ]
                    )
            if traject is not None:
                trajecten.append(traject)
            plannen.append((pk, soort, traject, demo_nr is not None))
        Agenda.objects.bulk_create(agendas, batch_size=BATCH)
        Traject.objects.bulk_create(trajecten, batch_size=BATCH)
        stats["agendas"] = len(agendas)
        stats["werkloont"] = sum(1 for t in trajecten if t.soort == "werkloont")
        stats["iedereen_doet_mee"] = sum(1 for t in trajecten if t.soort != "werkloont")

        for pk, soort, traject, is_demo in plannen:
            basis = {"dossier_id": pk, "traject_id": traject.pk if traject else None}
            if soort == "werkloont":
                eind = traject.einddatum
                weinig = not is_demo and rng.random() < 0.15  # plans too little: a signal
                plek = rng.choice(plekken) if plekken and rng.random() < 0.5 else None
                werk = {"van": traject.startdatum, "tot": eind, "component": Component.WERK}
                dagen = [0, 1, 2] if weinig else [0, 1, 2, 3]
                if plek is not None:
                    past = bool(plek.beroep_ids & passend(pk))
                    bouwer.activiteit(
                        **basis, **werk, weekdagen=dagen, begin=T(8, 30), eind=T(12, 30),
                        soort="werkactiviteit", titel=plek.werkactiviteit.naam, plek_id=plek.pk,
                        locatie=plek.locatie.naam, verantwoordelijke=str(plek.begeleider),
                        begeleider_id=plek.begeleider.pk, past_bij_perspectief=past,
                        afwijkingsreden="" if past else
                        "Eerst werkritme opdoen; het perspectief wordt nog verkend.",
                    )  # fmt: skip
                else:
                    bouwer.activiteit(
                        **basis, **werk, weekdagen=dagen, begin=T(8, 30), eind=T(12, 30),
                        soort="betaald_werk", titel="Werken bij de supermarkt (deeltijd)",
                        locatie="Winkelcentrum Zuidplein", verantwoordelijke="Bedrijfsleider",
                    )  # fmt: skip
                groep = traject.trainingsgroep
                training = {"van": traject.startdatum, "tot": eind, "component": Component.TRAINING}
                if groep is not None:
                    training["tot"] = min(eind, groep.einddatum)
                    bouwer.activiteit(
                        **basis, **training, weekdagen=[0, 2], begin=T(13), eind=T(17),
                        soort="training", titel=f"Training {groep.naam}", in_groep=True,
                        trainingsgroep_id=groep.pk, locatie=str(groep.locatie),
                        verantwoordelijke=str(groep.begeleider), begeleider_id=groep.begeleider_id,
                    )  # fmt: skip
                    bouwer.activiteit(
                        **basis, **training, weekdagen=[4], minuten=240,
                        soort="huiswerk", titel=f"Huiswerk {groep.naam}",
                        trainingsgroep_id=groep.pk, huiswerk="Opdrachten uit de training",
                    )  # fmt: skip
                else:
                    bouwer.activiteit(
                        **basis, **training, weekdagen=[0] if weinig else [0, 2], begin=T(13),
                        eind=T(17), soort="training", titel="Sollicitatietraining",
                        in_groep=True, locatie="Werkplaats Zuid",
                        verantwoordelijke="Samira Bouzid",
                    )  # fmt: skip
                    bouwer.activiteit(
                        **basis, **training, weekdagen=[4], minuten=240, soort="huiswerk",
                        titel="Huiswerk sollicitatietraining", huiswerk="Brief en cv",
                    )  # fmt: skip
            elif soort == "iedereen_doet_mee":
                idm = {"component": Component.IDM, "van": traject.startdatum}
                naam, isco = rng.choice(VRIJWILLIGERSWERK)
                bouwer.activiteit(
                    **basis, **idm, weekdagen=[1, 3], begin=T(9), eind=T(13),
                    soort="vrijwilligerswerk", titel=naam, beroep_id=isco_beroep.get(isco),
                    locatie=naam, verantwoordelijke="Coördinator vrijwilligers",
                )  # fmt: skip
                keuze = rng.random()
                if keuze < 0.4:
                    bouwer.activiteit(
                        **basis, **idm, weekdagen=[2], begin=T(9, 30), eind=T(11, 30),
                        soort="taal", titel="Taalles Nederlands", locatie="Taalhuis Feijenoord",
                        verantwoordelijke="Docent taalhuis",
                    )  # fmt: skip
                elif keuze < 0.7:
                    bouwer.activiteit(
                        **basis, **idm, weekdagen=[0], minuten=180, soort="mantelzorg",
                        titel="Mantelzorg voor moeder",
                    )  # fmt: skip
                else:
                    bouwer.activiteit(
                        **basis, **idm, weekdagen=[4], begin=T(10), eind=T(11),
                        soort="gezondheid", titel="Beweegprogramma", vertrouwelijk=True,
                        locatie="Sportcentrum Zuid",
                    )  # fmt: skip
            else:
                bouwer.activiteit(
                    **basis, weekdagen=[0, 2], begin=T(9, 30), eind=T(11, 30), soort="taal",
                    titel="Taalcursus", locatie="Taalhuis Feijenoord",
                    verantwoordelijke="Docent taalhuis",
                )  # fmt: skip
            afspraakdag = vandaag + datetime.timedelta(days=rng.randint(-10, 20))
            if afspraakdag.weekday() < 5 and afspraakdag not in vrij:
                bouwer.activiteit(
                    dossier_id=pk, traject_id=None, eenmalig=afspraakdag, weekdagen=[],
                    begin=T(17, 30), eind=T(18, 15), soort="afspraak_werkcoach",
                    titel="Gesprek met de werkcoach", locatie="Werkplein Zuid",
                )  # fmt: skip
            if len(bouwer.activiteiten) >= BATCH:
                stats["afspraken"] += bouwer.schrijf()
        stats["afspraken"] += bouwer.schrijf()
        # weeks of the Werkloont participants that are fully registered and at least two weeks
        # old are approved (locked)
        grens = _maandag(vandaag) - datetime.timedelta(weeks=2)
        werkloont_ids = [t.dossier_id for t in trajecten if t.soort == "werkloont"]
        open_weken = set(
            Afspraak.objects.filter(
                dossier_id__in=werkloont_ids,
                datum__gte=bouwer.van,
                datum__lt=grens + datetime.timedelta(weeks=1),
                status=AfspraakStatus.GEPLAND,
                aanwezigheid=Aanwezigheid.ONBEKEND,
            ).values_list("dossier_id", "datum")
        )
        dicht = {(d, uren.maandag(datum)) for d, datum in open_weken}
        sommen = {
            (d, uren.maandag(w.date() if isinstance(w, datetime.datetime) else w)): (g or 0, r or 0)
            for d, w, g, r in Afspraak.objects.filter(
                dossier_id__in=werkloont_ids,
                datum__gte=bouwer.van,
                datum__lt=grens + datetime.timedelta(weeks=1),
                status=AfspraakStatus.GEPLAND,
            )
            .annotate(week=TruncWeek("datum"))
            .values_list("dossier_id", "week")
            .annotate(g=Sum("minuten"), r=Sum("gerealiseerde_minuten"))
            .order_by()
        }
        afsluitingen = []
        week = bouwer.van
        while week <= grens:
            for d in werkloont_ids:
                if (d, week) not in dicht:
                    gepland, gerealiseerd = sommen.get((d, week), (0, 0))
                    afsluitingen.append(
                        Weekafsluiting(
                            dossier_id=d,
                            week=week,
                            gepland_minuten=gepland,
                            gerealiseerd_minuten=gerealiseerd,
                        )
                    )
            week += datetime.timedelta(weeks=1)
        Weekafsluiting.objects.bulk_create(afsluitingen, batch_size=BATCH)
        stats["goedgekeurde_weken"] = len(afsluitingen)
    stats["seconden"] = round(time.perf_counter() - t0, 1)
    log(f"werkloont: {dict(stats)}")
    return dict(stats)
