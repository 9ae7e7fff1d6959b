"""Bijstand aanvragen in the portal (issue 12): DigiD without a dossier, the melding with the
BRP, the status page, and who can see what."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils.html import escape

from aanvraag.models import Aanvraag, AanvraagStatus
from bijstand.accounts.models import Rol, User
from bijstand.core import crypto, tijd
from bijstand.dossiers.models import Dossier, Werkzoekende
from bijstand.logboek.models import Verwerking
from bijstand.portaal.backends import SESSIE_BSN
from bijstand.portaal.services import DigiDWeigering, burger_voor_digid
from tests.brp.fixtures import fake_brp  # noqa: F401 (the fake BRP server)

from .aanvraag_hulp import (
    DAAN,
    EMRE,
    LISA,
    SANNE,
    _prive_media,  # noqa: F401 (autouse)
    aangemeld,
    meld,
    pdf,
)
from .conftest import digid_login

# every test has the fake BRP running (tests/brp/fixtures.py); ``brp`` is the server itself
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fake_brp")]


@pytest.fixture
def brp(request):
    return request.getfixturevalue("fake_brp")


# --- DigiD -------------------------------------------------------------------------------------


def test_unknown_valid_bsn_logs_in_and_lands_on_start(client, bsn):
    response = digid_login(client, bsn)
    assert response.resolver_match.view_name == "portaal:aanvraag_start"
    content = response.content.decode()
    assert "Bijstand aanvragen" in content
    assert "Ik meld mij voor bijstand" in content
    account = User.objects.get(bsn_hash=crypto.bsn_hash(bsn))
    assert account.rol == Rol.BURGER
    assert not account.has_usable_password()
    assert not Werkzoekende.objects.filter(account=account).exists()
    # the BSN is not stored on the account, and in the session only encrypted
    assert bsn not in str(User.objects.filter(pk=account.pk).values().first())
    assert bsn not in str(dict(client.session))
    assert crypto.decrypt(client.session[SESSIE_BSN]) == bsn
    assert Verwerking.objects.filter(operatie="digid_inloggen").count() == 1


def test_known_person_logs_in_as_before_without_bsn_in_session(client, persoon):
    response = digid_login(client, persoon.bsn)
    assert response.resolver_match.view_name == "portaal:overzicht"
    assert SESSIE_BSN not in client.session  # the Werkzoekende has it (encrypted)


def test_second_login_reuses_the_account(client, bsn):
    digid_login(client, bsn)
    client.logout()
    aantal = User.objects.count()
    response = digid_login(client, bsn)
    assert response.resolver_match.view_name == "portaal:aanvraag_start"
    assert User.objects.count() == aantal


@pytest.mark.parametrize(
    "naam",
    [
        "portaal:overzicht",
        "portaal:berichten",
        "portaal:inzage",
        "portaal:inkomsten",
        "portaal:specificatie",
        "portaal:watals",
        "portaal:aanvraag",
    ],
)
def test_account_without_dossier_sees_only_the_start_page(client, bsn, naam):
    digid_login(client, bsn)
    response = client.get(reverse(naam))
    assert response.status_code == 302
    assert response["Location"] == reverse("portaal:aanvraag_start")


def test_account_without_dossier_step_goes_to_start(client, bsn):
    digid_login(client, bsn)
    response = client.get(reverse("portaal:aanvraag_stap", args=["persoon"]))
    assert response["Location"] == reverse("portaal:aanvraag_start")


def test_session_endpoints_work_without_dossier(client, bsn):
    digid_login(client, bsn)
    assert client.get(reverse("portaal:sessie_status")).status_code == 200


def test_invalid_bsn_refused(client, db):
    aantal = User.objects.count()
    response = client.get(reverse("digid:acs"), {"bsn": "123456780"}, follow=True)
    assert response.resolver_match.view_name == "portaal:login"
    assert "klopt niet" in response.content.decode()
    assert User.objects.count() == aantal


def test_blocked_account_without_dossier_stays_blocked(client, bsn):
    digid_login(client, bsn)
    client.logout()
    User.objects.filter(bsn_hash=crypto.bsn_hash(bsn)).update(is_active=False)
    response = digid_login(client, bsn)
    assert response.resolver_match.view_name == "portaal:login"
    assert "U kunt nu niet inloggen" in response.content.decode()
    assert "_auth_user_id" not in client.session
    with pytest.raises(DigiDWeigering) as exc:
        burger_voor_digid(bsn=bsn)
    assert exc.value.reden == DigiDWeigering.GEBLOKKEERD


def test_staff_account_with_the_hash_of_an_unknown_bsn_is_refused(bsn):
    User.objects.create(username="x", rol=Rol.WERKCONSULENT, bsn_hash=crypto.bsn_hash(bsn))
    with pytest.raises(DigiDWeigering):
        burger_voor_digid(bsn=bsn)


def test_staff_gets_403_on_the_aanvraag_pages(client, werkcoach):
    client.force_login(werkcoach)
    for url in (
        reverse("portaal:aanvraag_start"),
        reverse("portaal:aanvraag"),
        reverse("portaal:aanvraag_stap", args=["persoon"]),
    ):
        assert client.get(url).status_code == 403
        assert client.post(url).status_code == 403


def test_anonymous_goes_to_login(client, db):
    response = client.get(reverse("portaal:aanvraag_start"))
    assert response["Location"].startswith(reverse("portaal:login"))


# --- the melding -------------------------------------------------------------------------------


def test_melding_creates_werkzoekende_dossier_and_aanvraag(client, werkcoach):
    response = meld(client, SANNE)
    assert response.status_code == 302
    assert response["Location"] == reverse("portaal:aanvraag_stap", args=["persoon"])
    persoon = Werkzoekende.objects.get(bsn_hash=crypto.bsn_hash(SANNE))
    assert (persoon.voornamen, persoon.achternaam) == ("Sanne", "Kok")
    assert persoon.account.bsn_hash == persoon.bsn_hash
    dossier = Dossier.objects.get(werkzoekende=persoon)
    assert dossier.werkcoach == werkcoach
    aanvraag = Aanvraag.objects.get(dossier=dossier)
    assert aanvraag.kanaal == "portaal"
    assert aanvraag.status == AanvraagStatus.CONCEPT
    assert aanvraag.melddatum == tijd.vandaag()
    assert aanvraag.brp["geslachtsnaam"] == "Kok"
    assert SANNE not in str(aanvraag.brp)  # no BSN in plain text with the aanvraag
    assert SESSIE_BSN not in client.session  # no longer needed
    assert Verwerking.objects.filter(operatie="brp_raadpleeg:aanvraag_bijstand").exists()
    assert Verwerking.objects.filter(operatie="koppel_digid_account").count() == 1
    # now the other pages work, and the home page shows the card
    overzicht = client.get(reverse("portaal:overzicht"))
    assert overzicht.status_code == 200
    assert "Verder met uw aanvraag" in overzicht.content.decode()


def test_melding_for_jongere_shows_the_date(client, werkcoach):
    meld(client, DAAN)
    aanvraag = Aanvraag.objects.get()
    assert aanvraag.indienen_vanaf == tijd.vandaag() + timedelta(weeks=4)
    content = client.get(reverse("portaal:aanvraag_start")).content.decode()
    assert "U kunt de aanvraag versturen vanaf" in content


@pytest.mark.parametrize("storing", ["500", "ongeldige-json"])
def test_brp_down_gives_message_and_creates_nothing(client, brp, werkcoach, storing):
    brp.storing = storing
    response = meld(client, SANNE)
    assert response.status_code == 200
    content = response.content.decode()
    assert "We kunnen uw gegevens nu niet ophalen" in content
    assert "14 010" in content
    assert not Werkzoekende.objects.exists()
    assert not Aanvraag.objects.exists()
    assert SESSIE_BSN in client.session  # can try again later


def test_bsn_unknown_to_the_brp_gives_message(client, werkcoach, bsn):
    response = meld(client, bsn)
    assert "We kunnen uw gegevens nu niet ophalen" in response.content.decode()
    assert not Aanvraag.objects.exists()


def test_no_werkconsulent_gives_message(client, db):
    response = meld(client, SANNE)
    assert response.status_code == 200
    assert "werkconsulent" in response.content.decode()
    assert not Werkzoekende.objects.exists()


def test_double_post_gives_one_aanvraag(client, werkcoach):
    meld(client, EMRE)
    tweede = client.post(reverse("portaal:aanvraag_start"))
    assert tweede.status_code == 302
    assert tweede["Location"].startswith(reverse("portaal:aanvraag_stap", args=["persoon"]))
    assert Aanvraag.objects.count() == 1
    assert Werkzoekende.objects.count() == 1
    assert Verwerking.objects.filter(operatie="koppel_digid_account").count() == 1


def test_melding_service_is_idempotent(client, werkcoach):
    from bijstand.brp.client import raadpleeg_persoon
    from bijstand.portaal.services import meld_voor_bijstand

    digid_login(client, LISA)
    user = User.objects.get(bsn_hash=crypto.bsn_hash(LISA))
    brp = raadpleeg_persoon(LISA, doel="aanvraag_bijstand", actor=user)
    een = meld_voor_bijstand(user=user, bsn=LISA, brp=brp)
    twee = meld_voor_bijstand(user=user, bsn=LISA, brp=brp)
    assert een.pk == twee.pk
    assert Werkzoekende.objects.get().account == user


def test_melding_only_for_oneself(client, werkcoach):
    from django.core.exceptions import ValidationError

    from bijstand.brp.client import raadpleeg_persoon
    from bijstand.portaal.services import meld_voor_bijstand

    digid_login(client, LISA)
    user = User.objects.get(bsn_hash=crypto.bsn_hash(LISA))
    brp = raadpleeg_persoon(SANNE, doel="aanvraag_bijstand", actor=user)
    with pytest.raises(ValidationError):
        meld_voor_bijstand(user=user, bsn=SANNE, brp=brp)
    assert not Aanvraag.objects.exists()


def test_session_without_bsn_asks_to_log_in_again(client, werkcoach):
    digid_login(client, SANNE)
    sessie = client.session
    del sessie[SESSIE_BSN]
    sessie.save()
    response = client.post(reverse("portaal:aanvraag_start"))
    assert response["Location"].startswith(reverse("portaal:login"))
    assert not Aanvraag.objects.exists()


def test_tampered_session_bsn_is_not_used(client, werkcoach):
    digid_login(client, SANNE)
    sessie = client.session
    sessie[SESSIE_BSN] = crypto.encrypt(LISA)  # someone else's BSN
    sessie.save()
    response = client.post(reverse("portaal:aanvraag_start"))
    assert response["Location"].startswith(reverse("portaal:login"))
    assert not Aanvraag.objects.exists()


def test_burger_with_active_dossier_cannot_report_again(burger_client, dossier):
    content = burger_client.get(reverse("portaal:aanvraag_start")).content.decode()
    assert "U heeft al een dossier" in content
    assert "Ik meld mij voor bijstand" not in content
    response = burger_client.post(reverse("portaal:aanvraag_start"))
    assert response.status_code == 302
    assert not Aanvraag.objects.exists()


# --- status page and who sees what ------------------------------------------------------------


def test_other_burger_cannot_see_or_post_to_this_aanvraag(client, werkcoach, ander_burger):
    meld(client, SANNE)
    aanvraag = Aanvraag.objects.get()
    andere = aangemeld(ander_burger)
    assert andere.get(reverse("portaal:aanvraag_verstuurd")).status_code == 404
    for url in (
        reverse("portaal:aanvraag_stap", args=["persoon"]),
        reverse("portaal:aanvraag_stap", args=["verklaring"]),
    ):
        assert andere.get(url).status_code == 404
        assert andere.post(url, {"email": "x@example.org", "akkoord": "on"}).status_code == 404
    stuk = {"stuk-soort": "huur", "stuk-bestand": pdf()}
    assert andere.post(reverse("portaal:aanvraag"), stuk).status_code == 404
    # "Mijn aanvraag" (a menu item for everyone) says there is none: nothing of Sanne's
    status = andere.get(reverse("portaal:aanvraag"))
    assert status.status_code == 200
    assert "U heeft geen aanvraag voor bijstand in dit portaal" in status.content.decode()
    assert "Kok" not in status.content.decode()
    assert not aanvraag.stukken.exists()
    aanvraag.refresh_from_db()
    assert aanvraag.gegevens == {}
    assert "Kok" not in andere.get(reverse("portaal:aanvraag_start")).content.decode()


def test_unknown_step_is_404(client, werkcoach):
    meld(client, SANNE)
    assert client.get("/portaal/bijstand-aanvragen/bestaat-niet/").status_code == 404


def test_status_page_for_a_concept(client, werkcoach):
    meld(client, SANNE)
    response = client.get(reverse("portaal:aanvraag"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "U heeft de aanvraag nog niet verstuurd" in content
    assert escape(werkcoach.get_full_name()) in content
    assert Verwerking.objects.filter(operatie="portaal_bekijk_aanvraag").exists()
