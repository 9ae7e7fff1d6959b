"""The BRP client against the fake BRP (a real HTTP server in a thread): mapping, errors, log."""

from __future__ import annotations

import json
import socket
from datetime import date

import pytest

from bijstand.brp.client import (
    VELDEN_PERSOON,
    BrpFout,
    BrpPersoon,
    bewoners_op_adres,
    raadpleeg_persoon,
)
from bijstand.core import tijd
from bijstand.core.crypto import bsn_hash, pseudoniem
from bijstand.logboek.models import AuditRegel, Verwerking
from tests.factories import WerkzoekendeFactory

pytestmark = pytest.mark.django_db

EMRE = "999993653"
ONBEKEND = "999991000"  # passes the 11-proef, not in the fake's data
BERGWEG = "0599010000131208"  # Lisa Jansen and Tom Visser, not family
BOUZID = "0599010000207712"  # a couple with two children


def _geboren(server, bsn: str) -> date:
    persoon = next(p for p in server.personen if p["burgerservicenummer"] == bsn)
    return date.fromisoformat(persoon["geboorte"]["datum"]["datum"])


def _leeftijd(geboren: date) -> int:
    vandaag = tijd.vandaag()
    return (
        vandaag.year - geboren.year - ((vandaag.month, vandaag.day) < (geboren.month, geboren.day))
    )


def test_known_person_comes_back_with_every_field_mapped(fake_brp, werkcoach):
    persoon = raadpleeg_persoon(EMRE, doel="aanvraag_bijstand", actor=werkcoach)

    assert persoon == BrpPersoon(
        bsn=EMRE,
        voornamen="Emre",
        voorvoegsel="",
        geslachtsnaam="Yılmaz",
        geboortedatum=_geboren(fake_brp, EMRE),
        geslacht="M",
        straat="Lange Hilleweg",
        huisnummer="112B",
        postcode="3073 BS",
        woonplaats="Rotterdam",
        adresseerbaar_object_id="0599010000183401",
        datum_aanvang_adres=persoon.datum_aanvang_adres,
        nationaliteiten=("Nederlandse",),
        verblijfstitel=None,
        partners=(("999991012", "Elif Yılmaz", _geboren(fake_brp, "999991012")),),
        kinderen=(("999991024", "Deniz Yılmaz", _geboren(fake_brp, "999991024")),),
    )
    assert persoon.datum_aanvang_adres.month == 4 and persoon.datum_aanvang_adres.day == 1
    assert _leeftijd(persoon.geboortedatum) in (29, 30)  # 29 on the data's peildatum
    assert persoon.naam == "Emre Yılmaz"
    assert persoon.heeft_nederlandse_nationaliteit
    assert EMRE not in repr(persoon)
    # The request is the real interface: the fake refuses unknown field names.
    assert fake_brp.verzoeken[0]["body"] == {
        "type": "RaadpleegMetBurgerservicenummer",
        "burgerservicenummer": [EMRE],
        "fields": list(VELDEN_PERSOON),
    }


def test_voorvoegsel_huisletter_toevoeging_and_young_age(fake_brp, werkcoach):
    vries = raadpleeg_persoon("123456782", doel="aanvraag_bijstand", actor=werkcoach)
    assert (vries.voornamen, vries.voorvoegsel, vries.geslachtsnaam) == (
        "Johannes Cornelis",
        "de",
        "Vries",
    )
    assert vries.naam == "Johannes Cornelis de Vries"

    daan = raadpleeg_persoon("999991097", doel="aanvraag_bijstand", actor=werkcoach)
    assert (daan.straat, daan.huisnummer, daan.postcode) == ("Zwart Janstraat", "45A-02", "3035 AT")
    assert _leeftijd(daan.geboortedatum) < 27  # a jongere


def test_dissolved_partnership_is_no_partner(fake_brp, werkcoach):
    fatima = raadpleeg_persoon("111222333", doel="aanvraag_bijstand", actor=werkcoach)
    assert fatima.partners == ()
    assert [naam for _, naam, _ in fatima.kinderen] == ["Amira Haddou", "Adam Haddou"]


def test_person_without_dutch_nationality_has_verblijfstitel(fake_brp, werkcoach):
    yonas = raadpleeg_persoon("999990019", doel="aanvraag_bijstand", actor=werkcoach)
    assert yonas.nationaliteiten == ("Eritrese",)
    assert not yonas.heeft_nederlandse_nationaliteit
    assert yonas.verblijfstitel == "Vw 2000 art. 28, asiel bepaalde tijd"


def test_unknown_bsn_gives_none_and_is_still_logged(fake_brp, werkcoach):
    assert raadpleeg_persoon(ONBEKEND, doel="aanvraag_bijstand", actor=werkcoach) is None
    regel = Verwerking.objects.get()
    assert regel.betrokkene == pseudoniem(f"bsn:{bsn_hash(ONBEKEND)}")
    assert regel.status == Verwerking.Status.OK


def test_co_residents_by_adresseerbaar_object(fake_brp, werkcoach):
    bewoners = bewoners_op_adres(BERGWEG, doel="huishouden_controle", actor=werkcoach)
    assert sorted(b.naam for b in bewoners) == ["Lisa Jansen", "Tom Visser"]
    assert {b.adresseerbaar_object_id for b in bewoners} == {BERGWEG}
    # The search gives the limited person: no relatives, nationality or verblijfstitel.
    assert all(b.partners == () and b.nationaliteiten == () for b in bewoners)

    gezin = bewoners_op_adres(BOUZID, doel="huishouden_controle", actor=werkcoach)
    assert len(gezin) == 4
    assert bewoners_op_adres("0599010000999999", doel="huishouden_controle", actor=None) == []


def test_invalid_bsn_is_refused_before_any_call(fake_brp, werkcoach):
    with pytest.raises(BrpFout) as fout:
        raadpleeg_persoon("123456780", doel="aanvraag_bijstand", actor=werkcoach)
    assert fout.value.code == "bsn"
    assert "elfproef" in str(fout.value)
    with pytest.raises(BrpFout) as fout:
        bewoners_op_adres("0599", doel="huishouden_controle", actor=werkcoach)
    assert fout.value.code == "adres"
    assert fake_brp.verzoeken == []
    assert not Verwerking.objects.exists()


def test_purpose_must_be_a_code():
    with pytest.raises(ValueError, match="purpose code"):
        raadpleeg_persoon(EMRE, doel="voor de aanvraag van 999993653", actor=None)


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_server_down_gives_dutch_error_and_a_failed_log_line(settings, werkcoach):
    settings.BRP_API_URL = f"http://127.0.0.1:{_vrije_poort()}/haalcentraal/api/brp"
    with pytest.raises(BrpFout) as fout:
        raadpleeg_persoon(EMRE, doel="aanvraag_bijstand", actor=werkcoach)
    assert fout.value.code == "netwerk"
    assert str(fout.value) == "De BRP is nu niet bereikbaar. Probeer het later opnieuw."
    assert Verwerking.objects.get().status == Verwerking.Status.FOUT


def test_not_configured(settings):
    settings.BRP_API_URL = ""
    with pytest.raises(BrpFout) as fout:
        raadpleeg_persoon(EMRE, doel="aanvraag_bijstand", actor=None)
    assert fout.value.code == "instelling"


@pytest.mark.parametrize(
    ("storing", "code", "status"),
    [("500", "storing", 500), ("ongeldige-json", "antwoord", None)],
)
def test_server_error_and_invalid_json(fake_brp, werkcoach, storing, code, status):
    fake_brp.storing = storing
    with pytest.raises(BrpFout) as fout:
        raadpleeg_persoon(EMRE, doel="aanvraag_bijstand", actor=werkcoach)
    assert (fout.value.code, fout.value.status) == (code, status)
    assert "BRP" in str(fout.value)
    with pytest.raises(BrpFout):
        bewoners_op_adres(BERGWEG, doel="huishouden_controle", actor=werkcoach)


def test_timeout(fake_brp, settings, werkcoach):
    settings.BRP_TIMEOUT = 0.3
    fake_brp.storing, fake_brp.vertraging = "traag", 1.5
    with pytest.raises(BrpFout) as fout:
        raadpleeg_persoon(EMRE, doel="aanvraag_bijstand", actor=werkcoach)
    assert fout.value.code == "tijd"
    assert str(fout.value) == "De BRP reageert niet op tijd. Probeer het later opnieuw."


def test_api_key_header(fake_brp, settings, werkcoach):
    fake_brp.api_key = settings.BRP_API_KEY = "sleutel-123"
    assert raadpleeg_persoon(EMRE, doel="aanvraag_bijstand", actor=werkcoach) is not None
    assert fake_brp.verzoeken[-1]["headers"]["X-Api-Key"] == "sleutel-123"

    settings.BRP_API_KEY = "fout"
    with pytest.raises(BrpFout) as fout:
        raadpleeg_persoon(EMRE, doel="aanvraag_bijstand", actor=werkcoach)
    assert (fout.value.code, fout.value.status) == ("toegang", 401)


def test_every_read_writes_one_log_line_with_its_purpose(fake_brp, werkcoach):
    raadpleeg_persoon(EMRE, doel="aanvraag_bijstand", actor=werkcoach)

    regel = Verwerking.objects.get()
    assert regel.operatie == "brp_raadpleeg:aanvraag_bijstand"
    assert regel.activiteit.code == "brp"
    assert regel.betrokkene == pseudoniem(f"bsn:{bsn_hash(EMRE)}")
    assert EMRE not in regel.betrokkene
    audit = AuditRegel.objects.get(operation_id=regel.operation_id)
    assert (audit.gebruiker, audit.actie) == (werkcoach, "brp_raadpleeg:aanvraag_bijstand")


def test_a_known_werkzoekende_is_logged_under_their_own_subject(fake_brp, werkcoach):
    werkzoekende = WerkzoekendeFactory(bsn=EMRE)
    raadpleeg_persoon(EMRE, doel="heronderzoek", actor=werkcoach)
    assert Verwerking.objects.get().betrokkene == pseudoniem(werkzoekende.log_subject)


def test_co_residents_are_each_logged(fake_brp, werkcoach):
    bewoners_op_adres(BERGWEG, doel="huishouden_controle", actor=werkcoach)
    regels = Verwerking.objects.filter(operatie="brp_bewoners:huishouden_controle")
    assert set(regels.values_list("betrokkene", flat=True)) == {
        pseudoniem(f"bsn:{bsn_hash('999991103')}"),
        pseudoniem(f"bsn:{bsn_hash('999991115')}"),
    }
    assert AuditRegel.objects.count() == 1


def test_als_dict_round_trip(fake_brp, werkcoach):
    persoon = raadpleeg_persoon(EMRE, doel="aanvraag_bijstand", actor=werkcoach)
    opgeslagen = json.loads(json.dumps(persoon.als_dict()))
    assert opgeslagen["geboortedatum"] == persoon.geboortedatum.isoformat()
    assert opgeslagen["partners"][0]["naam"] == "Elif Yılmaz"
    assert BrpPersoon.uit_dict(opgeslagen) == persoon
    assert BrpPersoon.uit_dict({"bsn": EMRE}) == BrpPersoon(bsn=EMRE)
