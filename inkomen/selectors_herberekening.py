"""Reads of the bulk recalculation runs after a new or corrected rule set
(:mod:`inkomen.herberekeningsrun`) and of their screens. No personal data."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from .models import Berekening
from .models_herberekening import Herberekeningsrun, HerberekeningsrunDeel


def dossiermaanden_met_berekening(*, vanaf: date, tot: date | None) -> list[tuple[int, date]]:
    """(dossier id, maand) of every actuele berekening from ``vanaf`` up to and including
    ``tot`` (``None``: no end), ordered by dossier and month (one index range scan)."""
    qs = Berekening.objects.filter(actueel=True, maand__gte=vanaf)
    if tot is not None:
        qs = qs.filter(maand__lte=tot)
    return list(qs.order_by("dossier_id", "maand").values_list("dossier_id", "maand"))


def aantal_dossiermaanden_met_berekening(*, vanaf: date, tot: date | None) -> int:
    qs = Berekening.objects.filter(actueel=True, maand__gte=vanaf)
    if tot is not None:
        qs = qs.filter(maand__lte=tot)
    return qs.count()


def herberekeningsruns() -> QuerySet[Herberekeningsrun]:
    """All bulk recalculation runs, newest first (the list shows the run's own columns)."""
    return Herberekeningsrun.objects.select_related("gestart_door").order_by(
        "-aangemaakt_op", "-pk"
    )


def herberekeningsrun(*, pk: int) -> Herberekeningsrun | None:
    return Herberekeningsrun.objects.filter(pk=pk).select_related("gestart_door").first()


def delen_van_herberekeningsrun(*, run_id: int) -> QuerySet[HerberekeningsrunDeel]:
    return HerberekeningsrunDeel.objects.filter(run_id=run_id).order_by("nummer")
