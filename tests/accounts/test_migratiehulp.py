"""The helpers every app's data migration uses: beheer rights and beat schedules."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django_celery_beat.models import PeriodicTask

from bijstand.accounts.permissions import (
    BEHEER_GROEP,
    geef_beheer_rechten,
    neem_beheer_rechten_af,
)
from bijstand.core.beat import plan_beat_taak, verwijder_beat_taak

pytestmark = pytest.mark.django_db

RECHTEN = (("perspectief", "beroep", ("add", "change")), ("plan", "plansjabloon", ("view",)))


def _codes() -> set[str]:
    groep = Group.objects.get(name=BEHEER_GROEP)
    return {f"{p.content_type.app_label}.{p.codename}" for p in groep.permissions.all()}


def test_rights_are_taken_away_and_given_back():
    verwacht = {"perspectief.add_beroep", "perspectief.change_beroep", "plan.view_plansjabloon"}
    assert verwacht <= _codes()  # the apps' migrations gave them
    neem_beheer_rechten_af(apps, RECHTEN)
    assert not verwacht & _codes()
    assert "perspectief.view_beroep" in _codes()  # only what was named
    modules = {label: apps.get_app_config(label).models_module for label in ("perspectief", "plan")}
    geef_beheer_rechten(apps, RECHTEN)
    geef_beheer_rechten(apps, RECHTEN)  # idempotent
    assert verwacht <= _codes()
    # the live registry is left as it was (post_migrate only reaches apps with models)
    assert {label: apps.get_app_config(label).models_module for label in modules} == modules
    assert all(modules.values())


def test_schedule_is_made_once_and_an_edited_one_is_kept():
    plan_beat_taak(
        apps, naam="proef", taak="x.y", beschrijving="Proef", minute="5", hour="4", day_of_week="1"
    )
    taak = PeriodicTask.objects.get(name="proef")
    assert (taak.task, taak.enabled, taak.description) == ("x.y", True, "Proef")
    c = taak.crontab
    assert (c.minute, c.hour, c.day_of_month, c.day_of_week, str(c.timezone)) == (
        "5",
        "4",
        "*",
        "1",
        "Europe/Amsterdam",
    )
    PeriodicTask.objects.filter(pk=taak.pk).update(enabled=False)
    plan_beat_taak(apps, naam="proef", taak="x.y", beschrijving="Anders", minute="0", hour="0")
    taak.refresh_from_db()
    assert (taak.enabled, taak.description, taak.crontab.hour) == (False, "Proef", "4")
    verwijder_beat_taak(apps, "proef")
    assert not PeriodicTask.objects.filter(name="proef").exists()
