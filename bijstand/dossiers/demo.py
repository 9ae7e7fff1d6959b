"""Synthetic Rotterdam caseload for demos and benchmarks (`manage.py demo_data`).

The generator writes consistent data directly with bulk_create instead of calling the services
one row at a time (37,500 dossiers with their history must load in under two minutes). It keeps
every database constraint and every invariant the services keep:

- every BSN passes the 11-proef; stored encrypted plus the keyed hash (as `set_bsn` does);
- one active dossier per person; a beëindigd dossier has a reason and an einddatum;
- the werkcoach is an active werkconsulent; the first Overdracht has no van_werkcoach, each
  next one starts at the previous naar_werkcoach, and the latest naar_werkcoach is
  Dossier.werkcoach;
- StatusWijziging rows follow TOEGESTANE_OVERGANGEN and end at Dossier.status;
- every status change and handover also has its journaal line (as the services write);
- laatste_contact is the time of the latest contact moment or message in the journaal.

No dataverwerkingen log lines are written: nobody processed this data. django-simple-history
gets one "+" record per tracked object, dated at the object's creation in the generated history
(bulk_create bypasses the signals; `bulk_history_create` writes the records in bulk).

Generated staff get e-mail addresses at DEMO_EMAIL_DOMAIN and unusable passwords; the fixed
demo logins (`maak_demo_accounts`) have DEMO_WACHTWOORD. The data is synthetic: names come from
Faker and hand-made lists, BSNs and IBANs are random numbers that pass the checks. Never load it
into a production database.
"""

from __future__ import annotations

import random
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as dtime
from itertools import accumulate, pairwise
from zoneinfo import ZoneInfo

from django.contrib.auth.password_validation import validate_password
from django.db import IntegrityError, connections, router, transaction
from django.db.models import Count, Q
from django.utils import timezone
from faker import Faker

from bijstand.accounts.models import Rol, Team, User
from bijstand.core import crypto
from bijstand.core.kopie import RijSchrijver

from .models import (
    ACTIEVE_STATUSSEN,
    Beeindigingsreden,
    Doelgroep,
    Dossier,
    DossierStatus,
    Huishouden,
    HuishoudenLid,
    Inburgering,
    Instroombron,
    JournaalRegel,
    JournaalSoort,
    Kanaal,
    Leefvorm,
    Overdracht,
    Richting,
    Route,
    StatusWijziging,
    Taalniveau,
    Werkzoekende,
    Wijk,
    Zichtbaarheid,
)

DEMO_EMAIL_DOMAIN = "demo.werkeninkomen.example"
DEMO_WACHTWOORD = "Demo-wachtwoord-2026"
DEMO_TEAM = "Team Feijenoord"
BATCH = 2000
PERSONEN_PER_BLOK = 2500
GEMIDDELDE_CASELOAD = 100  # active dossiers per werkconsulent (range 60-150)
CASELOAD_PER_INKOMENSCONSULENT = 280
HISTORY_REDEN = "Gegenereerde demodata"

AMS = ZoneInfo("Europe/Amsterdam")

# --- fixed demo logins ----------------------------------------------------------------------


@dataclass(frozen=True)
class DemoAccount:
    username: str
    rol: str
    first_name: str
    last_name: str
    omschrijving: str


DEMO_ACCOUNTS = [
    DemoAccount("werkcoach", Rol.WERKCONSULENT, "Sanne", "de Wit", "werkcoach met een caseload"),
    DemoAccount("inkomens", Rol.INKOMENSCONSULENT, "Mehmet", "Kaya", "inkomensconsulent"),
    DemoAccount("teamleider", Rol.TEAMLEIDER, "Ingrid", "Bakker", "teamleider van " + DEMO_TEAM),
    DemoAccount("beheer", Rol.BEHEERDER, "Pieter", "Jansen", "functioneel beheerder"),
    DemoAccount("privacy", Rol.PRIVACY, "Noor", "Visser", "privacy officer"),
    DemoAccount(
        "betaalrun", Rol.BETAALRUN, "Ruud", "van Dam", "medewerker betaalruns (SEPA-bestand)"
    ),
]


@dataclass(frozen=True)
class DemoBurger:
    bsn: str
    voornamen: str
    tussenvoegsel: str
    achternaam: str
    leeftijd: int
    wijk: str
    omschrijving: str


# Valid test BSNs (11-proef), documented in demo_logins and the README. 111222333 and 123456782
# are the domain file's test vectors; the 99999xxxx numbers are in the range used for testing.
DEMO_BURGERS = [
    DemoBurger(
        "111222333",
        "Fatima",
        "",
        "El Idrissi",
        34,
        "Afrikaanderwijk",
        "alleenstaande ouder, twee kinderen; lopend dossier met berichten",
    ),
    DemoBurger(
        "123456782",
        "Johannes Cornelis",
        "de",
        "Vries",
        58,
        "Tarwewijk",
        "alleenstaand, volwassen zoon woont in (kostendeler); langer dan 5 jaar in de bijstand",
    ),
    DemoBurger(
        "999993653",
        "Emre",
        "",
        "Yılmaz",
        29,
        "Hillesluis",
        "gehuwd, partner en kind; nieuwe aanvraag",
    ),
    DemoBurger(
        "999990019",
        "Yonas",
        "",
        "Tesfay",
        31,
        "Bloemhof",
        "statushouder; eerder uitgestroomd naar werk, nu opnieuw een lopend dossier",
    ),
]

# --- Rotterdam: teams, wijk weights, postcodes ------------------------------------------------

# 12 teams by gebied (the small gebieden share a team).
TEAMS: list[tuple[str, tuple[str, ...]]] = [
    ("Team Centrum", ("Centrum",)),
    ("Team Delfshaven", ("Delfshaven",)),
    ("Team Overschie", ("Overschie",)),
    ("Team Noord", ("Noord",)),
    ("Team Hillegersberg-Schiebroek", ("Hillegersberg-Schiebroek",)),
    ("Team Kralingen-Crooswijk", ("Kralingen-Crooswijk",)),
    ("Team Prins Alexander", ("Prins Alexander",)),
    ("Team Feijenoord", ("Feijenoord",)),
    ("Team IJsselmonde", ("IJsselmonde",)),
    ("Team Charlois", ("Charlois",)),
    ("Team Hoogvliet en Pernis", ("Hoogvliet", "Pernis")),
    ("Team Rozenburg en Hoek van Holland", ("Rozenburg", "Hoek van Holland")),
]

# Approximate share of the city's bijstand population per gebied (per mille).
GEBIED_GEWICHT = {
    "Centrum": 40,
    "Delfshaven": 140,
    "Overschie": 25,
    "Noord": 75,
    "Hillegersberg-Schiebroek": 30,
    "Kralingen-Crooswijk": 75,
    "Prins Alexander": 80,
    "Feijenoord": 145,
    "IJsselmonde": 95,
    "Charlois": 145,
    "Hoogvliet": 45,
    "Pernis": 5,
    "Rozenburg": 10,
    "Hoek van Holland": 7,
}

# Relative weight of a wijk inside its gebied (default 1): dense bijstand wijken weigh more,
# wijken with few inhabitants less.
WIJK_GEWICHT = {
    "Tarwewijk": 2.2,
    "Carnisse": 1.6,
    "Oud-Charlois": 1.6,
    "Pendrecht": 1.6,
    "Zuidwijk": 1.5,
    "Afrikaanderwijk": 2.0,
    "Bloemhof": 2.0,
    "Hillesluis": 2.0,
    "Feijenoord": 1.4,
    "Spangen": 1.5,
    "Bospolder": 1.4,
    "Tussendijken": 1.4,
    "Oude Westen": 1.8,
    "Lombardijen": 1.6,
    "Beverwaard": 1.5,
    "Groot-IJsselmonde": 1.8,
    "Oude Noorden": 1.8,
    "Oud-Crooswijk": 1.5,
    "Nieuw-Crooswijk": 1.2,
    "Schieveen": 0.03,
    "Blijdorpsepolder": 0.03,
    "Zestienhoven": 0.2,
    "Heijplaat": 0.2,
    "Nieuwe Werk": 0.3,
    "Dijkzigt": 0.3,
    "Kralingseveer": 0.2,
    "Struisenburg": 0.4,
    "Terbregge": 0.3,
    "Nesselande": 0.5,
    "Molenlaankwartier": 0.3,
    "Kop van Zuid": 0.5,
    "Kop van Zuid-Entrepot": 0.8,
    "Wielewaal": 0.3,
    "Charlois Zuidrand": 0.3,
    "Zuidplein": 0.7,
    "Hillegersberg-Noord": 0.3,
    "Hillegersberg-Zuid": 0.5,
    "Witte Dorp": 0.2,
    "De Esch": 0.6,
    "Landzicht": 0.6,
}

# Four-digit postcode areas per wijk (approximate; all within 3000-3199).
WIJK_POSTCODES = {
    "Stadsdriehoek": (3011,),
    "Cool": (3012,),
    "CS-kwartier": (3013,),
    "Nieuwe Werk": (3016,),
    "Dijkzigt": (3015,),
    "Oude Westen": (3014,),
    "Delfshaven": (3024,),
    "Bospolder": (3024,),
    "Tussendijken": (3025,),
    "Spangen": (3026,),
    "Nieuwe Westen": (3021, 3022),
    "Middelland": (3014, 3021),
    "Schiemond": (3024,),
    "Witte Dorp": (3028,),
    "Oud-Mathenesse": (3028,),
    "Overschie": (3043, 3044),
    "Kleinpolder": (3042,),
    "Landzicht": (3043,),
    "Zestienhoven": (3045,),
    "Schieveen": (3046,),
    "Agniesebuurt": (3032,),
    "Bergpolder": (3038,),
    "Blijdorp": (3039,),
    "Blijdorpsepolder": (3039,),
    "Liskwartier": (3037,),
    "Oude Noorden": (3035, 3036),
    "Provenierswijk": (3033,),
    "Hillegersberg-Noord": (3054,),
    "Hillegersberg-Zuid": (3055,),
    "Kleiwegkwartier": (3051,),
    "Molenlaankwartier": (3055,),
    "Schiebroek": (3053,),
    "Terbregge": (3056,),
    "Rubroek": (3032,),
    "Nieuw-Crooswijk": (3034,),
    "Oud-Crooswijk": (3034, 3035),
    "Kralingen-West": (3061, 3062),
    "Kralingen-Oost": (3062,),
    "De Esch": (3063,),
    "Struisenburg": (3063,),
    "Het Lage Land": (3067,),
    "Kralingseveer": (3064,),
    "Nesselande": (3059,),
    "Ommoord": (3068,),
    "Oosterflank": (3066,),
    "Prinsenland": (3066,),
    "'s-Gravenland": (3065,),
    "Zevenkamp": (3069,),
    "Afrikaanderwijk": (3073,),
    "Bloemhof": (3073, 3074),
    "Feijenoord": (3071,),
    "Hillesluis": (3074,),
    "Katendrecht": (3072,),
    "Kop van Zuid": (3072,),
    "Kop van Zuid-Entrepot": (3072,),
    "Noordereiland": (3071,),
    "Vreewijk": (3074, 3075),
    "Beverwaard": (3077,),
    "Groot-IJsselmonde": (3078, 3079),
    "Lombardijen": (3076,),
    "Oud-IJsselmonde": (3077,),
    "Carnisse": (3083,),
    "Charlois Zuidrand": (3088,),
    "Heijplaat": (3089,),
    "Oud-Charlois": (3082, 3084),
    "Pendrecht": (3087,),
    "Tarwewijk": (3081, 3082),
    "Wielewaal": (3081,),
    "Zuidplein": (3083,),
    "Zuidwijk": (3086,),
    "Hoogvliet-Noord": (3191, 3192),
    "Hoogvliet-Zuid": (3193, 3194),
    "Pernis": (3195,),
    "Rozenburg": (3181, 3182),
    "Hoek van Holland": (3151,),
}

# --- names --------------------------------------------------------------------------------


def _namen(tekst: str, sep: str = " ") -> tuple[str, ...]:
    return tuple(n.strip() for n in tekst.split(sep) if n.strip())


MAROKKAANS_VOOR = _namen(
    "Mohamed Ahmed Youssef Said Karim Nordin Bilal Ilias Rachid Hamza Khalid Mustafa Fatima "
    "Khadija Nadia Samira Malika Amina Hanan Soukaina Loubna Naima Ikram Salma Yasmina"
)
MAROKKAANS_ACHTER = _namen(
    "El Idrissi|Bouzid|El Amrani|Benali|Azzouzi|Ouali|El Khatib|Boukhari|Ait Taleb|Chaoui|"
    "El Hamdaoui|Bakkali|Amrani|Ziani|El Mouden|Haddouchi|Ben Ali|Tahiri|Essaadi|Mansouri",
    "|",
)
TURKS_VOOR = _namen(
    "Mehmet Mustafa Ahmet Ali Hüseyin Emre Burak Murat Yusuf Kemal Ayşe Fatma Emine Zeynep "
    "Elif Hatice Merve Büşra Songül Derya"
)
TURKS_ACHTER = _namen(
    "Yılmaz Kaya Demir Şahin Çelik Yıldız Öztürk Aydın Arslan Doğan Kılıç Aslan Koç Kurt "
    "Özdemir Polat Erdoğan Güneş Bulut Aksoy"
)
SURINAAMS_VOOR = _namen(
    "Rishi Sunil Ravi Anand Dwight Marlon Romano Glenn Shanti Sharmila Priya Rosita Jennifer "
    "Naomi Shirley Anjali Kishan Ruben"
)
SURINAAMS_ACHTER = _namen(
    "Ramdin Kalloe Ramsaran Jagesar Bhagwandin Sital Doekhie Autar Pinas Biswane Kromodimedjo "
    "Wijngaarde Sanches Martina Brown Cijntje Rosalia Nicolaas Zimmerman Lont"
)
KAAPVERDISCH_VOOR = _namen("João José Manuel Carlos Paulo Maria Ana Rosa Joana Lucia")
KAAPVERDISCH_ACHTER = _namen("Lopes Fortes Tavares Gomes Monteiro Semedo Delgado Pires Andrade")
POOLS_VOOR = _namen("Piotr Tomasz Marek Krzysztof Paweł Anna Katarzyna Agnieszka Magdalena")
POOLS_ACHTER = _namen(
    "Kowalski Nowak Wiśniewski Wójcik Kamiński Lewandowski Zieliński Dąbrowska Mazur"
)
NIEUWKOMER_VOOR = _namen(
    "Yonas Tesfay Semhar Helen Filmon Ahmad Omar Rami Hassan Mahmoud Rania Lina Nour Hiba "
    "Zahra Abdullah Mariam Farid"
)
NIEUWKOMER_ACHTER = _namen(
    "Tesfay Haile Gebremariam Tekle Berhane Al-Hassan Al-Ahmad Haddad Khalil Sabbagh "
    "Alhamwi Hussaini Rahimi Mohammadi Ahmadi Kassem Mansour Darwish"
)

# (share, first-name pool or None for Faker, last-name pool or None for Faker, statushouder %)
ACHTERGRONDEN = [
    (52, None, None, 0.0),
    (12, MAROKKAANS_VOOR, MAROKKAANS_ACHTER, 0.0),
    (10, TURKS_VOOR, TURKS_ACHTER, 0.0),
    (10, SURINAAMS_VOOR, SURINAAMS_ACHTER, 0.0),
    (3, KAAPVERDISCH_VOOR, KAAPVERDISCH_ACHTER, 0.0),
    (5, POOLS_VOOR, POOLS_ACHTER, 0.0),
    (8, NIEUWKOMER_VOOR, NIEUWKOMER_ACHTER, 0.75),
]

# --- texts --------------------------------------------------------------------------------

BEROEPEN = (
    "orderpicker",
    "schoonmaker",
    "beveiliger",
    "kok",
    "chauffeur",
    "verzorgende IG",
    "klantenservicemedewerker",
    "magazijnmedewerker",
    "horecamedewerker",
    "kassamedewerker",
    "bouwplaatsmedewerker",
    "vrachtwagenchauffeur",
    "onderwijsassistent",
    "installatiemonteur",
    "productiemedewerker",
    "havenmedewerker",
    "groenvoorziener",
    "administratief medewerker",
)
ACTIES = (
    "volgende afspraak over vier weken",
    "het cv wordt voor de volgende afspraak aangepast",
    "aanmelding voor Werkloont besproken",
    "deelname aan het taalcafé in de wijk afgesproken",
    "doorverwijzing naar de schuldhulpverlening",
    "proefplaatsing van twee weken bij een werkgever afgesproken",
    "sollicitatietraining in de komende maand",
    "vrijwilligerswerk bij het buurthuis wordt uitgebreid naar twee dagdelen",
    "aanvraag kinderopvang wordt samen ingevuld",
    "intake bij een leerwerkbedrijf ingepland",
    "afspraak met de jobhunter ingepland",
    "Iedereen doet mee: activiteit in de wijk gestart",
)
CONTACT_ONDERWERPEN = (
    "Voortgangsgesprek",
    "Plan van aanpak",
    "Sollicitaties",
    "Terugkoppeling werkgever",
    "Taaltraject",
    "Vrijwilligerswerk",
    "Inkomsten doorgeven",
    "Kinderopvang",
    "Heronderzoek",
    "Werkloont",
    "Iedereen doet mee",
    "Opleiding",
)
CONTACT_TEKSTEN = (
    "Gesproken over de voortgang. Zoekt werk als {beroep}; {actie}.",
    "Plan van aanpak doorgenomen en bijgesteld; {actie}.",
    "Sollicitaties van de afgelopen weken besproken (richting {beroep}); {actie}.",
    "Terugkoppeling van de werkgever ontvangen: positief over inzet en houding; {actie}.",
    "Afspraak niet nagekomen; nieuwe afspraak gemaakt. {actie_hoofd}.",
    "Telefonisch bereikt. Gaat goed met het vrijwilligerswerk; {actie}.",
    "Gesprek over mogelijkheden in de zorg of de haven; {actie}.",
    "Heronderzoek: gegevens gecontroleerd en ongewijzigd; {actie}.",
)
NOTITIES = (
    "Dossier doorgenomen ter voorbereiding op het heronderzoek.",
    "Brede intake afgerond; alle leefgebieden besproken.",
    "Overleg met het wijkteam over passende ondersteuning.",
    "Ontwikkelperspectief bijgewerkt na het laatste gesprek.",
    "Afstemming met de inkomensconsulent over de inkomstenopgaven.",
    "Werkgever in de haven zoekt mensen voor een leerwerktraject; kandidaat voorgedragen.",
)
VERTROUWELIJKE_NOTITIES = (
    "Geeft aan onder behandeling te zijn bij de GGZ. Belastbaarheid en afspraken aangepast.",
    "Problematische schulden gemeld; aanmelding bij de Kredietbank Rotterdam besproken.",
    "Verslavingsproblematiek: contact met het wijkteam over passende hulp.",
    "Justitieel verleden is relevant voor een VOG; besproken welke functies haalbaar zijn.",
    "Huiselijk geweld: veiligheid besproken, Veilig Thuis is betrokken.",
    "Medisch advies ontvangen: tijdelijk beperkt belastbaar, herbeoordeling over zes maanden.",
)
BERICHTEN_IN = (
    ("Inkomsten deze maand", "Ik heb deze maand {uren} uur gewerkt. Moet ik dat doorgeven?"),
    ("Afspraak verzetten", "Ik kan volgende week niet op de afspraak komen. Kan het later?"),
    ("Vraag over mijn uitkering", "Mijn uitkering is later dan normaal. Klopt dat?"),
    ("Loonstrook", "Hierbij mijn loonstrook van de afgelopen maand."),
    ("Sollicitatie", "Ik ben uitgenodigd voor een gesprek als {beroep}!"),
)
BERICHTEN_UIT = (
    ("Uitnodiging gesprek", "U bent uitgenodigd voor een gesprek met uw werkcoach."),
    ("Herinnering", "Wilt u uw inkomsten van deze maand nog doorgeven?"),
    ("Bevestiging afspraak", "Uw afspraak is verzet. U krijgt een nieuwe uitnodiging."),
    ("Vacature", "Ik heb een vacature als {beroep} gevonden die bij u past. Zullen we bellen?"),
)
OVERDRACHT_REDENEN = (
    "Herverdeling caseload",
    "Werkcoach vertrokken uit het team",
    "Langdurige afwezigheid van de werkcoach",
    "Verhuizing naar een andere wijk",
    "Op verzoek van de werkzoekende",
    "Specialistische begeleiding",
)
BEEINDIGING_TOELICHTING = {
    Beeindigingsreden.WERK: ("Uitstroom naar werk als {beroep}.",),
    Beeindigingsreden.VERHUIZING: (
        "Verhuisd naar Schiedam.",
        "Verhuisd naar Capelle aan den IJssel.",
        "Verhuisd naar Vlaardingen.",
        "Verhuisd naar Den Haag.",
        "Verhuisd naar Dordrecht.",
    ),
    Beeindigingsreden.OVERIG: (
        "AOW-leeftijd bereikt.",
        "Samenwonend met een partner met voldoende inkomen.",
        "Studie met studiefinanciering gestart.",
        "Detentie.",
    ),
    Beeindigingsreden.AFGEWEZEN: (
        "Vermogen boven de vermogensgrens.",
        "Geen woonadres in Rotterdam aangetoond.",
        "Inkomen van de partner boven de norm.",
    ),
    Beeindigingsreden.INGETROKKEN: (
        "Aanvrager heeft voor het besluit werk gevonden.",
        "Aanvraag op eigen verzoek ingetrokken.",
    ),
}
GEMEENTEN_VERHUIZING = ("Schiedam", "Capelle aan den IJssel", "Vlaardingen", "Den Haag")

CONTACTS_PER_JAAR = {
    Route.KANSRIJK: 4.0,
    Route.INTENSIEF: 6.0,
    Route.ONTDEKKEN: 3.5,
    Route.GEEN_ARBEID: 1.5,
    Route.ONBEPAALD: 3.0,
}

# --- identifiers --------------------------------------------------------------------------

BSN_GEWICHTEN = (9, 8, 7, 6, 5, 4, 3, 2)
BANKEN = (
    ("INGB", 30),
    ("ABNA", 25),
    ("RABO", 25),
    ("SNSB", 8),
    ("ASNB", 6),
    ("TRIO", 3),
    ("KNAB", 3),
)


def bsn_geldig(bsn: str) -> bool:
    """The 11-proef (domain file §7.5)."""
    if not bsn.isdigit() or len(bsn) != 9:
        return False
    total = sum(int(d) * w for d, w in zip(bsn, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True))
    return total != 0 and total % 11 == 0


def willekeurig_bsn(rng: random.Random) -> str:
    while True:
        n = rng.randrange(10_000_000, 100_000_000)  # 8 digits, first digit not 0
        digits = str(n)
        total = sum(int(d) * w for d, w in zip(digits, BSN_GEWICHTEN, strict=True))
        last = total % 11
        if last <= 9:
            return digits + str(last)


def nl_iban(bank: str, rekening: str) -> str:
    """An NL IBAN with correct ISO 13616 check digits for bank code + 10-digit account."""
    bban = bank + rekening
    numeriek = "".join(str(int(c, 36)) for c in bban + "NL00")
    check = 98 - int(numeriek) % 97
    return f"NL{check:02d}{bban}"


def willekeurig_iban(rng: random.Random, bank: str) -> str:
    # Old Dutch account numbers passed an 11-test (weights 10..1), except giro numbers (INGB).
    while True:
        negen = f"{rng.randrange(10_000_000, 1_000_000_000):09d}"
        if bank == "INGB":
            return nl_iban(bank, "0" + negen)
        # weights 9..1 for the last nine digits (the leading 0 weighs nothing); check digit last
        som = sum(int(c) * w for c, w in zip(negen[1:], range(9, 1, -1), strict=True))
        laatste = -som % 11
        if laatste <= 9:
            return nl_iban(bank, "0" + negen[1:] + str(laatste))


def willekeurige_postcode(rng: random.Random, cijfers: int) -> str:
    while True:
        letters = chr(65 + rng.randrange(26)) + chr(65 + rng.randrange(26))
        if letters not in ("SA", "SD", "SS"):
            return f"{cijfers} {letters}"


# --- plans --------------------------------------------------------------------------------


@dataclass
class LidPlan:
    rol: str
    naam: str
    geboortedatum: date
    student: bool = False
    commerciele_huur: bool = False
    familie: bool = False


@dataclass
class DossierPlan:
    status: str
    statuswijzigingen: list[tuple[datetime, str, str, str, str]]  # op, van, naar, reden, toel.
    route: str = Route.ONBEPAALD
    doelgroep: str = Doelgroep.ALGEMEEN
    instroombron: str = Instroombron.LOKET
    beeindigingsreden: str = ""
    startdatum: date | None = None
    einddatum: date | None = None
    # filled when coaches are assigned:
    coaches: list[tuple[datetime, int, str]] = field(default_factory=list)  # op, coach, reden
    inkomensconsulent: int | None = None
    teamleider: int | None = None

    @property
    def aanvraag(self) -> datetime:
        return self.statuswijzigingen[0][0]

    @property
    def eind(self) -> datetime | None:
        return self.statuswijzigingen[-1][0] if self.status == DossierStatus.BEEINDIGD else None


@dataclass
class PersoonPlan:
    bsn: str
    voornamen: str
    tussenvoegsel: str
    achternaam: str
    geboortedatum: date
    wijk: Wijk
    team: str
    straat: str
    huisnummer: str
    postcode: str
    email: str
    telefoon: str
    iban: str
    taalniveau: str
    statushouder: bool
    inburgering: str
    leefvorm: str
    leden: list[LidPlan]
    account: bool
    dossiers: list[DossierPlan] = field(default_factory=list)

    @property
    def naam(self) -> str:
        return " ".join(p for p in (self.voornamen, self.tussenvoegsel, self.achternaam) if p)


def _splits_achternaam(volledig: str) -> tuple[str, str]:
    delen = volledig.split(" ")
    i = 0
    while i < len(delen) - 1 and delen[i][:1].islower():
        i += 1
    return " ".join(delen[:i]), " ".join(delen[i:])


class Generator:
    """Plans and writes a synthetic caseload. Deterministic for a given seed and database."""

    def __init__(self, *, seed: int = 2026, log: Callable[[str], None] | None = None):
        self.rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
        self.fake = Faker("nl_NL")
        self.fake.seed_instance(seed)
        self.log = log or (lambda _msg: None)
        self.nu = timezone.now().replace(microsecond=0)
        self.vandaag = timezone.localdate()
        self.wijken = list(Wijk.objects.order_by("code"))
        if not self.wijken:
            raise RuntimeError("Geen wijken gevonden: draai eerst `manage.py migrate`.")
        self.wijk_op_naam = {w.naam: w for w in self.wijken}
        gebied_totaal = Counter()
        for w in self.wijken:
            gebied_totaal[w.gebied] += WIJK_GEWICHT.get(w.naam, 1.0)
        gewichten = [
            GEBIED_GEWICHT.get(w.gebied, 10)
            * WIJK_GEWICHT.get(w.naam, 1.0)
            / gebied_totaal[w.gebied]
            for w in self.wijken
        ]
        self.wijk_cum = list(accumulate(gewichten))
        self.team_van_gebied = {g: naam for naam, gebieden in TEAMS for g in gebieden}
        self._pools()
        self.bestaande_hashes: set[str] = set(
            Werkzoekende.objects.values_list("bsn_hash", flat=True)
        )
        self.gereserveerd = {b.bsn for b in DEMO_BURGERS}
        self.gebruikte_bsns: set[str] = set()
        self.naam_van: dict[int, str] = {}
        self.team_coaches: dict[str, tuple[list[int], list[float]]] = {}
        self.team_ics: dict[str, list[int]] = {}
        self.team_leider: dict[str, int] = {}
        self.alle_coaches: list[int] = []
        self.stats: Counter = Counter()
        self.schrijver = RijSchrijver(
            using=router.db_for_write(Dossier), history_reden=HISTORY_REDEN
        )
        self._accounts: dict[str, int] | None = None
        self.status_label = {k: str(v) for k, v in DossierStatus.choices}
        self.reden_label = {k: str(v) for k, v in Beeindigingsreden.choices}

    # ---- pools ----

    def _pools(self) -> None:
        f = self.fake
        self.voornamen_m = sorted({f.first_name_male() for _ in range(600)})
        self.voornamen_v = sorted({f.first_name_female() for _ in range(600)})
        self.achternamen = sorted({f.last_name() for _ in range(1500)})
        self.straten = sorted({f.street_name() for _ in range(1200)})
        self.achtergrond_cum = list(accumulate(a[0] for a in ACHTERGRONDEN))
        self.bank_cum = list(accumulate(b[1] for b in BANKEN))

    def _kies(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def _naam(self, achtergrond_idx: int, vrouw: bool) -> tuple[str, str, str]:
        _share, voor, achter, _sh = ACHTERGRONDEN[achtergrond_idx]
        if voor is None:
            voornaam = self._kies(self.voornamen_v if vrouw else self.voornamen_m)
            tussen, achternaam = _splits_achternaam(self._kies(self.achternamen))
        else:
            voornaam = self._kies(voor)
            tussen, achternaam = "", self._kies(achter)
        return voornaam, tussen, achternaam

    # ---- dates ----

    def moment(self, d: date, *, niet_na: datetime | None = None) -> datetime:
        """A working-hours moment on (or just before) day d, never in the future."""
        wd = d.weekday()
        if wd >= 5:
            d -= timedelta(days=wd - 4)
        minuten = 8 * 60 + 30 + self.rng.randrange(8 * 60 + 30)
        dt = datetime.combine(d, dtime(minuten // 60, minuten % 60, self.rng.randrange(60)), AMS)
        grens = niet_na or self.nu
        return min(dt, grens - timedelta(minutes=1 + self.rng.randrange(60)))

    def _jaren_terug(self, jaren: float) -> date:
        return self.vandaag - timedelta(days=int(jaren * 365.25))

    # ---- planning ----

    def plan_persoon(
        self, *, wijk: Wijk | None = None, leeftijd: float | None = None
    ) -> PersoonPlan:
        rng = self.rng
        if wijk is None:
            wijk = self.wijken[
                min(len(self.wijken) - 1, _bisect(self.wijk_cum, rng.random() * self.wijk_cum[-1]))
            ]
        achtergrond = _bisect(self.achtergrond_cum, rng.random() * self.achtergrond_cum[-1])
        statushouder = rng.random() < ACHTERGRONDEN[achtergrond][3]
        vrouw = rng.random() < 0.55
        voornaam, tussen, achternaam = self._naam(achtergrond, vrouw)
        if leeftijd is None:
            leeftijd = _kies_bucket(
                rng,
                [(2, 18, 21), (8, 21, 27), (14, 27, 35), (20, 35, 45), (26, 45, 55), (30, 55, 67)],
            )
        if statushouder:
            leeftijd = min(leeftijd, 18 + rng.random() * 30)
        geboortedatum = self.vandaag - timedelta(days=int(leeftijd * 365.25))
        while True:
            bsn = willekeurig_bsn(rng)
            if bsn not in self.gebruikte_bsns and bsn not in self.gereserveerd:
                h = crypto.bsn_hash(bsn)
                if h not in self.bestaande_hashes:
                    break
        self.gebruikte_bsns.add(bsn)
        cijfers = self._kies(WIJK_POSTCODES.get(wijk.naam, (3000 + rng.randrange(200),)))
        huisnummer = str(1 + int(rng.expovariate(1 / 60)))
        r = rng.random()
        if r < 0.15:
            huisnummer += self._kies("ABCD")
        elif r < 0.30:
            huisnummer += f"-{rng.randrange(1, 5)}"
        bank = BANKEN[_bisect(self.bank_cum, rng.random() * self.bank_cum[-1])][0]
        email = ""
        if rng.random() < 0.7:
            lokaal = f"{voornaam}.{achternaam}".lower().replace(" ", "").replace("'", "")
            lokaal = "".join(c for c in lokaal if c.isascii() and (c.isalnum() or c == "."))
            domein = self._kies(("example.com", "example.net", "example.org"))
            email = f"{lokaal or 'post'}{rng.randrange(1, 999)}@{domein}"
        if statushouder:
            taal = _kies_gewogen(
                rng,
                [
                    (Taalniveau.ONDER_1F, 45),
                    (Taalniveau.NIVEAU_1F, 35),
                    (Taalniveau.NIVEAU_2F, 15),
                    (Taalniveau.ONBEKEND, 5),
                ],
            )
            inburgering = _kies_gewogen(
                rng,
                [
                    (Inburgering.INBURGERINGSPLICHTIG, 60),
                    (Inburgering.VOLDAAN, 30),
                    (Inburgering.ONTHEFFING, 10),
                ],
            )
        else:
            taal = _kies_gewogen(
                rng,
                [
                    (Taalniveau.ONBEKEND, 20),
                    (Taalniveau.ONDER_1F, 10),
                    (Taalniveau.NIVEAU_1F, 20),
                    (Taalniveau.NIVEAU_2F, 33),
                    (Taalniveau.HOGER, 17),
                ],
            )
            inburgering = _kies_gewogen(
                rng, [(Inburgering.NVT, 90), (Inburgering.VOLDAAN, 7), (Inburgering.ONTHEFFING, 3)]
            )
        persoon = PersoonPlan(
            bsn=bsn,
            voornamen=voornaam,
            tussenvoegsel=tussen,
            achternaam=achternaam,
            geboortedatum=geboortedatum,
            wijk=wijk,
            team=self.team_van_gebied.get(wijk.gebied, TEAMS[0][0]),
            straat=self._kies(self.straten),
            huisnummer=huisnummer,
            postcode=willekeurige_postcode(rng, cijfers),
            email=email,
            telefoon=f"06{rng.randrange(10_000_000, 100_000_000)}",
            iban=willekeurig_iban(rng, bank),
            taalniveau=taal,
            statushouder=statushouder,
            inburgering=inburgering,
            leefvorm=Leefvorm.ALLEENSTAAND,
            leden=[],
            account=rng.random() < 0.45,
        )
        self._plan_huishouden(persoon, leeftijd, achtergrond)
        return persoon

    def _geboren(self, leeftijd: float) -> date:
        return self.vandaag - timedelta(days=int(leeftijd * 365.25))

    def _plan_huishouden(self, p: PersoonPlan, leeftijd: float, achtergrond: int) -> None:
        rng = self.rng
        r = rng.random()
        if leeftijd < 21:
            leefvorm = Leefvorm.ALLEENSTAAND if r < 0.9 else Leefvorm.ALLEENSTAANDE_OUDER
        else:
            leefvorm = (
                Leefvorm.ALLEENSTAAND
                if r < 0.60
                else Leefvorm.ALLEENSTAANDE_OUDER
                if r < 0.80
                else Leefvorm.GEHUWD
            )
        p.leefvorm = leefvorm

        def kinderen(n: int) -> None:
            max_leeftijd = min(17.9, leeftijd - 18)
            for _ in range(n):
                if max_leeftijd <= 0:
                    return
                voor, _t, _a = self._naam(achtergrond, rng.random() < 0.5)
                p.leden.append(
                    LidPlan(
                        HuishoudenLid.Rol.KIND,
                        f"{voor} {p.tussenvoegsel} {p.achternaam}".replace("  ", " "),
                        self._geboren(rng.random() * max_leeftijd),
                    )
                )

        if leefvorm == Leefvorm.GEHUWD:
            voor, tussen, achter = self._naam(achtergrond, rng.random() < 0.8)
            partner_leeftijd = max(18.5, min(80, leeftijd + rng.gauss(0, 4)))
            p.leden.append(
                LidPlan(
                    HuishoudenLid.Rol.PARTNER,
                    " ".join(x for x in (voor, tussen, achter) if x),
                    self._geboren(partner_leeftijd),
                )
            )
            kinderen(_kies_gewogen(rng, [(0, 35), (1, 25), (2, 25), (3, 15)]))
            if rng.random() < 0.05 and leeftijd < 55:
                self._medebewoner(p, "ouder", leeftijd, achtergrond)
        elif leefvorm == Leefvorm.ALLEENSTAANDE_OUDER:
            kinderen(_kies_gewogen(rng, [(1, 45), (2, 35), (3, 15), (4, 5)]))
            if not p.leden:
                p.leefvorm = Leefvorm.ALLEENSTAAND
            if rng.random() < 0.10 and leeftijd >= 40:
                self._medebewoner(p, "kind", leeftijd, achtergrond)
        elif rng.random() < 0.18:
            soort = _kies_gewogen(
                rng,
                [
                    ("kind", 35),
                    ("ouder", 15),
                    ("broer_zus", 15),
                    ("huisgenoot", 20),
                    ("onderhuurder", 15),
                ],
            )
            self._medebewoner(p, soort, leeftijd, achtergrond)

    def _medebewoner(self, p: PersoonPlan, soort: str, leeftijd: float, achtergrond: int) -> None:
        """A medebewoner with the facts the kostendelersnorm needs (art. 19a)."""
        rng = self.rng
        student = huur = False
        if soort == "kind":
            if leeftijd < 38:
                soort = "broer_zus"
            else:
                lid_leeftijd = min(leeftijd - 18, 18 + rng.random() * 20)
                student = lid_leeftijd < 27 and rng.random() < 0.4
        if soort == "ouder":
            lid_leeftijd = min(95.0, leeftijd + 20 + rng.random() * 15)
        elif soort == "broer_zus":
            lid_leeftijd = max(18.5, leeftijd + rng.gauss(0, 5))
        elif soort in ("huisgenoot", "onderhuurder"):
            lid_leeftijd = 20 + rng.random() * 40
            student = lid_leeftijd < 30 and rng.random() < 0.3
            huur = soort == "onderhuurder" or rng.random() < 0.3
        elif soort != "kind":
            lid_leeftijd = 30.0
        familie = soort in ("kind", "ouder", "broer_zus")
        if familie:
            voor, _t, _a = self._naam(achtergrond, rng.random() < 0.5)
            naam = " ".join(x for x in (voor, p.tussenvoegsel, p.achternaam) if x)
        else:
            voor, tussen, achter = self._naam(achtergrond, rng.random() < 0.5)
            naam = " ".join(x for x in (voor, tussen, achter) if x)
        p.leden.append(
            LidPlan(
                HuishoudenLid.Rol.MEDEBEWONER,
                naam,
                self._geboren(lid_leeftijd),
                student=student,
                commerciele_huur=huur,
                familie=familie,
            )
        )

    def _duur_jaren(self, max_jaren: float) -> float:
        """Duration of a running benefit: about 46 % longer than five years (2018)."""
        d = _kies_bucket(self.rng, [(15, 0.05, 1), (20, 1, 3), (12, 3, 5), (53, 5, 10)])
        if d > max_jaren:
            d = self.rng.random() * max(max_jaren, 0.05)
        return d

    def plan_dossiers(self, p: PersoonPlan, patroon: str) -> None:
        rng = self.rng
        leeftijd = (self.vandaag - p.geboortedatum).days / 365.25
        max_jaren = max(0.05, leeftijd - 18.1)
        A, L, B, H = (
            DossierStatus.AANVRAAG,
            DossierStatus.LOPEND,
            DossierStatus.BEEINDIGD,
            DossierStatus.HEROPEND,
        )

        def aanvraag_voor(start: date) -> date:
            return start - timedelta(days=rng.randrange(14, 57))

        def dossier(sw: list[tuple[date, str, str, str]], start=None) -> DossierPlan:
            wijzigingen = []
            vorige: datetime | None = None
            for d, van, naar, reden in sw:
                op = self.moment(d)
                if vorige is not None and op <= vorige:
                    op = vorige + timedelta(minutes=5)
                vorige = op
                toel = ""
                if reden:
                    toel = self._kies(BEEINDIGING_TOELICHTING[reden]).format(
                        beroep=self._kies(BEROEPEN)
                    )
                wijzigingen.append((op, van, naar, reden, toel))
            status = wijzigingen[-1][2]
            plan = DossierPlan(status=status, statuswijzigingen=wijzigingen, startdatum=start)
            if status == B:
                plan.beeindigingsreden = wijzigingen[-1][3]
                plan.einddatum = wijzigingen[-1][0].astimezone(AMS).date()
            return plan

        def lopend(start: date, *, heropening: bool, nu_heropend: bool = False) -> DossierPlan:
            aanvraag = aanvraag_voor(start)
            sw = [(aanvraag, "", A, ""), (start, A, L, "")]
            if heropening or nu_heropend:
                dagen = (self.vandaag - start).days
                if nu_heropend:
                    h = self.vandaag - timedelta(days=rng.randrange(1, 43))
                else:
                    h = start + timedelta(days=int(dagen * (0.5 + 0.4 * rng.random())))
                e = start + timedelta(days=int((h - start).days * (0.3 + 0.5 * rng.random())))
                if e <= start or h <= e:
                    return dossier(sw, start)
                sw += [
                    (
                        e,
                        L,
                        B,
                        _kies_gewogen(
                            rng, [(Beeindigingsreden.WERK, 80), (Beeindigingsreden.OVERIG, 20)]
                        ),
                    ),
                    (h, B, H, ""),
                ]
                if not nu_heropend:
                    terug = h + timedelta(days=rng.randrange(7, 43))
                    sw.append((min(terug, self.vandaag), H, L, ""))
            return dossier(sw, start)

        def beeindigd(*, laatst: date, vroegst: date, reden: str | None = None) -> DossierPlan:
            reden = reden or _kies_gewogen(
                rng,
                [
                    (Beeindigingsreden.WERK, 45),
                    (Beeindigingsreden.VERHUIZING, 15),
                    (Beeindigingsreden.OVERIG, 20),
                    (Beeindigingsreden.AFGEWEZEN, 12),
                    (Beeindigingsreden.INGETROKKEN, 8),
                ],
            )
            span = max(1, (laatst - vroegst).days)
            if reden in (Beeindigingsreden.AFGEWEZEN, Beeindigingsreden.INGETROKKEN):
                aanvraag = vroegst + timedelta(days=rng.randrange(span))
                eind = min(laatst, aanvraag + timedelta(days=rng.randrange(7, 57)))
                return dossier([(aanvraag, "", A, ""), (eind, A, B, reden)])
            start = vroegst + timedelta(days=rng.randrange(span))
            duur = timedelta(days=int(365.25 * (0.25 + rng.random() * 5.75)))
            eind = min(start + duur, laatst)
            if eind <= start:
                eind = start + timedelta(days=1)
            return dossier(
                [(aanvraag_voor(start), "", A, ""), (start, A, L, ""), (eind, L, B, reden)], start
            )

        tien_jaar = max(self._jaren_terug(10), p.geboortedatum + timedelta(days=int(18.1 * 365.25)))
        if patroon == "lopend":
            start = self._jaren_terug(self._duur_jaren(max_jaren))
            p.dossiers.append(
                lopend(start, heropening=rng.random() < 0.04 and (self.vandaag - start).days > 730)
            )
        elif patroon == "heropend":
            start = self._jaren_terug(max(1.0, self._duur_jaren(max_jaren)))
            p.dossiers.append(lopend(start, heropening=False, nu_heropend=True))
        elif patroon == "aanvraag":
            aanvraag = self.vandaag - timedelta(days=rng.randrange(0, 57))
            p.dossiers.append(dossier([(aanvraag, "", A, "")]))
        elif patroon == "beeindigd":
            p.dossiers.append(beeindigd(laatst=self.vandaag - timedelta(days=1), vroegst=tien_jaar))
        elif patroon == "draaideur":
            oud = beeindigd(
                laatst=self.vandaag - timedelta(days=60),
                vroegst=min(tien_jaar, self.vandaag - timedelta(days=400)),
                reden=_kies_gewogen(
                    rng, [(Beeindigingsreden.WERK, 75), (Beeindigingsreden.OVERIG, 25)]
                ),
            )
            p.dossiers.append(oud)
            aanvraag = min(
                oud.einddatum + timedelta(days=rng.randrange(30, 366)),
                self.vandaag - timedelta(days=1),
            )
            start = aanvraag + timedelta(days=rng.randrange(14, 43))
            if start < self.vandaag and rng.random() < 0.85:
                sw = [(aanvraag, "", A, ""), (start, A, L, "")]
                p.dossiers.append(dossier(sw, start))
            else:
                p.dossiers.append(dossier([(aanvraag, "", A, "")]))
        else:  # pragma: no cover
            raise ValueError(patroon)
        for d in p.dossiers:
            self._route_en_doelgroep(p, d, leeftijd)

    def _route_en_doelgroep(self, p: PersoonPlan, d: DossierPlan, leeftijd: float) -> None:
        rng = self.rng
        jaren = ((d.eind or self.nu) - d.aanvraag).days / 365.25
        if d.startdatum is None:
            d.route = Route.ONBEPAALD
        elif jaren > 5:
            d.route = _kies_gewogen(
                rng,
                [
                    (Route.KANSRIJK, 5),
                    (Route.INTENSIEF, 15),
                    (Route.ONTDEKKEN, 25),
                    (Route.GEEN_ARBEID, 50),
                    (Route.ONBEPAALD, 5),
                ],
            )
        else:
            d.route = _kies_gewogen(
                rng,
                [
                    (Route.KANSRIJK, 25),
                    (Route.INTENSIEF, 32),
                    (Route.ONTDEKKEN, 18),
                    (Route.GEEN_ARBEID, 15),
                    (Route.ONBEPAALD, 10),
                ],
            )
        if p.statushouder:
            d.instroombron = Instroombron.STATUSHOUDER
        elif leeftijd - jaren < 19:
            d.instroombron = Instroombron.JONGERENLOKET
        elif rng.random() < 0.12:
            d.instroombron = Instroombron.WW_EINDE
        else:
            d.instroombron = Instroombron.ONLINE if rng.random() < 0.55 else Instroombron.LOKET
        if p.statushouder:
            d.doelgroep = Doelgroep.STATUSHOUDER
        elif leeftijd - jaren < 27:
            d.doelgroep = Doelgroep.JONGERE
        elif jaren > 5 and rng.random() < 0.8:
            d.doelgroep = Doelgroep.LANGDURIG
        elif d.instroombron == Instroombron.WW_EINDE:
            d.doelgroep = Doelgroep.NA_WW
        else:
            d.doelgroep = Doelgroep.ALGEMEEN

    def plan(self, aantal_dossiers: int) -> list[PersoonPlan]:
        patronen = [
            ("lopend", 80),
            ("aanvraag", 4),
            ("heropend", 2),
            ("beeindigd", 10),
            ("draaideur", 4),
        ]
        personen: list[PersoonPlan] = []
        totaal = 0
        while totaal < aantal_dossiers:
            p = self.plan_persoon()
            patroon = _kies_gewogen(self.rng, patronen)
            if patroon == "draaideur" and aantal_dossiers - totaal < 2:
                patroon = "lopend"
            self.plan_dossiers(p, patroon)
            totaal += len(p.dossiers)
            personen.append(p)
        return personen

    # ---- staff ----

    def zorg_voor_personeel(self, personen: list[PersoonPlan]) -> None:
        """Teams with werkconsulenten, inkomensconsulenten and a teamleider, sized to the load.

        Generated staff are found again by username, so a second run reuses them.
        """
        from bijstand.accounts.services import maak_medewerker

        actief_per_team = Counter(
            p.team for p in personen for d in p.dossiers if d.status in ACTIEVE_STATUSSEN
        )
        bestaand = {u.username: u for u in User.objects.filter(email__endswith=DEMO_EMAIL_DOMAIN)}
        nodig: set[str] = set()

        def medewerker(username: str, rol: str, team: Team | None) -> User:
            nodig.add(username)
            user = bestaand.get(username)
            if user is None:
                user = maak_medewerker(
                    username=username,
                    rol=rol,
                    team=team,
                    first_name=self._kies(
                        self.voornamen_v if self.rng.random() < 0.6 else self.voornamen_m
                    ),
                    last_name=self._kies(self.achternamen),
                    email=f"{username}@{DEMO_EMAIL_DOMAIN}",
                )
                bestaand[username] = user
            elif not user.is_active or user.team_id != (team.pk if team else None):
                user.is_active = True
                user.team = team
                user.save(update_fields=["is_active", "team"])
            self.naam_van[user.pk] = str(user)
            return user

        for nr, (teamnaam, _gebieden) in enumerate(TEAMS, start=1):
            team, _ = Team.objects.get_or_create(naam=teamnaam)
            actief = actief_per_team.get(teamnaam, 0)
            leider = medewerker(f"demo-tl-{nr:02d}", Rol.TEAMLEIDER, team)
            # The demo teamleider (--demo-accounts) keeps leading the demo team.
            if team.teamleider_id is None or team.teamleider.username.startswith("demo-tl-"):
                team.teamleider = leider
                team.save(update_fields=["teamleider"])
            self.team_leider[teamnaam] = team.teamleider_id
            self.naam_van.setdefault(team.teamleider_id, str(team.teamleider))
            n_wc = max(1, round(actief / GEMIDDELDE_CASELOAD))
            coaches = [
                medewerker(f"demo-wc-{nr:02d}-{i:03d}", Rol.WERKCONSULENT, team).pk
                for i in range(1, n_wc + 1)
            ]
            capaciteit = [60 + self.rng.random() * 90 for _ in coaches]
            self.team_coaches[teamnaam] = (coaches, list(accumulate(capaciteit)))
            self.alle_coaches += coaches
            n_ic = max(1, round(actief / CASELOAD_PER_INKOMENSCONSULENT))
            self.team_ics[teamnaam] = [
                medewerker(f"demo-ic-{nr:02d}-{i:03d}", Rol.INKOMENSCONSULENT, team).pk
                for i in range(1, n_ic + 1)
            ]
        medewerker("demo-beheerder", Rol.BEHEERDER, None)
        medewerker("demo-privacy", Rol.PRIVACY, None)
        # Generated staff not needed at this size are switched off (their history stays).
        overbodig = [
            u.pk
            for name, u in bestaand.items()
            if name.startswith("demo-") and name not in nodig and u.is_active
        ]
        if overbodig:
            User.objects.filter(pk__in=overbodig, caseload__isnull=True).update(is_active=False)

    def wijs_medewerkers_toe(
        self, p: PersoonPlan, *, coach: int | None = None, inkomensconsulent: int | None = None
    ) -> None:
        rng = self.rng
        coaches, cum = self.team_coaches[p.team]
        for d in p.dossiers:
            laatste = coach or coaches[_bisect(cum, rng.random() * cum[-1])]
            eind = d.eind or self.nu
            jaren = (eind - d.aanvraag).days / 365.25
            if jaren < 1:
                k = _kies_gewogen(rng, [(0, 85), (1, 13), (2, 2)])
            elif jaren < 5:
                k = _kies_gewogen(rng, [(0, 55), (1, 30), (2, 10), (3, 4), (4, 1)])
            else:
                k = _kies_gewogen(rng, [(0, 35), (1, 35), (2, 17), (3, 9), (4, 4)])
            venster = (eind - d.aanvraag).total_seconds() - 2 * 86400
            if venster <= 0:
                k = 0
            momenten = sorted(
                d.aanvraag + timedelta(days=1, seconds=int(rng.random() * venster))
                for _ in range(k)
            )
            pool = coaches if len(coaches) > 1 else self.alle_coaches
            reeks = [laatste]
            for _ in range(k):
                volgende = reeks[-1]
                kandidaten = [c for c in (self._kies(pool) for _ in range(4)) if c != volgende]
                if not kandidaten:
                    kandidaten = [c for c in self.alle_coaches if c != volgende]
                if not kandidaten:  # only one werkconsulent in the whole organisation
                    momenten = momenten[: len(reeks) - 1]
                    break
                reeks.append(kandidaten[0])
            reeks.reverse()
            d.coaches = [(d.aanvraag, reeks[0], "Eerste toewijzing")]
            for op, c in zip(momenten, reeks[1:], strict=False):
                werktijd = self.moment(op.astimezone(AMS).date(), niet_na=eind)
                if werktijd > d.aanvraag:
                    op = werktijd
                d.coaches.append((op, c, self._kies(OVERDRACHT_REDENEN)))
            d.coaches.sort(key=lambda x: x[0])
            if inkomensconsulent is not None:
                d.inkomensconsulent = inkomensconsulent
            elif d.status != DossierStatus.AANVRAAG or rng.random() < 0.5:
                d.inkomensconsulent = self._kies(self.team_ics[p.team])
            d.teamleider = self.team_leider.get(p.team)

    # ---- writing ----

    def bestaande_accounts(self, hashes: list[str]) -> dict[str, int]:
        """Burger accounts that already exist (bsn_hash -> pk); cached for a whole run."""
        if self._accounts is None:
            self.schrijver.wacht()
            gevonden = {}
            for chunk in _chunks(hashes, 5000):
                gevonden.update(
                    User.objects.filter(bsn_hash__in=chunk).values_list("bsn_hash", "pk")
                )
            return gevonden
        return {h: self._accounts[h] for h in hashes if h in self._accounts}

    def bereid_voor(self, personen: list[PersoonPlan]) -> None:
        """Before the COPY thread runs: look up existing accounts and reserve all ids."""
        hashes = [crypto.bsn_hash(p.bsn) for p in personen if p.account]
        self._accounts = self.bestaande_accounts(hashes)
        self.schrijver.reserveer_vooraf(
            {
                User: sum(1 for h in hashes if h not in self._accounts),
                Werkzoekende: len(personen),
                Huishouden: len(personen),
                HuishoudenLid: sum(len(p.leden) for p in personen),
                Dossier: sum(len(p.dossiers) for p in personen),
            }
        )

    def schrijf(self, personen: list[PersoonPlan]) -> None:
        """Insert persons, households, dossiers and their history (fast path, see RijSchrijver)."""
        rng = self.rng
        w = self.schrijver
        hashes = [crypto.bsn_hash(p.bsn) for p in personen]
        # burger accounts (DigiD): found again by the keyed BSN hash
        met_account = [(p, h) for p, h in zip(personen, hashes, strict=True) if p.account]
        account_van = self.bestaande_accounts([h for _p, h in met_account])
        nieuw = [(p, h) for p, h in met_account if h not in account_van]
        user_ids = w.ids(User, len(nieuw))
        accounts = []
        for (p, h), pk in zip(nieuw, user_ids, strict=True):
            account_van[h] = pk
            accounts.append(
                {
                    "id": pk,
                    "username": f"burger-{h[:20]}",
                    "bsn_hash": h,
                    "rol": Rol.BURGER,
                    "first_name": p.voornamen.split(" ")[0],
                    "last_name": " ".join(x for x in (p.tussenvoegsel, p.achternaam) if x),
                    "password": "!" + uuid.UUID(int=rng.getrandbits(128)).hex,  # unusable
                    "date_joined": p.dossiers[-1].aanvraag,
                }
            )
        w.schrijf(User, accounts)
        self.stats["burger_accounts"] += len(accounts)

        # persons, households, household members: one "+" history record each
        persoon_ids = w.ids(Werkzoekende, len(personen))
        hh_ids = w.ids(Huishouden, len(personen))
        lid_ids = iter(w.ids(HuishoudenLid, sum(len(p.leden) for p in personen)))
        mensen, huishoudens, leden, datums, lid_datums = [], [], [], [], []
        for p, h, pk, hh_pk in zip(personen, hashes, persoon_ids, hh_ids, strict=True):
            sinds = p.dossiers[0].aanvraag
            datums.append(sinds)
            mensen.append(
                {
                    "id": pk,
                    "publiek_id": uuid.UUID(int=rng.getrandbits(128), version=4),
                    "bsn_versleuteld": crypto.encrypt(p.bsn),
                    "bsn_hash": h,
                    "voornamen": p.voornamen,
                    "tussenvoegsel": p.tussenvoegsel,
                    "achternaam": p.achternaam,
                    "geboortedatum": p.geboortedatum,
                    "email": p.email,
                    "telefoon": p.telefoon,
                    "straat": p.straat,
                    "huisnummer": p.huisnummer,
                    "postcode": p.postcode,
                    "woonplaats": "Rotterdam",
                    "wijk_id": p.wijk.pk,
                    "iban": p.iban,
                    "taalniveau": p.taalniveau,
                    "statushouder": p.statushouder,
                    "inburgering": p.inburgering,
                    "account_id": account_van.get(h) if p.account else None,
                }
            )
            huishoudens.append({"id": hh_pk, "werkzoekende_id": pk, "leefvorm": p.leefvorm})
            for lid in p.leden:
                leden.append(
                    {
                        "id": next(lid_ids),
                        "huishouden_id": hh_pk,
                        "rol": lid.rol,
                        "naam": lid.naam,
                        "geboortedatum": lid.geboortedatum,
                        "student": lid.student,
                        "commerciele_huur": lid.commerciele_huur,
                        "familie_eerste_of_tweede_graad": lid.familie,
                    }
                )
                lid_datums.append(sinds)
        w.schrijf(Werkzoekende, mensen, history_dates=datums)
        w.schrijf(Huishouden, huishoudens, history_dates=datums)
        w.schrijf(HuishoudenLid, leden, history_dates=lid_datums)

        # dossiers with status changes, handovers and journaal
        n_dossiers = sum(len(p.dossiers) for p in personen)
        dossier_ids = iter(w.ids(Dossier, n_dossiers))
        dossiers, dossier_datums = [], []
        statussen, overdrachten, journaal = [], [], []
        for p, h, persoon_pk in zip(personen, hashes, persoon_ids, strict=True):
            burger = account_van.get(h) if p.account else None
            for d in p.dossiers:
                pk = next(dossier_ids)
                laatste = self._geschiedenis(pk, p, d, statussen, overdrachten, journaal, burger)
                dossiers.append(
                    {
                        "id": pk,
                        "werkzoekende_id": persoon_pk,
                        "status": d.status,
                        "beeindigingsreden": d.beeindigingsreden,
                        "route": d.route,
                        "doelgroep": d.doelgroep,
                        "instroombron": d.instroombron,
                        "werkcoach_id": d.coaches[-1][1],
                        "inkomensconsulent_id": d.inkomensconsulent,
                        "aanvraagdatum": d.aanvraag.astimezone(AMS).date(),
                        "startdatum": d.startdatum,
                        "einddatum": d.einddatum,
                        "laatste_contact": laatste,
                        "aangemaakt_op": d.aanvraag,
                    }
                )
                dossier_datums.append(d.aanvraag)
        w.schrijf(Dossier, dossiers, history_dates=dossier_datums)
        w.schrijf(StatusWijziging, statussen)
        w.schrijf(Overdracht, overdrachten)
        w.schrijf(JournaalRegel, journaal)
        self.stats["werkzoekenden"] += len(mensen)
        self.stats["huishoudleden"] += len(leden)
        self.stats["dossiers"] += len(dossiers)
        self.stats["statuswijzigingen"] += len(statussen)
        self.stats["overdrachten"] += len(overdrachten)
        self.stats["journaalregels"] += len(journaal)

    def _coach_op(self, d: DossierPlan, op: datetime) -> int:
        coach = d.coaches[0][1]
        for t, c, _r in d.coaches:
            if t <= op:
                coach = c
            else:
                break
        return coach

    def _geschiedenis(self, dossier_id, p, d, statussen, overdrachten, journaal, burger_id):
        """Status changes, handovers and journaal of one dossier; returns laatste_contact."""
        rng = self.rng
        label, reden_label = self.status_label, self.reden_label
        for op, van, naar, reden, toel in d.statuswijzigingen:
            coach = self._coach_op(d, op)
            beslisser = (
                d.inkomensconsulent
                if naar == DossierStatus.LOPEND or (reden == Beeindigingsreden.AFGEWEZEN)
                else coach
            )
            door = beslisser or coach
            statussen.append(
                dict(
                    dossier_id=dossier_id,
                    van=van,
                    naar=naar,
                    reden=reden,
                    toelichting=toel,
                    door_id=door,
                    op=op,
                )
            )
            if not van:
                tekst = f"Dossier geopend. Werkcoach: {self.naam_van.get(coach, coach)}."
            else:
                tekst = f"Status gewijzigd van {label[van]} naar {label[naar]}."
                if reden:
                    tekst += f" Reden: {reden_label[reden]}."
                if toel:
                    tekst += " " + toel
            journaal.append(
                dict(
                    dossier_id=dossier_id,
                    soort=JournaalSoort.STATUS,
                    tekst=tekst,
                    auteur_id=door,
                    op=op,
                )
            )
        vorige = None
        for op, coach, reden in d.coaches:
            overdrachten.append(
                dict(
                    dossier_id=dossier_id,
                    van_werkcoach_id=vorige,
                    naar_werkcoach_id=coach,
                    reden=reden,
                    door_id=d.teamleider,
                    op=op,
                )
            )
            if vorige is not None:
                journaal.append(
                    dict(
                        dossier_id=dossier_id,
                        soort=JournaalSoort.OVERDRACHT,
                        auteur_id=d.teamleider,
                        op=op,
                        tekst=(
                            f"Werkcoach overgedragen van {self.naam_van.get(vorige)} naar "
                            f"{self.naam_van.get(coach)}. Reden: {reden}"
                        ),
                    )
                )
            vorige = coach

        # contact moments, notes and messages
        begin = d.aanvraag
        eind = d.eind or self.nu
        seconden = (eind - begin).total_seconds()
        if seconden < 3600:
            return None
        jaren = seconden / (365.25 * 86400)
        recent = min(jaren, 2.0)
        rate = CONTACTS_PER_JAAR[d.route]
        verwacht = rate * recent + 1.0 * (jaren - recent)
        n = min(30, int(verwacht * (0.6 + 0.8 * rng.random())) + (1 if rng.random() < 0.9 else 0))
        if d.status == DossierStatus.BEEINDIGD:
            gat = rng.random() * min(60 * 86400, seconden)
        else:
            gat = 86400 * _kies_bucket(
                rng, [(55, 0, 42), (25, 42, 90), (12, 90, 180), (8, 180, 400)]
            )
            gat = min(gat, seconden * rng.random())
        laatste_contact = None
        recent_grens = max(begin, eind - timedelta(days=730))
        momenten = []
        if n:
            momenten.append(eind - timedelta(seconds=gat))
            r_aandeel = rate * recent / verwacht if verwacht else 1.0
            for _ in range(n - 1):
                if rng.random() < r_aandeel:
                    lo, hi = recent_grens, momenten[0]
                else:
                    lo, hi = begin, recent_grens
                span = max(0.0, (hi - lo).total_seconds())
                momenten.append(lo + timedelta(seconds=rng.random() * span))
        for op in momenten:
            op = (
                self.moment(op.astimezone(AMS).date(), niet_na=eind)
                if op > begin + timedelta(days=1)
                else op
            )
            op = max(op, begin + timedelta(minutes=10))
            if op > eind:
                continue
            kanaal = _kies_gewogen(
                rng,
                [
                    (Kanaal.TELEFOON, 35),
                    (Kanaal.BALIE, 30),
                    (Kanaal.VIDEO, 8),
                    (Kanaal.HUISBEZOEK, 7),
                    (Kanaal.EMAIL, 15),
                    (Kanaal.POST, 5),
                ],
            )
            auteur = self._coach_op(d, op)
            if d.inkomensconsulent and rng.random() < 0.1:
                auteur = d.inkomensconsulent
            tekst = self._kies(CONTACT_TEKSTEN).format(
                beroep=self._kies(BEROEPEN),
                actie=self._kies(ACTIES),
                actie_hoofd=self._kies(ACTIES).capitalize(),
            )
            journaal.append(
                dict(
                    dossier_id=dossier_id,
                    soort=JournaalSoort.CONTACT,
                    kanaal=kanaal,
                    richting=Richting.UITGAAND if rng.random() < 0.6 else Richting.INKOMEND,
                    onderwerp=self._kies(CONTACT_ONDERWERPEN),
                    tekst=tekst,
                    auteur_id=auteur,
                    op=op,
                )
            )
            laatste_contact = op if laatste_contact is None else max(laatste_contact, op)

        # notes: about one per two years; some confidential (never extern)
        for _ in range(int(jaren / 2 + rng.random())):
            op = begin + timedelta(seconds=rng.random() * seconden)
            vertrouwelijk = rng.random() < 0.15
            journaal.append(
                dict(
                    dossier_id=dossier_id,
                    soort=JournaalSoort.NOTITIE,
                    vertrouwelijk=vertrouwelijk,
                    tekst=self._kies(VERTROUWELIJKE_NOTITIES if vertrouwelijk else NOTITIES),
                    auteur_id=self._coach_op(d, op),
                    op=op,
                )
            )

        # portal messages (only people with a DigiD account), in the last three years
        if burger_id is not None:
            portaal_begin = max(begin, eind - timedelta(days=3 * 365))
            span = (eind - portaal_begin).total_seconds()
            for _ in range(_kies_gewogen(rng, [(0, 30), (1, 30), (2, 20), (3, 12), (4, 8)])):
                if span <= 0:
                    break
                op = portaal_begin + timedelta(seconds=rng.random() * span)
                inkomend = rng.random() < 0.55
                onderwerp, tekst = self._kies(BERICHTEN_IN if inkomend else BERICHTEN_UIT)
                tekst = tekst.format(uren=rng.randrange(4, 33), beroep=self._kies(BEROEPEN))
                gelezen = op + timedelta(hours=1 + rng.random() * 70)
                journaal.append(
                    dict(
                        dossier_id=dossier_id,
                        soort=JournaalSoort.BERICHT,
                        kanaal=Kanaal.PORTAAL,
                        richting=Richting.INKOMEND if inkomend else Richting.UITGAAND,
                        zichtbaarheid=Zichtbaarheid.EXTERN,
                        onderwerp=onderwerp,
                        tekst=tekst,
                        auteur_id=burger_id if inkomend else self._coach_op(d, op),
                        op=op,
                        gelezen_op=gelezen if gelezen < self.nu and rng.random() < 0.85 else None,
                    )
                )
                laatste_contact = op if laatste_contact is None else max(laatste_contact, op)
        return laatste_contact


# --- helpers ------------------------------------------------------------------------------


def _bisect(cum: list[float], x: float) -> int:
    lo, hi = 0, len(cum)
    while lo < hi:
        mid = (lo + hi) // 2
        if cum[mid] <= x:
            lo = mid + 1
        else:
            hi = mid
    return min(lo, len(cum) - 1)


def _kies_gewogen(rng: random.Random, opties: list[tuple]):
    totaal = sum(o[1] for o in opties)
    x = rng.random() * totaal
    for waarde, gewicht in opties:
        x -= gewicht
        if x < 0:
            return waarde
    return opties[-1][0]


def _kies_bucket(rng: random.Random, buckets: list[tuple[float, float, float]]) -> float:
    """Pick a bucket by weight, then a uniform value within [lo, hi)."""
    totaal = sum(b[0] for b in buckets)
    x = rng.random() * totaal
    for gewicht, lo, hi in buckets:
        x -= gewicht
        if x < 0:
            return lo + rng.random() * (hi - lo)
    return buckets[-1][2]


# --- public API ---------------------------------------------------------------------------


def demo_burger_hashes() -> list[str]:
    return [crypto.bsn_hash(b.bsn) for b in DEMO_BURGERS]


def gegenereerde_dossiers() -> Q:
    """Q on Dossier: generated (werkcoach is generated or demo staff), not the fixed burgers."""
    return Q(werkcoach__email__endswith="@" + DEMO_EMAIL_DOMAIN) & ~Q(
        werkzoekende__bsn_hash__in=demo_burger_hashes()
    )


def aantal_gegenereerde_dossiers() -> int:
    return Dossier.objects.filter(gegenereerde_dossiers()).count()


def genereer(*, dossiers: int, seed: int = 2026, log: Callable[[str], None] | None = None) -> dict:
    """Generate `dossiers` dossiers with their people, staff and history. Returns statistics."""
    log = log or (lambda _m: None)
    t0 = time.perf_counter()
    gen = Generator(seed=seed, log=log)
    personen = gen.plan(dossiers)
    log(
        f"gepland: {len(personen)} personen, {dossiers} dossiers ({time.perf_counter() - t0:.1f} s)"
    )
    with transaction.atomic():
        gen.zorg_voor_personeel(personen)
        for p in personen:
            gen.wijs_medewerkers_toe(p)
        gen.bereid_voor(personen)
        gen.schrijver.start()
        try:
            log(f"personeel: {len(gen.alle_coaches)} werkconsulenten ({_sinds(t0)})")
            for i in range(0, len(personen), PERSONEN_PER_BLOK):
                gen.schrijf(personen[i : i + PERSONEN_PER_BLOK])
                log(
                    f"  {min(i + PERSONEN_PER_BLOK, len(personen))}/{len(personen)} personen "
                    f"({_sinds(t0)})"
                )
        finally:
            gen.schrijver.stop()
        log(f"database klaar ({_sinds(t0)})")
        t_commit = time.perf_counter()
    log(f"commit: {time.perf_counter() - t_commit:.1f} s")
    stats = dict(gen.stats)
    stats["werkconsulenten"] = len(gen.alle_coaches)
    log(
        "database-tijd per tabel (s): "
        + ", ".join(f"{t}={v:.1f}" for t, v in gen.schrijver.db_tijden.most_common())
    )
    log(
        "opmaaktijd per tabel (s): "
        + ", ".join(f"{t}={v:.1f}" for t, v in gen.schrijver.tijden.most_common())
    )
    stats["seconden"] = round(time.perf_counter() - t0, 1)
    return stats


def verwijder_gegenereerde_data(*, log: Callable[[str], None] | None = None) -> dict:
    """Delete generated case data (all dossiers whose werkcoach is generated or demo staff).

    Generated staff and burger accounts that appear in the audit log are kept (log lines are
    never deleted); they are reused by the next run. Dataverwerkingen log lines are untouched.
    History-tracked rows are deleted with plain SQL: the ORM would write a "-" history record
    for each of them, and building filters over tens of thousands of ids is slow.
    """
    from bijstand.logboek.models import AuditRegel

    log = log or (lambda _m: None)
    domein = "@" + DEMO_EMAIL_DOMAIN
    gegenereerd = Dossier.objects.filter(werkcoach__email__endswith=domein)
    with transaction.atomic():
        dossier_ids = list(gegenereerd.values_list("pk", flat=True))
        persoon_ids = set(gegenereerd.values_list("werkzoekende_id", flat=True))
        # Persons who also have a dossier outside the generated set stay.
        persoon_ids -= set(
            Dossier.objects.exclude(werkcoach__email__endswith=domein)
            .filter(werkzoekende__dossiers__werkcoach__email__endswith=domein)
            .values_list("werkzoekende_id", flat=True)
        )
        account_ids = sorted(
            account
            for pk, account in Werkzoekende.objects.filter(
                dossiers__werkcoach__email__endswith=domein, account__isnull=False
            ).values_list("pk", "account_id")
            if pk in persoon_ids
        )
        persoon_ids = sorted(persoon_ids)
        # Rows of other apps that point at these dossiers or persons: through the ORM, so that
        # their own cascades and rules apply (subqueries, no id lists).
        eigen = {Dossier, Werkzoekende, Huishouden, HuishoudenLid, JournaalRegel}
        eigen |= {StatusWijziging, Overdracht}
        personen_qs = Werkzoekende.objects.filter(pk__in=gegenereerd.values("werkzoekende_id"))
        for model, qs in ((Dossier, gegenereerd), (Werkzoekende, personen_qs)):
            for rel in model._meta.related_objects:
                if rel.related_model in eigen or not rel.field.concrete:
                    continue
                rel.related_model._base_manager.filter(
                    **{f"{rel.field.name}__in": qs.values("pk")}
                ).delete()
        hh_ids = _ids_waar(Huishouden, "werkzoekende_id", persoon_ids)
        lid_ids = _ids_waar(HuishoudenLid, "huishouden_id", hh_ids)
        for model in (JournaalRegel, StatusWijziging, Overdracht):
            _verwijder_waar(model, "dossier_id", dossier_ids)
        _verwijder_waar(Dossier.history.model, "id", dossier_ids)
        _verwijder_waar(Dossier, "id", dossier_ids)
        for model, ids in (
            (HuishoudenLid, lid_ids),
            (Huishouden, hh_ids),
            (Werkzoekende, persoon_ids),
        ):
            _verwijder_waar(model.history.model, "id", ids)
            _verwijder_waar(model, "id", ids)
        # Burger accounts of deleted persons, unless they appear in the audit log.
        gelogd = set(
            AuditRegel.objects.filter(gebruiker__rol=Rol.BURGER)
            .values_list("gebruiker_id", flat=True)
            .distinct()
        )
        weg = [pk for pk in account_ids if pk not in gelogd]
        snel = connections[router.db_for_write(User)].vendor == "postgresql"
        if snel:
            # Fast path: generated burger accounts have no other rows pointing at them; the
            # foreign keys (checked now, not at the commit) refuse the delete if one does.
            try:
                with transaction.atomic():
                    with connections[router.db_for_write(User)].cursor() as c:
                        c.execute("SET CONSTRAINTS ALL IMMEDIATE")
                    _verwijder_waar(User, "id", weg)
                    with connections[router.db_for_write(User)].cursor() as c:
                        c.execute("SET CONSTRAINTS ALL DEFERRED")
            except IntegrityError:
                snel = False
                with connections[router.db_for_write(User)].cursor() as c:
                    c.execute("SET CONSTRAINTS ALL DEFERRED")
        if not snel:  # the ORM cascades (and refuses where a relation protects the account)
            for chunk in _chunks(weg, 2000):
                User.objects.filter(pk__in=chunk, rol=Rol.BURGER).delete()
    stats = {
        "dossiers": len(dossier_ids),
        "werkzoekenden": len(persoon_ids),
        "burger_accounts": len(weg),
    }
    log(f"verwijderd: {stats}")
    return stats


def _sql_in(connection, kolom: str, ids: list[int]) -> tuple[str, list]:
    if connection.vendor == "postgresql":
        return f"{connection.ops.quote_name(kolom)} = ANY(%s)", [list(ids)]
    return f"{connection.ops.quote_name(kolom)} IN ({', '.join(['%s'] * len(ids))})", list(ids)


def _ids_waar(model, kolom: str, waarden: list[int]) -> list[int]:
    conn = connections[router.db_for_write(model)]
    uit: list[int] = []
    stap = 1_000_000 if conn.vendor == "postgresql" else 500
    with conn.cursor() as c:
        for chunk in _chunks(list(waarden), stap):
            waar, params = _sql_in(conn, kolom, chunk)
            c.execute(
                f"SELECT id FROM {conn.ops.quote_name(model._meta.db_table)} WHERE {waar}",  # noqa: S608
                params,
            )
            uit += [r[0] for r in c.fetchall()]
    return uit


def _verwijder_waar(model, kolom: str, waarden: list[int]) -> None:
    conn = connections[router.db_for_write(model)]
    stap = 1_000_000 if conn.vendor == "postgresql" else 500
    with conn.cursor() as c:
        for chunk in _chunks(list(waarden), stap):
            waar, params = _sql_in(conn, kolom, chunk)
            c.execute(
                f"DELETE FROM {conn.ops.quote_name(model._meta.db_table)} WHERE {waar}",  # noqa: S608
                params,
            )


def _sinds(t0: float) -> str:
    return f"{time.perf_counter() - t0:.1f} s"


def _chunks(seq: list, n: int) -> Iterable[list]:
    for i in range(0, len(seq), n):
        yield seq[i : i + n]


# --- demo accounts ------------------------------------------------------------------------


def maak_demo_accounts(*, seed: int = 2026, log: Callable[[str], None] | None = None) -> dict:
    """Fixed demo logins for every role plus the demo burgers. Idempotent."""
    from bijstand.accounts.services import maak_medewerker, pas_rol_rechten_toe

    log = log or (lambda _m: None)
    stats = Counter()
    with transaction.atomic():
        team, _ = Team.objects.get_or_create(naam=DEMO_TEAM)
        users: dict[str, User] = {}
        for acc in DEMO_ACCOUNTS:
            user = User.objects.filter(username=acc.username).first()
            heeft_team = acc.rol in (Rol.WERKCONSULENT, Rol.INKOMENSCONSULENT, Rol.TEAMLEIDER)
            if user is None:
                validate_password(
                    DEMO_WACHTWOORD,
                    User(username=acc.username, first_name=acc.first_name, last_name=acc.last_name),
                )
                user = maak_medewerker(
                    username=acc.username,
                    rol=acc.rol,
                    team=team if heeft_team else None,
                    password=DEMO_WACHTWOORD,
                    first_name=acc.first_name,
                    last_name=acc.last_name,
                    email=f"{acc.username}@{DEMO_EMAIL_DOMAIN}",
                )
                stats["accounts"] += 1
            else:
                gewijzigd = False
                for attr, waarde in (
                    ("rol", acc.rol),
                    ("is_active", True),
                    ("team_id", team.pk if heeft_team else None),
                ):
                    if getattr(user, attr) != waarde:
                        setattr(user, attr, waarde)
                        gewijzigd = True
                if not user.has_usable_password():
                    user.set_password(DEMO_WACHTWOORD)
                    gewijzigd = True
                if gewijzigd:
                    user.save()
                    pas_rol_rechten_toe(user)
            users[acc.username] = user
        if team.teamleider_id != users["teamleider"].pk:
            team.teamleider = users["teamleider"]
            team.save(update_fields=["teamleider"])
        werkcoach, inkomens = users["werkcoach"], users["inkomens"]
        stats["overgedragen"] = _geef_demo_caseload(
            team=team, werkcoach=werkcoach, inkomens=inkomens, teamleider=users["teamleider"]
        )
        stats["demo_burgers"] = _maak_demo_burgers(
            seed=seed,
            team=team,
            werkcoach=werkcoach,
            inkomens=inkomens,
            teamleider=users["teamleider"],
        )
    log(f"demo-accounts: {dict(stats)}")
    return dict(stats)


def _geef_demo_caseload(*, team: Team, werkcoach: User, inkomens: User, teamleider: User) -> int:
    """Hand over part of the team's caseload to the demo werkcoach (recorded handovers)."""
    actief = Dossier.objects.filter(status__in=ACTIEVE_STATUSSEN)
    team_totaal = actief.filter(werkcoach__team=team).count()
    coaches = User.objects.filter(team=team, rol=Rol.WERKCONSULENT, is_active=True).count()
    doel = min(80, team_totaal // max(1, coaches))
    huidig = actief.filter(werkcoach=werkcoach).count()
    tekort = doel - huidig
    if tekort <= 0:
        return 0
    # the longest caseloads give first
    collega_ids = list(
        User.objects.filter(team=team, rol=Rol.WERKCONSULENT)
        .exclude(pk=werkcoach.pk)
        .annotate(n=Count("caseload", filter=Q(caseload__status__in=ACTIEVE_STATUSSEN)))
        .order_by("-n")
        .values_list("pk", flat=True)
    )
    kandidaten = list(
        actief.filter(werkcoach_id__in=collega_ids)
        .exclude(werkzoekende__bsn_hash__in=demo_burger_hashes())
        .select_related("werkcoach")
        .order_by("pk")
    )
    rng = random.Random(len(kandidaten))  # noqa: S311 - synthetic data
    rng.shuffle(kandidaten)
    gekozen = kandidaten[:tekort]
    nu = timezone.now()
    reden = "Herverdeling caseload: nieuwe werkcoach in het team"
    overdrachten, journaal = [], []
    for i, d in enumerate(gekozen):
        op = nu - timedelta(seconds=len(gekozen) - i)  # after every generated event
        overdrachten.append(
            Overdracht(
                dossier=d,
                van_werkcoach_id=d.werkcoach_id,
                naar_werkcoach=werkcoach,
                reden=reden,
                door=teamleider,
                op=op,
            )
        )
        journaal.append(
            JournaalRegel(
                dossier=d,
                soort=JournaalSoort.OVERDRACHT,
                auteur=teamleider,
                op=op,
                tekst=f"Werkcoach overgedragen van {d.werkcoach} naar {werkcoach}. Reden: {reden}",
            )
        )
        d.werkcoach = werkcoach
        if d.inkomensconsulent_id is not None or d.status != DossierStatus.AANVRAAG:
            d.inkomensconsulent = inkomens
        d._history_date = op
    Dossier.objects.bulk_update(gekozen, ["werkcoach", "inkomensconsulent"], batch_size=BATCH)
    Dossier.history.bulk_history_create(gekozen, update=True, default_change_reason=reden)
    Overdracht.objects.bulk_create(overdrachten, batch_size=BATCH)
    JournaalRegel.objects.bulk_create(journaal, batch_size=BATCH)
    return len(gekozen)


def _maak_demo_burgers(
    *, seed: int, team: Team, werkcoach: User, inkomens: User, teamleider: User
) -> int:
    gen = Generator(seed=seed + 1)
    gen.naam_van.update(
        {werkcoach.pk: str(werkcoach), inkomens.pk: str(inkomens), teamleider.pk: str(teamleider)}
    )
    gen.team_coaches[DEMO_TEAM] = ([werkcoach.pk], [1.0])
    gen.alle_coaches = [werkcoach.pk]
    gen.team_ics[DEMO_TEAM] = [inkomens.pk]
    gen.team_leider[DEMO_TEAM] = teamleider.pk
    nieuw = []
    for b in DEMO_BURGERS:
        h = crypto.bsn_hash(b.bsn)
        bestaand = Werkzoekende.objects.filter(bsn_hash=h).first()
        if bestaand is not None:
            if bestaand.account_id is None:
                account = User.objects.filter(bsn_hash=h).first() or _burger_account(b, h)
                Werkzoekende.objects.filter(pk=bestaand.pk).update(account=account)
            continue
        p = gen.plan_persoon(wijk=gen.wijk_op_naam.get(b.wijk), leeftijd=b.leeftijd + 0.4)
        p.bsn, p.voornamen, p.tussenvoegsel, p.achternaam = (
            b.bsn,
            b.voornamen,
            b.tussenvoegsel,
            b.achternaam,
        )
        p.team = DEMO_TEAM
        p.account = True
        p.leden = []
        p.statushouder = False
        p.inburgering = Inburgering.NVT
        v = gen.vandaag
        if b.bsn == "111222333":
            p.leefvorm = Leefvorm.ALLEENSTAANDE_OUDER
            p.leden = [
                LidPlan(HuishoudenLid.Rol.KIND, "Amina El Idrissi", v - timedelta(days=9 * 365)),
                LidPlan(HuishoudenLid.Rol.KIND, "Bilal El Idrissi", v - timedelta(days=5 * 365)),
            ]
            gen.plan_dossiers(p, "lopend")
            p.dossiers[-1].route = Route.INTENSIEF
        elif b.bsn == "123456782":
            p.leefvorm = Leefvorm.ALLEENSTAAND
            p.leden = [
                LidPlan(
                    HuishoudenLid.Rol.MEDEBEWONER,
                    "Kees de Vries",
                    v - timedelta(days=29 * 365),
                    familie=True,
                )
            ]
            p.dossiers = []
            while not p.dossiers or (v - p.dossiers[0].startdatum).days < 6 * 365:
                p.dossiers = []
                gen.plan_dossiers(p, "lopend")
            p.dossiers[-1].route = Route.GEEN_ARBEID
            p.dossiers[-1].doelgroep = Doelgroep.LANGDURIG
        elif b.bsn == "999993653":
            p.leefvorm = Leefvorm.GEHUWD
            p.leden = [
                LidPlan(HuishoudenLid.Rol.PARTNER, "Elif Yılmaz", v - timedelta(days=27 * 365)),
                LidPlan(HuishoudenLid.Rol.KIND, "Deniz Yılmaz", v - timedelta(days=2 * 365)),
            ]
            gen.plan_dossiers(p, "aanvraag")
        else:
            p.statushouder = True
            p.inburgering = Inburgering.VOLDAAN
            p.taalniveau = Taalniveau.NIVEAU_1F
            p.leefvorm = Leefvorm.ALLEENSTAAND
            gen.plan_dossiers(p, "draaideur")
            while p.dossiers[-1].status != DossierStatus.LOPEND:
                p.dossiers = []
                gen.plan_dossiers(p, "draaideur")
            for d in p.dossiers:
                d.doelgroep = Doelgroep.STATUSHOUDER
        gen.wijs_medewerkers_toe(p, coach=werkcoach.pk, inkomensconsulent=inkomens.pk)
        for d in p.dossiers:
            # one werkcoach from the start: the demo werkcoach
            d.coaches = [(d.aanvraag, werkcoach.pk, "Eerste toewijzing")]
        nieuw.append(p)
    if nieuw:
        gen.schrijf(nieuw)
    return len(nieuw)


def _burger_account(b: DemoBurger, h: str) -> User:
    user = User(
        username=f"burger-{h[:20]}",
        bsn_hash=h,
        rol=Rol.BURGER,
        first_name=b.voornamen.split(" ")[0],
        last_name=" ".join(x for x in (b.tussenvoegsel, b.achternaam) if x),
    )
    user.set_unusable_password()
    user.save()
    return user


def demo_logins_tekst() -> str:
    """The fixed demo logins and test BSNs, for `manage.py demo_logins` and `make run`."""
    regels = [
        "Demo-logins (medewerkers) op /accounts/login/ — wachtwoord voor allemaal: "
        f"{DEMO_WACHTWOORD}"
    ]
    aanwezig = set(
        User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).values_list(
            "username", flat=True
        )
    )
    for a in DEMO_ACCOUNTS:
        markering = "" if a.username in aanwezig else "  (nog niet aangemaakt)"
        regels.append(f"  {a.username:<12} {Rol(a.rol).label}: {a.omschrijving}{markering}")
    regels.append("")
    regels.append("Burgerportaal /portaal/ met de DigiD-mock — test-BSN's (elfproef geldig):")
    hashes = set(
        Werkzoekende.objects.filter(bsn_hash__in=demo_burger_hashes()).values_list(
            "bsn_hash", flat=True
        )
    )
    for b in DEMO_BURGERS:
        naam = " ".join(x for x in (b.voornamen, b.tussenvoegsel, b.achternaam) if x)
        markering = "" if crypto.bsn_hash(b.bsn) in hashes else "  (nog niet aangemaakt)"
        regels.append(f"  {b.bsn}  {naam}: {b.omschrijving}{markering}")
    if not aanwezig:
        regels.append("")
        regels.append("Maak ze aan met: manage.py demo_data --dossiers 300 --demo-accounts")
    return "\n".join(regels)


# --- consistency check (tests, and after a large load) ------------------------------------


def controleer_data(dossier_qs=None) -> list[str]:
    """Check the invariants listed in the module docstring. Returns a list of problems."""
    from django.db.models import Max
    from stdnum import iban as stdnum_iban
    from stdnum.nl import postcode as stdnum_postcode

    from .models import TOEGESTANE_OVERGANGEN

    fouten: list[str] = []
    dossiers = dossier_qs if dossier_qs is not None else Dossier.objects.all()
    dossier_ids = set(dossiers.values_list("pk", flat=True))
    persoon_ids = set(dossiers.values_list("werkzoekende_id", flat=True))
    for pk, versleuteld, h, iban, postcode in Werkzoekende.objects.filter(
        pk__in=persoon_ids
    ).values_list("pk", "bsn_versleuteld", "bsn_hash", "iban", "postcode"):
        bsn = crypto.decrypt(versleuteld)
        if not bsn_geldig(bsn) or crypto.bsn_hash(bsn) != h:
            fouten.append(f"werkzoekende {pk}: BSN ongeldig of hash klopt niet")
        if iban and not stdnum_iban.is_valid(iban):
            fouten.append(f"werkzoekende {pk}: IBAN {iban} ongeldig")
        if postcode and not (
            stdnum_postcode.is_valid(postcode) and 3000 <= int(postcode[:4]) <= 3199
        ):
            fouten.append(f"werkzoekende {pk}: postcode {postcode} ongeldig")
    actief = Counter(
        Dossier.objects.filter(
            werkzoekende_id__in=persoon_ids, status__in=ACTIEVE_STATUSSEN
        ).values_list("werkzoekende_id", flat=True)
    )
    fouten += [f"werkzoekende {pk}: {n} actieve dossiers" for pk, n in actief.items() if n > 1]

    coaches = dict(
        User.objects.filter(caseload__in=dossier_ids).values_list("pk", "rol").distinct()
    )
    overdrachten = defaultdict(list)
    for d_id, van, naar, op in Overdracht.objects.filter(dossier_id__in=dossier_ids).values_list(
        "dossier_id", "van_werkcoach_id", "naar_werkcoach_id", "op"
    ):
        overdrachten[d_id].append((op, van, naar))
    statussen = defaultdict(list)
    for d_id, van, naar, reden, op in StatusWijziging.objects.filter(
        dossier_id__in=dossier_ids
    ).values_list("dossier_id", "van", "naar", "reden", "op"):
        statussen[d_id].append((op, van, naar, reden))
    contact = dict(
        JournaalRegel.objects.filter(
            dossier_id__in=dossier_ids, soort__in=(JournaalSoort.CONTACT, JournaalSoort.BERICHT)
        )
        .values("dossier_id")
        .annotate(m=Max("op"))
        .values_list("dossier_id", "m")
    )
    for d in dossiers.values(
        "pk", "status", "beeindigingsreden", "einddatum", "werkcoach_id", "laatste_contact"
    ):
        pk = d["pk"]
        if coaches.get(d["werkcoach_id"]) != Rol.WERKCONSULENT:
            fouten.append(f"dossier {pk}: werkcoach is geen werkconsulent")
        reeks = sorted(overdrachten[pk], key=lambda x: x[0])
        if not reeks or reeks[0][1] is not None:
            fouten.append(f"dossier {pk}: geen eerste toewijzing")
        elif reeks[-1][2] != d["werkcoach_id"]:
            fouten.append(f"dossier {pk}: werkcoach is niet de laatste overdracht")
        elif any(a[2] != b[1] for a, b in pairwise(reeks)):
            fouten.append(f"dossier {pk}: overdrachten sluiten niet op elkaar aan")
        beeindigd = d["status"] == DossierStatus.BEEINDIGD
        if beeindigd != bool(d["beeindigingsreden"]) or beeindigd != bool(d["einddatum"]):
            fouten.append(f"dossier {pk}: reden/einddatum klopt niet bij de status")
        sw = sorted(statussen[pk], key=lambda x: x[0])
        if not sw or sw[0][1] != "" or sw[0][2] != DossierStatus.AANVRAAG:
            fouten.append(f"dossier {pk}: statusgeschiedenis begint niet met aanvraag")
        else:
            for a, b in pairwise(sw):
                if b[1] != a[2] or b[2] not in TOEGESTANE_OVERGANGEN[a[2]]:
                    fouten.append(f"dossier {pk}: ongeldige overgang {b[1]} -> {b[2]}")
            if sw[-1][2] != d["status"]:
                fouten.append(f"dossier {pk}: laatste statuswijziging is niet de status")
        if contact.get(pk) != d["laatste_contact"]:
            fouten.append(f"dossier {pk}: laatste_contact klopt niet met de journaal")
    return fouten
