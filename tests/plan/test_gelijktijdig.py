"""Concurrency against PostgreSQL: real row locks (skipped on SQLite, run in CI)."""

from __future__ import annotations

import threading

import pytest
from django.core import mail
from django.db import connection, connections

from plan import herinneringen, services
from plan.models import Actie, Melding, Plan

from .factories import maak_actie, over, zet_deadline

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks (CI runs them)"
    ),
]


def parallel(functie, aantal: int = 3) -> list:
    """Run ``functie`` in ``aantal`` threads (each its own DB connection) at the same moment."""
    start = threading.Barrier(aantal)
    uitkomsten: list = [None] * aantal
    fouten: list = []

    def werk(i: int) -> None:
        try:
            start.wait(timeout=10)
            uitkomsten[i] = functie()
        except Exception as exc:  # pragma: no cover - reported below
            fouten.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=werk, args=(i,)) for i in range(aantal)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not fouten, fouten
    return uitkomsten


@pytest.mark.django_db(transaction=True)
def test_gelijktijdige_vervolgacties_geven_een_plan_en_een_actie(dossier, werkcoach):
    deadline = over(14)
    uitkomsten = parallel(
        lambda: (
            services.maak_vervolgactie(
                dossier=dossier,
                titel="Evaluatie Werkloont bespreken",
                toelichting="",
                deadline=deadline,
                door=werkcoach,
            ).pk
        )
    )
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

    parallel(herinneringen.verstuur_herinneringen)

    assert Melding.objects.count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == [
        "burger@example.org",
        "coach@werkeninkomen.example",
    ]
