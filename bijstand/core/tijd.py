"""One clock and one month arithmetic for the whole project.

``vandaag()`` is the only "today" in the code (local date, ``Europe/Amsterdam``): modules call it
as ``tijd.vandaag()`` so a test moves every clock at once (``time_machine`` or
``monkeypatch.setattr(tijd, "vandaag", ...)``). Month arithmetic works on plain dates; the
calculation core ``inkomen.rekenregels`` keeps its own Django-free copy (``plus_jaren_maanden``)
because it may import nothing from the project.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from django.utils import timezone


def vandaag() -> date:
    """Today, local time."""
    return timezone.localdate()


def eerste_van_maand(d: date) -> date:
    return d.replace(day=1)


def maand_plus(d: date, n: int) -> date:
    """The first day of the month ``n`` months after ``d``'s month (``n`` may be negative)."""
    totaal = d.year * 12 + (d.month - 1) + n
    return date(totaal // 12, totaal % 12 + 1, 1)


def plus_maanden(d: date, n: int) -> date:
    """The same day ``n`` months later; the last day of a shorter month (31 Jan + 1 = 28 Feb)."""
    eerste = maand_plus(d, n)
    return eerste.replace(day=min(d.day, calendar.monthrange(eerste.year, eerste.month)[1]))


def laatste_dag(d: date) -> date:
    """The last day of ``d``'s month."""
    return maand_plus(d, 1) - timedelta(days=1)


def maanden_tussen(van: date, tot: date) -> int:
    """Whole months from ``van``'s month to ``tot``'s month (may be negative)."""
    return (tot.year - van.year) * 12 + (tot.month - van.month)
