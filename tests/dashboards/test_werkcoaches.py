"""Dashboard werkcoaches: aggregates per werkcoach in the teamleider's teams."""

import re

import pytest
from django.urls import reverse

from bijstand.dashboards import selectors
from bijstand.dossiers.models import Overdracht
from tests.dossiers.helpers import tel_queries
from tests.factories import DossierFactory

pytestmark = pytest.mark.django_db

URL = "/dashboards/werkcoaches/"


def overdracht(dossier, van, naar, eerste=False):
    return Overdracht.objects.create(
        dossier=dossier, van_werkcoach=None if eerste else van, naar_werkcoach=naar, reden="test"
    )


@pytest.fixture
def situatie(team, teamleider, werkcoach, collega, andere_werkcoach):
    """werkcoach: 3 active dossiers (0, 1 and 2 handovers) + 1 ended with 3 handovers;
    collega: 1 active dossier with 3 handovers; andere_werkcoach (other team): 1 dossier."""
    d0 = DossierFactory(werkcoach=werkcoach)
    overdracht(d0, None, werkcoach, eerste=True)  # first assignment does not count
    d1 = DossierFactory(werkcoach=werkcoach)
    overdracht(d1, collega, werkcoach)
    d2 = DossierFactory(werkcoach=werkcoach)
    overdracht(d2, collega, werkcoach)
    overdracht(d2, werkcoach, collega)
    afgesloten = DossierFactory(werkcoach=werkcoach, status="beeindigd", beeindigingsreden="werk")
    for _ in range(3):
        overdracht(afgesloten, collega, werkcoach)
    c3 = DossierFactory(werkcoach=collega)
    for _ in range(3):
        overdracht(c3, werkcoach, collega)
    x = DossierFactory(werkcoach=andere_werkcoach)
    overdracht(x, collega, andere_werkcoach)
    return {"werkcoach": werkcoach, "collega": collega}


def test_url_name():
    assert reverse("dashboards:werkcoaches") == URL


def test_anonymous_redirected(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    "fixture", ["werkcoach", "inkomensconsulent", "beheerder", "privacy_officer", "burger"]
)
def test_other_roles_403(request, login, fixture):
    assert login(request.getfixturevalue(fixture)).get(URL).status_code == 403


def test_selector_figures(situatie, teamleider, andere_werkcoach):
    rijen = {u.pk: u for u in selectors.werkcoaches_van_teamleider(teamleider=teamleider)}
    assert andere_werkcoach.pk not in rijen
    w = rijen[situatie["werkcoach"].pk]
    assert (w.caseload_grootte, w.overdrachten, w.meer_dan_een_overdracht) == (3, 3, 1)
    c = rijen[situatie["collega"].pk]
    assert (c.caseload_grootte, c.overdrachten, c.meer_dan_een_overdracht) == (1, 3, 1)

    verdeling = selectors.overdrachten_verdeling(user=teamleider)
    assert (verdeling.nul, verdeling.een, verdeling.twee, verdeling.drie_of_meer) == (1, 1, 1, 1)
    assert verdeling.totaal == 4


def test_werkcoach_without_dossiers_listed_with_zero(teamleider, werkcoach):
    rij = selectors.werkcoaches_van_teamleider(teamleider=teamleider).get(pk=werkcoach.pk)
    assert (rij.caseload_grootte, rij.overdrachten, rij.meer_dan_een_overdracht) == (0, 0, 0)


def test_page(login, situatie, teamleider, andere_werkcoach):
    response = login(teamleider).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
    rij = re.search(
        rf"<th scope=\"row\"[^>]*>{re.escape(str(situatie['werkcoach']))}</th>(.*?)</tr>",
        html,
        re.S,
    ).group(1)
    assert re.findall(r">(\d+)</td>", rij) == ["3", "3", "1"]
    assert str(andere_werkcoach) not in html
    # no personal data of werkzoekenden on the page
    for naam in (d.werkzoekende.naam for d in situatie["werkcoach"].caseload.all()):
        assert naam not in html
    assert 'aria-current="page"' in html  # navigation: Dashboards


def test_pagination(login, team, teamleider):
    from tests.factories import UserFactory

    UserFactory.create_batch(30, rol="werkconsulent", team=team)
    html = login(teamleider).get(URL, {"pagina": 2}).content.decode()
    assert "pagina 2 van 2" in html
    assert 'href="?pagina=1"' in html


def test_query_count_is_constant(login, team, teamleider):
    from tests.factories import UserFactory

    client = login(teamleider)
    coaches = UserFactory.create_batch(3, rol="werkconsulent", team=team)
    for coach in coaches:
        d = DossierFactory(werkcoach=coach)
        overdracht(d, coaches[0], coach)
    tel_queries(client, URL)
    weinig = tel_queries(client, URL)
    meer = UserFactory.create_batch(17, rol="werkconsulent", team=team)
    for coach in meer:
        for _ in range(2):
            d = DossierFactory(werkcoach=coach)
            overdracht(d, coaches[0], coach)
            overdracht(d, coach, coach)
    veel = tel_queries(client, URL)
    assert weinig == veel
    assert veel <= 10
