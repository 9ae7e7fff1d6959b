"""The steps of the aanvraag in the portal: save and resume, BRP data shown (not overwritten),
bad and hostile input, bewijsstukken, sending, read-only afterwards."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils.formats import date_format

from aanvraag.models import Aanvraag, AanvraagStatus, Stuk
from bijstand.core import tijd
from tests.brp.fixtures import fake_brp  # noqa: F401 (the fake BRP server)

from .aanvraag_hulp import (
    DAAN,
    EMRE,
    LISA,
    SANNE,
    _prive_media,  # noqa: F401 (autouse)
    exe_als_pdf,
    meld,
    pdf,
)

# every test has the fake BRP running (tests/brp/fixtures.py); ``brp`` is the server itself
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fake_brp")]


@pytest.fixture
def brp(request):
    return request.getfixturevalue("fake_brp")


GELDIG = {
    "persoon": {"email": "sanne@example.org", "telefoon": "010 1234567"},
    "wonen": {"woonsituatie": "huur", "woonkosten": "650,00", "toelichting": ""},
    "inkomen": {},
    "vermogen": {"bank_saldo": "120,50"},
    "bankrekening": {"iban": "NL91 ABNA 0417 1643 00", "tenaamstelling": "S. Kok"},
}
HUISHOUDEN_LEEG = {
    "kinderen-TOTAL_FORMS": "0",
    "kinderen-INITIAL_FORMS": "0",
    "medebewoners-TOTAL_FORMS": "0",
    "medebewoners-INITIAL_FORMS": "0",
}


def url(stap: str) -> str:
    return reverse("portaal:aanvraag_stap", args=[stap])


def post_stap(client, stap: str, data: dict, actie: str = "verder"):
    return client.post(url(stap), {**data, "actie": actie})


def vul_alles_in(client) -> None:
    for stap, data in GELDIG.items():
        response = post_stap(client, stap, data)
        assert response.status_code == 302, response.content.decode()[:3000]
    assert post_stap(client, "huishouden", HUISHOUDEN_LEEG).status_code == 302
    assert post_stap(client, "stukken", {}).status_code == 302


@pytest.fixture
def sanne(client, werkcoach):
    meld(client, SANNE)
    return client


def aanvraag() -> Aanvraag:
    return Aanvraag.objects.get()


def test_each_step_saves_and_resumes(sanne):
    response = post_stap(sanne, "persoon", GELDIG["persoon"])
    assert response["Location"] == url("wonen")
    assert aanvraag().gegevens["persoon"]["data"]["email"] == "sanne@example.org"
    # stop and come back later
    response = post_stap(sanne, "wonen", GELDIG["wonen"], actie="stoppen")
    assert response["Location"] == reverse("portaal:aanvraag_start")
    start = sanne.get(reverse("portaal:aanvraag_start")).content.decode()
    assert "Verder met uw aanvraag" in start
    assert start.count("(klaar)") == 2
    assert f'href="{url("huishouden")}"' in start  # the first step still to do
    # the saved answers are shown again
    assert 'value="sanne@example.org"' in sanne.get(url("persoon")).content.decode()
    wonen = sanne.get(url("wonen")).content.decode()
    assert 'value="650.00"' in wonen or 'value="650,00"' in wonen
    for stap in ("inkomen", "vermogen", "bankrekening"):
        assert post_stap(sanne, stap, GELDIG[stap]).status_code == 302
    assert aanvraag().gegevens["bankrekening"]["data"]["iban"] == "NL91ABNA0417164300"
    assert aanvraag().gegevens["vermogen"]["data"]["bank_saldo"] == "120.50"


def test_step_page_has_indicator_and_brp_data(sanne):
    content = sanne.get(url("persoon")).content.decode()
    assert 'aria-current="step"' in content
    assert "stap 1 van 8" in content
    assert "Sanne Kok" in content
    assert "uit de BRP" in content
    assert "Opslaan en verder" in content
    assert "Vorige" in content
    assert SANNE not in content


def test_other_address_is_kept_beside_the_brp(sanne):
    data = {
        **GELDIG["persoon"],
        "adres_gewijzigd": "on",
        "straat": "Coolsingel",
        "huisnummer": "40",
        "postcode": "3011ad",
        "woonplaats": "Rotterdam",
    }
    assert post_stap(sanne, "persoon", data).status_code == 302
    a = aanvraag()
    assert a.gegevens["persoon"]["data"]["straat"] == "Coolsingel"
    assert a.gegevens["persoon"]["data"]["postcode"] == "3011AD"
    assert a.brp["straat"] != "Coolsingel"  # what the BRP said is not overwritten


def test_other_address_must_be_complete(sanne):
    data = {**GELDIG["persoon"], "adres_gewijzigd": "on", "straat": "Coolsingel"}
    response = post_stap(sanne, "persoon", data)
    assert response.status_code == 200
    assert "Vul uw nieuwe adres helemaal in." in response.content.decode()
    assert "persoon" not in aanvraag().gegevens


@pytest.mark.parametrize(
    ("stap", "data", "fout"),
    [
        (
            "bankrekening",
            {"iban": "NL00 ABNA 0000 0000 00", "tenaamstelling": "S. Kok"},
            "Dit IBAN klopt niet",
        ),
        (
            "wonen",
            {"woonsituatie": "huur", "woonkosten": "-5"},
            "Het bedrag kan niet negatief zijn",
        ),
        ("vermogen", {"bank_saldo": "-1"}, "Het bedrag kan niet negatief zijn"),
        ("vermogen", {"bank_saldo": ""}, "Vul het bedrag in"),
        ("wonen", {"woonsituatie": "kasteel"}, "Selecteer een geldige keuze"),
        ("wonen", {}, "Kies hoe u woont"),
        ("inkomen", {"heeft_inkomen": "on"}, "Vul in wat voor inkomen u hebt"),
        ("persoon", {"email": "geen-adres"}, "e-mailadres"),
        ("persoon", {"telefoon": "<script>"}, "Gebruik alleen cijfers"),
    ],
)
def test_bad_input_gives_dutch_error_and_stores_nothing(sanne, stap, data, fout):
    response = post_stap(sanne, stap, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert fout in content
    assert "Er ging iets mis" in content
    assert 'class="utrecht-alert utrecht-alert--error nlds-error-summary"' in content
    assert "<script>" not in content
    assert stap not in aanvraag().gegevens


def test_household_shows_brp_partner_and_children(client, werkcoach):
    meld(client, EMRE)
    content = client.get(url("huishouden")).content.decode()
    assert "Elif Yılmaz" in content
    assert "Deniz Yılmaz" in content
    assert "uit de BRP" in content
    assert "Op uw adres staat verder niemand ingeschreven." in content
    # prefilled, not yet saved
    assert 'value="Elif Yılmaz"' in content
    assert "huishouden" not in Aanvraag.objects.get().gegevens
    assert EMRE not in content and "999991012" not in content


def test_household_shows_only_the_number_of_other_residents(client, brp, werkcoach):
    meld(client, LISA)
    content = client.get(url("huishouden")).content.decode()
    assert "Op uw adres staat nog 1 ander persoon ingeschreven." in content
    assert "Visser" not in content and "Tom" not in content
    assert "999991115" not in content
    verzoeken = len(brp.verzoeken)
    client.get(url("huishouden"))
    assert len(brp.verzoeken) == verzoeken  # read once per session


def test_household_add_one_more_without_javascript(sanne):
    data = {**HUISHOUDEN_LEEG, "heeft_partner": "on", "partner_naam": "Piet"}
    response = post_stap(sanne, "huishouden", data, actie="kind_erbij")
    content = response.content.decode()
    assert response.status_code == 200
    assert 'name="kinderen-TOTAL_FORMS" value="1"' in content
    assert 'name="kinderen-0-naam"' in content
    assert 'value="Piet"' in content  # what was typed stays
    assert "Er ging iets mis" not in content
    assert "huishouden" not in aanvraag().gegevens  # nothing saved yet
    data = {
        **HUISHOUDEN_LEEG,
        "kinderen-TOTAL_FORMS": "1",
        "kinderen-0-naam": "Mila",
        "kinderen-0-geboortedatum": "2019-04-02",
    }
    response = post_stap(sanne, "huishouden", data, actie="medebewoner_erbij")
    content = response.content.decode()
    assert 'value="Mila"' in content
    assert 'name="medebewoners-TOTAL_FORMS" value="1"' in content
    data.update(
        {
            "medebewoners-TOTAL_FORMS": "1",
            "medebewoners-0-naam": "Kees",
            "medebewoners-0-geboortedatum": "1960-01-01",
            "medebewoners-0-familie": "on",
        }
    )
    assert post_stap(sanne, "huishouden", data).status_code == 302
    opgeslagen = aanvraag().gegevens["huishouden"]["data"]
    assert opgeslagen["partner"] is None
    assert opgeslagen["kinderen"] == [{"naam": "Mila", "geboortedatum": "2019-04-02"}]
    assert opgeslagen["medebewoners"][0]["familie"] is True
    assert "DELETE" not in opgeslagen["medebewoners"][0]
    # resume: the rows come back
    assert 'value="Mila"' in sanne.get(url("huishouden")).content.decode()


def test_household_row_can_be_removed(client, werkcoach):
    meld(client, EMRE)
    data = {
        "heeft_partner": "on",
        "partner_naam": "Elif Yılmaz",
        "partner_geboortedatum": "1999-08-03",
        "kinderen-TOTAL_FORMS": "1",
        "kinderen-INITIAL_FORMS": "1",
        "kinderen-0-naam": "Deniz Yılmaz",
        "kinderen-0-geboortedatum": "",
        "kinderen-0-DELETE": "on",
        "medebewoners-TOTAL_FORMS": "0",
        "medebewoners-INITIAL_FORMS": "0",
    }
    assert post_stap(client, "huishouden", data).status_code == 302
    a = Aanvraag.objects.get()
    assert a.gegevens["huishouden"]["data"]["kinderen"] == []
    assert a.brp["kinderen"][0]["naam"] == "Deniz Yılmaz"  # the BRP data is kept


def test_household_future_birth_date_refused(sanne):
    morgen = (tijd.vandaag() + timedelta(days=1)).isoformat()
    data = {
        **HUISHOUDEN_LEEG,
        "kinderen-TOTAL_FORMS": "1",
        "kinderen-0-naam": "Mila",
        "kinderen-0-geboortedatum": morgen,
    }
    response = post_stap(sanne, "huishouden", data)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Deze datum ligt in de toekomst." in content
    assert 'href="#id_kinderen-0-geboortedatum"' in content
    assert "huishouden" not in aanvraag().gegevens


def test_household_tampered_management_form_is_no_500(sanne):
    data = {"kinderen-TOTAL_FORMS": "x", "medebewoners-TOTAL_FORMS": "99999"}
    response = post_stap(sanne, "huishouden", data)
    assert response.status_code == 200
    assert "huishouden" not in aanvraag().gegevens
    response = post_stap(sanne, "huishouden", data, actie="kind_erbij")
    assert response.status_code == 200


def test_upload_pdf_listed_without_file_name(sanne):
    response = sanne.post(
        url("stukken"), {"stuk-soort": "bankrekening", "stuk-bestand": pdf(), "actie": "toevoegen"}
    )
    assert response.status_code == 302
    stuk = Stuk.objects.get()
    assert stuk.bestandstype == "pdf"
    content = sanne.get(url("stukken")).content.decode()
    assert "Bankafschriften, gestuurd op" in content
    assert "bankafschrift.pdf" not in content


def test_upload_renamed_exe_refused(sanne):
    response = sanne.post(
        url("stukken"),
        {"stuk-soort": "bankrekening", "stuk-bestand": exe_als_pdf(), "actie": "toevoegen"},
    )
    assert response.status_code == 200
    assert "Stuur een PDF, PNG of JPG. Dit bestand is dat niet." in response.content.decode()
    assert not Stuk.objects.exists()


def test_stukken_step_can_be_passed_without_file(sanne):
    response = post_stap(sanne, "stukken", {})
    assert response["Location"] == url("verklaring")
    assert "stukken" in aanvraag().gegevens


def test_hostile_text_is_escaped_on_the_summary(sanne):
    vul_alles_in(sanne)
    kwaad = "<script>alert(1)</script>"
    data = {"woonsituatie": "anders", "toelichting": kwaad}
    assert post_stap(sanne, "wonen", data).status_code == 302
    data = {"iban": "NL91ABNA0417164300", "tenaamstelling": '"><img src=x onerror=alert(1)>'}
    assert post_stap(sanne, "bankrekening", data).status_code == 302
    content = sanne.get(url("verklaring")).content.decode()
    assert kwaad not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<img src=x" not in content
    assert "€ 120,50" in content


def test_summary_links_to_missing_steps(sanne):
    post_stap(sanne, "persoon", GELDIG["persoon"])
    response = post_stap(sanne, "verklaring", {"akkoord": "on"})
    content = response.content.decode()
    assert response.status_code == 200
    assert f'href="{url("wonen")}">Vul deze stap nog in: Waar u woont' in content
    assert a_status() == AanvraagStatus.CONCEPT


def a_status() -> str:
    return aanvraag().status


def test_verklaring_checkbox_required(sanne):
    vul_alles_in(sanne)
    response = post_stap(sanne, "verklaring", {})
    assert "Vink aan dat u alles naar waarheid hebt ingevuld." in response.content.decode()
    assert a_status() == AanvraagStatus.CONCEPT


def test_send_then_steps_are_read_only(sanne, werkcoach):
    vul_alles_in(sanne)
    response = post_stap(sanne, "verklaring", {"akkoord": "on"})
    assert response["Location"] == reverse("portaal:aanvraag_verstuurd")
    a = aanvraag()
    assert a.status == AanvraagStatus.INGEDIEND
    assert a.ontvangen_op == tijd.vandaag()
    verstuurd = sanne.get(response["Location"]).content.decode()
    assert date_format(a.beslissen_uiterlijk, "j F Y") in verstuurd
    assert werkcoach.last_name in verstuurd
    assert "brede intake" in verstuurd
    # read-only now
    gegevens = a.gegevens
    response = post_stap(sanne, "persoon", {"email": "ander@example.org"})
    assert response["Location"] == reverse("portaal:aanvraag")
    assert aanvraag().gegevens == gegevens
    assert sanne.get(url("wonen"))["Location"] == reverse("portaal:aanvraag")
    # the start page sends to the status page, which shows the decision date
    assert sanne.get(reverse("portaal:aanvraag_start"))["Location"] == reverse("portaal:aanvraag")
    status = sanne.get(reverse("portaal:aanvraag")).content.decode()
    assert "Wij hebben uw aanvraag ontvangen" in status
    assert date_format(a.beslissen_uiterlijk, "j F Y") in status
    home = sanne.get(reverse("portaal:overzicht")).content.decode()
    assert "Bekijk mijn aanvraag" in home


def test_jongere_cannot_send_before_four_weeks(client, werkcoach, monkeypatch):
    meld(client, DAAN)
    vul_alles_in(client)
    vanaf = tijd.vandaag() + timedelta(weeks=4)
    response = post_stap(client, "verklaring", {"akkoord": "on"})
    content = response.content.decode()
    assert response.status_code == 200
    assert f"U kunt de aanvraag versturen vanaf {date_format(vanaf, 'j F Y')}" in content
    assert a_status() == AanvraagStatus.CONCEPT
    monkeypatch.setattr(tijd, "vandaag", lambda: vanaf)
    response = post_stap(client, "verklaring", {"akkoord": "on"})
    assert response["Location"] == reverse("portaal:aanvraag_verstuurd")
    assert a_status() == AanvraagStatus.INGEDIEND


def test_requested_stukken_on_the_status_page(sanne, team):
    from aanvraag import behandeling
    from bijstand.accounts.models import Rol
    from tests.factories import UserFactory

    vul_alles_in(sanne)
    post_stap(sanne, "verklaring", {"akkoord": "on"})
    consulent = UserFactory(rol=Rol.INKOMENSCONSULENT, team=team)
    a = aanvraag()
    behandeling.neem_in_behandeling(aanvraag=a, door=consulent)
    h = behandeling.vraag_stukken_op(
        aanvraag=a, gevraagd="Uw huurcontract <b>graag</b>", door=consulent
    )
    content = sanne.get(reverse("portaal:aanvraag")).content.decode()
    assert "Wij hebben meer gegevens nodig" in content
    assert "Uw huurcontract &lt;b&gt;graag&lt;/b&gt;" in content
    assert date_format(h.termijn_tot, "j F Y") in content
    response = sanne.post(
        reverse("portaal:aanvraag"), {"stuk-soort": "huur", "stuk-bestand": exe_als_pdf()}
    )
    assert "Dit bestand is dat niet" in response.content.decode()
    response = sanne.post(
        reverse("portaal:aanvraag"), {"stuk-soort": "huur", "stuk-bestand": pdf("huur.pdf")}
    )
    assert response["Location"] == reverse("portaal:aanvraag")
    assert Stuk.objects.filter(soort="huur").count() == 1
    content = sanne.get(reverse("portaal:aanvraag")).content.decode()
    assert "Huurcontract of hypotheek, gestuurd op" in content
    assert "huur.pdf" not in content
