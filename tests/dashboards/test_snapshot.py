"""Building the snapshot: beat schedule, task, command, retention, the protocol checks."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

from bijstand.dashboards import snapshot
from bijstand.dashboards.models import Kengetal, Peildag
from bijstand.dashboards.services import bouw_snapshot, ruim_op
from bijstand.dashboards.tasks import bouw_snapshot_taak
from bijstand.dossiers.models import Dossier

pytestmark = pytest.mark.django_db


def test_nightly_schedule_from_the_data_migration():
    taak = PeriodicTask.objects.get(task="dashboards.bouw_snapshot")
    assert taak.enabled
    assert (taak.crontab.hour, taak.crontab.minute) == ("2", "30")
    assert str(taak.crontab.timezone) == "Europe/Amsterdam"


def test_task_builds_and_is_idempotent(dossier):
    eerste = bouw_snapshot_taak.delay("2026-06-15").get()
    tweede = bouw_snapshot_taak.delay("2026-06-15").get()
    assert eerste["rijen"] == tweede["rijen"] > 0
    assert Peildag.objects.filter(peildatum=date(2026, 6, 15)).count() == 1


def test_command(dossier, capsys):
    call_command("dashboard_snapshot", "--peildatum", "2026-06-15")
    assert "Cijfers van 15-06-2026" in capsys.readouterr().out
    assert Peildag.objects.get().status == "klaar"


def test_retention_keeps_the_latest_days(dossier):
    for dag in (1, 2, 3, 4):
        bouw_snapshot(peildatum=date(2026, 6, dag))
    assert list(Peildag.objects.order_by("peildatum").values_list("peildatum__day", flat=True)) == [
        2,
        3,
        4,
    ]
    assert set(Kengetal.objects.values_list("peildag__peildatum__day", flat=True)) == {2, 3, 4}
    assert ruim_op(bewaren=1) == 2


def test_a_failed_build_keeps_the_earlier_figures(dossier, monkeypatch):
    goed = bouw_snapshot(peildatum=date(2026, 6, 15))

    def stuk(**kwargs):
        raise RuntimeError("database weg")

    monkeypatch.setattr(snapshot, "rollups", stuk)
    with pytest.raises(RuntimeError):
        bouw_snapshot(peildatum=date(2026, 6, 15))
    assert Peildag.objects.filter(status="mislukt").exists()
    assert Kengetal.objects.filter(peildag=goed).exists()
    from bijstand.dashboards.selectors import laatste_peildag

    assert laatste_peildag() == goed


@pytest.mark.parametrize(
    "qs,fout",
    [
        (lambda: [{"dossier_id": 1, "datum": date(2026, 1, 1)}], "QuerySet"),
        (lambda: Dossier.objects.all(), ".values"),
        (lambda: Dossier.objects.values("werkcoach_id"), "ontbreekt"),
        (
            lambda: Dossier.objects.values("status", dossier_id=snapshot_pk(), datum=snapshot_pk()),
            "onbekende velden",
        ),
    ],
)
def test_protocol_is_checked(qs, fout):
    with pytest.raises((TypeError, ValueError), match=fout):
        snapshot.controleer_feit("x.y", qs())


def snapshot_pk():
    from django.db.models import F

    return F("pk")


def test_window_starts_at_a_quarter():
    van, tot = snapshot.venster(date(2026, 6, 15))
    assert van == date(2023, 4, 1) and tot == date(2026, 6, 16)
    maanden = snapshot.perioden(van, tot, "m")
    assert maanden[-1].begin == date(2026, 6, 1) and maanden[-1].meetdag == date(2026, 6, 15)
    assert len(snapshot.perioden(van, tot, "k")) == snapshot.KWARTALEN
