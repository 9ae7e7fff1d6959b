"""The watchdog of the payment run: a run stuck after a whole worker crash is resumed, and
when that does not help, beheer is alerted (issue 13 §1).

Why: the chunks of a run are ``acks_late`` tasks. When every worker dies at once, the chunks
they held stay unacknowledged in Redis until the visibility timeout
(``CELERY_BROKER_TRANSPORT_OPTIONS``); the beat that started the run fires once a month. The
run would stay ``bezig`` without anyone noticing.

How (beat task ``inkomen.bewaak_betaalruns``, every 5 minutes, :mod:`inkomen.tasks_bewaking`):

1. **Detect**: a run ``bezig`` (or ``gepland`` that never started) whose last sign of life
   (``laatste_voortgang_op``: stamped when the run is planned or resumed and with every chunk
   done, :mod:`inkomen.betaalrun`) is older than ``INKOMEN_BETAALRUN_STIL_NA`` minutes
   (:func:`inkomen.betaalrun.stil_sinds`).
2. **Resume**: under the run's row lock (``SELECT ... FOR UPDATE SKIP LOCKED``: a second
   watchdog at the same moment skips the run, and once the first committed the fresh stamp
   makes the run not stalled) the run is re-planned by ``start_betaalrun`` (the resume path:
   only chunks without a ``BetaalrunDeel``), ``hervattingen`` + 1 and a status line
   ``bezig -> bezig`` with the reason is written. After the commit the chunks still to do are
   dispatched again (``dispatch_betaalrun``); chunks are idempotent, so a chunk the broker also
   redelivers is paid once. A run whose chunks are all done but that was never rounded off
   (the file task was lost) is rounded off here, in the watchdog itself.
3. **Alarm**: when the re-dispatch fails (broker down) or after
   ``INKOMEN_BETAALRUN_MAX_HERVATTINGEN`` resumes without a chunk done since, the run gets
   ``alarm`` + ``alarm_op`` (shown on the Betaalruns screens) and an ERROR in the log. Money is
   never touched by the alarm. After the maximum the watchdog stops resuming the run (a person
   looks first: the alarm says what to do); the alarm is lifted by the next chunk done
   (``_markeer_deel``) or by the run becoming ``klaar``.

A ``mislukt`` run is not resumed here: it stopped on an error that a retry did not fix; its
message is on the screen and the next start resumes it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from .betaalrun import BetaalrunGeweigerd, rond_af, start_betaalrun, stil_na, stil_sinds
from .models import Betaalrun, BetaalrunDeel, BetaalrunStatus, BetaalrunWijziging

logger = logging.getLogger(__name__)

LOPEND = (BetaalrunStatus.GEPLAND, BetaalrunStatus.BEZIG)


@dataclass
class Bewaking:
    """What the watchdog did with one run (the task's return value, the tests)."""

    betaalrun_id: int
    uitkomst: str  # hervat | afgerond | alarm | overgeslagen | geweigerd
    delen: int = 0
    melding: str = ""

    def als_dict(self) -> dict:
        return {
            "betaalrun": self.betaalrun_id,
            "uitkomst": self.uitkomst,
            "delen": self.delen,
            "melding": self.melding,
        }


def max_hervattingen() -> int:
    return int(getattr(settings, "INKOMEN_BETAALRUN_MAX_HERVATTINGEN", 3))


def stille_runs(nu: datetime | None = None) -> list[int]:
    """Ids of the ``gepland``/``bezig`` runs without progress for longer than ``stil_na()``
    (one query; a handful of runs at most: one per month)."""
    grens = (nu or timezone.now()) - stil_na()
    return list(
        Betaalrun.objects.filter(status__in=LOPEND)
        .annotate(laatst=Coalesce("laatste_voortgang_op", "gestart_op", "aangemaakt_op"))
        .filter(laatst__lte=grens)
        .order_by("maand")
        .values_list("pk", flat=True)
    )


def runs_met_alarm() -> list[Betaalrun]:
    """The runs with an open alarm, oldest month first (for the banner on the list screen)."""
    return list(
        Betaalrun.objects.exclude(alarm="")
        .filter(status__in=LOPEND)
        .only("pk", "maand", "alarm", "alarm_op", "status")
        .order_by("maand")
    )


def hervattingen_zonder_voortgang(run: Betaalrun) -> int:
    """Automatic resumes (status lines ``x -> x``) after the last chunk done."""
    laatste = BetaalrunDeel.objects.filter(betaalrun=run).aggregate(m=Max("verwerkt_op"))["m"]
    qs = BetaalrunWijziging.objects.filter(betaalrun=run, van=F("naar"))
    if laatste is not None:
        qs = qs.filter(op__gt=laatste)
    return qs.count()


def bewaak_betaalruns(*, nu: datetime | None = None) -> list[Bewaking]:
    """One watchdog round over every stalled run. Idempotent; safe with two at once."""
    return [bewaak_run(betaalrun_id=pk, nu=nu) for pk in stille_runs(nu)]


def bewaak_run(*, betaalrun_id: int, nu: datetime | None = None) -> Bewaking:
    """Resume one stalled run, finish it, or raise its alarm (module docstring)."""
    nu = nu or timezone.now()
    with transaction.atomic():
        run = (
            Betaalrun.objects.select_for_update(skip_locked=True)
            .filter(pk=betaalrun_id, status__in=LOPEND)
            .first()
        )
        sinds = stil_sinds(run, nu) if run is not None else None
        if sinds is None:  # busy elsewhere (locked), finished, or progressed meanwhile
            return Bewaking(betaalrun_id, "overgeslagen")
        maand = f"{run.maand:%Y-%m}"
        pogingen = hervattingen_zonder_voortgang(run)
        if pogingen >= max_hervattingen():
            melding = _(
                "De betaalrun %(maand)s maakt geen voortgang meer: %(n)s keer automatisch "
                "hervat zonder dat er een deel klaar kwam (laatste voortgang %(tijd)s). Er is "
                "niets dubbel betaald. Controleer of de Celery-workers en Redis draaien en "
                "start de run daarna opnieuw: manage.py betaalrun --maand %(maand)s."
            ) % {"maand": maand, "n": pogingen, "tijd": _tijd(sinds)}
            if run.alarm != melding:
                _zet_alarm(run, melding, nu)
                logger.error("Betaalrun %s: alarm: %s", maand, melding)
            else:
                logger.warning("Betaalrun %s: alarm staat nog open", maand)
            return Bewaking(betaalrun_id, "alarm", melding=run.alarm)
        try:
            run = start_betaalrun(maand=run.maand)
        except BetaalrunGeweigerd as exc:
            return Bewaking(betaalrun_id, "geweigerd", melding=str(exc))
        if run.status == BetaalrunStatus.KLAAR:
            return Bewaking(betaalrun_id, "overgeslagen")
        te_doen = list(run.te_doen)
        toelichting = (
            _("Automatisch hervat: geen voortgang sinds %(tijd)s; %(n)s delen opnieuw verstuurd.")
            % {"tijd": _tijd(sinds), "n": len(te_doen)}
            if te_doen
            else _("Automatisch hervat: alle delen klaar, maar niet afgerond sinds %(tijd)s.")
            % {"tijd": _tijd(sinds)}
        )
        Betaalrun.objects.filter(pk=run.pk).update(
            hervattingen=F("hervattingen") + 1, laatste_voortgang_op=nu
        )
        BetaalrunWijziging.objects.create(
            betaalrun=run, van=run.status, naar=run.status, toelichting=toelichting
        )
    logger.warning("Betaalrun %s: %s (poging %s)", maand, toelichting, pogingen + 1)
    if not te_doen:
        try:
            rond_af(betaalrun_id=run.pk)
        except Exception as exc:  # the run is mislukt with the message (rond_af)
            return _alarm_na_fout(run.pk, maand, _("afronden mislukt"), exc)
        return Bewaking(run.pk, "afgerond")
    from .tasks import dispatch_betaalrun

    try:
        dispatch_betaalrun(run)
    except Exception as exc:  # broker down: kombu's OperationalError after its retries
        return _alarm_na_fout(run.pk, maand, _("de delen konden niet worden verstuurd"), exc)
    return Bewaking(run.pk, "hervat", delen=len(te_doen))


def _alarm_na_fout(betaalrun_id: int, maand: str, wat: str, exc: Exception) -> Bewaking:
    melding = _(
        "De betaalrun %(maand)s kon niet automatisch worden hervat: %(wat)s (%(fout)s). Er is "
        "niets dubbel betaald. Controleer Redis en de Celery-workers; de bewaking probeert het "
        "over %(min)s minuten opnieuw."
    ) % {
        "maand": maand,
        "wat": wat,
        "fout": f"{type(exc).__name__}: {exc}"[:500],
        "min": f"{stil_na().total_seconds() / 60:g}",
    }
    logger.error("Betaalrun %s: alarm: %s", maand, melding, exc_info=exc)
    with transaction.atomic():
        run = Betaalrun.objects.select_for_update().filter(pk=betaalrun_id).first()
        if run is not None and run.status in LOPEND:
            _zet_alarm(run, melding, timezone.now())
    return Bewaking(betaalrun_id, "alarm", melding=melding)


def _zet_alarm(run: Betaalrun, melding: str, nu: datetime) -> None:
    """Record the alarm on the locked run; ``alarm_op`` keeps the moment it was first given."""
    run.alarm, run.alarm_op = melding[:2000], run.alarm_op or nu
    run.save(update_fields=["alarm", "alarm_op"])


def _tijd(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%d-%m-%Y %H:%M}"


__all__ = [
    "Bewaking",
    "bewaak_betaalruns",
    "bewaak_run",
    "hervattingen_zonder_voortgang",
    "runs_met_alarm",
    "stille_runs",
]
