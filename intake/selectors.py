"""Reads of the brede intake.

Every page first loads the dossier through ``dossier_voor_gebruiker`` (scope + one log line,
activiteit "intake"). Confidential answers are loaded only for a user who may see them
(``dossiers.view_vertrouwelijk``); otherwise the column is deferred. Showing them writes a
separate log line with activiteit "gezondheid" and ``vertrouwelijk=True``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from bijstand.accounts.models import User
from bijstand.dossiers.models import Dossier
from bijstand.logboek.services import log_verwerking

from .models import Intake, IntakeStatus, StapBron
from .services import antwoorden_van_stap
from .stappen import STAPPEN, Referentie, Regel, Stap, Verschil

GEDEFEREERD = ("antwoorden", "vertrouwelijke_antwoorden", "burger_antwoorden")


def intakes_van_dossier(*, dossier: Dossier) -> QuerySet[Intake]:
    """The dossier's intakes, newest first, without their answers (for the list)."""
    return (
        Intake.objects.filter(dossier=dossier)
        .select_related("gestart_door", "afgerond_door")
        .defer(*GEDEFEREERD)
        .order_by("-gestart_op", "-id")
    )


def concept_van_dossier(*, dossier: Dossier) -> Intake | None:
    return (
        Intake.objects.filter(dossier=dossier, status=IntakeStatus.CONCEPT)
        .defer(*GEDEFEREERD)
        .first()
    )


def intake_van_dossier(*, dossier: Dossier, pk: int, vertrouwelijk: bool) -> Intake:
    """One intake of this dossier (404 otherwise), with the previous one for comparison."""
    qs = Intake.objects.filter(dossier=dossier).select_related(
        "vorige", "gestart_door", "afgerond_door"
    )
    if not vertrouwelijk:
        qs = qs.defer("vertrouwelijke_antwoorden", "vorige__vertrouwelijke_antwoorden")
    try:
        return qs.get(pk=pk)
    except Intake.DoesNotExist as exc:
        raise Http404 from exc


def intakes_in_scope(*, dossiers: QuerySet[Dossier], vertrouwelijk: bool) -> QuerySet[Intake]:
    qs = Intake.objects.filter(dossier__in=dossiers).select_related(
        "dossier__werkzoekende", "vorige", "gestart_door", "afgerond_door"
    )
    if not vertrouwelijk:
        qs = qs.defer("vertrouwelijke_antwoorden", "vorige__vertrouwelijke_antwoorden")
    return qs


def log_vertrouwelijke_inzage(
    *, user: Any, dossier: Dossier, request: Any = None, operatie: str = "bekijk_intake"
) -> None:
    log_verwerking(
        activiteit="gezondheid",
        operatie=operatie,
        subjects=[dossier.werkzoekende.log_subject],
        soorten_gegevens=["intake", "gezondheid"],
        actor=user,
        request=request,
        vertrouwelijk=True,
    )


# --- what a page shows ---------------------------------------------------------------------


def _datum(tekst: str | None) -> datetime | None:
    return parse_datetime(tekst) if tekst else None


@dataclass
class StapStatus:
    code: str  # leeg / opgeslagen / burger / vorige / vertrouwelijk
    tekst: str
    door: str = ""
    op: datetime | None = None
    burger_op: datetime | None = None


def stap_status(intake: Intake, stap: Stap, *, vertrouwelijk: bool) -> StapStatus:
    if stap.vertrouwelijk and not vertrouwelijk:
        return StapStatus("vertrouwelijk", _("vertrouwelijk"))
    meta = intake.stappen_meta.get(stap.slug) or {}
    burger_op = _datum(meta.get("burger_op"))
    bron = meta.get("bron")
    if bron == StapBron.CONSULENT:
        tekst = _("opgeslagen")
        if burger_op:
            tekst = _("opgeslagen, ook ingevuld door burger")
        return StapStatus(
            "opgeslagen", tekst, meta.get("door", ""), _datum(meta.get("op")), burger_op
        )
    if bron == StapBron.BURGER:
        return StapStatus(
            "burger",
            _("ingevuld door burger"),
            meta.get("door", ""),
            _datum(meta.get("op")),
            burger_op,
        )
    if bron == StapBron.VORIGE:
        return StapStatus("vorige", _("overgenomen uit vorige intake, nog controleren"))
    return StapStatus("leeg", _("nog niet ingevuld"))


@dataclass
class StapWeergave:
    stap: Stap
    status: StapStatus
    verborgen: bool
    deels_verborgen: bool = False  # confidential scores or barriers left out
    regels: list[Regel] = field(default_factory=list)
    verschillen: list[Verschil] | None = None  # None: nothing to compare with
    burger_regels: list[Regel] = field(default_factory=list)


def verberg_velden(stap: Stap, ref: Referentie, *, vertrouwelijk: bool) -> frozenset[str]:
    return frozenset() if vertrouwelijk else stap.form_class.vertrouwelijke_velden(ref)


def stap_weergave(
    intake: Intake, stap: Stap, *, ref: Referentie, vertrouwelijk: bool, huidig: dict | None = None
) -> StapWeergave:
    """Answers, changes since the previous intake and the burger's answers of one step.

    ``huidig``: answers to compare instead of the stored ones (a form being filled in).
    """
    status = stap_status(intake, stap, vertrouwelijk=vertrouwelijk)
    if stap.vertrouwelijk and not vertrouwelijk:
        return StapWeergave(stap, status, verborgen=True)
    form = stap.form(ref=ref)
    verberg = verberg_velden(stap, ref, vertrouwelijk=vertrouwelijk)
    nu = (
        huidig
        if huidig is not None
        else antwoorden_van_stap(intake, stap, vertrouwelijk=vertrouwelijk)
    )
    weergave = StapWeergave(
        stap,
        status,
        verborgen=False,
        deels_verborgen=not vertrouwelijk and stap.slug in ("scores", "belemmeringen"),
        regels=form.weergave(nu, verberg=verberg),
    )
    if intake.vorige_id and intake.vorige is not None:
        oud = antwoorden_van_stap(intake.vorige, stap, vertrouwelijk=vertrouwelijk)
        weergave.verschillen = form.verschillen(oud, nu, verberg=verberg)
    burger = intake.burger_antwoorden.get(stap.slug)
    if burger:
        weergave.burger_regels = [
            r for r in form.weergave(burger, verberg=verberg) if r.naam in stap.burger_velden
        ]
    return weergave


def intake_weergave(intake: Intake, *, ref: Referentie, vertrouwelijk: bool) -> list[StapWeergave]:
    return [stap_weergave(intake, s, ref=ref, vertrouwelijk=vertrouwelijk) for s in STAPPEN]


def toont_vertrouwelijks(intake: Intake, *, vertrouwelijk: bool) -> bool:
    """Does a page with this intake show confidential answers (to log it)?"""
    if not vertrouwelijk:
        return False
    vorige = intake.vorige if intake.vorige_id else None
    return bool(intake.vertrouwelijke_antwoorden) or bool(
        vorige is not None and vorige.vertrouwelijke_antwoorden
    )


def gebruiker_mag_vertrouwelijk(user: User, dossier: Dossier) -> bool:
    return user.has_perm("dossiers.view_vertrouwelijk", dossier)


def concept_voor_burger(*, dossier: Dossier) -> Intake | None:
    """The open concept with only what the portal needs (never the confidential answers)."""
    return (
        Intake.objects.filter(dossier=dossier, status=IntakeStatus.CONCEPT)
        .only(
            "id", "dossier_id", "status", "soort", "antwoorden", "burger_antwoorden", "stappen_meta"
        )
        .first()
    )
