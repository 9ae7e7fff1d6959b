"""The privacy officer's log screen: access, database filters, BSN by POST, itself logged."""

from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from bijstand.accounts.models import Rol
from bijstand.core.crypto import pseudoniem
from bijstand.logboek.models import AuditRegel, Verwerking, Verwerkingsactiviteit
from bijstand.logboek.services import log_verwerking
from bijstand.logboek.views import SESSION_KEY
from tests.factories import UserFactory, WerkzoekendeFactory

pytestmark = pytest.mark.django_db
URL = "/logboek/"


def _log(subject, *, activiteit="dossierbeheer", operatie="bekijk_dossier", actor=None, op=None):
    return log_verwerking(
        activiteit=activiteit,
        operatie=operatie,
        subjects=[subject],
        soorten_gegevens=["dossier"],
        actor=actor,
        start=op,
    )


def test_url_naam():
    assert reverse("logboek:overzicht") == URL


@pytest.mark.parametrize(
    "rol",
    [Rol.WERKCONSULENT, Rol.INKOMENSCONSULENT, Rol.TEAMLEIDER, Rol.BEHEERDER, Rol.BURGER],
)
def test_andere_rollen_krijgen_403(client, rol):
    client.force_login(UserFactory(rol=rol))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"bsn": "111222333"}).status_code == 403


def test_anoniem_naar_inloggen(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_privacy_officer_ziet_regels_met_wie_handelde(client, privacy_officer, werkcoach):
    _log("werkzoekende:a", actor=werkcoach)
    _log("werkzoekende:b", activiteit="handhaving", operatie="heronderzoek", actor=None)
    client.force_login(privacy_officer)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert escape(werkcoach.get_full_name()) in html
    assert "heronderzoek" in html
    assert "vertrouwelijk" in html
    assert pseudoniem("werkzoekende:a")[:12] in html


def test_inzage_wordt_gelogd_per_getoonde_betrokkene(client, privacy_officer):
    _log("werkzoekende:a")
    _log("werkzoekende:b")
    client.force_login(privacy_officer)
    client.get(URL)
    inzage = Verwerking.objects.filter(activiteit__code="logboek-inzage")
    assert set(inzage.values_list("betrokkene", flat=True)) == {
        pseudoniem("werkzoekende:a"),
        pseudoniem("werkzoekende:b"),
    }
    op_id = inzage.first().operation_id
    assert AuditRegel.objects.get(operation_id=op_id).gebruiker == privacy_officer


def test_filters_in_de_database(client, privacy_officer):
    _log("werkzoekende:a", operatie="bekijk_dossier", op=timezone.make_aware(datetime(2025, 3, 1)))
    _log("werkzoekende:a", operatie="wijzig_status", op=timezone.make_aware(datetime(2025, 5, 1)))
    _log("werkzoekende:a", activiteit="portaal", operatie="portaal_bekijk")
    client.force_login(privacy_officer)

    def operaties(**params):
        page = client.get(URL, params).context["page"]
        return sorted(r.operatie for r in page.object_list)

    portaal = Verwerkingsactiviteit.objects.get(code="portaal")
    assert operaties(activiteit=portaal.pk) == ["portaal_bekijk"]
    assert operaties(operatie="wijzig_status") == ["wijzig_status"]
    assert operaties(van="2025-04-01", tot="2025-05-01") == ["wijzig_status"]
    assert operaties(van="2025-02-01", tot="2025-03-01") == ["bekijk_dossier"]


def test_ongeldige_datums_geven_melding(client, privacy_officer):
    client.force_login(privacy_officer)
    response = client.get(URL, {"van": "2025-05-01", "tot": "2025-04-01"})
    assert response.status_code == 200
    assert "De einddatum ligt vóór de begindatum." in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()


def test_filter_op_bsn_via_post_en_sessie(client, privacy_officer):
    bsn = "111222333"
    persoon = WerkzoekendeFactory(bsn=bsn)
    _log(persoon.log_subject, operatie="van_persoon")
    _log("werkzoekende:ander", operatie="van_ander")
    client.force_login(privacy_officer)

    response = client.post(URL + "?operatie=", {"bsn": bsn})
    assert response.status_code == 302
    assert bsn not in response["Location"]
    assert client.session[SESSION_KEY] == pseudoniem(persoon.log_subject)
    assert bsn not in str(dict(client.session))

    response = client.get(URL)
    assert [r.operatie for r in response.context["page"].object_list] == ["van_persoon"]
    assert bsn not in response.content.decode()

    client.post(URL, {"wis_betrokkene": "1"})
    assert SESSION_KEY not in client.session
    assert {r.operatie for r in client.get(URL).context["page"].object_list} >= {
        "van_persoon",
        "van_ander",
    }


def test_onbekend_of_ongeldig_bsn(client, privacy_officer):
    client.force_login(privacy_officer)
    response = client.post(URL, {"bsn": "111222333"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Er is geen werkzoekende met dit BSN." in html
    assert "111222333" not in html  # the typed BSN is not echoed back
    response = client.post(URL, {"bsn": "123456789"})
    assert "elfproef" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_paginering_25_en_constante_queries(client, privacy_officer, werkcoach):
    for i in range(30):
        _log(f"werkzoekende:{i}", actor=werkcoach)
    client.force_login(privacy_officer)
    response = client.get(URL)
    page = response.context["page"]
    assert len(page.object_list) == 25
    assert page.paginator.num_pages == 2
    tweede = client.get(URL, {"pagina": 2, "operatie": "bekijk_dossier"}).context["page"]
    assert len(tweede.object_list) == 5
    # The first view itself added 25 "bekijk_logboek" lines (reading the log is logged).
    assert Verwerking.objects.filter(operatie="bekijk_logboek").count() >= 25

    with CaptureQueriesContext(connection) as weinig:
        client.get(URL, {"operatie": "bekijk_dossier", "pagina": 1, "van": "2000-01-01"})
    for i in range(30, 60):
        _log(f"werkzoekende:{i}", actor=UserFactory())
    with CaptureQueriesContext(connection) as veel:
        client.get(URL, {"operatie": "bekijk_dossier", "pagina": 1, "van": "2000-01-01"})
    assert len(veel) == len(weinig)
