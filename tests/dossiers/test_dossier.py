"""Dossier page: header, tabs, journaal (htmx and plain POST), status and handover flows."""

from datetime import date

import pytest
from django.urls import reverse

from bijstand.dossiers import services
from bijstand.dossiers.models import (
    Dossier,
    HuishoudenLid,
    JournaalRegel,
    Leefvorm,
    Overdracht,
    StandaardTekst,
    StatusWijziging,
)
from tests.factories import DossierFactory, UserFactory

from .helpers import tel_queries

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def detail_url(dossier):
    return reverse("dossiers:detail", kwargs={"pk": dossier.pk})


def test_url_names(dossier):
    pk = dossier.pk
    assert reverse("dossiers:detail", kwargs={"pk": pk}) == f"/dossiers/{pk}/"
    assert reverse("dossiers:tab", kwargs={"pk": pk, "tab": "intake"}) == f"/dossiers/{pk}/intake/"
    assert reverse("dossiers:journaal_toevoegen", kwargs={"pk": pk})
    assert reverse("dossiers:status", kwargs={"pk": pk})
    assert reverse("dossiers:overdragen", kwargs={"pk": pk})


# --- access -------------------------------------------------------------------------------


def test_anonymous_redirected(client, dossier):
    response = client.get(detail_url(dossier))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_werkcoach_own_200_other_404(login, werkcoach, collega, dossier):
    ander = DossierFactory(werkcoach=collega)
    client = login(werkcoach)
    assert client.get(detail_url(dossier)).status_code == 200
    assert client.get(detail_url(ander)).status_code == 404
    assert client.get(reverse("dossiers:tab", args=[ander.pk, "intake"])).status_code == 404
    assert (
        client.post(
            reverse("dossiers:journaal_toevoegen", args=[ander.pk]),
            {"soort": "notitie", "zichtbaarheid": "intern", "tekst": "x"},
        ).status_code
        == 404
    )
    assert not JournaalRegel.objects.filter(dossier=ander).exists()


def test_teamleider_team_scope(login, teamleider, dossier, andere_werkcoach):
    ander_team = DossierFactory(werkcoach=andere_werkcoach)
    client = login(teamleider)
    assert client.get(detail_url(dossier)).status_code == 200
    assert client.get(detail_url(ander_team)).status_code == 404


def test_inkomensconsulent_scope(login, werkcoach, inkomensconsulent):
    toegewezen = DossierFactory(werkcoach=werkcoach, inkomensconsulent=inkomensconsulent)
    niet = DossierFactory(werkcoach=werkcoach)
    client = login(inkomensconsulent)
    assert client.get(detail_url(toegewezen)).status_code == 200
    assert client.get(detail_url(niet)).status_code == 404


@pytest.mark.parametrize("fixture", ["beheerder", "privacy_officer", "burger"])
def test_roles_without_case_access_403(request, login, dossier, fixture):
    client = login(request.getfixturevalue(fixture))
    pk = dossier.pk
    assert client.get(detail_url(dossier)).status_code == 403
    assert client.get(reverse("dossiers:tab", args=[pk, "plan"])).status_code == 403
    assert client.get(reverse("dossiers:status", args=[pk])).status_code == 403
    assert client.get(reverse("dossiers:overdragen", args=[pk])).status_code == 403
    assert client.post(reverse("dossiers:journaal_toevoegen", args=[pk]), {}).status_code == 403


# --- header and tabs ----------------------------------------------------------------------


def test_header(login, werkcoach, dossier, inkomensconsulent):
    dossier.inkomensconsulent = inkomensconsulent
    dossier.route = "intensief"
    dossier.doelgroep = "jongere"
    dossier.save()
    huishouden = dossier.werkzoekende.huishouden
    huishouden.leefvorm = Leefvorm.GEHUWD
    huishouden.save()
    HuishoudenLid.objects.create(
        huishouden=huishouden, rol="partner", naam="Sam de Vries", geboortedatum=date(1990, 1, 1)
    )
    HuishoudenLid.objects.create(
        huishouden=huishouden, rol="kind", naam="Noor de Vries", geboortedatum=date(2015, 6, 1)
    )
    HuishoudenLid.objects.create(
        huishouden=huishouden, rol="medebewoner", naam="Ali Bakker", geboortedatum=date(1960, 1, 1)
    )
    html = login(werkcoach).get(detail_url(dossier)).content.decode()
    assert f'<h1 class="utrecht-heading-1">{dossier.werkzoekende.naam}</h1>' in html
    for tekst in (
        "Gehuwd of samenwonend",
        "Partner: Sam de Vries",
        "Kind: Noor de Vries",
        "Medebewoner: Ali Bakker",
        str(werkcoach),
        str(inkomensconsulent),
        "Lopend",
        "Grotere afstand, haalbaar perspectief: intensief",
        "Jongere (tot 27)",
        str(dossier.werkzoekende.wijk),
    ):
        assert tekst in html, tekst
    assert " jaar</dd>" in html
    # the BSN is not shown in the page
    assert dossier.werkzoekende.bsn not in html


def test_every_tab_is_rendered_by_its_app():
    """Each tab but the overview is filled by a domain app (registreer_tab), none by the hub."""
    from bijstand.dossiers.tabs import DOSSIER_TABS, TAB_VIEWS

    assert set(TAB_VIEWS) == {slug for slug, _label in DOSSIER_TABS} - {"overzicht"}
    assert all(not pad.startswith("bijstand.dossiers") for pad in TAB_VIEWS.values())


@pytest.mark.parametrize("tab", ["intake", "perspectief", "plan", "instrumenten", "agenda"])
def test_tabs_render_with_current_tab_marked(login, werkcoach, dossier, tab):
    response = login(werkcoach).get(reverse("dossiers:tab", args=[dossier.pk, tab]))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="/dossiers/{dossier.pk}/{tab}/" aria-current="page"' in html


def test_unknown_tab_404_and_overzicht_redirects(login, werkcoach, dossier):
    client = login(werkcoach)
    assert client.get(reverse("dossiers:tab", args=[dossier.pk, "onzin"])).status_code == 404
    response = client.get(reverse("dossiers:tab", args=[dossier.pk, "overzicht"]))
    assert response.status_code == 302 and response["Location"] == detail_url(dossier)


# --- journaal -----------------------------------------------------------------------------


def test_confidential_entries_only_for_werkcoach(login, werkcoach, teamleider, dossier):
    services.voeg_journaalregel_toe(
        dossier=dossier,
        auteur=werkcoach,
        soort="notitie",
        tekst="Geheime gezondheidsnotitie",
        vertrouwelijk=True,
    )
    services.voeg_journaalregel_toe(
        dossier=dossier, auteur=werkcoach, soort="notitie", tekst="Gewone notitie"
    )
    assert (
        "Geheime gezondheidsnotitie" in login(werkcoach).get(detail_url(dossier)).content.decode()
    )
    html = login(teamleider).get(detail_url(dossier)).content.decode()
    assert "Geheime gezondheidsnotitie" not in html
    assert "Gewone notitie" in html


def test_journaal_add_plain_post(login, werkcoach, dossier):
    response = login(werkcoach).post(
        reverse("dossiers:journaal_toevoegen", args=[dossier.pk]),
        {
            "soort": "contact",
            "kanaal": "telefoon",
            "richting": "uitgaand",
            "zichtbaarheid": "intern",
            "onderwerp": "Afspraak",
            "tekst": "Gebeld over de afspraak.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == detail_url(dossier) + "#journaal"
    regel = JournaalRegel.objects.get(dossier=dossier, soort="contact")
    assert regel.kanaal == "telefoon" and regel.auteur == werkcoach
    dossier.refresh_from_db()
    assert dossier.laatste_contact is not None


def test_journaal_add_htmx_returns_partial(login, werkcoach, dossier):
    response = login(werkcoach).post(
        reverse("dossiers:journaal_toevoegen", args=[dossier.pk]),
        {"soort": "notitie", "zichtbaarheid": "extern", "tekst": "Cv besproken."},
        **HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith('<section id="journaal"')
    assert "Cv besproken." in html
    assert "De journaalregel is toegevoegd." in html
    assert "Zichtbaar voor de burger" in html
    assert JournaalRegel.objects.filter(dossier=dossier, tekst="Cv besproken.").exists()


@pytest.mark.parametrize("htmx", [False, True])
def test_journaal_service_validation_error(login, werkcoach, dossier, htmx):
    """A contact moment without kanaal: the service refuses, the form shows it, nothing saved."""
    voor = JournaalRegel.objects.count()
    response = login(werkcoach).post(
        reverse("dossiers:journaal_toevoegen", args=[dossier.pk]),
        {"soort": "contact", "zichtbaarheid": "intern", "tekst": "Gesprek gehad."},
        **(HTMX if htmx else {}),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kies het kanaal van het contact." in html
    assert 'id="id_kanaal_error"' in html
    assert 'aria-invalid="true"' in html
    assert ("<html" in html) is not htmx
    assert JournaalRegel.objects.count() == voor


def test_journaal_confidential_extern_refused(login, werkcoach, dossier):
    voor = JournaalRegel.objects.count()
    html = (
        login(werkcoach)
        .post(
            reverse("dossiers:journaal_toevoegen", args=[dossier.pk]),
            {"soort": "notitie", "zichtbaarheid": "extern", "vertrouwelijk": "on", "tekst": "x"},
        )
        .content.decode()
    )
    assert "Een vertrouwelijke notitie kan niet extern zichtbaar zijn." in html
    assert JournaalRegel.objects.count() == voor


def test_journaal_empty_text_refused(login, werkcoach, dossier):
    voor = JournaalRegel.objects.count()
    html = (
        login(werkcoach)
        .post(
            reverse("dossiers:journaal_toevoegen", args=[dossier.pk]),
            {"soort": "notitie", "zichtbaarheid": "intern", "tekst": "  "},
        )
        .content.decode()
    )
    assert "Vul een tekst in." in html
    assert 'href="#id_tekst"' in html
    assert JournaalRegel.objects.count() == voor


def test_journaal_teamleider_may_not_add(login, teamleider, dossier):
    response = login(teamleider).post(
        reverse("dossiers:journaal_toevoegen", args=[dossier.pk]),
        {"soort": "notitie", "zichtbaarheid": "intern", "tekst": "x"},
    )
    assert response.status_code == 403
    assert not JournaalRegel.objects.filter(dossier=dossier).exists()
    # and the page does not offer the form
    assert (
        "Toevoegen aan journaal" not in login(teamleider).get(detail_url(dossier)).content.decode()
    )


def test_inkomensconsulent_may_add(login, werkcoach, inkomensconsulent):
    d = DossierFactory(werkcoach=werkcoach, inkomensconsulent=inkomensconsulent)
    response = login(inkomensconsulent).post(
        reverse("dossiers:journaal_toevoegen", args=[d.pk]),
        {"soort": "notitie", "zichtbaarheid": "intern", "tekst": "Inkomsten gecontroleerd."},
    )
    assert response.status_code == 302


def test_standaardtekst_without_js(login, werkcoach, dossier):
    st = StandaardTekst.objects.create(titel="Uitnodiging", tekst="U bent uitgenodigd.")
    response = login(werkcoach).post(
        reverse("dossiers:journaal_toevoegen", args=[dossier.pk]),
        {"soort": "notitie", "zichtbaarheid": "intern", "standaardtekst": st.pk, "tekst": ""},
    )
    assert response.status_code == 302
    assert JournaalRegel.objects.get(dossier=dossier).tekst == "U bent uitgenodigd."


def test_standaardtekst_inserted_with_htmx(login, werkcoach, dossier):
    st = StandaardTekst.objects.create(titel="Uitnodiging", tekst="U bent uitgenodigd.")
    client = login(werkcoach)
    html = client.get(detail_url(dossier)).content.decode()
    assert "Uitnodiging</option>" in html
    assert 'hx-post="/dossiers/standaardtekst/"' in html
    response = client.post(
        reverse("dossiers:standaardtekst_invoegen"),
        {"standaardtekst": st.pk, "tekst": "Eigen begin."},
        **HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith('<div id="div_id_tekst"')
    assert "Eigen begin.\n\nU bent uitgenodigd." in html


def test_journaal_pagination(login, werkcoach, dossier):
    for i in range(25):
        JournaalRegel.objects.create(dossier=dossier, soort="notitie", tekst=f"Regel {i}")
    html = login(werkcoach).get(detail_url(dossier), {"pagina": 2}).content.decode()
    assert 'aria-label="Paginering journaal"' in html
    assert f'href="/dossiers/{dossier.pk}/?pagina=1#journaal"' in html


# --- status -------------------------------------------------------------------------------


def test_status_form_offers_only_allowed_transitions(login, werkcoach, dossier):
    html = login(werkcoach).get(reverse("dossiers:status", args=[dossier.pk])).content.decode()
    assert 'value="beeindigd"' in html
    assert 'value="heropend"' not in html and 'value="aanvraag"' not in html


def test_status_beeindigen_requires_reason(login, werkcoach, dossier):
    response = login(werkcoach).post(
        reverse("dossiers:status", args=[dossier.pk]), {"naar": "beeindigd"}
    )
    assert response.status_code == 200
    assert "Geef een reden voor de beëindiging." in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == "lopend"
    assert not StatusWijziging.objects.filter(dossier=dossier).exists()


def test_status_not_allowed_transition(login, werkcoach, dossier):
    response = login(werkcoach).post(
        reverse("dossiers:status", args=[dossier.pk]), {"naar": "heropend"}
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == "lopend"


def test_status_service_error_shown(login, werkcoach, dossier, monkeypatch):
    """A ValidationError from the service (e.g. a concurrent change) is shown; nothing saved."""
    from django.core.exceptions import ValidationError

    def weiger(**kwargs):
        raise ValidationError(
            {"status": "Van 'Beëindigd' naar 'lopend' is geen toegestane overgang."}
        )

    monkeypatch.setattr(services, "wijzig_status", weiger)
    response = login(werkcoach).post(
        reverse("dossiers:status", args=[dossier.pk]), {"naar": "beeindigd", "reden": "werk"}
    )
    assert response.status_code == 200
    assert "geen toegestane overgang" in response.content.decode()
    assert 'id="id_naar_error"' in response.content.decode()


def test_status_change_via_view(login, werkcoach, dossier):
    client = login(werkcoach)
    response = client.post(
        reverse("dossiers:status", args=[dossier.pk]),
        {"naar": "beeindigd", "reden": "werk", "toelichting": "Vast contract."},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == "beeindigd" and dossier.beeindigingsreden == "werk"
    assert StatusWijziging.objects.filter(dossier=dossier, naar="beeindigd").exists()
    # and back: beëindigd -> heropend -> lopend
    client.post(reverse("dossiers:status", args=[dossier.pk]), {"naar": "heropend"})
    client.post(reverse("dossiers:status", args=[dossier.pk]), {"naar": "lopend"})
    dossier.refresh_from_db()
    assert dossier.status == "lopend"
    html = client.get(detail_url(dossier)).content.decode()
    assert "Status gewijzigd van" in html


def test_status_teamleider_403(login, teamleider, dossier):
    client = login(teamleider)
    assert client.get(reverse("dossiers:status", args=[dossier.pk])).status_code == 403
    response = client.post(
        reverse("dossiers:status", args=[dossier.pk]), {"naar": "beeindigd", "reden": "werk"}
    )
    assert response.status_code == 403
    dossier.refresh_from_db()
    assert dossier.status == "lopend"


# --- handover -----------------------------------------------------------------------------


def test_overdragen_flow(login, teamleider, werkcoach, collega, andere_werkcoach, dossier):
    inactief = UserFactory(rol="werkconsulent", team=werkcoach.team, is_active=False)
    client = login(teamleider)
    url = reverse("dossiers:overdragen", args=[dossier.pk])
    html = client.get(url).content.decode()
    assert f'value="{collega.pk}"' in html
    assert f'value="{werkcoach.pk}"' not in html  # current werkcoach
    assert f'value="{andere_werkcoach.pk}"' not in html  # other team
    assert f'value="{inactief.pk}"' not in html

    # reason required
    response = client.post(url, {"naar_werkcoach": collega.pk, "reden": ""})
    assert response.status_code == 200
    assert "Geef een reden voor de overdracht." in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.werkcoach == werkcoach

    # werkcoach outside the team refused
    response = client.post(url, {"naar_werkcoach": andere_werkcoach.pk, "reden": "Verhuisd"})
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()

    response = client.post(url, {"naar_werkcoach": collega.pk, "reden": "Verdeling caseload"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.werkcoach == collega
    assert Overdracht.objects.filter(
        dossier=dossier, van_werkcoach=werkcoach, naar_werkcoach=collega
    ).exists()
    html = client.get(detail_url(dossier)).content.decode()
    assert 'data-testid="aantal-overdrachten">1<' in html
    assert "Verdeling caseload" in html


def test_overdragen_forbidden_for_werkcoach(login, werkcoach, collega, dossier):
    client = login(werkcoach)
    url = reverse("dossiers:overdragen", args=[dossier.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"naar_werkcoach": collega.pk, "reden": "x"}).status_code == 403
    assert Dossier.objects.get(pk=dossier.pk).werkcoach == werkcoach


def test_overdragen_other_team_404(login, andere_werkcoach, dossier):
    ander_teamleider = andere_werkcoach.team.teamleider
    url = reverse("dossiers:overdragen", args=[dossier.pk])
    assert login(ander_teamleider).get(url).status_code == 404


# --- query counts -------------------------------------------------------------------------


def _vul_journaal(dossier, auteurs, n):
    for i in range(n):
        JournaalRegel.objects.create(
            dossier=dossier,
            soort="contact" if i % 2 else "notitie",
            kanaal="telefoon" if i % 2 else "",
            tekst=f"Regel {i}",
            auteur=auteurs[i % len(auteurs)],
            vertrouwelijk=bool(i % 3 == 0),
        )


@pytest.mark.parametrize("als", ["werkcoach", "teamleider"])
def test_dossier_page_query_count_is_constant(request, login, werkcoach, collega, dossier, als):
    gebruiker = request.getfixturevalue(als)
    client = login(gebruiker)
    huishouden = dossier.werkzoekende.huishouden
    _vul_journaal(dossier, [werkcoach, collega], 3)
    HuishoudenLid.objects.create(
        huishouden=huishouden, rol="kind", naam="Kind 1", geboortedatum=date(2015, 1, 1)
    )
    url = detail_url(dossier)
    tel_queries(client, url)  # warm-up
    weinig = tel_queries(client, url)
    _vul_journaal(dossier, [werkcoach, collega, gebruiker], 17)
    for i in range(4):
        HuishoudenLid.objects.create(
            huishouden=huishouden, rol="kind", naam=f"Kind {i + 2}", geboortedatum=date(2016, 1, 1)
        )
    veel = tel_queries(client, url)
    assert weinig == veel
    assert veel <= 25


def test_tab_page_query_count_is_constant(login, werkcoach, dossier):
    client = login(werkcoach)
    url = reverse("dossiers:tab", args=[dossier.pk, "intake"])
    tel_queries(client, url)
    weinig = tel_queries(client, url)
    _vul_journaal(dossier, [werkcoach], 20)
    assert tel_queries(client, url) == weinig
