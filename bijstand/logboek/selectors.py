"""Reading the log (itself a logged processing).

Two readers:
- the burger ("Wie heeft mijn gegevens bekeken?"): only non-confidential lines of their own,
  as activity, purpose and date; never who acted (staff names live in AuditRegel only);
- the privacy officer (`logboek:overzicht`): every line, filtered in the database, with the
  linked AuditRegel.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet
from django.utils import timezone

from bijstand.core.crypto import pseudoniem

from .models import AuditRegel, Vertrouwelijkheid, Verwerking
from .services import log_verwerking

INZAGE_PAGINA_GROOTTE = 20
OVERZICHT_PAGINA_GROOTTE = 25


def verwerkingen_voor_betrokkene(*, subject: str, inclusief_vertrouwelijk: bool) -> QuerySet:
    """Log lines about one subject, newest first.

    Each row carries `activiteit_naam`, `doel` and `start` (annotated); the model holds no user
    identity, so nothing here can reveal which staff member acted.
    """
    qs = (
        Verwerking.objects.filter(betrokkene=pseudoniem(subject))
        .select_related("activiteit")
        .annotate(activiteit_naam=F("activiteit__naam"), doel=F("activiteit__doel"))
    )
    if not inclusief_vertrouwelijk:
        qs = qs.filter(vertrouwelijk=False, activiteit__vertrouwelijkheid=Vertrouwelijkheid.NORMAAL)
    return qs.order_by("-start", "-id")


@dataclass(frozen=True)
class InzageRegel:
    """One line on the burger's page: what, why and when. Deliberately no actor."""

    datum: datetime
    activiteit: str
    doel: str
    soorten_gegevens: tuple[str, ...]


def inzage_pagina(*, subject: str, user: Any, pagina: int | str = 1, request: Any = None) -> Page:
    """One page of "Wie heeft mijn gegevens bekeken?" for the burger whose subject key this is.

    Returns a Page of `InzageRegel` (non-confidential lines only). Viewing it is logged under
    "logboek-inzage" for the same subject.
    """
    qs = verwerkingen_voor_betrokkene(subject=subject, inclusief_vertrouwelijk=False).values_list(
        "start", "activiteit_naam", "doel", "soorten_gegevens"
    )
    page = Paginator(qs, INZAGE_PAGINA_GROOTTE).get_page(pagina)
    page.object_list = [
        InzageRegel(datum=s, activiteit=n, doel=d, soorten_gegevens=tuple(g or ()))
        for s, n, d, g in page.object_list
    ]
    log_verwerking(
        activiteit="logboek-inzage",
        operatie="bekijk_eigen_logboek",
        subjects=[subject],
        soorten_gegevens=["logboek"],
        actor=user,
        request=request,
    )
    return page


# --- privacy officer -------------------------------------------------------------------------


@dataclass(frozen=True)
class LogboekFilters:
    activiteit: int | None = None
    operatie: str = ""
    van: date | None = None
    tot: date | None = None
    betrokkene: str = ""  # a pseudonym (Verwerking.betrokkene), never a BSN


def _dag_begin(d: date) -> datetime:
    return timezone.make_aware(datetime.combine(d, time.min))


def overzicht_queryset(filters: LogboekFilters) -> QuerySet[Verwerking]:
    qs = Verwerking.objects.select_related("activiteit")
    if filters.activiteit:
        qs = qs.filter(activiteit_id=filters.activiteit)
    if filters.operatie:
        qs = qs.filter(operatie=filters.operatie)
    if filters.van:
        qs = qs.filter(start__gte=_dag_begin(filters.van))
    if filters.tot:
        qs = qs.filter(start__lt=_dag_begin(filters.tot + timedelta(days=1)))
    if filters.betrokkene:
        qs = qs.filter(betrokkene=filters.betrokkene)
    return qs.order_by("-start", "-id")


def operaties() -> list[str]:
    """Distinct operation names, for the filter's choices."""
    return list(
        Verwerking.objects.order_by("operatie").values_list("operatie", flat=True).distinct()
    )


def overzicht_pagina(
    *, user: Any, filters: LogboekFilters, pagina: int | str = 1, request: Any = None
) -> Page:
    """One page of the log for the privacy officer, each line with `.audit` (who acted).

    Three queries whatever the page size: count, lines, audit lines. Reading is logged under
    "logboek-inzage" for every subject shown (by pseudonym: the log never held more).
    """
    page = Paginator(overzicht_queryset(filters), OVERZICHT_PAGINA_GROOTTE).get_page(pagina)
    regels = list(page.object_list)
    audit = {
        a.operation_id: a
        for a in AuditRegel.objects.filter(
            operation_id__in={r.operation_id for r in regels}
        ).select_related("gebruiker", "koppeling_aangemaakt_door", "koppeling_goedgekeurd_door")
    }
    for r in regels:
        r.audit = audit.get(r.operation_id)
    page.object_list = regels
    log_verwerking(
        activiteit="logboek-inzage",
        operatie="bekijk_logboek",
        subjects=[],
        pseudoniemen=[r.betrokkene for r in regels],
        soorten_gegevens=["logboek"],
        actor=user,
        request=request,
        vertrouwelijk=any(r.vertrouwelijk for r in regels),
    )
    return page
