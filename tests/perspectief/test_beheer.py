"""A functioneel beheerder edits occupations in beheer (with history); labels of the
leefgebieden are editable, their code and confidentiality are not."""

import pytest
from django.urls import reverse

from bijstand.accounts.models import Rol
from bijstand.accounts.services import pas_rol_rechten_toe
from perspectief.models import Beroep, Leefgebied
from tests.factories import UserFactory
from tests.perspectief.factories import ingelogd

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder():
    user = UserFactory(rol=Rol.BEHEERDER, team=None)
    pas_rol_rechten_toe(user)
    return user


def _formulier(beroep, **wijzig):
    data = {
        "naam": beroep.naam,
        "isco_code": beroep.isco_code,
        "brc_groep": beroep.brc_groep,
        "omschrijving": beroep.omschrijving,
        "certificaten": beroep.certificaten,
        "rijbewijzen": beroep.rijbewijzen,
        "taalniveau": beroep.taalniveau,
        "fysieke_belasting": beroep.fysieke_belasting,
        "uren_per_week_min": beroep.uren_per_week_min,
        "uren_per_week_typisch": beroep.uren_per_week_typisch,
        "kansrijk": "on" if beroep.kansrijk else "",
        "kansrijk_bron": beroep.kansrijk_bron,
        "kansrijk_datum": beroep.kansrijk_datum.isoformat() if beroep.kansrijk_datum else "",
        "in_uitstroomperspectief": "on",
        "actief": "on",
    }
    data.update(wijzig)
    return {k: v for k, v in data.items() if v not in ("", None)}


def test_beheerder_edits_an_occupation_with_history(beheerder):
    kok = Beroep.objects.get(naam="Kok")
    client = ingelogd(beheerder)
    url = reverse("admin:perspectief_beroep_change", args=[kok.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _formulier(kok, certificaten=["haccp", "sociale_hygiene"]))
    assert response.status_code == 302, response.content.decode()[:2000]
    kok.refresh_from_db()
    assert kok.certificaten == ["haccp", "sociale_hygiene"]
    assert kok.history.first().history_user == beheerder
    assert client.get(reverse("admin:perspectief_beroep_history", args=[kok.pk])).status_code == 200


def test_occupation_form_checks_isco_and_source(beheerder):
    kok = Beroep.objects.get(naam="Kok")
    client = ingelogd(beheerder)
    url = reverse("admin:perspectief_beroep_change", args=[kok.pk])
    html = client.post(url, _formulier(kok, isco_code="51", kansrijk_bron="")).content.decode()
    assert "Een ISCO-08-code bestaat uit 4 cijfers." in html
    assert "Noem de bron waarop" in html
    assert Beroep.objects.get(pk=kok.pk).isco_code == "5120"


def test_leefgebied_label_editable_confidentiality_not(beheerder):
    lg = Leefgebied.objects.get(code="justitie")
    client = ingelogd(beheerder)
    url = reverse("admin:perspectief_leefgebied_change", args=[lg.pk])
    client.post(
        url, {"naam": "Justitie", "burger_label": "Politie en rechter", "vertrouwelijk": ""}
    )
    lg.refresh_from_db()
    assert lg.burger_label == "Politie en rechter" and lg.vertrouwelijk


def test_werkcoach_has_no_beheer(werkcoach):
    assert (
        ingelogd(werkcoach).get(reverse("admin:perspectief_beroep_changelist")).status_code == 403
    )
