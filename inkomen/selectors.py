"""Reads of the inkomen app.

Rules as data
-------------
:func:`actieve_regelsets` and :func:`actief_beleid` return the rules and policy versions in the
database as the pure ``inkomen.rekenregels`` dataclasses, cached per process. The cache is
dropped at once in the process that saves a ``Regelset`` / ``Beleidsinstelling`` (signals) and,
for other processes (Celery workers, web workers), it is revalidated against a cheap
fingerprint query (count + last change of both tables) at most every
``settings.INKOMEN_REGELS_CACHE_SECONDEN`` seconds (default 2). A batch of thousands of
dossiers therefore costs one revalidation query every few seconds, not one per dossier.

Ledger reads
------------
Amounts follow the sign convention of :class:`inkomen.models.Boeking`.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Max, Min, Q, QuerySet, Sum
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from bijstand.dossiers.models import Dossier
from bijstand.dossiers.scope import dossier_scope_q

from . import rekenregels
from .models import (
    NUL,
    RECHT_SOORTEN,
    Beleidsinstelling,
    Berekening,
    Betaalrun,
    BetaalrunDeel,
    BetaalrunWijziging,
    Betaling,
    BetalingStatus,
    Boeking,
    BoekingSoort,
    Inkomstenopgave,
    NietBetaaldReden,
    Regelset,
    Uitkering,
    UitkeringStatus,
    VrijlatingToepassing,
)

# --------------------------------------------------------------------------------------------
# rules as data, cached per process


@dataclass(frozen=True)
class _Regels:
    regelsets: tuple[rekenregels.Regelset, ...]
    beleid: tuple[rekenregels.Beleid, ...]
    versie: str  # sha256 of the canonical data: recorded on every Berekening
    token: tuple[Any, ...]


_lock = threading.Lock()
_cache: dict[str, Any] = {"regels": None, "gecontroleerd": 0.0}


def _token() -> tuple[Any, ...]:
    r = Regelset.objects.aggregate(n=Count("id"), t=Max("gewijzigd_op"))
    b = Beleidsinstelling.objects.aggregate(n=Count("id"), t=Max("gewijzigd_op"))
    return (r["n"], r["t"], b["n"], b["t"])


def _laad(token: tuple[Any, ...]) -> _Regels:
    regel_data = list(Regelset.objects.order_by("geldig_vanaf").values_list("data", flat=True))
    beleid_data = list(
        Beleidsinstelling.objects.order_by("geldig_vanaf").values_list("data", flat=True)
    )
    regelsets = tuple(rekenregels.Regelset.van_dict(d) for d in regel_data)
    beleid = tuple(rekenregels.Beleid.van_dict(d) for d in beleid_data)
    canoniek = json.dumps(
        {"regelsets": [r.als_dict() for r in regelsets], "beleid": [b.als_dict() for b in beleid]},
        sort_keys=True,
    )
    return _Regels(regelsets, beleid, hashlib.sha256(canoniek.encode()).hexdigest(), token)


def _regels() -> _Regels:
    nu = time.monotonic()
    ttl = getattr(settings, "INKOMEN_REGELS_CACHE_SECONDEN", 2)
    huidig: _Regels | None = _cache["regels"]
    if huidig is not None and nu - _cache["gecontroleerd"] < ttl:
        return huidig
    with _lock:
        token = _token()
        huidig = _cache["regels"]
        if huidig is None or huidig.token != token:
            huidig = _laad(token)
            _cache["regels"] = huidig
        _cache["gecontroleerd"] = nu
        return huidig


def wis_regelcache() -> None:
    """Forget the cached rules in this process (called on save/delete; tests may call it)."""
    with _lock:
        _cache["regels"] = None
        _cache["gecontroleerd"] = 0.0


@receiver(post_save, sender=Regelset)
@receiver(post_delete, sender=Regelset)
@receiver(post_save, sender=Beleidsinstelling)
@receiver(post_delete, sender=Beleidsinstelling)
def _regels_gewijzigd(**kwargs: Any) -> None:
    wis_regelcache()


def actieve_regelsets() -> list[rekenregels.Regelset]:
    """All rule sets in the database (oldest first) as ``rekenregels.Regelset`` objects."""
    return list(_regels().regelsets)


def actief_beleid() -> list[rekenregels.Beleid]:
    """All policy versions (oldest first) as ``rekenregels.Beleid`` objects."""
    return list(_regels().beleid)


def regels_versie() -> str:
    """Fingerprint of the rules and policy in force now (stored on each Berekening)."""
    return _regels().versie


def _als_datum(maand: date | rekenregels.Maand | str) -> date:
    if isinstance(maand, rekenregels.Maand):
        return maand.eerste_dag
    if isinstance(maand, str):
        return rekenregels.Maand.uit_tekst(maand[:7]).eerste_dag
    return maand.replace(day=1)


def regelset_voor_maand(maand: date | rekenregels.Maand | str) -> rekenregels.Regelset:
    """The ``Regelset`` in force on the first day of ``maand`` (raises ``OngeldigeInvoer``)."""
    return rekenregels.regelset_voor(_als_datum(maand), _regels().regelsets)


def beleid_voor_maand(maand: date | rekenregels.Maand | str) -> rekenregels.Beleid:
    """The ``Beleid`` in force on the first day of ``maand``; the §8 defaults when none is."""
    dag = _als_datum(maand)
    kandidaten = [b for b in _regels().beleid if b.geldig_vanaf <= dag]
    if not kandidaten:
        return rekenregels.Beleid()
    return max(kandidaten, key=lambda b: b.geldig_vanaf)


# --------------------------------------------------------------------------------------------
# opgaven, berekeningen, counters


def uitkering_van(dossier: Dossier | int) -> Uitkering | None:
    dossier_id = dossier if isinstance(dossier, int) else dossier.pk
    return Uitkering.objects.filter(dossier_id=dossier_id).first()


def opgaven_van_maand(*, dossier_id: int, maand: date) -> QuerySet[Inkomstenopgave]:
    return Inkomstenopgave.objects.filter(dossier_id=dossier_id, maand=maand)


def effectieve_opgaven(*, dossier_id: int, maand: date) -> list[Inkomstenopgave]:
    """The opgaven that count for a dossier-month.

    Excluded: superseded ones (a correction replaced them), rejected ones. Then, per person and
    kind of income, definitive opgaven beat estimates: if any definitief opgave exists for
    (persoon, soort), the geschatte ones of that (persoon, soort) are ignored.
    """
    return kies_effectieve_opgaven(
        opgaven_van_maand(dossier_id=dossier_id, maand=maand)
        .filter(vervangen_door__isnull=True)
        .exclude(beoordeling="afgewezen")
        .order_by("pk")
    )


def kies_effectieve_opgaven(opgaven: Iterable[Inkomstenopgave]) -> list[Inkomstenopgave]:
    """The definitief-beats-geschat rule of :func:`effectieve_opgaven` on opgaven of one
    dossier-month that are already neither superseded nor rejected (in pk order). Pure: the
    payment run's bulk path loads a whole chunk's opgaven at once and calls this per dossier."""
    opgaven = list(opgaven)
    definitief = {(o.persoon, o.soort) for o in opgaven if o.status == "definitief"}
    return [
        o for o in opgaven if o.status == "definitief" or (o.persoon, o.soort) not in definitief
    ]


def actuele_berekening(*, dossier_id: int, maand: date) -> Berekening | None:
    return Berekening.objects.filter(dossier_id=dossier_id, maand=maand, actueel=True).first()


def berekeningen_van_dossier(*, dossier_id: int) -> QuerySet[Berekening]:
    return Berekening.objects.filter(dossier_id=dossier_id).order_by("-maand", "-versie")


def vrijlating_maanden_gebruikt(
    *, dossier_id: int, maand: date, beleid: rekenregels.Beleid | None = None
) -> dict[str, dict[str, int]]:
    """Months of each vrijlating used before ``maand``, derived from the actuele berekeningen.

    P5 ``toegepaste_maanden`` (default): the number of earlier months in which the kind was
    actually applied. P5 ``kalendermaanden``: calendar months since the first month it was
    applied (so months without income count too).
    """
    beleid = beleid or beleid_voor_maand(maand)
    rijen = (
        VrijlatingToepassing.objects.filter(dossier_id=dossier_id, actueel=True, maand__lt=maand)
        .values("persoon", "soort")
        .annotate(aantal=Count("maand", distinct=True), eerste=Min("maand"))
    )
    return tel_vrijlating_maanden(rijen, maand=maand, beleid=beleid)


def tel_vrijlating_maanden(
    rijen: Iterable[dict[str, Any]], *, maand: date, beleid: rekenregels.Beleid
) -> dict[str, dict[str, int]]:
    """The counters from rows ``{persoon, soort, aantal, eerste}`` (one dossier). Pure: shared by
    :func:`vrijlating_maanden_gebruikt` and the payment run's bulk path."""
    kalender = beleid.p5_vrijlating_telling == rekenregels.VrijlatingTelling.KALENDERMAANDEN
    telling: dict[str, dict[str, int]] = defaultdict(dict)
    for rij in rijen:
        if kalender:
            e: date = rij["eerste"]
            aantal = (maand.year - e.year) * 12 + (maand.month - e.month)
        else:
            aantal = rij["aantal"]
        telling[rij["persoon"]][rij["soort"]] = aantal
    return dict(telling)


# --------------------------------------------------------------------------------------------
# ledger


def recht_van_maand(*, dossier_id: int, maand: date) -> tuple[Decimal, Decimal, bool]:
    """(bijstand booked for the month, its VT part, whether the month was paid at all).

    A vordering of bedrag 0 is the VT settlement at the end of the uitkering (services rule
    7): it moves a negative VT reservation into a vordering and recognises nothing for the
    month, so it is left out (every other vordering has a bedrag < 0)."""
    rijen = Boeking.objects.filter(
        dossier_id=dossier_id, maand=maand, soort__in=RECHT_SOORTEN
    ).exclude(soort=BoekingSoort.VORDERING, bedrag=0)
    totaal = rijen.aggregate(b=Sum("bedrag"), v=Sum("vakantietoeslag"))
    betaald = rijen.filter(soort=BoekingSoort.UITBETALING_VOORLOPIG).exists()
    return totaal["b"] or NUL, totaal["v"] or NUL, betaald


def open_verrekeningsschuld(*, dossier_id: int) -> Decimal:
    """The cash still to be withheld (>= 0): verrekeningsschulden minus inhoudingen.

    = -(sum of the cash parts of the verrekeningsschuld lines) + (sum of the inhoudingen,
    which are negative). Derived, never stored.
    """
    rijen = Boeking.objects.filter(
        dossier_id=dossier_id,
        soort__in=[BoekingSoort.VERREKENINGSSCHULD, BoekingSoort.INHOUDING],
    ).aggregate(
        schuld=Sum("bedrag", filter=Q(soort=BoekingSoort.VERREKENINGSSCHULD)),
        schuld_vt=Sum("vakantietoeslag", filter=Q(soort=BoekingSoort.VERREKENINGSSCHULD)),
        inhouding=Sum("bedrag", filter=Q(soort=BoekingSoort.INHOUDING)),
    )
    schuld = (rijen["schuld"] or NUL) - (rijen["schuld_vt"] or NUL)
    return -(schuld - (rijen["inhouding"] or NUL))


def open_nabetalingen(*, dossier_id: int) -> Decimal:
    """Cash of nabetalingen and inhoudingen not yet carried by a payment (next run pays it)."""
    totaal = Boeking.objects.filter(
        dossier_id=dossier_id,
        soort__in=[BoekingSoort.NABETALING, BoekingSoort.INHOUDING],
        betaalmaand__isnull=True,
    ).aggregate(b=Sum("bedrag"), v=Sum("vakantietoeslag"))
    return (totaal["b"] or NUL) - (totaal["v"] or NUL)


def vakantietoeslag_reservering(*, dossier_id: int) -> Decimal:
    """The VT reserved and not yet paid out: the sum of the VT parts of all bookings."""
    return (
        Boeking.objects.filter(dossier_id=dossier_id).aggregate(v=Sum("vakantietoeslag"))["v"]
        or NUL
    )


def openstaande_vorderingen(*, dossier_id: int) -> Decimal:
    """Total of the vorderingen (cash part, >= 0); their recovery is outside this module."""
    totaal = Boeking.objects.filter(dossier_id=dossier_id, soort=BoekingSoort.VORDERING).aggregate(
        b=Sum("bedrag"), v=Sum("vakantietoeslag")
    )
    return -((totaal["b"] or NUL) - (totaal["v"] or NUL))


def boekingen_van_dossier(*, dossier_id: int) -> QuerySet[Boeking]:
    return Boeking.objects.filter(dossier_id=dossier_id).order_by("maand", "created_at", "pk")


# --------------------------------------------------------------------------------------------
# screens: the inkomensconsulent's Inkomen tab and the burger's specificatie
# (callers log the read through bijstand.dossiers.selectors.dossier_voor_gebruiker)

CORRECTIE_SOORTEN = (
    BoekingSoort.NABETALING,
    BoekingSoort.VERREKENINGSSCHULD,
    BoekingSoort.INHOUDING,
    BoekingSoort.VORDERING,
)


def opgaven_van_dossier(*, dossier_id: int) -> QuerySet[Inkomstenopgave]:
    """All opgaven of a dossier, newest month first, with the superseded chain joined."""
    return (
        Inkomstenopgave.objects.filter(dossier_id=dossier_id)
        .select_related(
            "vervangt", "vervangen_door", "werkgever", "beoordeeld_door", "ingediend_door"
        )
        .order_by("-maand", "-ingediend_op", "-pk")
    )


def opgave_van_dossier(*, dossier_id: int, pk: int) -> Inkomstenopgave | None:
    return opgaven_van_dossier(dossier_id=dossier_id).filter(pk=pk).first()


def vervangbare_opgaven(*, dossier_id: int) -> QuerySet[Inkomstenopgave]:
    """Opgaven a correction may supersede: not superseded yet."""
    return opgaven_van_dossier(dossier_id=dossier_id).filter(vervangen_door__isnull=True)


def correctieboekingen_van_dossier(*, dossier_id: int) -> QuerySet[Boeking]:
    """Nabetalingen, verrekeningsschuld, inhoudingen and vorderingen, newest first."""
    return Boeking.objects.filter(dossier_id=dossier_id, soort__in=CORRECTIE_SOORTEN).order_by(
        "-created_at", "-pk"
    )


@dataclass(frozen=True)
class InkomenSaldi:
    open_verrekeningsschuld: Decimal
    open_nabetalingen: Decimal
    openstaande_vorderingen: Decimal
    vakantietoeslag_reservering: Decimal


def inkomen_saldi(*, dossier_id: int) -> InkomenSaldi:
    """The open amounts of a dossier in one aggregate query (same figures as the functions
    open_verrekeningsschuld, open_nabetalingen, openstaande_vorderingen and
    vakantietoeslag_reservering)."""
    s = BoekingSoort
    r = Boeking.objects.filter(dossier_id=dossier_id).aggregate(
        schuld=Sum("bedrag", filter=Q(soort=s.VERREKENINGSSCHULD)),
        schuld_vt=Sum("vakantietoeslag", filter=Q(soort=s.VERREKENINGSSCHULD)),
        inhouding=Sum("bedrag", filter=Q(soort=s.INHOUDING)),
        na=Sum(
            "bedrag",
            filter=Q(soort__in=[s.NABETALING, s.INHOUDING], betaalmaand__isnull=True),
        ),
        na_vt=Sum(
            "vakantietoeslag",
            filter=Q(soort__in=[s.NABETALING, s.INHOUDING], betaalmaand__isnull=True),
        ),
        vord=Sum("bedrag", filter=Q(soort=s.VORDERING)),
        vord_vt=Sum("vakantietoeslag", filter=Q(soort=s.VORDERING)),
        vt=Sum("vakantietoeslag"),
    )
    w = {k: v or NUL for k, v in r.items()}
    return InkomenSaldi(
        open_verrekeningsschuld=-((w["schuld"] - w["schuld_vt"]) - w["inhouding"]),
        open_nabetalingen=w["na"] - w["na_vt"],
        openstaande_vorderingen=-(w["vord"] - w["vord_vt"]),
        vakantietoeslag_reservering=w["vt"],
    )


def maanden_met_berekening(*, dossier_id: int, limiet: int = 36) -> list[date]:
    """The months (newest first) that have a specificatie: an actuele berekening, or (after
    the uitkering ended) only a payment or the VT vordering of the end (services rule 7)."""
    maanden = set(
        Berekening.objects.filter(dossier_id=dossier_id, actueel=True)
        .order_by("-maand")
        .values_list("maand", flat=True)[:limiet]
    )
    for betaalmaand, maand in (
        Boeking.objects.filter(dossier_id=dossier_id)
        .filter(Q(betaalmaand__isnull=False) | Q(soort=BoekingSoort.VORDERING, bedrag=0))
        .order_by()
        .values_list("betaalmaand", "maand")
        .distinct()
    ):
        maanden.add(betaalmaand or maand)
    return sorted(maanden, reverse=True)[:limiet]


@dataclass(frozen=True)
class Specificatie:
    """Everything the monthly specification shows (page and PDF).

    ``correcties``: bookings *about* this month after it was paid (nabetaling,
    verrekeningsschuld, vordering). ``betaling``: the bookings carried by this month's payment
    (``betaalmaand``), empty when the month has not been paid yet. ``berekening`` is ``None``
    for a month after the end of the uitkering that has only the final payment (VT,
    nabetaling) or the VT vordering of the end; ``einddatum`` is set when the uitkering has
    ended and this month is its last month or later (services rule 7).
    """

    maand: date
    berekening: Berekening | None
    opgaven: list[Inkomstenopgave]
    vrijlatingen: list[dict[str, Any]]
    correcties: list[Boeking]
    betaling: list[Boeking]
    saldi: InkomenSaldi
    einddatum: date | None = None
    # the month of the payment that carried this month's bijstand, when that was a later one
    # (a month before the first payment, paid with it: services rule 8)
    betaald_met: date | None = None

    @property
    def betaald(self) -> bool:
        return bool(self.betaling)

    @property
    def einde_uitkering(self) -> bool:
        return self.einddatum is not None

    @property
    def betaald_bedrag(self) -> Decimal:
        return sum((b.kasbedrag for b in self.betaling), NUL)

    @property
    def inhoudingen(self) -> list[Boeking]:
        return [b for b in self.betaling if b.soort == BoekingSoort.INHOUDING]

    @property
    def nabetalingen(self) -> list[Boeking]:
        return [b for b in self.betaling if b.soort == BoekingSoort.NABETALING]

    @property
    def vakantietoeslag_uitbetaald(self) -> Decimal:
        return sum(
            (
                b.kasbedrag
                for b in self.betaling
                if b.soort == BoekingSoort.VAKANTIETOESLAG_UITBETALING
            ),
            NUL,
        )


def specificatie_van_maand(*, dossier_id: int, maand: date) -> Specificatie | None:
    """The specification of one month of a dossier, or None when there is nothing to show
    (no berekening and no booking of the month's payment or of the end's VT vordering)."""
    maand = maand.replace(day=1)
    berekening = actuele_berekening(dossier_id=dossier_id, maand=maand)
    opgaven = (
        list(berekening.opgaven.select_related("werkgever").order_by("persoon", "soort", "pk"))
        if berekening is not None
        else []
    )
    boekingen = list(
        Boeking.objects.filter(dossier_id=dossier_id)
        .filter(
            Q(betaalmaand=maand)
            | Q(
                maand=maand,
                soort__in=[
                    BoekingSoort.UITBETALING_VOORLOPIG,
                    BoekingSoort.NABETALING,
                    BoekingSoort.VERREKENINGSSCHULD,
                    BoekingSoort.VORDERING,
                ],
            )
        )
        .order_by("created_at", "pk")
    )
    betaald_met = next(
        (
            b.betaalmaand
            for b in boekingen
            if b.maand == maand
            and b.soort == BoekingSoort.UITBETALING_VOORLOPIG
            and b.betaalmaand != maand
        ),
        None,
    )
    betaling = [b for b in boekingen if b.betaalmaand == maand]
    correcties = [
        b
        for b in boekingen
        if b.maand == maand
        and b.soort
        in (BoekingSoort.NABETALING, BoekingSoort.VERREKENINGSSCHULD, BoekingSoort.VORDERING)
    ]
    if berekening is None and not betaling and not correcties and betaald_met is None:
        return None
    uitkering = Uitkering.objects.filter(dossier_id=dossier_id).only("status", "einddatum").first()
    einddatum = None
    if (
        uitkering is not None
        and uitkering.status == UitkeringStatus.BEEINDIGD
        and uitkering.einddatum is not None
        and maand >= uitkering.einddatum.replace(day=1)
    ):
        einddatum = uitkering.einddatum
    return Specificatie(
        maand=maand,
        berekening=berekening,
        opgaven=opgaven,
        vrijlatingen=list(berekening.vrijlatingen or []) if berekening is not None else [],
        correcties=correcties,
        betaling=betaling,
        saldi=inkomen_saldi(dossier_id=dossier_id),
        einddatum=einddatum,
        betaald_met=betaald_met,
    )


# --------------------------------------------------------------------------------------------
# screens: the payment runs (inkomensconsulent and beheerder)


def betaalruns() -> QuerySet[Betaalrun]:
    """All payment runs, newest month first (the list shows only the run's own columns)."""
    return Betaalrun.objects.order_by("-maand")


def betaalrun(*, pk: int) -> Betaalrun | None:
    return Betaalrun.objects.filter(pk=pk).select_related("gestart_door").first()


def delen_van_betaalrun(*, betaalrun_id: int) -> QuerySet[BetaalrunDeel]:
    """The processed chunks of a run, in chunk order."""
    return BetaalrunDeel.objects.filter(betaalrun_id=betaalrun_id).order_by("nummer")


def wijzigingen_van_betaalrun(*, betaalrun_id: int) -> list[BetaalrunWijziging]:
    return list(
        BetaalrunWijziging.objects.filter(betaalrun_id=betaalrun_id)
        .select_related("door")
        .order_by("op", "pk")
    )


def niet_betaald_per_reden(*, betaalrun_id: int) -> list[tuple[str, str, int]]:
    """(reason code, label, count) of the dossiers the run could not pay (no person data)."""
    labels = dict(NietBetaaldReden.choices)
    return [
        (reden, labels.get(reden, reden), aantal)
        for reden, aantal in Betaling.objects.filter(
            betaalrun_id=betaalrun_id, status=BetalingStatus.NIET_BETAALD
        )
        .order_by("reden")
        .values("reden")
        .annotate(aantal=Count("id"))
        .values_list("reden", "aantal")
    ]


def niet_betaald_in_scope(*, betaalrun_id: int, user) -> QuerySet[Betaling]:
    """The run's niet-betaalde Betalingen of the dossiers ``user`` may see (to pay by hand).

    The caller logs the persons it shows (one dataverwerkingen line each)."""
    return (
        Betaling.objects.filter(betaalrun_id=betaalrun_id, status=BetalingStatus.NIET_BETAALD)
        .filter(dossier__in=Dossier.objects.filter(dossier_scope_q(user)))
        .select_related("dossier__werkzoekende")
        .order_by("dossier_id")
    )


def log_subjects_van_betaalbestand(*, betaalrun_id: int) -> list[str]:
    """The persons whose payment is in the run's file (for the download's log lines)."""
    return [
        f"werkzoekende:{p}"
        for p in Betaling.objects.filter(
            betaalrun_id=betaalrun_id, status=BetalingStatus.OPGENOMEN
        ).values_list("dossier__werkzoekende__publiek_id", flat=True)
    ]
