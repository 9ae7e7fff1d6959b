"""Reads of the case record. Every read of personal data writes the dataverwerkingen log."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from bijstand.accounts.models import Rol, User
from bijstand.core import crypto
from bijstand.core.validators import normaliseer_bsn
from bijstand.logboek.services import log_verwerking

from .models import Dossier, HuishoudenLid, JournaalRegel, Zichtbaarheid
from .scope import dossier_scope_q, is_werkcoach_van

BSN_RE = re.compile(r"^\d{8,9}$")
CASELOAD_PAGINA_GROOTTE = 25
JOURNAAL_PAGINA_GROOTTE = 20


@dataclass(frozen=True)
class CaseloadFilters:
    status: str = ""
    wijk: int | None = None
    route: str = ""
    geen_contact_sinds: date | None = None
    zoek: str = ""
    alleen_eigen: bool = False


def dossiers_in_scope(user: User) -> QuerySet[Dossier]:
    return Dossier.objects.filter(dossier_scope_q(user))


def _zoek_q(zoek: str) -> Q:
    zoek = zoek.strip()
    if not zoek:
        return Q()
    compact = re.sub(r"[\s.\-]", "", zoek)
    if BSN_RE.match(compact):
        # Search by full BSN: exact match on the keyed hash, never a partial BSN search.
        return Q(werkzoekende__bsn_hash=crypto.bsn_hash(normaliseer_bsn(compact)))
    q = Q()
    for deel in zoek.split():
        q &= (
            Q(werkzoekende__achternaam__icontains=deel)
            | Q(werkzoekende__voornamen__icontains=deel)
            | Q(werkzoekende__tussenvoegsel__iexact=deel)
        )
    return q


def caseload_queryset(*, user: User, filters: CaseloadFilters) -> QuerySet[Dossier]:
    qs = dossiers_in_scope(user)
    if filters.alleen_eigen:
        qs = qs.filter(werkcoach=user)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.wijk:
        qs = qs.filter(werkzoekende__wijk_id=filters.wijk)
    if filters.route:
        qs = qs.filter(route=filters.route)
    if filters.geen_contact_sinds:
        grens = timezone.make_aware(datetime.combine(filters.geen_contact_sinds, time.min))
        qs = qs.filter(Q(laatste_contact__lt=grens) | Q(laatste_contact__isnull=True))
    qs = qs.filter(_zoek_q(filters.zoek))
    return qs.select_related("werkzoekende", "werkzoekende__wijk", "werkcoach").order_by(
        "werkzoekende__achternaam", "werkzoekende__voornamen", "pk"
    )


def caseload_pagina(
    *, user: User, filters: CaseloadFilters, pagina: int | str = 1, request: Any = None
) -> Page:
    """One page of the caseload; logs one line per person shown."""
    paginator = Paginator(caseload_queryset(user=user, filters=filters), CASELOAD_PAGINA_GROOTTE)
    page = paginator.get_page(pagina)
    log_verwerking(
        activiteit="dossierbeheer",
        operatie="bekijk_caseload",
        subjects=[d.werkzoekende.log_subject for d in page.object_list],
        soorten_gegevens=["identificatie", "dossier"],
        actor=user,
        request=request,
    )
    return page


def dossier_voor_gebruiker(
    *,
    user: User,
    pk: int,
    request: Any = None,
    operatie: str = "bekijk_dossier",
    activiteit: str = "dossierbeheer",
    soorten_gegevens: tuple[str, ...] = ("identificatie", "contact", "adres", "huishouden"),
) -> Dossier:
    """The dossier with its header data, or 404 if it is outside the user's scope. Logged."""
    leden = HuishoudenLid.objects.order_by("rol", "geboortedatum")
    try:
        dossier = (
            dossiers_in_scope(user)
            .select_related(
                "werkzoekende",
                "werkzoekende__wijk",
                "werkzoekende__huishouden",
                "werkcoach",
                "werkcoach__team",
                "inkomensconsulent",
            )
            .prefetch_related(Prefetch("werkzoekende__huishouden__leden", queryset=leden))
            .annotate(
                aantal_overdrachten=Count(
                    "overdrachten",
                    filter=Q(overdrachten__van_werkcoach__isnull=False),
                    distinct=True,
                )
            )
            .get(pk=pk)
        )
    except Dossier.DoesNotExist as exc:
        raise Http404 from exc
    log_verwerking(
        activiteit=activiteit,
        operatie=operatie,
        subjects=[dossier.werkzoekende.log_subject],
        soorten_gegevens=soorten_gegevens,
        actor=user,
        request=request,
    )
    return dossier


def journaal_queryset(*, user: User, dossier: Dossier) -> QuerySet[JournaalRegel]:
    qs = dossier.journaal.select_related("auteur")
    if getattr(user, "rol", None) == Rol.BURGER:
        return qs.filter(zichtbaarheid=Zichtbaarheid.EXTERN, vertrouwelijk=False)
    if not is_werkcoach_van(user, dossier):
        qs = qs.filter(vertrouwelijk=False)
    return qs


def journaal_pagina(
    *, user: User, dossier: Dossier, pagina: int | str = 1, request: Any = None
) -> Page:
    page = Paginator(journaal_queryset(user=user, dossier=dossier), JOURNAAL_PAGINA_GROOTTE)
    result = page.get_page(pagina)
    log_verwerking(
        activiteit="portaal" if getattr(user, "rol", None) == Rol.BURGER else "dossierbeheer",
        operatie="bekijk_journaal",
        subjects=[dossier.werkzoekende.log_subject],
        soorten_gegevens=["journaal"],
        actor=user,
        request=request,
        vertrouwelijk=any(r.vertrouwelijk for r in result.object_list),
    )
    return result


def actief_dossier_van_burger(*, user: User) -> Dossier | None:
    """The burger's own most recent dossier (active first)."""
    return (
        Dossier.objects.filter(werkzoekende__account=user)
        .select_related("werkzoekende", "werkcoach")
        .order_by(F("einddatum").asc(nulls_first=True), "-aangemaakt_op")
        .first()
    )


def werkcoaches_voor_overdracht(*, teamleider: User, dossier: Dossier) -> QuerySet[User]:
    """Active werkconsulenten in the teams `teamleider` leads, except the current werkcoach."""
    return (
        User.objects.filter(rol=Rol.WERKCONSULENT, is_active=True, team__teamleider=teamleider)
        .exclude(pk=dossier.werkcoach_id)
        .select_related("team")
        .order_by("last_name", "first_name", "username")
    )


def subject_voor_bsn(bsn: str) -> str | None:
    """The log subject key (`Werkzoekende.log_subject`) of the person with this BSN, or None.

    Exact match on the keyed hash; for the privacy officer's log filter. Not logged here: the
    caller logs the log lines it shows.
    """
    from .models import Werkzoekende

    persoon = (
        Werkzoekende.objects.filter(bsn_hash=crypto.bsn_hash(normaliseer_bsn(bsn)))
        .only("pk", "publiek_id")
        .first()
    )
    return persoon.log_subject if persoon else None
