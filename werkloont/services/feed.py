"""The personal iCalendar feed of the werkweekagenda: make a new secret link or switch it off
(the feed itself is served by ``werkloont.ical``)."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from bijstand.accounts.models import User
from bijstand.dossiers.models import Dossier

from .. import selectors
from ._basis import log, vergrendel_agenda


def vernieuw_ical_token(*, dossier: Dossier, door: User | None, request: Any = None) -> str:
    """Make a new feed token (the old one stops working) and return it; only its SHA-256 is
    stored, so the link can be shown once and never again."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        agenda = vergrendel_agenda(dossier)
        agenda.ical_token_hash = selectors.token_hash(token)
        agenda.ical_sinds = timezone.now()
        agenda.save(update_fields=["ical_token_hash", "ical_sinds"])
        log(dossier=dossier, operatie="vernieuw_agenda_link", door=door, request=request)
    return token


def trek_ical_token_in(*, dossier: Dossier, door: User | None, request: Any = None) -> None:
    """Switch the feed off: the link answers 404 from now on."""
    with transaction.atomic():
        agenda = vergrendel_agenda(dossier)
        agenda.ical_token_hash = None
        agenda.ical_sinds = None
        agenda.save(update_fields=["ical_token_hash", "ical_sinds"])
        log(dossier=dossier, operatie="trek_agenda_link_in", door=door, request=request)
