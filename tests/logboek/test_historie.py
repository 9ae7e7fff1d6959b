"""Model history (django-simple-history) records who changed the case record."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from simple_history.middleware import HistoryRequestMiddleware

from bijstand.dossiers import services
from bijstand.dossiers.models import DossierStatus

pytestmark = pytest.mark.django_db


def _in_request(user, fn):
    """Run `fn` inside a request by `user`, through the installed HistoryRequestMiddleware."""
    request = RequestFactory().post("/")
    request.user = user
    result = {}

    def view(req):
        result["value"] = fn()
        return HttpResponse()

    HistoryRequestMiddleware(view)(request)
    return result["value"]


def test_statuswijziging_via_service_heeft_history_user(dossier, werkcoach):
    aantal = dossier.history.count()
    _in_request(
        werkcoach,
        lambda: services.wijzig_status(
            dossier=dossier, naar=DossierStatus.BEEINDIGD, door=werkcoach, reden="werk"
        ),
    )
    assert dossier.history.count() == aantal + 1
    laatste = dossier.history.latest()
    assert laatste.history_type == "~"
    assert laatste.status == DossierStatus.BEEINDIGD
    assert laatste.history_user == werkcoach


def test_registratie_via_service_heeft_history_user(werkcoach):
    persoon = _in_request(
        werkcoach,
        lambda: services.registreer_werkzoekende(
            bsn="111222333",
            door=werkcoach,
            voornamen="Anna",
            achternaam="Jansen",
            geboortedatum="1990-01-01",
        ),
    )
    record = persoon.history.get()
    assert record.history_type == "+"
    assert record.history_user == werkcoach
    # The BSN is excluded from the history table.
    assert not hasattr(record, "bsn_hash")
    assert persoon.huishouden.history.get().history_user == werkcoach
