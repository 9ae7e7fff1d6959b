"""The bulk recalculation after a new or corrected rule set or policy version (issue 13 §3).

Flow
----
A functioneel beheerder saves a :class:`~inkomen.models.Regelset` or
:class:`~inkomen.models.Beleidsinstelling` in the admin (or starts "Herbereken vanaf ..." on the
Herberekeningen screen) -> :func:`start_na_regelwijziging` / :func:`start_herberekeningsrun`
writes a :class:`Herberekeningsrun` (``gepland``) **in the same transaction** as the change and,
on commit, sends task ``inkomen.herberekeningsrun_plan`` -> :func:`plan_herberekeningsrun`:
every dossier-month with an actuele berekening in the range (``vanaf`` .. ``tot``), grouped per
dossier (a dossier is never split over two chunks), in chunks of about
``INKOMEN_HERBEREKENINGSRUN_CHUNK`` dossier-months (status ``bezig``) -> one task
``inkomen.herberekeningsrun_verwerk_deel`` per chunk -> :func:`verwerk_deel`: per dossier the
months oldest first with :func:`~inkomen.herberekening.herbereken_maand` (a new berekening
version only when the result differs; the difference with what was paid booked as a
nabetaling / verrekeningsschuld / vordering, ``inkomen.grootboek``). The chunk that completes
the count finishes the run (``klaar``) and starts the next waiting run.

The range of a version (:func:`bereik_van_versie`): the months it governs, from the month of its
``geldig_vanaf`` (the next month when it does not start on the 1st: a month takes the version
in force on its first day) up to the month before the next version's; after a change of the
``geldig_vanaf`` itself, the union of the old and the new range.

Overlap: a run whose range overlaps a ``bezig`` run **waits** (stays ``gepland``) and starts
when that one finishes; a second save while a run still waits is merged into the waiting run
(its range widened): two saves in a row give one extra run at most, which finds nothing changed.

Faults
------
- **Chunk delivered twice**: the chunk's recalculations, its counts and its
  :class:`HerberekeningsrunDeel` row are one transaction; a delivery that finds its Deel row
  does nothing; two concurrent deliveries serialise on the dossier locks and the Deel row's
  unique constraint, so a chunk counts once. ``herbereken_maand`` itself is idempotent.
- **Worker killed mid-chunk**: ``acks_late`` + ``reject_on_worker_lost``: the broker
  redelivers; nothing of the chunk was committed.
- **Database trouble**: ``OperationalError`` is retried with backoff; when the retries are
  exhausted the run becomes ``mislukt`` with the message.
- **A month the rules cannot calculate** (``OngeldigeInvoer``) or any other error of one
  dossier-month: counted in ``aantal_fouten`` and logged by dossier id; the run goes on.
- **Broker down at the start**: the run stays ``gepland``; :func:`hervat_herberekeningsruns`
  (task ``inkomen.hervat_herberekeningsruns``) sends it again, and restarts a ``bezig`` run
  without progress for ``INKOMEN_HERBEREKENINGSRUN_STIL_MINUTEN`` as a new run over the same
  range (recalculating is idempotent); the beheerder can do both on the screen.
- **Stale rules**: each process caches the rules for ``INKOMEN_REGELS_CACHE_SECONDEN``; the
  plan and every chunk drop that cache first, and the plan is sent with a countdown just
  beyond it, so a month another process calculated with the old rules in that window is
  recalculated by the run after it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from bijstand.core.tijd import eerste_van_maand, maand_plus

from . import rekenregels, selectors, selectors_herberekening
from .herberekening import _PUBLICATIE_OPTIES, PUBLICATIEFOUTEN, herbereken_maand
from .kalender import maand_nl
from .models import Beleidsinstelling, Regelset, Uitkering
from .models_herberekening import (
    Herberekeningsrun,
    HerberekeningsrunDeel,
    HerberekeningsrunStatus,
)

logger = logging.getLogger("inkomen.herberekeningsrun")

ACTIEF = (HerberekeningsrunStatus.GEPLAND, HerberekeningsrunStatus.BEZIG)
_SLOT = 0x48455242  # pg_advisory_xact_lock key: one run is created or planned at a time


def chunkgrootte() -> int:
    return max(1, int(getattr(settings, "INKOMEN_HERBEREKENINGSRUN_CHUNK", 250)))


def _stil_na() -> timedelta:
    return timedelta(minutes=int(getattr(settings, "INKOMEN_HERBEREKENINGSRUN_STIL_MINUTEN", 30)))


def _vergrendel() -> None:
    """Serialise creating and planning runs (the overlap check) on PostgreSQL; SQLite
    serialises every write transaction anyway."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_SLOT])


# --------------------------------------------------------------------------------------------
# the range a version governs


def eerste_maand_van(geldig_vanaf: date) -> date:
    """The first month a version governs: a month takes the version in force on its first
    day, so a version from the 15th governs from the next month."""
    return geldig_vanaf if geldig_vanaf.day == 1 else maand_plus(geldig_vanaf, 1)


def bereik_van_versie(
    *,
    model: type[Regelset] | type[Beleidsinstelling],
    geldig_vanaf: date,
    oud_geldig_vanaf: date | None = None,
    pk: int | None = None,
) -> tuple[date, date | None]:
    """(vanaf, tot en met) of the months the version ``pk`` of ``model`` governs (``tot``
    ``None``: no later version). After a change of ``geldig_vanaf`` the union of the old and
    the new range (the months between now fall under the neighbouring version)."""
    grenzen = [geldig_vanaf] + ([oud_geldig_vanaf] if oud_geldig_vanaf else [])
    vanaf = eerste_maand_van(min(grenzen))
    volgende = (
        model.objects.exclude(pk=pk)
        .filter(geldig_vanaf__gt=max(grenzen))
        .order_by("geldig_vanaf")
        .values_list("geldig_vanaf", flat=True)
        .first()
    )
    tot = maand_plus(eerste_maand_van(volgende), -1) if volgende else None
    if tot is not None and tot < vanaf:  # the next version starts within the same month
        tot = vanaf
    return vanaf, tot


def _overlapt(vanaf: date, tot: date | None) -> Q:
    """Runs whose range shares a month with vanaf..tot (``tot`` None: open-ended)."""
    q = Q(tot__isnull=True) | Q(tot__gte=vanaf)
    if tot is not None:
        q &= Q(vanaf__lte=tot)
    return q


def bereik_tekst(vanaf: date, tot: date | None) -> str:
    if tot is None:
        return _("vanaf %(vanaf)s") % {"vanaf": maand_nl(vanaf)}
    if tot == vanaf:
        return maand_nl(vanaf)
    return _("%(vanaf)s tot en met %(tot)s") % {"vanaf": maand_nl(vanaf), "tot": maand_nl(tot)}


# --------------------------------------------------------------------------------------------
# starting a run


def _valideer_bereik(vanaf: date, tot: date | None) -> tuple[date, date | None]:
    vanaf = eerste_van_maand(vanaf)
    tot = eerste_van_maand(tot) if tot is not None else None
    if tot is not None and tot < vanaf:
        raise ValidationError({"tot": _("De laatste maand ligt voor de eerste maand.")})
    return vanaf, tot


def start_herberekeningsrun(
    *, vanaf: date, tot: date | None = None, aanleiding: str, door: Any = None
) -> Herberekeningsrun:
    """Create a run for the months ``vanaf`` .. ``tot`` (``None``: every later month) and send
    it to the workers when the caller's transaction commits.

    Call it in the transaction of the change that needs it (the admin's save): the run row is
    the durable record, so a broker outage delays the run, it never loses it. A run that would
    overlap a ``bezig`` run waits for it (``run.wacht_op`` is that run); when a run for an
    overlapping range is still waiting, that one is widened instead and returned
    (``run.samengevoegd``). Raises ``ValidationError`` for a range that ends before it begins.
    """
    vanaf, tot = _valideer_bereik(vanaf, tot)
    aanleiding = (aanleiding or "").strip()[:200] or _("Herberekening")
    with transaction.atomic():
        _vergrendel()
        actief = list(
            Herberekeningsrun.objects.select_for_update()
            .filter(_overlapt(vanaf, tot), status__in=ACTIEF)
            .order_by("aangemaakt_op", "pk")
        )
        wachtend = next((r for r in actief if r.status == HerberekeningsrunStatus.GEPLAND), None)
        if wachtend is not None:
            wachtend.vanaf = min(wachtend.vanaf, vanaf)
            wachtend.tot = None if tot is None or wachtend.tot is None else max(wachtend.tot, tot)
            if aanleiding not in wachtend.aanleiding:
                wachtend.aanleiding = f"{wachtend.aanleiding}; {aanleiding}"[:200]
            wachtend.save(update_fields=["vanaf", "tot", "aanleiding"])
            run, run.samengevoegd = wachtend, True
        else:
            run = Herberekeningsrun.objects.create(
                aanleiding=aanleiding,
                vanaf=vanaf,
                tot=tot,
                gestart_door=door if getattr(door, "pk", None) else None,
            )
            run.samengevoegd = False
        bezig = (
            Herberekeningsrun.objects.filter(
                _overlapt(run.vanaf, run.tot), status=HerberekeningsrunStatus.BEZIG
            )
            .order_by("aangemaakt_op", "pk")
            .first()
        )
        run.wacht_op = bezig
        if bezig is None:
            _stuur_na_commit(run.pk)
    logger.info(
        "Herberekeningsrun %s gepland (%s..%s)%s",
        run.pk,
        vanaf,
        tot or "",
        f", wacht op run {bezig.pk}" if bezig is not None else "",
    )
    return run


def start_na_regelwijziging(
    *,
    model: type[Regelset] | type[Beleidsinstelling],
    versie: Regelset | Beleidsinstelling,
    oud_geldig_vanaf: date | None,
    nieuw: bool,
    door: Any = None,
) -> Herberekeningsrun:
    """The run after a beheerder saved ``versie`` (new, or its data or geldig_vanaf changed):
    every calculated month the version governs (or governed before the change)."""
    vanaf, tot = bereik_van_versie(
        model=model,
        geldig_vanaf=versie.geldig_vanaf,
        oud_geldig_vanaf=oud_geldig_vanaf,
        pk=versie.pk,
    )
    soort = _("Regelset") if model is Regelset else _("Beleidsinstelling")
    aanleiding = _("%(soort)s vanaf %(datum)s %(wat)s") % {
        "soort": soort,
        "datum": versie.geldig_vanaf.strftime("%d-%m-%Y"),
        "wat": _("toegevoegd") if nieuw else _("gewijzigd"),
    }
    return start_herberekeningsrun(vanaf=vanaf, tot=tot, aanleiding=aanleiding, door=door)


def _stuur_na_commit(run_id: int) -> None:
    transaction.on_commit(lambda: _stuur(run_id))


def _stuur(run_id: int) -> bool:
    """Try to queue ``inkomen.herberekeningsrun_plan`` for the run: one attempt with short
    timeouts (as :mod:`inkomen.herberekening` publishes), never raising. When the broker is
    down the run stays ``gepland``: :func:`hervat_herberekeningsruns` sends it again."""
    from .tasks_herberekeningsrun import plan_task

    app = plan_task.app
    # Other processes may use the cached rules for INKOMEN_REGELS_CACHE_SECONDEN more: a month
    # one of them calculates in that window is recalculated by the run, which starts after it.
    wacht = int(getattr(settings, "INKOMEN_REGELS_CACHE_SECONDEN", 2)) + 1
    try:
        if app.conf.task_always_eager:
            plan_task.apply_async(args=(run_id,))
        else:
            with app.connection_for_write(transport_options=_PUBLICATIE_OPTIES) as verbinding:
                plan_task.apply_async(
                    args=(run_id,), connection=verbinding, retry=False, countdown=wacht
                )
    except PUBLICATIEFOUTEN as exc:
        logger.warning(
            "Herberekeningsrun %s niet in de wachtrij gezet (%s); hij staat vast als gepland "
            "en wordt opnieuw verstuurd (inkomen.hervat_herberekeningsruns).",
            run_id,
            type(exc).__name__,
        )
        return False
    return True


# --------------------------------------------------------------------------------------------
# planning


def in_delen(paren: Iterable[tuple[int, date]], grootte: int) -> list[list[tuple[int, date]]]:
    """Chunks of about ``grootte`` dossier-months (ordered by dossier, then month); the months
    of one dossier are never split over two chunks (they are recalculated oldest first)."""
    delen: list[list[tuple[int, date]]] = []
    huidig: list[tuple[int, date]] = []
    vorige = None
    for dossier_id, maand in paren:
        if dossier_id != vorige and len(huidig) >= grootte:
            delen.append(huidig)
            huidig = []
        huidig.append((dossier_id, maand))
        vorige = dossier_id
    if huidig:
        delen.append(huidig)
    return delen


def plan_herberekeningsrun(run_id: int) -> list[tuple[int, list[tuple[int, date]]]]:
    """Plan a ``gepland`` run: its dossier-months and chunks; status ``bezig`` (``klaar`` at
    once when there is nothing to recalculate). Returns ``[(nummer, paren)]`` to dispatch;
    ``[]`` when the run was planned before, has ended, or waits for an overlapping run."""
    selectors.wis_regelcache()
    with transaction.atomic():
        _vergrendel()
        run = Herberekeningsrun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status != HerberekeningsrunStatus.GEPLAND:
            return []
        if (
            Herberekeningsrun.objects.filter(
                _overlapt(run.vanaf, run.tot), status=HerberekeningsrunStatus.BEZIG
            )
            .exclude(pk=run.pk)
            .exists()
        ):
            return []  # started by that run when it finishes
        paren = selectors_herberekening.dossiermaanden_met_berekening(vanaf=run.vanaf, tot=run.tot)
        delen = in_delen(paren, chunkgrootte())
        nu = timezone.now()
        run.aantal_maanden = len(paren)
        run.chunks_totaal = len(delen)
        run.laatste_voortgang_op = nu
        run.status = HerberekeningsrunStatus.BEZIG
        velden = ["aantal_maanden", "chunks_totaal", "laatste_voortgang_op", "status"]
        if not delen:
            run.status, run.klaar_op = HerberekeningsrunStatus.KLAAR, nu
            velden.append("klaar_op")
            transaction.on_commit(start_volgende)
        run.save(update_fields=velden)
    logger.info("Herberekeningsrun %s: %s dossiermaanden, %s delen", run_id, len(paren), len(delen))
    return list(enumerate(delen))


# --------------------------------------------------------------------------------------------
# one chunk


@dataclass
class DeelUitkomst:
    verwerkt: int = 0
    gewijzigd: int = 0
    geboekt: int = 0
    fouten: int = 0
    al_verwerkt: bool = False

    def als_dict(self) -> dict[str, Any]:
        return {
            "verwerkt": self.verwerkt,
            "gewijzigd": self.gewijzigd,
            "geboekt": self.geboekt,
            "fouten": self.fouten,
            "al_verwerkt": self.al_verwerkt,
        }


def verwerk_deel(
    *,
    run_id: int,
    nummer: int,
    paren: Iterable[tuple[int, date]],
    peildatum: date | None = None,
) -> DeelUitkomst:
    """Recalculate the dossier-months of one chunk and count them once (module docstring).

    One transaction: the chunk's Uitkering rows are locked first (in id order, as the
    payment run does: the two never deadlock), then per dossier its months oldest first.
    A month that cannot be calculated is counted in ``fouten``; only database trouble raises.
    """
    paren = sorted({(int(d), eerste_van_maand(m)) for d, m in paren})
    uitkomst = DeelUitkomst()
    if HerberekeningsrunDeel.objects.filter(run_id=run_id, nummer=nummer).exists():
        uitkomst.al_verwerkt = True
        return uitkomst
    selectors.wis_regelcache()
    with transaction.atomic():
        run = Herberekeningsrun.objects.filter(pk=run_id).only("status", "aanleiding").first()
        if run is None or run.status != HerberekeningsrunStatus.BEZIG:
            uitkomst.al_verwerkt = True
            return uitkomst
        list(
            Uitkering.objects.select_for_update()
            .filter(dossier_id__in=sorted({d for d, _m in paren}))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        aanleiding = _("Herberekeningsrun %(nr)s: %(aanleiding)s") % {
            "nr": run_id,
            "aanleiding": run.aanleiding,
        }
        for dossier_id, maand in paren:
            uitkomst.verwerkt += 1
            try:
                her = herbereken_maand(
                    dossier_id=dossier_id, maand=maand, aanleiding=aanleiding, peildatum=peildatum
                )
            except (OperationalError, InterfaceError):
                raise
            except rekenregels.OngeldigeInvoer as exc:
                uitkomst.fouten += 1
                logger.warning(
                    "Herberekeningsrun %s: dossier %s maand %s niet te berekenen: %s",
                    run_id,
                    dossier_id,
                    f"{maand:%Y-%m}",
                    sorted(exc.fouten),
                )
                continue
            except Exception:
                uitkomst.fouten += 1
                logger.exception(
                    "Herberekeningsrun %s: dossier %s maand %s mislukt",
                    run_id,
                    dossier_id,
                    f"{maand:%Y-%m}",
                )
                continue
            uitkomst.gewijzigd += int(her.nieuw)
            uitkomst.geboekt += int(bool(her.boekingen))
        _tel_deel(run_id, nummer, uitkomst)
    return uitkomst


def _tel_deel(run_id: int, nummer: int, uitkomst: DeelUitkomst) -> None:
    """Count the chunk once (its Deel row is unique per run and number) and finish the run
    when it was the last one. Inside the chunk's transaction."""
    _deel, nieuw = HerberekeningsrunDeel.objects.get_or_create(
        run_id=run_id, nummer=nummer, defaults={"aantal": uitkomst.verwerkt}
    )
    if not nieuw:
        uitkomst.al_verwerkt = True
        return
    nu = timezone.now()
    Herberekeningsrun.objects.filter(pk=run_id).update(
        aantal_verwerkt=F("aantal_verwerkt") + uitkomst.verwerkt,
        aantal_gewijzigd=F("aantal_gewijzigd") + uitkomst.gewijzigd,
        aantal_geboekt=F("aantal_geboekt") + uitkomst.geboekt,
        aantal_fouten=F("aantal_fouten") + uitkomst.fouten,
        chunks_klaar=F("chunks_klaar") + 1,
        laatste_voortgang_op=nu,
    )
    run = Herberekeningsrun.objects.select_for_update().get(pk=run_id)
    if run.status == HerberekeningsrunStatus.BEZIG and run.chunks_klaar >= run.chunks_totaal:
        run.status, run.klaar_op = HerberekeningsrunStatus.KLAAR, nu
        run.save(update_fields=["status", "klaar_op"])
        logger.info(
            "Herberekeningsrun %s klaar: %s verwerkt, %s gewijzigd, %s geboekt, %s fouten",
            run.pk,
            run.aantal_verwerkt,
            run.aantal_gewijzigd,
            run.aantal_geboekt,
            run.aantal_fouten,
        )
        transaction.on_commit(start_volgende)


# --------------------------------------------------------------------------------------------
# ending, waiting runs, reconciliation


def markeer_mislukt(*, run_id: int, fout: str) -> None:
    """The run stopped (a chunk failed for good); a waiting run may start now."""
    with transaction.atomic():
        run = Herberekeningsrun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status not in ACTIEF:
            return
        run.status = HerberekeningsrunStatus.MISLUKT
        run.foutmelding = fout[:2000]
        run.save(update_fields=["status", "foutmelding"])
        transaction.on_commit(start_volgende)
    logger.error("Herberekeningsrun %s mislukt: %s", run_id, fout)


def start_volgende() -> list[int]:
    """Send the waiting runs that no longer overlap a ``bezig`` run (oldest first)."""
    gestuurd: list[int] = []
    bezig = list(
        Herberekeningsrun.objects.filter(status=HerberekeningsrunStatus.BEZIG).values_list(
            "vanaf", "tot"
        )
    )
    for run in Herberekeningsrun.objects.filter(status=HerberekeningsrunStatus.GEPLAND).order_by(
        "aangemaakt_op", "pk"
    ):
        if any(_bereiken_overlappen(run.vanaf, run.tot, v, t) for v, t in bezig):
            continue
        if not _stuur(run.pk):
            break  # the broker is down: the next reconciliation tries again
        gestuurd.append(run.pk)
        bezig.append((run.vanaf, run.tot))  # it will be: the next overlapping one waits
    return gestuurd


def _bereiken_overlappen(v1: date, t1: date | None, v2: date, t2: date | None) -> bool:
    return (t1 is None or t1 >= v2) and (t2 is None or t2 >= v1)


def stilgevallen(run: Herberekeningsrun, nu: Any = None) -> bool:
    """A ``bezig`` run without progress for ``INKOMEN_HERBEREKENINGSRUN_STIL_MINUTEN``."""
    nu = nu or timezone.now()
    laatst = run.laatste_voortgang_op or run.aangemaakt_op
    return run.status == HerberekeningsrunStatus.BEZIG and nu - laatst > _stil_na()


def herstart(*, run_id: int, door: Any = None) -> Herberekeningsrun:
    """Start a stopped run again (``mislukt``, or ``bezig`` without progress) as a new run
    over the same range; the old one is closed as ``mislukt``. A ``gepland`` run is sent
    again. Recalculating is idempotent: the new run changes only what is still different."""
    with transaction.atomic():
        _vergrendel()  # before the row lock, in the order start_herberekeningsrun takes them
        run = Herberekeningsrun.objects.select_for_update().get(pk=run_id)
        if run.status == HerberekeningsrunStatus.GEPLAND:
            _stuur_na_commit(run.pk)
            return run
        if run.status == HerberekeningsrunStatus.KLAAR or (
            run.status == HerberekeningsrunStatus.BEZIG and not stilgevallen(run)
        ):
            raise ValidationError(
                _("Deze herberekening is klaar of loopt nog: opnieuw starten kan niet.")
            )
        if run.status == HerberekeningsrunStatus.BEZIG:
            run.status = HerberekeningsrunStatus.MISLUKT
            run.foutmelding = _("Geen voortgang meer: opnieuw gestart.")
            run.save(update_fields=["status", "foutmelding"])
        return start_herberekeningsrun(
            vanaf=run.vanaf,
            tot=run.tot,
            aanleiding=_("Opnieuw: %(aanleiding)s") % {"aanleiding": run.aanleiding},
            door=door,
        )


def hervat_herberekeningsruns() -> dict[str, list[int]]:
    """Reconciliation (task ``inkomen.hervat_herberekeningsruns``): send the waiting runs
    again (their task may have been lost with the broker) and restart a ``bezig`` run without
    progress. Idempotent: planning a run twice does nothing the second time."""
    herstart_ids = []
    for run in Herberekeningsrun.objects.filter(status=HerberekeningsrunStatus.BEZIG):
        if stilgevallen(run):
            herstart_ids.append(herstart(run_id=run.pk).pk)
    return {"gestuurd": start_volgende(), "herstart": herstart_ids}


# --------------------------------------------------------------------------------------------
# progress


def percentage(run: Herberekeningsrun) -> int:
    """0-100 from the run's own columns (no query): 100 only when ``klaar``."""
    if run.status == HerberekeningsrunStatus.KLAAR:
        return 100
    if run.aantal_maanden:
        return min(99, int(100 * run.aantal_verwerkt / run.aantal_maanden))
    return 0
