"""Concurrency against PostgreSQL: real row locks (skipped on SQLite, run in CI)."""

from __future__ import annotations

import pytest
from django.core import mail

from plan import herinneringen, services
from plan.models import Actie, Melding, Plan
from tests.gelijktijdig import ALLEEN_POSTGRES, tegelijk

from .factories import maak_actie, over, zet_deadline

pytestmark = ALLEEN_POSTGRES


@pytest.mark.django_db(transaction=True)
def test_gelijktijdige_vervolgacties_geven_een_plan_en_een_actie(dossier, werkcoach):
    deadline = over(14)

    def vervolgactie() -> int:
        return services.maak_vervolgactie(
            dossier=dossier,
            titel="Evaluatie Werkloont bespreken",
            toelichting="",
            deadline=deadline,
            door=werkcoach,
        ).pk

    uitkomsten = tegelijk([vervolgactie] * 3)
    assert len(set(uitkomsten)) == 1
    assert Plan.objects.filter(dossier=dossier).count() == 1
    assert Actie.objects.filter(plan__dossier=dossier).count() == 1


@pytest.mark.django_db(transaction=True)
def test_gelijktijdige_herinneringsruns_sturen_alles_een_keer(plan, werkcoach, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    werkcoach.email = "coach@werkeninkomen.example"
    werkcoach.save()
    maak_actie(plan, "Cv maken", dagen=2)
    zet_deadline(maak_actie(plan, "Bellen", eigenaar="werkcoach"), over(-1))
    mail.outbox = []

    tegelijk([herinneringen.verstuur_herinneringen] * 3)

    assert Melding.objects.count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == [
        "burger@example.org",
        "coach@werkeninkomen.example",
    ]
