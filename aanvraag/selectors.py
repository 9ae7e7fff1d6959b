"""Reads of the front door: the aanvraag team's worklist, the terms of one aanvraag, the
burger's own aanvraag. Every read of personal data is logged by the caller's selector here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from bijstand.accounts.models import Rol, User
from bijstand.core import tijd
from bijstand.dossiers.models import ACTIEVE_STATUSSEN, Dossier
from bijstand.dossiers.scope import vervangen_collega_ids
from bijstand.logboek.services import log_verwerking

from . import beleid as aanvraagbeleid
from . import termijnen
from .models import (
    OPEN_STATUSSEN,
    TE_BESLISSEN,
    Aanvraag,
    Aanvraagbeleid,
    AanvraagStatus,
    Besluit,
    Voorschot,
)
from .stappen import CHECKLIST_CODES, STAP_SLUGS, Uitkomst

WERKLIJST_PAGINA = 25
URGENT_DAGEN = 7  # the worklist and the aanvraag page flag a beslistermijn ending this soon


@dataclass(frozen=True)
class Termijnen:
    """The terms of one aanvraag on ``peildatum`` (all dates inclusive)."""

    peildatum: date
    beslissen_uiterlijk: date | None
    dagen_over: int | None  # negative: overdue
    opgeschort_tot: date | None  # an open hersteltermijn
    buiten_behandeling_uiterlijk: date | None  # an unused hersteltermijn expired
    dwangsom_vanaf: date | None
    voorschot_signaal: bool  # day 14 reached, no voorschot, no decision about it
    voorschot_uiterlijk: date | None

    @property
    def te_laat(self) -> bool:
        return self.dagen_over is not None and self.dagen_over < 0

    @property
    def dagen_te_laat(self) -> int:
        return -self.dagen_over if self.te_laat else 0

    @property
    def urgentie(self) -> str | None:
        """``te_laat``, ``binnenkort`` (a week or less left), ``op_tijd``; None: no term runs."""
        if self.dagen_over is None:
            return None
        if self.dagen_over < 0:
            return "te_laat"
        return "binnenkort" if self.dagen_over <= URGENT_DAGEN else "op_tijd"


def termijnen_van(
    aanvraag: Aanvraag, peildatum: date | None = None, *, heeft_voorschot: bool | None = None
) -> Termijnen:
    """Uses the prefetched ``hersteltermijnen`` when present; pass ``heeft_voorschot`` to
    avoid the query for it (the worklist does, for a whole page at once)."""
    return _termijnen(aanvraag, peildatum, heeft_voorschot, aanvraagbeleid.beleid_op)


def _beleid_uit_versies() -> Callable[[date], aanvraagbeleid.Beleid]:
    """``beleid_op`` for a whole page with one query: every version, newest first."""
    versies = list(Aanvraagbeleid.objects.order_by("-geldig_vanaf"))
    gezien: dict[int, aanvraagbeleid.Beleid] = {}

    def beleid_op(peildatum: date) -> aanvraagbeleid.Beleid:
        for versie in versies:
            if versie.geldig_vanaf <= peildatum:
                if versie.pk not in gezien:
                    gezien[versie.pk] = aanvraagbeleid.Beleid.van_dict(
                        versie.geldig_vanaf, versie.data
                    )
                return gezien[versie.pk]
        return aanvraagbeleid.beleid_op(peildatum)  # none: its Dutch error

    return beleid_op


def _termijnen(
    aanvraag: Aanvraag,
    peildatum: date | None,
    heeft_voorschot: bool | None,
    beleid_op: Callable[[date], aanvraagbeleid.Beleid],
) -> Termijnen:
    peildatum = peildatum or tijd.vandaag()
    herstel = list(aanvraag.hersteltermijnen.all())
    open_h = [h for h in herstel if h.ontvangen_op is None]
    opgeschort_tot = max((h.termijn_tot for h in open_h), default=None)
    verlopen = [h.termijn_tot for h in open_h if h.termijn_tot < peildatum]
    einde = aanvraag.beslissen_uiterlijk
    besloten = aanvraag.status not in TE_BESLISSEN
    voorschot_uiterlijk = signaal = None
    if heeft_voorschot is None:
        heeft_voorschot = Voorschot.objects.filter(aanvraag_id=aanvraag.pk).exists()
    if aanvraag.ontvangen_op and not besloten:
        beleid = beleid_op(aanvraag.ontvangen_op)
        voorschot_uiterlijk = termijnen.plus_dagen(
            aanvraag.ontvangen_op, beleid.voorschot_uiterlijk_dag
        )
        signaal = (
            peildatum >= termijnen.plus_dagen(aanvraag.ontvangen_op, beleid.voorschot_signaal_dag)
            and not heeft_voorschot
            and not aanvraag.geen_voorschot_reden
        )
    return Termijnen(
        peildatum=peildatum,
        beslissen_uiterlijk=einde,
        dagen_over=(einde - peildatum).days if einde and not besloten else None,
        opgeschort_tot=opgeschort_tot if not besloten else None,
        buiten_behandeling_uiterlijk=(
            termijnen.buiten_behandeling_uiterlijk(max(verlopen))
            if verlopen and not besloten
            else None
        ),
        dwangsom_vanaf=(
            termijnen.dwangsom_vanaf(aanvraag.ingebrekestelling_op)
            if aanvraag.ingebrekestelling_op and not besloten
            else None
        ),
        voorschot_signaal=bool(signaal),
        voorschot_uiterlijk=voorschot_uiterlijk,
    )


# --------------------------------------------------------------------------------------------
# the worklist


@dataclass(frozen=True)
class WerklijstFilters:
    weergave: str = "open"  # open | eigen | pool | concept | afgehandeld
    zoek: str = ""


def mag_werklijst_zien(user: User) -> bool:
    return getattr(user, "rol", None) in (Rol.INKOMENSCONSULENT, Rol.TEAMLEIDER)


def werklijst_queryset(*, user: User, filters: WerklijstFilters) -> QuerySet[Aanvraag]:
    """The aanvraag team's worklist: inkomensconsulenten see the open aanvragen of the pool
    (not yet taken up) and their own (and those of a colleague they substitute); a teamleider
    sees those of his teams' werkcoaches. Sorted by the end of the beslistermijn."""
    if not mag_werklijst_zien(user):
        return Aanvraag.objects.none()
    qs = Aanvraag.objects.all()
    if user.rol == Rol.TEAMLEIDER:
        qs = qs.filter(dossier__werkcoach__team__teamleider=user)
        eigen = Q(pk__in=[])
    else:
        eigen = Q(dossier__inkomensconsulent_id__in=[user.pk, *vervangen_collega_ids(user)])
    pool = Q(dossier__inkomensconsulent__isnull=True)
    if filters.weergave == "eigen":
        qs = qs.filter(eigen, status__in=TE_BESLISSEN)
    elif filters.weergave == "pool":
        qs = qs.filter(pool, status__in=TE_BESLISSEN)
    elif filters.weergave == "concept":
        qs = qs.filter(status=AanvraagStatus.CONCEPT)
        if user.rol != Rol.TEAMLEIDER:
            qs = qs.filter(pool | eigen)
    elif filters.weergave == "afgehandeld":
        qs = qs.exclude(status__in=OPEN_STATUSSEN)
        if user.rol != Rol.TEAMLEIDER:
            qs = qs.filter(eigen)
    else:
        qs = qs.filter(status__in=TE_BESLISSEN)
        if user.rol != Rol.TEAMLEIDER:
            qs = qs.filter(pool | eigen)
    zoek = (filters.zoek or "").strip()
    if zoek:
        qs = qs.filter(
            Q(dossier__werkzoekende__achternaam__icontains=zoek)
            | Q(dossier__werkzoekende__voornamen__icontains=zoek)
        )
    return (
        qs.select_related(
            "dossier__werkzoekende", "dossier__werkcoach", "dossier__inkomensconsulent"
        )
        .prefetch_related("hersteltermijnen")
        .order_by("beslissen_uiterlijk", "melddatum", "pk")
    )


def werklijst_pagina(
    *, user: User, filters: WerklijstFilters, pagina: int | str = 1, request: Any = None
) -> Page:
    """One page of the worklist, each row with its :class:`Termijnen` as ``row.termijnen``."""
    page = Paginator(werklijst_queryset(user=user, filters=filters), WERKLIJST_PAGINA).get_page(
        pagina
    )
    vandaag = tijd.vandaag()
    beleid_op = _beleid_uit_versies()
    rijen = list(page.object_list)
    voorschot_ids = set(
        Aanvraag.objects.filter(pk__in=[a.pk for a in rijen], voorschot__isnull=False).values_list(
            "pk", flat=True
        )
    )
    for a in rijen:
        a.heeft_voorschot = a.pk in voorschot_ids
        a.termijnen = _termijnen(a, vandaag, a.heeft_voorschot, beleid_op)
    page.object_list = rijen
    log_verwerking(
        activiteit="aanvraag",
        operatie="bekijk_werklijst",
        subjects=[a.dossier.werkzoekende.log_subject for a in rijen],
        soorten_gegevens=["identificatie", "aanvraag"],
        actor=user,
        request=request,
    )
    return page


# --------------------------------------------------------------------------------------------
# one aanvraag


def aanvraag_van_dossier(dossier: Dossier) -> Aanvraag | None:
    return (
        Aanvraag.objects.filter(dossier=dossier)
        .select_related("dossier__werkzoekende")
        .prefetch_related("hersteltermijnen", "stukken")
        .first()
    )


def mag_aanvraag_behandelen(user: User, aanvraag: Aanvraag) -> bool:
    """Who may open the aanvraag page: its inkomensconsulent (or substitute), any
    inkomensconsulent while it is in the pool (to take it up), the werkcoach of the dossier
    (read: the brede intake runs during the aanvraag), the teamleider of the werkcoach, and
    while it is a concept the consulent who registered the melding at the loket."""
    rol = getattr(user, "rol", None)
    dossier = aanvraag.dossier
    if (
        rol in (Rol.WERKCONSULENT, Rol.INKOMENSCONSULENT)
        and aanvraag.status == AanvraagStatus.CONCEPT
        and aanvraag.aangemaakt_door_id == user.pk
    ):
        # the consulent who registered the melding at the loket fills it in with the burger
        # (the werkcoach it got may be someone else) until it is sent
        return True
    if rol == Rol.INKOMENSCONSULENT:
        return dossier.inkomensconsulent_id is None or dossier.inkomensconsulent_id in (
            user.pk,
            *vervangen_collega_ids(user),
        )
    if rol == Rol.WERKCONSULENT:
        return dossier.werkcoach_id in (user.pk, *vervangen_collega_ids(user))
    if rol == Rol.TEAMLEIDER:
        return Dossier.objects.filter(pk=dossier.pk, werkcoach__team__teamleider=user).exists()
    return False


def voortgang(aanvraag: Aanvraag) -> dict[str, Any]:
    """Which steps are done and which checklist items are settled."""
    return {
        "stappen": {s: s in aanvraag.gegevens for s in STAP_SLUGS},
        "checklist": {c: aanvraag.checklist.get(c, {}).get("uitkomst") for c in CHECKLIST_CODES},
        "checklist_compleet": all(
            aanvraag.checklist.get(c, {}).get("uitkomst") == Uitkomst.AKKOORD
            for c in CHECKLIST_CODES
        ),
    }


def aanvraag_van_burger(user: User) -> Aanvraag | None:
    """The burger's newest aanvraag of an active dossier (or the newest decided one)."""
    if getattr(user, "rol", None) != Rol.BURGER:
        return None
    return (
        Aanvraag.objects.filter(dossier__werkzoekende__account=user)
        .select_related("dossier")
        .filter(Q(dossier__status__in=ACTIEVE_STATUSSEN) | ~Q(status__in=OPEN_STATUSSEN))
        .order_by("-aangemaakt_op", "-pk")
        .first()
    )


def besluiten_van_burger(user: User) -> QuerySet[Besluit]:
    """The beschikkingen the burger may read in the portal (sent ones only)."""
    if getattr(user, "rol", None) != Rol.BURGER:
        return Besluit.objects.none()
    return (
        Besluit.objects.filter(
            aanvraag__dossier__werkzoekende__account=user, verzonden_op__isnull=False
        )
        .select_related("aanvraag")
        .order_by("-genomen_op")
    )


# --------------------------------------------------------------------------------------------
# the vermogen against the limit (checklist item "vermogen")


@dataclass(frozen=True)
class VermogenToets:
    """What the burger declared against the vermogensgrens of the policy (art. 34 lid 3 PW)
    on the day the aanvraag was received. A hint for the consulent, who judges the item:
    some property is exempt (a car needed for work, the own house under conditions)."""

    opgegeven: Decimal
    grens: Decimal
    gezin: bool
    eigen_woning: bool
    geldig_vanaf: date

    @property
    def boven_grens(self) -> bool:
        return self.opgegeven > self.grens


def vermogen_toets(aanvraag: Aanvraag) -> VermogenToets | None:
    """None while the vermogen step is not filled in."""
    vermogen = (aanvraag.gegevens.get("vermogen") or {}).get("data")
    if vermogen is None:
        return None
    huishouden = (aanvraag.gegevens.get("huishouden") or {}).get("data") or {}
    gezin = bool(huishouden.get("partner") or huishouden.get("kinderen"))

    def bedrag(veld: str) -> Decimal:
        try:
            return Decimal(str(vermogen.get(veld) or "0")).quantize(Decimal("0.01"))
        except ArithmeticError:
            return Decimal("0.00")

    beleid = aanvraagbeleid.beleid_op(aanvraag.ontvangen_op or aanvraag.melddatum)
    return VermogenToets(
        opgegeven=bedrag("bank_saldo") + bedrag("auto_waarde"),
        grens=beleid.vermogensgrens_gezin if gezin else beleid.vermogensgrens_alleenstaande,
        gezin=gezin,
        eigen_woning=bool(vermogen.get("eigen_woning")),
        geldig_vanaf=beleid.geldig_vanaf,
    )


# --------------------------------------------------------------------------------------------
# the household check: the BRP's co-residents beside what the burger declared


@dataclass(frozen=True)
class BewonersCheck:
    opgehaald_op: str | None  # ISO time of the BRP read; None: not read yet
    brp: tuple[dict[str, Any], ...]  # {naam, geboortedatum} of the others at the address
    opgegeven: int  # partner + kinderen + medebewoners in the household step

    @property
    def afwijkend(self) -> bool:
        return self.opgehaald_op is not None and len(self.brp) != self.opgegeven


def bewoners_check(aanvraag: Aanvraag) -> BewonersCheck:
    huishouden = (aanvraag.gegevens.get("huishouden") or {}).get("data") or {}
    opgegeven = (
        (1 if huishouden.get("partner") else 0)
        + len(huishouden.get("kinderen") or [])
        + len(huishouden.get("medebewoners") or [])
    )
    brp = aanvraag.brp or {}
    return BewonersCheck(
        opgehaald_op=brp.get("bewoners_opgehaald_op"),
        brp=tuple(brp.get("bewoners") or ()),
        opgegeven=opgegeven,
    )
