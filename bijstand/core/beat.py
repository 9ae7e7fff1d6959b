"""Beat schedules (django_celery_beat) for the data migrations of every app.

A schedule is data the functioneel beheerder edits in the admin (Periodic tasks); a migration
creates it once with its default time and never overwrites an edited one. Uses the historical
``apps`` registry of the migration (no model imports).
"""

from __future__ import annotations

TIJDZONE = "Europe/Amsterdam"


def plan_beat_taak(
    apps,
    *,
    naam: str,
    taak: str,
    beschrijving: str,
    minute: str,
    hour: str,
    day_of_month: str = "*",
    day_of_week: str = "*",
) -> None:
    """Create the periodic task ``naam`` running ``taak`` on the given crontab, unless a task
    of that name exists (an edited schedule stays as it is)."""
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute=minute,
        hour=hour,
        day_of_month=day_of_month,
        month_of_year="*",
        day_of_week=day_of_week,
        timezone=TIJDZONE,
    )
    PeriodicTask.objects.get_or_create(
        name=naam,
        defaults={"task": taak, "crontab": crontab, "enabled": True, "description": beschrijving},
    )


def verwijder_beat_taak(apps, naam: str) -> None:
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=naam).delete()
