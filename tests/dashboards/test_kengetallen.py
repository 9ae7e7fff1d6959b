"""Every figure of the snapshot against a small hand-built history with known answers.

Peildatum 15 June 2026. People (dossiers of werkcoach w1 in team 1, w2 in team 2):

- A: aanvraag 20-12-2025, lopend 10-01-2026 (online, kansrijk, wijk 1, born 1999)
- B: lopend 01-03-2020, beëindigd (werk) 15-02-2026 (born 1970)
- C: aanvraag 01-02-2026, lopend 05-03-2026 (jongerenloket, kansrijk, wijk 2, born 2006)
- D: lopend 01-01-2019, beëindigd (overig) 20-01-2026, heropend 10-03-2026, lopend 20-03-2026
- E: aanvraag 01-01-2026, afgewezen 15-03-2026
- P1..P6: exits in March 2024 for the 12-month return rule (see ``terugkeer``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Sum

from bijstand.accounts.models import Rol
from bijstand.dashboards.models import Kengetal, Peildag
from bijstand.dashboards.services import bouw_snapshot
from bijstand.dossiers.models import Overdracht
from inkomen.models import Boeking, Inkomstenopgave
from perspectief.models import Leefgebied, LeefgebiedScore, Meting
from tests.dashboards.factories import dossier_met_historie, moment
from tests.factories import TeamFactory, UserFactory, WerkzoekendeFactory, WijkFactory

pytestmark = pytest.mark.django_db

PEIL = date(2026, 6, 15)


def cijfer(peildag, figuur, periode, categorie=None, *, soort="m", niveau="", sub=None, **dims):
    qs = Kengetal.objects.filter(
        peildag=peildag, figuur=figuur, niveau=niveau, periode_soort=soort, periode=periode, **dims
    )
    if categorie is not None:
        qs = qs.filter(categorie=categorie)
    if sub is not None:
        qs = qs.filter(subcategorie=sub)
    r = qs.aggregate(p=Sum("personen"), a=Sum("aantal"), s=Sum("som"))
    return (r["p"] or 0, r["a"] or 0, r["s"])


@pytest.fixture
def wereld(db):
    team1, team2 = TeamFactory(), TeamFactory()
    w1 = UserFactory(rol=Rol.WERKCONSULENT, team=team1)
    w2 = UserFactory(rol=Rol.WERKCONSULENT, team=team2)
    wijk1, wijk2 = WijkFactory(), WijkFactory()

    def persoon(wijk, geboren):
        return WerkzoekendeFactory(wijk=wijk, geboortedatum=geboren)

    a = dossier_met_historie(
        w1,
        aanvraag=date(2025, 12, 20),
        overgangen=[(date(2026, 1, 10), "lopend", "")],
        werkzoekende=persoon(wijk1, date(1999, 6, 1)),
        route="kansrijk",
        instroombron="online",
        laatste_contact=moment(date(2026, 6, 1)),
    )
    b = dossier_met_historie(
        w1,
        aanvraag=date(2020, 2, 10),
        overgangen=[(date(2020, 3, 1), "lopend", ""), (date(2026, 2, 15), "beeindigd", "werk")],
        werkzoekende=persoon(wijk1, date(1970, 1, 1)),
        route="intensief",
    )
    c = dossier_met_historie(
        w2,
        aanvraag=date(2026, 2, 1),
        overgangen=[(date(2026, 3, 5), "lopend", "")],
        werkzoekende=persoon(wijk2, date(2006, 1, 1)),
        route="kansrijk",
        instroombron="jongerenloket",
        laatste_contact=moment(date(2026, 2, 1)),
    )
    d = dossier_met_historie(
        w2,
        aanvraag=date(2018, 12, 1),
        overgangen=[
            (date(2019, 1, 1), "lopend", ""),
            (date(2026, 1, 20), "beeindigd", "overig"),
            (date(2026, 3, 10), "heropend", ""),
            (date(2026, 3, 20), "lopend", ""),
        ],
        werkzoekende=persoon(wijk2, date(1980, 5, 5)),
    )
    e = dossier_met_historie(
        w1,
        aanvraag=date(2026, 1, 1),
        overgangen=[(date(2026, 3, 15), "beeindigd", "afgewezen")],
    )
    # handovers: A once in February, C twice in April (first assignments do not count)
    Overdracht.objects.create(
        dossier=a, van_werkcoach=w2, naar_werkcoach=w1, reden="x", op=moment(date(2026, 2, 3))
    )
    for dag in (date(2026, 4, 2), date(2026, 4, 9)):
        Overdracht.objects.create(
            dossier=c, van_werkcoach=w1, naar_werkcoach=w2, reden="x", op=moment(dag)
        )
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "w1": w1, "w2": w2, "teams": (team1, team2)}


@pytest.fixture
def terugkeer(wereld):
    """Exits in March 2024 (cohort) and what came after them."""
    w1 = wereld["w1"]
    oud = [(date(2023, 1, 1), "lopend", "")]

    def uit(dag, reden, **kw):
        wz = WerkzoekendeFactory()
        return wz, dossier_met_historie(
            w1,
            aanvraag=date(2022, 12, 1),
            overgangen=[*oud, (dag, "beeindigd", reden), *kw.get("daarna", [])],
            werkzoekende=wz,
        )

    # P1: back after exactly 365 days with a new dossier -> within 12 months
    p1, _ = uit(date(2024, 3, 10), "werk")
    dossier_met_historie(
        w1,
        aanvraag=date(2025, 2, 20),
        overgangen=[(date(2025, 3, 10), "lopend", ""), (date(2025, 6, 1), "beeindigd", "overig")],
        werkzoekende=p1,
    )
    # P2: back after 366 days -> later
    p2, _ = uit(date(2024, 3, 10), "werk")
    dossier_met_historie(
        w1,
        aanvraag=date(2025, 2, 20),
        overgangen=[(date(2025, 3, 11), "lopend", ""), (date(2025, 6, 1), "beeindigd", "overig")],
        werkzoekende=p2,
    )
    # P3: the same dossier heropend after 20 days, ended again in September
    uit(
        date(2024, 3, 12),
        "werk",
        daarna=[
            (date(2024, 4, 1), "heropend", ""),
            (date(2024, 4, 15), "lopend", ""),
            (date(2024, 9, 1), "beeindigd", "overig"),
        ],
    )
    # P4: not back
    uit(date(2024, 3, 15), "werk")
    # P5: left for another reason: not in the cohort
    uit(date(2024, 3, 20), "verhuizing")
    # P6: applied again, but was refused: not back in the bijstand
    p6, _ = uit(date(2024, 3, 25), "werk")
    dossier_met_historie(
        w1,
        aanvraag=date(2024, 5, 1),
        overgangen=[(date(2024, 6, 1), "beeindigd", "afgewezen")],
        werkzoekende=p6,
    )


@pytest.fixture
def inkomen(wereld):
    a, c, d = wereld["a"], wereld["c"], wereld["d"]
    for dossier, dag, bedrag in (
        (a, date(2026, 4, 10), "-100.00"),
        (a, date(2026, 4, 20), "-50.00"),
        (c, date(2026, 4, 5), "-25.50"),
    ):
        Boeking.objects.create(
            dossier=dossier,
            maand=date(2026, 3, 1),
            soort="vordering",
            bedrag=Decimal(bedrag),
            reden_code="art_58_lid_1",
            created_at=moment(dag),
        )
    # too much vakantiegeld at the end of the uitkering: only a VT part, owed in cash
    Boeking.objects.create(
        dossier=d,
        maand=date(2026, 4, 1),
        soort="vordering",
        bedrag=Decimal("0.00"),
        vakantietoeslag=Decimal("7.50"),
        reden_code="art_58_lid_2",
        created_at=moment(date(2026, 4, 25)),
    )
    Boeking.objects.create(
        dossier=d,
        maand=date(2026, 4, 1),
        soort="verrekeningsschuld",
        bedrag=Decimal("-40.00"),
        reden_code="art_58_lid_4",
        created_at=moment(date(2026, 5, 2)),
    )
    for dossier, dag, bron in (
        (a, date(2026, 5, 3), "burger"),
        (c, date(2026, 5, 4), "werkgever"),
        (d, date(2026, 5, 5), "consulent"),
        (a, date(2026, 5, 20), "burger"),
    ):
        Inkomstenopgave.objects.create(
            dossier=dossier,
            maand=date(2026, 4, 1),
            persoon="aanvrager",
            soort="arbeid",
            bedrag=Decimal("300.00"),
            status="definitief",
            bron=bron,
            ingediend_op=moment(dag),
        )


@pytest.fixture
def metingen(wereld):
    a, c = wereld["a"], wereld["c"]
    fin = Leefgebied.objects.get(code="financien")
    huis = Leefgebied.objects.get(code="huisvesting")

    def meting(dossier, dag, trede, bron="werkcoach", scores=()):
        m = Meting.objects.create(dossier=dossier, datum=dag, bron=bron, trede=trede)
        for gebied, score in scores:
            LeefgebiedScore.objects.create(meting=m, leefgebied=gebied, score=score)
        return m

    meting(a, date(2026, 1, 15), 2, scores=[(fin, 2), (huis, 3)])
    meting(a, date(2026, 3, 15), 3, scores=[(fin, 3), (huis, 3)])
    meting(a, date(2026, 4, 1), 6, bron="zelfbeoordeling", scores=[(fin, 5)])
    meting(a, date(2026, 5, 15), 3)
    meting(c, date(2026, 3, 20), 4, bron="intake", scores=[(fin, 4)])
    meting(c, date(2026, 5, 20), 2, scores=[(fin, 2)])


@pytest.fixture
def peildag(wereld, terugkeer, inkomen, metingen):
    return bouw_snapshot(peildatum=PEIL)


def test_build_is_complete(peildag):
    assert peildag.status == "klaar"
    assert peildag.fouten == {}
    assert peildag.van == date(2023, 4, 1)  # 13 quarters including the current one


def test_bestand_per_month(peildag):
    verwacht = {
        date(2025, 12, 1): 2,  # B, D
        date(2026, 1, 1): 2,  # A, B (D ended on 20 January)
        date(2026, 2, 1): 1,  # A (B left for work)
        date(2026, 3, 1): 3,  # A, C, D (heropend, then lopend)
        date(2026, 6, 1): 3,  # at the peildatum
    }
    for maand, n in verwacht.items():
        assert cijfer(peildag, "dossiers.bestand_duur", maand)[0] == n, maand
        assert cijfer(peildag, "dossiers.bestand_leeftijd", maand)[0] == n, maand


def test_bestand_by_duration_and_age(peildag):
    jan, maart = date(2026, 1, 1), date(2026, 3, 1)
    assert cijfer(peildag, "dossiers.bestand_duur", jan, "lt1")[0] == 1  # A
    assert cijfer(peildag, "dossiers.bestand_duur", jan, "5_10")[0] == 1  # B since 2020
    assert cijfer(peildag, "dossiers.bestand_duur", maart, "lt1")[0] == 2  # A, C
    assert cijfer(peildag, "dossiers.bestand_duur", maart, "5_10")[0] == 1  # D since 2019
    assert cijfer(peildag, "dossiers.bestand_leeftijd", maart, "lt27")[0] == 2  # A 26, C 20
    assert cijfer(peildag, "dossiers.bestand_leeftijd", maart, "45_54")[0] == 1  # D 45


def test_stock_has_no_quarter_rows_quarters_read_month_ends(peildag):
    assert not Kengetal.objects.filter(
        peildag=peildag, figuur="dossiers.bestand_duur", periode_soort="k"
    ).exists()


def test_dimensions_and_levels(peildag, wereld):
    team1, team2 = wereld["teams"]
    maart = date(2026, 3, 1)
    fig = "dossiers.bestand_duur"
    assert cijfer(peildag, fig, maart, niveau="team", team=team1.pk)[0] == 1  # A
    assert cijfer(peildag, fig, maart, niveau="team", team=team2.pk)[0] == 2  # C, D
    assert cijfer(peildag, fig, maart, niveau="route", route="kansrijk")[0] == 2  # A, C
    wijk2 = wereld["c"].werkzoekende.wijk_id
    assert cijfer(peildag, fig, maart, niveau="wijk", wijk=wijk2)[0] == 2  # C, D
    # route with doelgroep: their own level; other combinations: the full cube
    assert cijfer(peildag, fig, maart, niveau="route+doelgroep", route="kansrijk")[0] == 2
    assert cijfer(peildag, fig, maart, niveau="alle", team=team2.pk, route="kansrijk")[0] == 1
    assert (
        cijfer(peildag, fig, maart, niveau="alle", team=team2.pk, route="kansrijk", wijk=wijk2)[0]
        == 1
    )
    # every level adds up to the total
    from bijstand.dashboards.snapshot import niveaus

    for niveau, _dims in [*niveaus(), ("alle", ())]:
        assert cijfer(peildag, fig, maart, niveau=niveau)[0] == 3, niveau
    assert len(niveaus()) == 6


def test_instroom_and_uitstroom(peildag):
    assert cijfer(peildag, "dossiers.instroom", date(2026, 1, 1), "online")[0] == 1  # A
    assert cijfer(peildag, "dossiers.instroom", date(2026, 3, 1))[0] == 2
    assert cijfer(peildag, "dossiers.instroom", date(2026, 3, 1), "jongerenloket")[0] == 1  # C
    assert cijfer(peildag, "dossiers.instroom", date(2026, 3, 1), "heropend")[0] == 1  # D
    assert cijfer(peildag, "dossiers.uitstroom", date(2026, 1, 1), "overig")[0] == 1  # D
    assert cijfer(peildag, "dossiers.uitstroom", date(2026, 2, 1), "werk")[0] == 1  # B
    # a refused application is no uitstroom (it never was in the bijstand)
    assert cijfer(peildag, "dossiers.uitstroom", date(2026, 3, 1))[0] == 0
    # the quarter counts people in the quarter
    assert cijfer(peildag, "dossiers.uitstroom", date(2026, 1, 1), soort="k")[0] == 2


def test_twelve_month_return_rule(peildag):
    maart = date(2024, 3, 1)
    fig = "dossiers.duurzaamheid"
    assert cijfer(peildag, fig, maart)[0] == 5  # P1, P2, P3, P4, P6 (P5: other reason)
    assert cijfer(peildag, fig, maart, "0_3")[0] == 1  # P3, heropend after 20 days
    assert cijfer(peildag, fig, maart, "6_12")[0] == 1  # P1, exactly 365 days
    assert cijfer(peildag, fig, maart, "na_12")[0] == 1  # P2, 366 days
    assert cijfer(peildag, fig, maart, "niet")[0] == 2  # P4; P6 was refused
    # days until the return, for those back within 12 months: 20 + 365
    assert cijfer(peildag, fig, maart, "0_3")[2] + cijfer(peildag, fig, maart, "6_12")[2] == 385
    # B left for work in February 2026 and is not back
    assert cijfer(peildag, fig, date(2026, 2, 1), "niet")[0] == 1


def test_beslisduur(peildag):
    fig = "dossiers.beslisduur"
    assert cijfer(peildag, fig, date(2026, 1, 1), "binnen_4", sub="toegekend")[:3] == (1, 1, 21)
    maart = date(2026, 3, 1)
    assert cijfer(peildag, fig, maart, "4_8")[0] == 1  # C: 32 days
    assert cijfer(peildag, fig, maart, "na_8", sub="afgewezen")[0] == 1  # E: 73 days
    assert cijfer(peildag, fig, maart)[2] == 105


def test_overdrachten(peildag):
    assert cijfer(peildag, "dossiers.overdrachten", date(2026, 2, 1))[:2] == (1, 1)
    assert cijfer(peildag, "dossiers.overdrachten", date(2026, 4, 1))[:2] == (1, 2)
    juni = date(2026, 6, 1)
    fig = "dossiers.overdrachten_per_dossier"
    # active at the peildatum: A (1), C (2), D (0)
    assert [cijfer(peildag, fig, juni, k)[0] for k in ("0", "1", "2", "3+")] == [1, 1, 1, 0]
    assert cijfer(peildag, fig, date(2026, 4, 1), soort="k", categorie="2")[0] == 1


def test_laatste_contact_and_caseload(peildag, wereld):
    juni = date(2026, 6, 1)
    fig = "dossiers.laatste_contact"
    assert cijfer(peildag, fig, juni, "lt1")[0] == 1  # A, 14 days
    assert cijfer(peildag, fig, juni, "3_6")[0] == 1  # C, 4.5 months
    assert cijfer(peildag, fig, juni, "nooit")[0] == 1  # D
    _team1, team2 = wereld["teams"]
    assert cijfer(peildag, "dossiers.caseload", juni, "lt50")[:3] == (2, 2, Decimal("3.00"))
    assert cijfer(peildag, "dossiers.caseload", juni, niveau="team", team=team2.pk)[2] == 2


def test_inkomen(peildag):
    april, mei = date(2026, 4, 1), date(2026, 5, 1)
    assert cijfer(peildag, "inkomen.vorderingen", april) == (3, 4, Decimal("183.00"))
    assert cijfer(peildag, "inkomen.verrekeningsschulden", mei) == (1, 1, Decimal("40.00"))
    assert cijfer(peildag, "inkomen.opgaven", mei, "burger")[:2] == (1, 2)
    assert cijfer(peildag, "inkomen.opgaven", mei, "werkgever")[:2] == (1, 1)
    assert cijfer(peildag, "inkomen.opgaven", mei, "consulent")[:2] == (1, 1)


def test_perspectief(peildag):
    maart, mei = date(2026, 3, 1), date(2026, 5, 1)
    assert cijfer(peildag, "perspectief.trede", maart, "omhoog")[:3] == (1, 1, 1)  # A 2 -> 3
    assert cijfer(peildag, "perspectief.trede", maart, "eerste")[0] == 1  # C
    # the zelfbeoordeling of April does not count: A stays at 3 in May
    assert cijfer(peildag, "perspectief.trede", mei, "gelijk")[0] == 1
    assert cijfer(peildag, "perspectief.trede", mei, "omlaag")[0] == 1  # C 4 -> 2
    fig = "perspectief.leefgebied"
    assert cijfer(peildag, fig, maart, "financien", sub="beter")[0] == 1
    assert cijfer(peildag, fig, maart, "huisvesting", sub="gelijk")[0] == 1
    assert cijfer(peildag, fig, mei, "financien", sub="slechter")[0] == 1


def test_rebuild_replaces_the_day(peildag):
    rijen = Kengetal.objects.filter(peildag=peildag).count()
    tweede = bouw_snapshot(peildatum=PEIL)
    assert Peildag.objects.filter(peildatum=PEIL).count() == 1
    assert Kengetal.objects.filter(peildag=tweede).count() == rijen
    assert not Kengetal.objects.filter(peildag_id=peildag.pk).exists()
    assert cijfer(tweede, "dossiers.bestand_duur", date(2026, 3, 1))[0] == 3


@pytest.fixture
def andere_apps(wereld):
    """Werkloont, instrumentenhuis and vacatures rows for A and C (spring 2026)."""
    from instrumentenhuis.models import Inzet
    from tests.instrumentenhuis.factories import InstrumentFactory
    from tests.vacatures.factories import VacatureFactory
    from vacatures.models import Plaatsing, Voordracht
    from werkloont.models import Traject

    a, b, c = wereld["a"], wereld["b"], wereld["c"]
    # B: Werkloont from December, ended 31 January; B left for work on 15 February -> paid work
    Traject.objects.create(
        dossier=b,
        soort="werkloont",
        status="afgerond",
        startdatum=date(2025, 12, 1),
        einddatum=date(2026, 3, 10),
        beeindigd_op=date(2026, 1, 31),
    )
    # A: Werkloont ended in January without work
    Traject.objects.create(
        dossier=a,
        soort="werkloont",
        status="gestopt",
        startdatum=date(2026, 1, 12),
        einddatum=date(2026, 4, 20),
        beeindigd_op=date(2026, 1, 30),
    )
    # Iedereen doet mee is not Werkloont
    Traject.objects.create(dossier=c, soort="iedereen_doet_mee", startdatum=date(2026, 3, 6))

    taal = InstrumentFactory(categorie="taal")
    scholing = InstrumentFactory(categorie="scholing")
    reservering = {"budgetjaar": 2026, "gereserveerd": Decimal("750.00")}
    Inzet.objects.create(
        dossier=a, instrument=taal, status="gestart", gestart_op=date(2026, 4, 1), **reservering
    )
    Inzet.objects.create(
        dossier=c,
        instrument=taal,
        status="afgerond",
        resultaat="certificaat",
        gestart_op=date(2026, 4, 2),
        beeindigd_op=date(2026, 5, 30),
        **reservering,
    )
    Inzet.objects.create(
        dossier=c,
        instrument=scholing,
        status="gestopt",
        stopreden="uitval",
        gestart_op=date(2026, 4, 3),
        beeindigd_op=date(2026, 5, 2),
        **reservering,
    )
    vacature = VacatureFactory()
    voordracht = Voordracht.objects.create(
        vacature=vacature, dossier=a, status="geplaatst", score=90
    )
    Plaatsing.objects.create(
        voordracht=voordracht,
        vacature=vacature,
        dossier=a,
        startdatum=date(2026, 5, 11),
        contracturen=32,
    )


def test_werkloont_instrumenten_plaatsingen(wereld, andere_apps):
    peildag = bouw_snapshot(peildatum=PEIL)
    jan, april, mei = date(2026, 1, 1), date(2026, 4, 1), date(2026, 5, 1)
    assert {"werkloont.uitkomst", "instrumentenhuis.gestart", "vacatures.plaatsingen"} <= set(
        peildag.figuren
    )
    assert cijfer(peildag, "werkloont.uitkomst", jan)[0] == 2  # A and B ended in January
    assert cijfer(peildag, "werkloont.uitkomst", jan, "betaald_werk")[0] == 1  # B
    assert cijfer(peildag, "werkloont.uitkomst", jan, "geen_werk")[0] == 1  # A
    assert cijfer(peildag, "instrumentenhuis.gestart", april, "taal") == (2, 2, Decimal("1500"))
    assert cijfer(peildag, "instrumentenhuis.gestart", april, "scholing")[0] == 1
    fig = "instrumentenhuis.beeindigd"
    assert cijfer(peildag, fig, mei, "taal", sub="resultaat")[0] == 1
    assert cijfer(peildag, fig, mei, "scholing", sub="gestopt")[0] == 1
    assert cijfer(peildag, "vacatures.plaatsingen", mei, "onbepaald")[:3] == (1, 1, 32)
