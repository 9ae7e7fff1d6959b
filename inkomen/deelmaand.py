"""Which days of a month the uitkering covers, and which months the payment run pays.

Used by the recalculation and the ledger (:mod:`inkomen.herberekening`,
:mod:`inkomen.grootboek`), the ending (:mod:`inkomen.einde`) and both paths of the payment
run. Mostly reads; the two writes
(:func:`boek_nabetaling_maanden`, :func:`herbereken_vanaf`) call back into those and run
inside the caller's transaction, under its Uitkering row lock. Policy and law: ADR 0005 §5 and
§6, ``levensloop.md`` §3 and §4, ``verrekening.md`` §7.1.

Part months (art. 45 lid 3 PW, policy P8)
-----------------------------------------
The bijstand over a part of a kalendermaand is prorated at the start or the end, when the
person had no bijstand in the 30 days before the start or after the end. :func:`recht_periode`
gives the first / last day with recht inside a month, which the recalculation passes to the
core (``rekenregels.Invoer.recht_vanaf`` / ``recht_tot``; the core prorates the norm per P8):

- **start**: the month of the ingangsdatum, when the ingangsdatum is after the 1st, is
  prorated from the ingangsdatum - unless the same werkzoekende had bijstand in the 30 days
  before it (:func:`herintrede`): another uitkering of the person (another dossier) that ran
  on or after ingangsdatum - 30 days, or, for a reopened uitkering (one row per dossier,
  ``heropenen`` sets a new ingangsdatum), an earlier period of this uitkering whose last day
  (``einddatum`` in its simple_history) lies on or after that date. Then the start month is a
  whole month [U].
- **end**: the month of the einddatum (the last day with recht), when it is before the month's
  last day, is prorated up to the einddatum. Whether the person returns within 30 days after
  the end cannot be known at the end: the end month is always prorated [U]; a return within
  30 days makes the start month of the new period a whole month (the rule above).

Months the payment run pays
---------------------------
:func:`regulier_te_betalen`: every month from the month of the ingangsdatum up to and
including the month of the einddatum (the end month prorated). :func:`nabetaling_maanden`: the
months between the ingangsdatum and the first payment of the period that no run paid because
the uitkering did not exist yet (granted after the payment day: melding 17 March, besluit
12 May) or was reopened with an ingangsdatum in the past. The run of the first month it pays
carries them (``grootboek`` rule 8). Never months before the first payment run of this system
(the earlier months were paid before it; go-live and migrated data), before the first rule
set, or months that a run already gave a ``niet_betaald`` Betaling (the consulent pays those
by hand) - except the suspended months below.

Suspended months (art. 54 PW, :mod:`inkomen.perioden`, issue 13)
----------------------------------------------------------------
While an Opschorting is open, the run of every month whose last day is on or after its
``vanaf`` pays nothing and records a ``niet_betaald`` Betaling with reason ``opgeschort``
(:func:`opgeschort_in`; a month partly before ``vanaf`` is suspended whole: the run pays in
advance). Once the opschorting is lifted (``hef_op``) or decided otherwise (``trek_in``: the
uitkering ends the day before ``vanaf``), :func:`opgeschorte_maanden` - the months with such a
Betaling, inside the current period up to the end month, without an ``uitbetaling_voorlopig``
- are paid by the next run in the same way as the months before the first payment: each as
the ``uitbetaling_voorlopig`` of its own month, carried by that run's Betaling ("Nabetaling
januari 2027 (opschorting opgeheven)"); the end month prorated. The unique
``uitbetaling_voorlopig`` per dossier-month makes it exactly once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, Min, OuterRef, Q
from django.utils.translation import gettext as _

from bijstand.core.tijd import eerste_van_maand, laatste_dag, maand_plus

from . import selectors
from .bulk import InLijst
from .models import (
    Berekening,
    Betaalrun,
    Betaling,
    BetalingStatus,
    Boeking,
    BoekingSoort,
    NietBetaaldReden,
    Opschorting,
    OpschortingAfloop,
    Uitkering,
    UitkeringStatus,
)

# art. 45 lid 3: a part month only without bijstand in the 30 days before / after
HERINTREDE_DAGEN = 30
# art. 45 lid 1: the VT is paid within three months after the month in which the bijstand ended
VAKANTIETOESLAG_EINDE_MAANDEN = 3


def regulier_te_betalen(
    *, status: str, ingangsdatum: date, einddatum: date | None, maand: date
) -> bool:
    """Whether the payment run pays the bijstand of ``maand`` (rule 1): a running uitkering
    that covers the month, or an ended one up to and including the month of its einddatum
    (an end within the month is paid prorated, art. 45 lid 3). Not a suspended one."""
    maand = eerste_van_maand(maand)
    if maand < eerste_van_maand(ingangsdatum) or status == UitkeringStatus.OPGESCHORT:
        return False
    if status == UitkeringStatus.BEEINDIGD and einddatum is None:
        return False
    return einddatum is None or einddatum >= maand


def in_vakantietoeslag_einde_venster(*, status: str, einddatum: date | None, maand: date) -> bool:
    """Whether the run of ``maand`` settles the VT of an ended uitkering (rule 7, art. 45
    lid 1): month(einddatum) <= maand <= month(einddatum) + 3."""
    if status != UitkeringStatus.BEEINDIGD or einddatum is None:
        return False
    eind = eerste_van_maand(einddatum)
    return eind <= eerste_van_maand(maand) <= maand_plus(eind, VAKANTIETOESLAG_EINDE_MAANDEN)


def eindigt_in(*, status: str, einddatum: date | None, maand: date) -> bool:
    """Whether an ended uitkering's last day with recht lies in ``maand`` (its end month)."""
    return (
        status == UitkeringStatus.BEEINDIGD
        and einddatum is not None
        and eerste_van_maand(einddatum) == eerste_van_maand(maand)
    )


def mogelijk_deelmaand(*, ingangsdatum: date, einddatum: date | None, maand: date) -> bool:
    """Whether ``maand`` may be a part month (no query): it holds an ingangsdatum after the
    1st or an einddatum before the last day. The 30-day rule decides the start month."""
    maand = eerste_van_maand(maand)
    start = eerste_van_maand(ingangsdatum) == maand and ingangsdatum > maand
    eind = (
        einddatum is not None
        and eerste_van_maand(einddatum) == maand
        and einddatum < laatste_dag(maand)
    )
    return start or eind


def herintrede(*, dossier_id: int, werkzoekende_id: int, ingangsdatum: date) -> bool:
    """Whether the werkzoekende had bijstand in the 30 days before ``ingangsdatum``: another
    uitkering of the person running on or after ingangsdatum - 30 days, or an earlier period
    of this (reopened) uitkering whose last day lies in that window. Two indexed queries."""
    grens = ingangsdatum - timedelta(days=HERINTREDE_DAGEN)
    if (
        Uitkering.objects.filter(
            dossier__werkzoekende_id=werkzoekende_id, ingangsdatum__lt=ingangsdatum
        )
        .exclude(dossier_id=dossier_id)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=grens))
        .exists()
    ):
        return True
    # the previous period's last day: the einddatum recorded when it ended (simple_history)
    return Uitkering.history.filter(
        dossier_id=dossier_id, einddatum__gte=grens, einddatum__lt=ingangsdatum
    ).exists()


def recht_periode(
    *,
    dossier_id: int,
    werkzoekende_id: int,
    ingangsdatum: date,
    einddatum: date | None,
    maand: date,
) -> tuple[date | None, date | None]:
    """``(recht_vanaf, recht_tot)`` of ``maand`` for ``rekenregels.Invoer``: the first / last
    day with recht when the month is a part month under art. 45 lid 3, else ``None``.
    Queries only for a start month after the 1st (the 30-day rule)."""
    maand = eerste_van_maand(maand)
    vanaf = tot = None
    if (
        eerste_van_maand(ingangsdatum) == maand
        and ingangsdatum > maand
        and not herintrede(
            dossier_id=dossier_id, werkzoekende_id=werkzoekende_id, ingangsdatum=ingangsdatum
        )
    ):
        vanaf = ingangsdatum
    if einddatum is not None and maand <= einddatum < laatste_dag(maand):
        tot = einddatum
    return vanaf, tot


def recht_periode_van(uitkering: Uitkering, maand: date) -> tuple[date | None, date | None]:
    """:func:`recht_periode` of an ``Uitkering`` (with its dossier loaded)."""
    return recht_periode(
        dossier_id=uitkering.dossier_id,
        werkzoekende_id=uitkering.dossier.werkzoekende_id,
        ingangsdatum=uitkering.ingangsdatum,
        einddatum=uitkering.einddatum,
        maand=maand,
    )


# --------------------------------------------------------------------------------------------
# suspended months (art. 54 PW)


def open_opschorting_vanaf(dossier_id: int) -> date | None:
    """The ``vanaf`` of the dossier's open Opschorting, or None (one indexed query)."""
    return (
        Opschorting.objects.filter(uitkering__dossier_id=dossier_id, afloop=OpschortingAfloop.OPEN)
        .values_list("vanaf", flat=True)
        .first()
    )


def opgeschort_in(*, status: str, vanaf: date | None, maand: date) -> bool:
    """Whether the payment of ``maand`` is suspended: an open opschorting (``vanaf``) that
    starts on or before the month's last day. A suspended uitkering without its Opschorting
    (data from before issue 13) counts as suspended; a running one never is."""
    if status == UitkeringStatus.OPGESCHORT and vanaf is None:
        return True
    return vanaf is not None and vanaf <= laatste_dag(eerste_van_maand(maand))


def opgeschorte_maanden(
    *, dossier_id: int, ingangsdatum: date, einddatum: date | None, maand: date
) -> list[date]:
    """The suspended months (oldest first) the run of ``maand`` pays afterwards: a run
    recorded them ``niet_betaald`` with reason ``opgeschort``, they lie in the current period
    before ``maand`` (up to the end month), have no ``uitbetaling_voorlopig`` yet and no open
    opschorting covers them any more (lifted, or the right was withdrawn from its ``vanaf``).
    One query; a second only when there are such months."""
    maand = eerste_van_maand(maand)
    tot = maand if einddatum is None else min(maand, maand_plus(einddatum, 1))
    maanden = list(
        Betaling.objects.filter(
            dossier_id=dossier_id,
            status=BetalingStatus.NIET_BETAALD,
            reden=NietBetaaldReden.OPGESCHORT,
            maand__gte=eerste_van_maand(ingangsdatum),
            maand__lt=tot,
        )
        .exclude(
            Exists(
                Boeking.objects.filter(
                    dossier_id=OuterRef("dossier_id"),
                    maand=OuterRef("maand"),
                    soort=BoekingSoort.UITBETALING_VOORLOPIG,
                )
            )
        )
        .order_by("maand")
        .values_list("maand", flat=True)
    )
    if not maanden:
        return []
    vanaf = open_opschorting_vanaf(dossier_id)
    return [m for m in maanden if vanaf is None or laatste_dag(m) < vanaf]


# --------------------------------------------------------------------------------------------
# the nabetaling of months before the first payment


def eerste_betaalrun_maand() -> date | None:
    """The month of the first payment run of this system (any status), or None."""
    return Betaalrun.objects.aggregate(m=Min("maand"))["m"]


def _eerste_regelmaand() -> date | None:
    regelsets = selectors.actieve_regelsets()
    return eerste_van_maand(regelsets[0].geldig_vanaf) if regelsets else None


def _maanden(van: date, tot: date) -> Iterable[date]:
    while van < tot:
        yield van
        van = maand_plus(van, 1)


def nabetaling_maanden(
    *, dossier_id: int, ingangsdatum: date, einddatum: date | None, maand: date
) -> list[date]:
    """The months before ``maand`` (oldest first) that the run of ``maand`` pays as well:
    the months before the first payment (:func:`voor_eerste_betaling`) and the suspended
    months no longer suspended (:func:`opgeschorte_maanden`)."""
    kwargs = {
        "dossier_id": dossier_id,
        "ingangsdatum": ingangsdatum,
        "einddatum": einddatum,
        "maand": maand,
    }
    return sorted(set(voor_eerste_betaling(**kwargs)) | set(opgeschorte_maanden(**kwargs)))


def voor_eerste_betaling(
    *, dossier_id: int, ingangsdatum: date, einddatum: date | None, maand: date
) -> list[date]:
    """The months before ``maand`` (oldest first) covered by the uitkering's current period
    (from the month of the ingangsdatum up to the month of the einddatum), before its first
    payment, from the first payment run and the first rule set on, without a ``niet_betaald``
    Betaling (module docstring). One query for a dossier that was paid before in its period
    (the usual case)."""
    maand = eerste_van_maand(maand)
    start = eerste_van_maand(ingangsdatum)
    tot = maand if einddatum is None else min(maand, maand_plus(einddatum, 1))
    if start >= tot:
        return []
    if Boeking.objects.filter(
        dossier_id=dossier_id,
        soort=BoekingSoort.UITBETALING_VOORLOPIG,
        maand__gte=start,
        maand__lt=maand,
    ).exists():
        return []  # paid before in this period: a later gap is not paid automatically
    grenzen = [start, eerste_betaalrun_maand() or maand, _eerste_regelmaand() or maand]
    vanaf = max(grenzen)
    if vanaf >= tot:
        return []
    # a run that could not pay the month left a niet_betaald Betaling: the consulent pays it
    niet_betaald = set(
        Betaling.objects.filter(
            dossier_id=dossier_id,
            maand__gte=vanaf,
            maand__lt=tot,
            status=BetalingStatus.NIET_BETAALD,
        ).values_list("maand", flat=True)
    )
    return [m for m in _maanden(vanaf, tot) if m not in niet_betaald]


def zonder_vorige_betaling(rijen: Iterable[tuple[int, date]], maand: date) -> set[int]:
    """For the bulk path: of ``(dossier_id, ingangsdatum)`` the dossiers that may have
    :func:`nabetaling_maanden` in ``maand``: started before ``maand`` and not paid for the
    month before it (ordinary dossiers were; the others go through the per-dossier rules).
    At most two small queries per chunk; none in the first month of this system."""
    maand = eerste_van_maand(maand)
    kandidaten = [d for d, ingang in rijen if eerste_van_maand(ingang) < maand]
    if not kandidaten:
        return set()
    eerste = eerste_betaalrun_maand()
    if eerste is None or eerste >= maand:
        return set()
    betaald = set(
        Boeking.objects.filter(
            InLijst("dossier_id", kandidaten),
            soort=BoekingSoort.UITBETALING_VOORLOPIG,
            maand=maand_plus(maand, -1),
        ).values_list("dossier_id", flat=True)
    )
    return set(kandidaten) - betaald


def boek_nabetaling_maanden(*, uitkering: Uitkering, maand: date, peildatum: date | None) -> None:
    """``grootboek`` rule 8: book each of :func:`nabetaling_maanden` as the
    ``uitbetaling_voorlopig`` of its own month (calculated now when it has no berekening yet,
    oldest first so the vrijlating counters follow), carried by the payment of ``maand``
    (``betaalmaand``). Inside :func:`maandbetaling.boek_maandbetaling`, under its lock."""
    from django.utils.formats import date_format

    from .grootboek import uitbetaling_boeking
    from .herberekening import herbereken_maand  # imports this module
    from .kalender import maand_nl

    kwargs = {
        "dossier_id": uitkering.dossier_id,
        "ingangsdatum": uitkering.ingangsdatum,
        "einddatum": uitkering.einddatum,
        "maand": maand,
    }
    opgeschort = set(opgeschorte_maanden(**kwargs))
    for eerder in sorted(set(voor_eerste_betaling(**kwargs)) | opgeschort):
        berekening = selectors.actuele_berekening(dossier_id=uitkering.dossier_id, maand=eerder)
        if berekening is None:
            berekening = herbereken_maand(
                dossier_id=uitkering.dossier_id,
                maand=eerder,
                aanleiding="betaalrun (nabetaling)",
                peildatum=peildatum,
            ).berekening
        assert berekening is not None
        boeking = uitbetaling_boeking(
            dossier_id=uitkering.dossier_id, maand=eerder, berekening=berekening
        )
        boeking.betaalmaand = eerste_van_maand(maand)
        if eerder not in opgeschort:
            tekst = _("Nabetaling %(maand)s (ingangsdatum vóór het besluit)")
        elif uitkering.einddatum is None:
            tekst = _("Nabetaling %(maand)s (opschorting opgeheven)")
        else:
            tekst = _("Nabetaling %(maand)s (opgeschort; recht tot en met %(datum)s)")
        boeking.omschrijving = tekst % {
            "maand": maand_nl(eerder),
            "datum": date_format(uitkering.einddatum, "j F Y") if uitkering.einddatum else "",
        }
        boeking.save(force_insert=True)


def herbereken_vanaf(*, dossier_id: int, maand: date, tot: date | None = None) -> list[Any]:
    """Recalculate now, in the caller's transaction, every month from ``maand`` (to ``tot``,
    inclusive) that has an actuele berekening: after the period changed (reopen, end), so the
    next run pays the new part month and a paid month books its difference (rule 2). Few
    months (a reopen or an end touches the months around it). Returns the uitkomsten."""
    from .herberekening import herbereken_maand  # imports this module

    maanden = Berekening.objects.filter(
        dossier_id=dossier_id, actueel=True, maand__gte=eerste_van_maand(maand)
    )
    if tot is not None:
        maanden = maanden.filter(maand__lte=tot)
    return [
        herbereken_maand(dossier_id=dossier_id, maand=m, aanleiding="einde of heropenen")
        for m in maanden.order_by("maand").values_list("maand", flat=True)
    ]
