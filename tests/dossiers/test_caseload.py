"""Mijn caseload: access per role, filters and search in the database, no BSN in URLs."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from bijstand.accounts.models import Rol, Vervanging
from bijstand.dossiers.selectors import CASELOAD_PAGINA_GROOTTE
from tests.factories import DossierFactory, UserFactory, WerkzoekendeFactory, WijkFactory

from .helpers import tel_queries

URL = "/"

pytestmark = pytest.mark.django_db


def test_url_name():
    assert reverse("dossiers:caseload") == URL


def test_anonymous_redirects_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("fixture", ["beheerder", "privacy_officer", "burger"])
def test_roles_without_caseload_get_403(request, login, fixture):
    client = login(request.getfixturevalue(fixture))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"zoek": "Jansen"}).status_code == 403


def test_werkcoach_sees_only_own_caseload(login, werkcoach, collega):
    eigen = DossierFactory(werkcoach=werkcoach)
    ander = DossierFactory(werkcoach=collega)
    response = login(werkcoach).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert escape(eigen.werkzoekende.naam) in html
    assert escape(ander.werkzoekende.naam) not in html
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
    # the werkcoach column is only for roles that see more than their own caseload
    assert ">Werkcoach</th>" not in html


def test_substitute_sees_colleague_caseload(login, werkcoach, collega):
    ander = DossierFactory(werkcoach=collega)
    vandaag = timezone.localdate()
    Vervanging.objects.create(
        afwezige=collega, vervanger=werkcoach, van=vandaag, tot=vandaag, reden="Verlof"
    )
    assert escape(ander.werkzoekende.naam) in login(werkcoach).get(URL).content.decode()


def test_teamleider_sees_team(login, teamleider, werkcoach, collega, andere_werkcoach):
    a = DossierFactory(werkcoach=werkcoach)
    b = DossierFactory(werkcoach=collega)
    c = DossierFactory(werkcoach=andere_werkcoach)
    html = login(teamleider).get(URL).content.decode()
    assert escape(a.werkzoekende.naam) in html and escape(b.werkzoekende.naam) in html
    assert escape(c.werkzoekende.naam) not in html
    assert ">Werkcoach</th>" in html


def test_inkomensconsulent_sees_assigned(login, werkcoach, inkomensconsulent):
    toegewezen = DossierFactory(werkcoach=werkcoach, inkomensconsulent=inkomensconsulent)
    niet = DossierFactory(werkcoach=werkcoach)
    html = login(inkomensconsulent).get(URL).content.decode()
    assert escape(toegewezen.werkzoekende.naam) in html
    assert escape(niet.werkzoekende.naam) not in html


def test_filters_status_wijk_route(login, werkcoach):
    noord = WijkFactory(code="NRD", naam="Noord")
    zuid = WijkFactory(code="ZD", naam="Zuid")
    a = DossierFactory(
        werkcoach=werkcoach, werkzoekende=WerkzoekendeFactory(wijk=noord), route="kansrijk"
    )
    b = DossierFactory(
        werkcoach=werkcoach, werkzoekende=WerkzoekendeFactory(wijk=zuid), status="aanvraag"
    )
    client = login(werkcoach)

    html = client.get(URL, {"wijk": noord.pk}).content.decode()
    assert escape(a.werkzoekende.naam) in html and escape(b.werkzoekende.naam) not in html

    html = client.get(URL, {"status": "aanvraag"}).content.decode()
    assert escape(b.werkzoekende.naam) in html and escape(a.werkzoekende.naam) not in html

    html = client.get(URL, {"route": "kansrijk"}).content.decode()
    assert escape(a.werkzoekende.naam) in html and escape(b.werkzoekende.naam) not in html


def test_filter_geen_contact_sinds(login, werkcoach):
    nu = timezone.now()
    recent = DossierFactory(werkcoach=werkcoach, laatste_contact=nu - timedelta(days=2))
    lang = DossierFactory(werkcoach=werkcoach, laatste_contact=nu - timedelta(days=90))
    nooit = DossierFactory(werkcoach=werkcoach, laatste_contact=None)
    grens = (timezone.localdate() - timedelta(days=30)).isoformat()
    html = login(werkcoach).get(URL, {"geen_contact_sinds": grens}).content.decode()
    assert escape(lang.werkzoekende.naam) in html and escape(nooit.werkzoekende.naam) in html
    assert escape(recent.werkzoekende.naam) not in html


def test_post_filters_redirect_to_get_with_filters_only(login, werkcoach):
    wijk = WijkFactory(code="CHR", naam="Charlois")
    response = login(werkcoach).post(URL, {"status": "lopend", "wijk": wijk.pk, "zoek": ""})
    assert response.status_code == 302
    assert response["Location"] == f"/?status=lopend&wijk={wijk.pk}"


def test_invalid_filter_shows_dutch_error(login, werkcoach):
    DossierFactory(werkcoach=werkcoach)
    response = login(werkcoach).get(URL, {"status": "bestaat-niet"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "nlds-error-summary" in html
    assert "Selecteer een geldige keuze" in html


def test_search_by_name(login, werkcoach):
    a = DossierFactory(
        werkcoach=werkcoach, werkzoekende=WerkzoekendeFactory(achternaam="Zwartendijk")
    )
    b = DossierFactory(werkcoach=werkcoach, werkzoekende=WerkzoekendeFactory(achternaam="Pieters"))
    client = login(werkcoach)
    response = client.post(URL, {"zoek": "zwarten"}, follow=True)
    assert all("zwarten" not in url.lower() for url, _ in response.redirect_chain)
    html = response.content.decode()
    assert escape(a.werkzoekende.naam) in html and escape(b.werkzoekende.naam) not in html
    # the search persists (session) on the next GET, e.g. pagination or filters
    html = client.get(URL, {"status": "lopend"}).content.decode()
    assert escape(a.werkzoekende.naam) in html and escape(b.werkzoekende.naam) not in html
    # and can be cleared
    response = client.post(URL, {"wis_zoek": "1"})
    assert response["Location"] == "/"
    html = client.get(URL).content.decode()
    assert escape(a.werkzoekende.naam) in html and escape(b.werkzoekende.naam) in html


def test_search_by_full_bsn_never_in_url(login, werkcoach):
    bsn = "111222333"
    gezocht = DossierFactory(werkcoach=werkcoach, werkzoekende=WerkzoekendeFactory(bsn=bsn))
    ander = DossierFactory(werkcoach=werkcoach)
    client = login(werkcoach)
    response = client.post(URL, {"zoek": bsn, "status": "lopend"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain, "the POST must redirect to a GET"
    for url, _status in response.redirect_chain:
        assert bsn not in url
    assert bsn not in response.request["PATH_INFO"]
    assert bsn not in response.request.get("QUERY_STRING", "")
    html = response.content.decode()
    assert escape(gezocht.werkzoekende.naam) in html
    assert escape(ander.werkzoekende.naam) not in html
    # no link on the page carries the BSN either (pagination, filters)
    assert f"={bsn}" not in html and f"zoek={bsn}" not in html


def test_partial_bsn_does_not_match(login, werkcoach):
    DossierFactory(werkcoach=werkcoach, werkzoekende=WerkzoekendeFactory(bsn="111222333"))
    client = login(werkcoach)
    html = client.post(URL, {"zoek": "1112223"}, follow=True).content.decode()
    assert "0 dossiers gevonden" in html


def test_search_in_query_string_is_moved_out_of_url(login, werkcoach):
    bsn = "111222333"
    gezocht = DossierFactory(werkcoach=werkcoach, werkzoekende=WerkzoekendeFactory(bsn=bsn))
    client = login(werkcoach)
    response = client.get(URL, {"zoek": bsn, "route": "onbepaald"})
    assert response.status_code == 302
    assert bsn not in response["Location"]
    assert response["Location"] == "/?route=onbepaald"
    assert escape(gezocht.werkzoekende.naam) in client.get(response["Location"]).content.decode()


def test_pagination(login, werkcoach):
    DossierFactory.create_batch(CASELOAD_PAGINA_GROOTTE + 3, werkcoach=werkcoach)
    client = login(werkcoach)
    html = client.get(URL).content.decode()
    assert 'aria-current="page"' in html
    assert "?pagina=2" in html
    html2 = client.get(URL, {"pagina": 2, "status": "lopend"}).content.decode()
    assert html2.count('class="utrecht-table__row"') == 3 + 1  # header row + 3
    assert 'href="?pagina=1&amp;status=lopend"' in html2  # filters kept in pagination links


def _maak_caseload(werkcoach, n):
    for i in range(n):
        DossierFactory(
            werkcoach=werkcoach,
            werkzoekende=WerkzoekendeFactory(wijk=WijkFactory(code=f"Q{i % 4}")),
            laatste_contact=timezone.now() if i % 2 else None,
        )


@pytest.mark.parametrize("rol", [Rol.WERKCONSULENT, Rol.TEAMLEIDER])
def test_caseload_query_count_is_constant(login, team, werkcoach, rol):
    if rol == Rol.TEAMLEIDER:
        team.teamleider = UserFactory(rol=Rol.TEAMLEIDER, team=None)
        team.save()
        gebruiker = team.teamleider
    else:
        gebruiker = werkcoach
    client = login(gebruiker)
    _maak_caseload(werkcoach, 3)
    tel_queries(client, URL)  # warm-up (caches)
    weinig = tel_queries(client, URL)
    _maak_caseload(werkcoach, 17)
    veel = tel_queries(client, URL)
    assert weinig == veel
    assert veel <= 20
    # with filters and a search too
    client.post(URL, {"zoek": "a"})
    assert tel_queries(client, URL, data={"status": "lopend"}) <= 20
