"""The seed set of the instrumentenhuis: providers, instruments of every category, the WML.

Loaded by migration 0002 and put back after a flush (post_migrate) when the catalogue is empty;
a catalogue that exists is never touched (a functioneel beheerder may have edited it). The
instruments follow domain/perspectief-en-instrumenten.md §4; provider names other than the
municipality and UWV are placeholders for the city's own contracts. Amounts are indicative.
"""

from __future__ import annotations

from decimal import Decimal

GEMEENTE = "Gemeente Rotterdam, Werk en Inkomen"

# (naam, omschrijving, e-mail, contacts [(naam, functie, e-mail)])
AANBIEDERS = [
    (GEMEENTE, "Gemeentelijke instrumenten en werkgeversdienstverlening.",
     "werkeninkomen@example.org", [("Loket Werkgevers", "werkgeversdienstverlening",
                                    "werkgevers@example.org")]),
    ("UWV", "Uitvoeringsinstituut Werknemersverzekeringen (no-riskpolis, doelgroepregister).",
     "", []),
    ("Leerwerkbedrijf Maasstad", "Werkervaringsplaatsen en leerwerktrajecten.",
     "info@leerwerk-maasstad.example", [("Planning", "trajectbegeleiding",
                                          "planning@leerwerk-maasstad.example")]),
    ("Opleidingscentrum Rijnmond", "Korte beroepsopleidingen en certificaten.",
     "cursus@ocrijnmond.example", [("Cursusadministratie", "administratie",
                                     "admin@ocrijnmond.example")]),
    ("Schoonmaakacademie Zuid", "Basiscertificaat schoonmaak met stage.",
     "info@schoonmaakacademie.example", []),
    ("Zorgopleidingen Maas en Rijn", "BBL-opleidingen in zorg en welzijn.",
     "bbl@zorgopleidingen.example", []),
    ("Taalhuis Rotterdam-Zuid", "Taaltrajecten en taal op de werkplek.",
     "taal@taalhuis-zuid.example", [("Intake taal", "intake", "intake@taalhuis-zuid.example")]),
    ("Schuldhulp Rotterdam", "Schuldhulpverlening, budgetbeheer en vroegsignalering.",
     "schuldhulp@example.org", []),
    ("Wijkteam Rotterdam", "Wijkteams voor zorg en ondersteuning thuis.",
     "wijkteam@example.org", []),
    ("GGZ Partner Rijnmond", "Behandeling en begeleiding bij psychische klachten.",
     "verwijzing@ggzpartner.example", []),
    ("Verslavingszorg Maasland", "Ambulante verslavingszorg.",
     "aanmelding@verslavingszorg.example", []),
    ("Vrijwilligerscentrale Rotterdam", "Bemiddeling naar vrijwilligerswerk (Iedereen doet mee).",
     "info@vrijwilligers.example", []),
    ("Jobcoach Rijnmond", "Externe jobcoaching op de werkplek.", "info@jobcoach.example", []),
    ("Sociaal Ontwikkelbedrijf Rotterdam", "Beschut werk en begeleid werken.",
     "info@sociaalontwikkel.example", []),
    ("Sport in de Wijk", "Bewegen en gezondheid in de wijk.", "info@sportindewijk.example", []),
]  # fmt: skip


def _i(code, naam, categorie, aanbieder, **kw) -> dict:
    return {"code": code, "naam": naam, "categorie": categorie, "aanbieder": aanbieder, **kw}


# Keyword arguments: werkgeversinstrument, omschrijving, doelgroep, minimum_leeftijd,
# trede (van, tot), leefgebieden [(code, van, tot)], beroepen [isco], certificaten [code],
# taalniveau_doel, uren, weken, grondslag, kosten, budget, capaciteit.
INSTRUMENTEN = [
    # --- werkgeversinstrumenten ------------------------------------------------------------
    _i("loonkostensubsidie", "Loonkostensubsidie", "werkgeversinstrumenten", GEMEENTE,
       werkgeversinstrument="loonkostensubsidie",
       omschrijving="Subsidie aan de werkgever: het verschil tussen het wettelijk minimumloon "
       "en de loonwaarde, na een loonwaardemeting; maximaal 70% van het WML.",
       doelgroep="Mensen die niet zelfstandig het minimumloon kunnen verdienen",
       trede=(3, 5), leefgebieden=[("werk_opleiding", 1, 3)], uren=0, weken=None,
       grondslag="art. 10d Participatiewet", kosten="12000.00", budget="7200000.00",
       capaciteit=600),
    _i("no-riskpolis", "No-riskpolis", "werkgeversinstrumenten", "UWV",
       werkgeversinstrument="no_riskpolis",
       omschrijving="Bij ziekte betaalt UWV de werkgever een ziektewetuitkering.",
       doelgroep="Werknemers uit het doelgroepregister of met een structurele beperking",
       trede=(3, 5), leefgebieden=[("werk_opleiding", 1, 3)], weken=260,
       grondslag="art. 29b Ziektewet", kosten="0.00"),
    _i("proefplaatsing", "Proefplaatsing", "werkgeversinstrumenten", GEMEENTE,
       werkgeversinstrument="proefplaatsing",
       omschrijving="Werken met behoud van uitkering, maximaal 2 maanden, met het voornemen "
       "van een contract van 6 maanden of langer.",
       doelgroep="Werkzoekenden die klaar zijn voor werk", trede=(3, 5),
       leefgebieden=[("werk_opleiding", 2, 3)], uren=32, weken=8,
       grondslag="art. 9 en 10 Participatiewet; beleidsregels re-integratie", kosten="0.00",
       capaciteit=800),
    _i("jobcoaching", "Jobcoaching", "werkgeversinstrumenten", "Jobcoach Rijnmond",
       werkgeversinstrument="jobcoaching",
       omschrijving="Begeleiding op de werkplek door een externe jobcoach.",
       doelgroep="Werknemers die begeleiding nodig hebben om het werk vol te houden",
       trede=(4, 5), leefgebieden=[("werk_opleiding", 1, 3), ("instrumentele_adl", 2, 3)],
       uren=2, weken=52, grondslag="art. 10da Participatiewet", kosten="3500.00",
       budget="700000.00", capaciteit=200),
    _i("werkplekvoorziening", "Werkplekvoorziening", "werkgeversinstrumenten", GEMEENTE,
       werkgeversinstrument="werkplekvoorziening",
       omschrijving="Aanpassing van de werkplek of hulpmiddelen.",
       doelgroep="Werknemers met een lichamelijke beperking", trede=(4, 5),
       leefgebieden=[("werk_opleiding", 1, 3)], grondslag="art. 10 Participatiewet",
       kosten="2500.00", budget="150000.00"),
    # --- werkplekken met behoud van uitkering ----------------------------------------------
    _i("werkervaringsplaats", "Werkervaringsplaats", "werkplekken", "Leerwerkbedrijf Maasstad",
       omschrijving="Werkervaring opdoen met behoud van uitkering, met begeleiding.",
       doelgroep="Werkzoekenden met weinig of verouderde werkervaring", trede=(2, 4),
       leefgebieden=[("werk_opleiding", 1, 3), ("tijdsbesteding", 1, 3)],
       beroepen=["4321", "9329", "9412"], uren=32, weken=26,
       grondslag="art. 9 en 10 Participatiewet", kosten="1500.00", budget="450000.00",
       capaciteit=300),
    _i("participatieplaats", "Participatieplaats", "werkplekken", GEMEENTE,
       omschrijving="Onbeloonde additionele werkzaamheden met behoud van uitkering; in "
       "beginsel maximaal 2 jaar.",
       doelgroep="Werkzoekenden van 27 jaar en ouder met een grote afstand tot werk",
       minimum_leeftijd=27, trede=(2, 4),
       leefgebieden=[("maatschappelijke_participatie", 1, 3), ("werk_opleiding", 1, 2)],
       uren=20, weken=104, grondslag="art. 10a Participatiewet", kosten="1000.00",
       capaciteit=250),
    _i("leerwerktraject-logistiek", "Leerwerktraject logistiek", "werkplekken",
       "Leerwerkbedrijf Maasstad",
       omschrijving="Werken en leren in een magazijn, met heftruckcertificaat.",
       doelgroep="Werkzoekenden met interesse in logistiek", trede=(3, 4),
       leefgebieden=[("werk_opleiding", 1, 3)], beroepen=["4321", "8344"],
       certificaten=["heftruck"], uren=32, weken=26,
       grondslag="art. 7 en 10 Participatiewet", kosten="2800.00", budget="280000.00",
       capaciteit=100),
    # --- beschut / begeleid werk -----------------------------------------------------------
    _i("beschut-werk", "Beschut werk", "beschut_begeleid", "Sociaal Ontwikkelbedrijf Rotterdam",
       omschrijving="Dienstbetrekking onder aangepaste omstandigheden, na advies van UWV.",
       doelgroep="Mensen die alleen in een beschutte omgeving kunnen werken", trede=(3, 5),
       leefgebieden=[("werk_opleiding", 1, 2), ("instrumentele_adl", 1, 3)], uren=24,
       grondslag="art. 10b Participatiewet", kosten="25000.00", budget="3000000.00",
       capaciteit=120),
    _i("garantiebaan", "Garantiebaan", "beschut_begeleid", "UWV",
       omschrijving="Baan bij een werkgever binnen de banenafspraak; eerst opname in het "
       "doelgroepregister.",
       doelgroep="Mensen in het doelgroepregister banenafspraak", trede=(4, 5),
       leefgebieden=[("werk_opleiding", 1, 3)], uren=25,
       grondslag="Wet banenafspraak en quotum arbeidsbeperkten; doelgroepregister UWV",
       kosten="0.00"),
    # --- scholing --------------------------------------------------------------------------
    _i("vca-basis", "VCA Basisveiligheid", "scholing", "Opleidingscentrum Rijnmond",
       omschrijving="Tweedaagse cursus met examen VCA.", doelgroep="Bouw, industrie, techniek",
       trede=(2, 5), beroepen=["9313", "9321"], certificaten=["vca"], uren=16, weken=2,
       grondslag="art. 7 Participatiewet (scholing)", kosten="350.00", budget="175000.00",
       capaciteit=500),
    _i("bhv", "BHV-cursus", "scholing", "Opleidingscentrum Rijnmond",
       omschrijving="Bedrijfshulpverlening basis.", trede=(3, 5), certificaten=["bhv"], uren=8,
       weken=1, grondslag="art. 7 Participatiewet (scholing)", kosten="250.00",
       budget="50000.00", capaciteit=200),
    _i("basiscertificaat-schoonmaak", "Basiscertificaat schoonmaak", "scholing",
       "Schoonmaakacademie Zuid",
       omschrijving="Opleiding Basis Schoonmaak met praktijkexamen.", trede=(2, 5),
       beroepen=["9112"], certificaten=["schoonmaak"], uren=12, weken=6,
       grondslag="art. 7 Participatiewet (scholing)", kosten="450.00", budget="90000.00",
       capaciteit=200),
    _i("heftruckcertificaat", "Heftruckcertificaat", "scholing", "Opleidingscentrum Rijnmond",
       omschrijving="Theorie en praktijk heftruck, met examen.", trede=(3, 5),
       beroepen=["8344", "4321"], certificaten=["heftruck"], uren=16, weken=1,
       grondslag="art. 7 Participatiewet (scholing)", kosten="495.00", budget="99000.00",
       capaciteit=200),
    _i("code-95", "Code 95 vakbekwaamheid", "scholing", "Opleidingscentrum Rijnmond",
       omschrijving="Nascholing en examen code 95 voor vrachtwagenchauffeurs.", trede=(3, 5),
       beroepen=["8332"], certificaten=["code95"], uren=16, weken=5,
       grondslag="art. 7 Participatiewet (scholing)", kosten="1250.00", budget="62500.00",
       capaciteit=50),
    _i("haccp", "Hygiënecode en HACCP", "scholing", "Opleidingscentrum Rijnmond",
       omschrijving="Cursus hygiëne in de keuken.", trede=(2, 5), beroepen=["5120", "9412"],
       certificaten=["haccp"], uren=8, weken=1,
       grondslag="art. 7 Participatiewet (scholing)", kosten="195.00", budget="39000.00",
       capaciteit=200),
    _i("verkeersregelaar", "Opleiding verkeersregelaar", "scholing",
       "Opleidingscentrum Rijnmond",
       omschrijving="E-learning en praktijkexamen verkeersregelaar.", trede=(3, 5),
       beroepen=["5419"], certificaten=["verkeersregelaar"], uren=8, weken=1,
       grondslag="art. 7 Participatiewet (scholing)", kosten="150.00", budget="30000.00",
       capaciteit=200),
    _i("beveiliger-2", "Opleiding Beveiliger 2", "scholing", "Opleidingscentrum Rijnmond",
       omschrijving="Mbo-2 opleiding beveiliger met stage.", trede=(3, 5), beroepen=["5414"],
       certificaten=["beveiliging2"], taalniveau_doel="", uren=16, weken=20,
       grondslag="art. 7 Participatiewet (scholing)", kosten="1950.00", budget="97500.00",
       capaciteit=50),
    _i("bbl-helpende-zorg", "BBL Helpende zorg en welzijn", "scholing",
       "Zorgopleidingen Maas en Rijn",
       omschrijving="Leren en werken in de zorg, mbo-niveau 2.", trede=(3, 5),
       beroepen=["5322"], certificaten=["helpende_zw"], uren=32, weken=52,
       grondslag="art. 7 Participatiewet; BBL", kosten="3200.00", budget="160000.00",
       capaciteit=50),
    _i("scholingsvoucher", "Scholingsvoucher om- en bijscholing", "scholing", GEMEENTE,
       omschrijving="Budget voor een erkende opleiding richting een kansrijk beroep.",
       trede=(3, 5), leefgebieden=[("werk_opleiding", 2, 3)], uren=8, weken=52,
       grondslag="art. 7 Participatiewet (scholing)", kosten="2500.00", budget="250000.00",
       capaciteit=100),
    # --- taal ------------------------------------------------------------------------------
    _i("taaltraject-1f", "Taaltraject naar 1F", "taal", "Taalhuis Rotterdam-Zuid",
       omschrijving="Nederlands leren tot niveau 1F (taaleis).",
       doelgroep="Bijstandsgerechtigden die niet aan de taaleis voldoen", trede=(1, 4),
       taalniveau_doel="1f", uren=6, weken=40,
       grondslag="art. 18b Participatiewet (taaleis)", kosten="1800.00", budget="540000.00",
       capaciteit=300),
    _i("taal-op-de-werkplek", "Taal op de werkplek", "taal", "Taalhuis Rotterdam-Zuid",
       omschrijving="Beroepsgericht Nederlands naast werk of werkervaring.", trede=(3, 5),
       taalniveau_doel="2f", uren=4, weken=20,
       grondslag="art. 7 Participatiewet", kosten="900.00", budget="90000.00", capaciteit=100),
    # --- schulden en bestaanszekerheid -----------------------------------------------------
    _i("schuldhulpverlening", "Schuldhulpverlening", "schulden", "Schuldhulp Rotterdam",
       omschrijving="Eerste gesprek binnen 4 weken, binnen 3 werkdagen bij dreigende "
       "huisuitzetting of afsluiting.",
       leefgebieden=[("financien", 1, 3)], uren=1, weken=156,
       grondslag="Wet gemeentelijke schuldhulpverlening", kosten="0.00"),
    _i("budgetbeheer", "Budgetbeheer", "schulden", "Schuldhulp Rotterdam",
       omschrijving="Inkomsten en vaste lasten worden voor u beheerd.",
       leefgebieden=[("financien", 1, 2)], uren=0, weken=52,
       grondslag="Wet gemeentelijke schuldhulpverlening", kosten="600.00"),
    _i("vroegsignalering", "Vroegsignalering betalingsachterstanden", "schulden",
       "Schuldhulp Rotterdam",
       omschrijving="Huisbezoek na een signaal over huur- of energieachterstand.",
       leefgebieden=[("financien", 2, 3), ("huisvesting", 2, 3)], uren=0, weken=8,
       grondslag="art. 3a Wet gemeentelijke schuldhulpverlening", kosten="0.00"),
    # --- zorg en gezondheid ----------------------------------------------------------------
    _i("wijkteam", "Verwijzing naar het wijkteam", "zorg", "Wijkteam Rotterdam",
       omschrijving="Ondersteuning thuis bij huishouden, opvoeding en zelfzorg.",
       leefgebieden=[("huiselijke_relaties", 1, 3), ("instrumentele_adl", 1, 3),
                     ("basale_adl", 1, 2)], uren=2, weken=26,
       grondslag="Wet maatschappelijke ondersteuning 2015", kosten="0.00"),
    _i("ggz-traject", "GGZ-traject", "zorg", "GGZ Partner Rijnmond",
       omschrijving="Behandeling bij psychische klachten, naast activering.",
       leefgebieden=[("geestelijke_gezondheid", 1, 3)], uren=2, weken=26,
       grondslag="Zorgverzekeringswet (verwijzing)", kosten="0.00"),
    _i("verslavingszorg", "Verslavingszorg", "zorg", "Verslavingszorg Maasland",
       omschrijving="Ambulante behandeling bij verslaving.",
       leefgebieden=[("middelengebruik", 1, 3)], uren=2, weken=26,
       grondslag="Zorgverzekeringswet / Wmo 2015", kosten="0.00"),
    _i("bewegen-naar-werk", "Bewegen naar werk", "zorg", "Sport in de Wijk",
       omschrijving="Begeleid bewegen om fitter aan het werk te gaan.",
       leefgebieden=[("lichamelijke_gezondheid", 2, 4)], uren=3, weken=12,
       grondslag="art. 7 Participatiewet", kosten="300.00", budget="60000.00", capaciteit=200),
    # --- activering en participatie (Iedereen doet mee) -----------------------------------
    _i("vrijwilligerswerk", "Vrijwilligerswerk (Iedereen doet mee)", "activering",
       "Vrijwilligerscentrale Rotterdam",
       omschrijving="Bemiddeling naar vrijwilligerswerk dat past bij het perspectief.",
       trede=(1, 4),
       leefgebieden=[("maatschappelijke_participatie", 1, 3), ("tijdsbesteding", 1, 3),
                     ("sociaal_netwerk", 1, 3)], uren=12, weken=52,
       grondslag="art. 9 lid 1 onder c Participatiewet (tegenprestatie naar vermogen)",
       kosten="0.00"),
    _i("mantelzorgondersteuning", "Mantelzorgondersteuning", "activering", "Wijkteam Rotterdam",
       omschrijving="Steun en respijtzorg voor mantelzorgers.",
       leefgebieden=[("huiselijke_relaties", 2, 3), ("tijdsbesteding", 1, 3)], uren=2,
       weken=26, grondslag="Wet maatschappelijke ondersteuning 2015", kosten="0.00"),
    _i("taalcafe", "Taalcafé in de wijk", "activering", "Taalhuis Rotterdam-Zuid",
       omschrijving="Wekelijks Nederlands oefenen in een groep.", trede=(1, 3),
       leefgebieden=[("sociaal_netwerk", 1, 3)], uren=2, weken=52,
       grondslag="art. 9 lid 1 onder c Participatiewet", kosten="0.00"),
    _i("sport-in-de-wijk", "Sport en bewegen in de wijk", "activering", "Sport in de Wijk",
       omschrijving="Sporten in een groep in de eigen wijk.", trede=(1, 3),
       leefgebieden=[("tijdsbesteding", 1, 3), ("sociaal_netwerk", 1, 3)], uren=3, weken=26,
       grondslag="art. 9 lid 1 onder c Participatiewet", kosten="150.00", budget="45000.00",
       capaciteit=300),
    # --- randvoorwaarden -------------------------------------------------------------------
    _i("kinderopvang", "Kinderopvang tijdens een traject", "randvoorwaarden", GEMEENTE,
       omschrijving="Tegemoetkoming in de kosten van kinderopvang tijdens re-integratie.",
       doelgroep="Ouders met kinderen tot 12 jaar", trede=(2, 6), uren=0, weken=52,
       grondslag="Wet kinderopvang art. 1.6 (doelgroep gemeente)", kosten="2400.00",
       budget="480000.00"),
    _i("vervoer", "Vervoer en reiskosten", "randvoorwaarden", GEMEENTE,
       omschrijving="Reiskosten of een fiets om naar werk of traject te komen.",
       leefgebieden=[("instrumentele_adl", 2, 3)], uren=0, weken=26,
       grondslag="art. 10 Participatiewet", kosten="200.00", budget="60000.00"),
    _i("loonwaardemeting", "Diagnose en loonwaardemeting", "randvoorwaarden", GEMEENTE,
       omschrijving="Loonwaardemeting op de werkplek (voor loonkostensubsidie) of een "
       "arbeidsdiagnose.",
       trede=(3, 5), leefgebieden=[("werk_opleiding", 1, 3)], uren=0, weken=4,
       grondslag="art. 6 en 10d Participatiewet", kosten="750.00", budget="300000.00",
       capaciteit=400),
]  # fmt: skip

# Statutory minimum wage per hour (Rijksoverheid, minimumloonbedragen); LKS cap 70 %.
MINIMUMLONEN = [
    ("2025-01-01", "14.06"),
    ("2025-07-01", "14.40"),
    ("2026-01-01", "14.71"),
]
WML_BRON = "Rijksoverheid, bedragen wettelijk minimumloon (bruto per uur, 21 jaar en ouder)"


def zaai(apps) -> dict:
    """Create the seed set when the catalogue is empty (idempotent; migration and post_migrate).

    Returns counts of what was created.
    """
    import datetime

    Aanbieder = apps.get_model("instrumentenhuis", "Aanbieder")
    AanbiederContact = apps.get_model("instrumentenhuis", "AanbiederContact")
    Instrument = apps.get_model("instrumentenhuis", "Instrument")
    InstrumentLeefgebied = apps.get_model("instrumentenhuis", "InstrumentLeefgebied")
    Minimumloon = apps.get_model("instrumentenhuis", "Minimumloon")
    Leefgebied = apps.get_model("perspectief", "Leefgebied")
    Beroep = apps.get_model("perspectief", "Beroep")
    telling = {"aanbieders": 0, "instrumenten": 0, "minimumlonen": 0}

    if not Minimumloon.objects.exists():
        for datum, bedrag in MINIMUMLONEN:
            Minimumloon.objects.create(
                geldig_vanaf=datetime.date.fromisoformat(datum),
                per_uur=Decimal(bedrag),
                lks_maximum_pct=Decimal("70.00"),
                bron=WML_BRON,
            )
            telling["minimumlonen"] += 1
    if Instrument.objects.exists():
        return telling

    aanbieders = {}
    for naam, omschrijving, email, contacten in AANBIEDERS:
        aanbieder, nieuw = Aanbieder.objects.get_or_create(
            naam=naam, defaults={"omschrijving": omschrijving, "email": email}
        )
        aanbieders[naam] = aanbieder
        if nieuw:
            telling["aanbieders"] += 1
            for cnaam, functie, cmail in contacten:
                AanbiederContact.objects.create(
                    aanbieder=aanbieder, naam=cnaam, functie=functie, email=cmail
                )
    gebieden = {lg.code: lg for lg in Leefgebied.objects.all()}
    beroepen: dict[str, list] = {}
    for beroep in Beroep.objects.all():
        beroepen.setdefault(beroep.isco_code, []).append(beroep)
    for rij in INSTRUMENTEN:
        van, tot = rij.get("trede", (1, 6))
        instrument = Instrument.objects.create(
            code=rij["code"],
            naam=rij["naam"],
            categorie=rij["categorie"],
            werkgeversinstrument=rij.get("werkgeversinstrument", ""),
            aanbieder=aanbieders[rij["aanbieder"]],
            omschrijving=rij.get("omschrijving", ""),
            doelgroep=rij.get("doelgroep", ""),
            minimum_leeftijd=rij.get("minimum_leeftijd"),
            trede_van=van,
            trede_tot=tot,
            certificaten=rij.get("certificaten", []),
            taalniveau_doel=rij.get("taalniveau_doel", ""),
            uren_per_week=rij.get("uren", 0),
            max_duur_weken=rij.get("weken"),
            wettelijke_grondslag=rij.get("grondslag", ""),
            kosten_per_deelnemer=Decimal(rij.get("kosten", "0.00")),
            jaarbudget=Decimal(rij["budget"]) if rij.get("budget") else None,
            capaciteit_per_jaar=rij.get("capaciteit"),
        )
        telling["instrumenten"] += 1
        for code, nvan, ntot in rij.get("leefgebieden", []):
            if code in gebieden:
                InstrumentLeefgebied.objects.create(
                    instrument=instrument,
                    leefgebied=gebieden[code],
                    niveau_van=nvan,
                    niveau_tot=ntot,
                )
        gekoppeld = [b for isco in rij.get("beroepen", []) for b in beroepen.get(isco, [])]
        if gekoppeld:
            instrument.beroepen.set(gekoppeld)
    return telling
