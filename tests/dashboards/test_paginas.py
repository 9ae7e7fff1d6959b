"""The dashboard pages: figures in the tables, suppression, filters, exports, query counts."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from bijstand.accounts.models import Rol, User
from bijstand.dashboards.models import Peildag, Referentiewaarde
from bijstand.dashboards.services import bouw_snapshot
from bijstand.dossiers.models import Wijk
from tests.dashboards.factories import dossier_met_historie, lopend_sinds
from tests.dossiers.helpers import tel_queries
from tests.factories import TeamFactory, UserFactory, WerkzoekendeFactory

pytestmark = pytest.mark.django_db

PEIL = date(2026, 6, 15)
PAGINAS = [
    "dashboards:overzicht",
    "dashboards:bestand",
    "dashboards:stromen",
    "dashboards:ontwikkeling",
    "dashboards:eenwerkcoach",
    "dashboards:inkomen",
]


@pytest.fixture
def stad(team):
    """12 people in team 1 since 10 January 2026 (3 of them left for work in March), and 3 in
    team 2 since February."""
    w1 = UserFactory(rol=Rol.WERKCONSULENT, team=team)
    team2 = TeamFactory()
    w2 = UserFactory(rol=Rol.WERKCONSULENT, team=team2)
    dossiers = [lopend_sinds(w1, date(2026, 1, 10), route="kansrijk") for _ in range(9)]
    dossiers += [
        dossier_met_historie(
            w1,
            aanvraag=date(2026, 1, 2),
            overgangen=[(date(2026, 1, 10), "lopend", ""), (date(2026, 3, 3), "beeindigd", "werk")],
        )
        for _ in range(3)
    ]
    dossiers += [lopend_sinds(w2, date(2026, 2, 10)) for _ in range(3)]
    return {"team2": team2, "dossiers": dossiers}


@pytest.fixture
def peildag(stad):
    return bouw_snapshot(peildatum=PEIL)


def rij(html: str, tabel: str, label: str) -> list[str]:
    """The cell texts of the row ``label`` in the table with id tabel-<tabel>."""
    blok = re.search(rf'<table[^>]*id="tabel-{tabel}".*?</table>', html, re.S).group(0)
    gevonden = re.search(
        rf'<th scope="row"[^>]*>{re.escape(label)}</th>(.*?)</tr>', blok, re.S
    ).group(1)
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", gevonden)]


@pytest.mark.parametrize("naam", PAGINAS)
def test_pages_answer_teamleider_and_beheerder(login, peildag, teamleider, beheerder, naam):
    for user in (teamleider, beheerder):
        response = login(user).get(reverse(naam))
        assert response.status_code == 200
        html = response.content.decode()
        assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
        assert 'aria-current="page"' in html
        assert "/dossiers/" not in html  # a manager reaches no dossier from here


def test_bestand_table_and_suppression(login, teamleider, peildag, stad):
    client = login(teamleider)
    html = client.get(reverse("dashboards:bestand")).content.decode()
    assert rij(html, "bestand", "Feb 2026")[0] == "15"
    assert rij(html, "bestand", "Mrt 2026")[0] == "12"  # 3 left for work
    # the target trajectory (2026 -> 2030) is shown without filters
    assert rij(html, "bestand", "Jan 2026")[1] != "–"
    html = client.get(reverse("dashboards:bestand"), {"team": stad["team2"].pk}).content.decode()
    assert rij(html, "bestand", "Feb 2026")[0] == "&lt;10"
    assert rij(html, "bestand", "Feb 2026")[1] == "–"  # the city's target does not apply
    assert "minder dan 10 personen" in html


def als_woord(tekst: str) -> re.Pattern:
    """``tekst`` (HTML-escaped) as a whole word: "Mol" does not match "Molenlaankwartier"."""
    return re.compile(rf"(?<![\w-]){re.escape(escape(tekst))}(?![\w-])")


def test_no_personal_data_on_the_pages(login, teamleider, peildag, stad):
    personen = [d.werkzoekende for d in stad["dossiers"]]
    # The names a page may show: staff (a werkcoach filter), wijken and gebieden. Faker has the
    # surnames "Lage", "Prins" and "van Holland", Rotterdam "Het Lage Land", "Prins Alexander"
    # and "Hoek van Holland": those names go (as whole words) before looking for surnames.
    toegestaan = {u.get_full_name() for u in User.objects.exclude(rol=Rol.BURGER)}
    for wijk in Wijk.objects.all():
        toegestaan |= {wijk.naam, wijk.gebied}
    toegestaan = [als_woord(t) for t in sorted(toegestaan - {""}, key=len, reverse=True)]
    client = login(teamleider)
    for naam in PAGINAS:
        html = client.get(reverse(naam)).content.decode()
        rest = html
        for patroon in toegestaan:
            rest = patroon.sub("", rest)
        for w in personen:
            assert w.bsn not in html, (naam, w.bsn)
            for deel in (w.naam, w.achternaam):
                assert not als_woord(deel).search(rest), (naam, deel)


def test_quarters_and_period_range(login, teamleider, peildag):
    html = (
        login(teamleider)
        .get(reverse("dashboards:bestand"), {"per": "k", "van": "2025-10", "tot": "2026-06"})
        .content.decode()
    )
    assert rij(html, "bestand", "K1 2026")[0] == "12"  # end of March
    assert rij(html, "bestand", "K2 2026 (lopend)")[0] == "12"
    assert "K4 2025" in html and "K3 2025" not in html


def test_invalid_range_shows_an_error_and_the_defaults(login, teamleider, peildag):
    response = login(teamleider).get(
        reverse("dashboards:bestand"), {"van": "2026-05", "tot": "2026-01"}
    )
    html = response.content.decode()
    assert "Kies een eindmaand die na de beginmaand ligt." in html
    assert "Jul 2025" in html  # default: the last 12 months


def test_stromen_and_the_baseline(login, teamleider, peildag):
    html = login(teamleider).get(reverse("dashboards:stromen")).content.decode()
    assert rij(html, "instroom", "Jan 2026")[-1] == "12"
    assert rij(html, "uitstroom", "Mrt 2026")[:3] == ["&lt;10", "&lt;10", "&lt;10"]
    assert "20 %" in html  # draaideur baseline from the data migration


def test_ontwikkeling_says_which_figures_are_not_available(login, teamleider, peildag):
    client = login(teamleider)
    html = client.get(reverse("dashboards:ontwikkeling")).content.decode()
    for sleutel in ("trede", "leefgebieden", "werkloont", "instrumenten", "plaatsingen"):
        assert f'id="tabel-{sleutel}"' in html
    assert "levert (nog) geen cijfers" not in html
    # a build without the apps' figures (an app without kengetallen, or one that failed)
    peildag.figuren = [f for f in peildag.figuren if not f.startswith(("werkloont", "instr"))]
    peildag.save()
    html = client.get(reverse("dashboards:ontwikkeling")).content.decode()
    assert "Werkloont levert (nog) geen cijfers" in html
    assert "instrumentenhuis levert (nog) geen cijfers" in html


def test_inkomen_without_baseline_says_so_and_with_baseline_compares(login, teamleider, peildag):
    client = login(teamleider)
    html = client.get(reverse("dashboards:inkomen")).content.decode()
    assert "De nulmeting is nog niet ingevoerd" in html
    Referentiewaarde.objects.create(
        code="nulmeting_vorderingen", waarde=500, geldig_vanaf=date(2018, 1, 1)
    )
    html = client.get(reverse("dashboards:inkomen")).content.decode()
    cellen = rij(html, "vorderingen", "Mei 2026")
    assert cellen[3] == "500" and cellen[4] == "100"  # baseline and the goal (80 % fewer)


def test_csv_export_of_a_table_with_filters(login, teamleider, peildag, stad):
    url = reverse("dashboards:export", args=["bestand", "bestand", "csv"])
    response = login(teamleider).get(url, {"team": stad["team2"].pk})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="bestand-bestand-20260615.csv"'
    regels = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert regels[0][:2] == ["Periode", "In de bijstand"]
    feb = next(r for r in regels if r[0] == "Feb 2026")
    assert feb[1] == "<10"


def test_excel_export(login, teamleider, peildag):
    url = reverse("dashboards:export", args=["stromen", "instroom", "xlsx"])
    response = login(teamleider).get(url)
    assert response.status_code == 200
    boek = load_workbook(io.BytesIO(response.content))
    rijen = [[c.value for c in r] for r in boek.worksheets[0].iter_rows()]
    jan = next(r for r in rijen if r[0] == "Jan 2026")
    assert jan[-1] == 12
    assert any(r[0] == "Filters" for r in boek.worksheets[1].iter_rows(values_only=True))


@pytest.mark.parametrize(
    "args", [("bestand", "bestaat-niet", "csv"), ("bestand", "bestand", "pdf"), ("x", "y", "csv")]
)
def test_export_of_unknown_table_or_format_is_404(login, teamleider, peildag, args):
    url = reverse("dashboards:export", args=args)
    assert login(teamleider).get(url).status_code == 404


def test_without_snapshot_the_page_offers_a_build(login, teamleider):
    html = login(teamleider).get(reverse("dashboards:overzicht")).content.decode()
    assert "Er zijn nog geen cijfers berekend" in html
    assert reverse("dashboards:vernieuwen") in html


def test_the_button_builds_the_figures(login, teamleider, stad, django_capture_on_commit_callbacks):
    client = login(teamleider)
    assert client.get(reverse("dashboards:vernieuwen")).status_code == 405
    with django_capture_on_commit_callbacks(execute=True) as taken:
        response = client.post(reverse("dashboards:vernieuwen"))
    assert len(taken) == 1  # the Celery task, after the commit
    assert response.status_code == 302
    peildag = Peildag.objects.get()
    assert peildag.status == "klaar" and peildag.gestart_door == teamleider


def test_a_failing_app_leaves_the_other_figures(login, teamleider, stad, monkeypatch):
    import inkomen.kengetallen

    def stuk(**kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(inkomen.kengetallen, "feiten", stuk)
    peildag = bouw_snapshot(peildatum=PEIL)
    assert peildag.status == "klaar" and "inkomen" in peildag.fouten
    html = login(teamleider).get(reverse("dashboards:inkomen")).content.decode()
    assert "konden bij de laatste berekening niet worden gemaakt" in html
    html = login(teamleider).get(reverse("dashboards:bestand")).content.decode()
    assert rij(html, "bestand", "Feb 2026")[0] == "15"


@pytest.mark.parametrize("naam", PAGINAS)
def test_query_count_is_constant(login, teamleider, team, naam):
    client = login(teamleider)
    w = UserFactory(rol=Rol.WERKCONSULENT, team=team)
    lopend_sinds(w, date(2026, 1, 10))
    bouw_snapshot(peildatum=PEIL)
    tel_queries(client, reverse(naam))
    weinig = tel_queries(client, reverse(naam))
    for _ in range(25):
        lopend_sinds(w, date(2026, 2, 10), werkzoekende=WerkzoekendeFactory())
    bouw_snapshot(peildatum=PEIL)
    veel = tel_queries(client, reverse(naam))
    assert weinig == veel
    assert veel <= 12
