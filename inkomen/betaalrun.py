"""The monthly payment run: pay every running uitkering once per month, produce the pain.001.

Flow
----
Celery beat (``django_celery_beat``, default the 25th at 06:00, editable by the beheerder) ->
task ``inkomen.maandelijkse_betaalrun`` -> :func:`start_betaalrun` (one ``Betaalrun`` per
month; plans the dossiers with a running uitkering or one that ends in the month or later, plus
the ended ones with something left to settle (art. 45 lid 1, ``services`` rules 7-8), in chunks of
``INKOMEN_BETAALRUN_CHUNK``)
-> ``chord(group(verwerk_chunk_task per chunk), rond_af_task)`` -> :func:`verwerk_chunk` per
chunk (parallel over workers) -> :func:`rond_af` (SEPA pain.001.001.03 file in private storage,
totals, status ``klaar``). ``manage.py betaalrun --maand 2026-03`` does the same by hand.

Per dossier a chunk books the month with the ledger rules of :mod:`inkomen.services`
(``boek_maandbetaling``: uitbetaling, settled schuld, nabetalingen, vakantietoeslag in May) and
stores exactly one :class:`~inkomen.models.Betaling` (UniqueConstraint dossier + maand) with
the cash amount, the IBAN and name at that moment and a deterministic end-to-end id
``WI-<yyyymm>-<dossier id>``. A dossier with nothing to pay, no valid IBAN or data the rules
cannot calculate gets a ``niet_betaald`` Betaling with its reason: the consulent sees it and
pays by hand; it is not in the file.

Modules: this one holds the run (planning, status, the per-dossier path, the file);
:mod:`inkomen.betaling` the Betaling of a dossier-month (identifiers, IBAN check, fields, booking
a month); :mod:`inkomen.betaalrun_bulk` the bulk path.

Two paths, identical results (``tests/inkomen/test_betaalrun_bulk.py`` proves it):

- the per-dossier path (``bulk=False``): ``boek_maandbetaling`` + Betaling in one transaction
  per dossier, ~15-20 queries a dossier;
- the bulk path (default): one transaction per chunk; locks the chunk's ``Uitkering`` rows
  (``select_for_update`` ordered by id, so two lockers never deadlock), loads the chunk's
  opgaven, households, vrijlating counters, existing berekeningen and ledger state in a few
  queries (``values_list``, the id lists as one array parameter: ``bulk.InLijst``),
  calculates with the same helpers (``rekensom.reken_maand``, ``rekensom.berekening_velden``,
  ``grootboek.uitbetaling_velden``, ...) and writes plain rows with ``COPY`` (``bulk.voeg_in``;
  ``bulk_create`` on SQLite). Dossiers with open ledger items (verrekeningsschuld, unpaid
  nabetalingen or inhoudingen) go through ``boek_maandbetaling`` inside the same transaction:
  those rules are not duplicated. So do the ended uitkeringen in the art. 45 lid 1 window
  (a few per month): their only payment is the VT reservation and any nabetaling left; and
  the dossiers whose month may be a part month (start or end within it, art. 45 lid 3), that
  end in it (the VT is settled with it) or that were not paid for the month before (possibly
  granted late: months before the first payment, ``services`` rule 8; :mod:`inkomen.deelmaand`).
  Profile and figures: ``docs/benchmarks.md``.

How faults are handled
----------------------
- **Task delivered twice / chunk rerun**: every step is idempotent. A dossier that already has
  its Betaling for the month is skipped under its row lock; ``boek_maandbetaling`` books a month
  once (unique ``uitbetaling_voorlopig`` per dossier-month); the progress counter counts a chunk
  once (``BetaalrunDeel`` unique per run and chunk number, counter += 1 with ``F()`` only when
  that row is new, in the same transaction).
- **Worker killed mid-chunk**: tasks are ``acks_late`` with ``reject_on_worker_lost``, so the
  broker redelivers the chunk. The bulk path's transaction covers the whole chunk (nothing of
  it was committed); the per-dossier path committed whole dossiers only, which the rerun skips.
- **Database trouble** (deadlock, lost connection): ``OperationalError`` is retried with
  exponential backoff; when the retries are exhausted the run becomes ``mislukt`` with the
  error; rerunning (beat, command or admin) resumes it (``mislukt -> bezig``) and processes
  only the chunks not yet done.
- **Recalculation during the run**: ``herbereken_maand`` takes the same Uitkering row lock, so
  it runs before or after the chunk's write of that dossier, never interleaved; a recalculation
  after the payment books its difference (nabetaling / verrekeningsschuld) for the next run.
- **Rerun of a finished month**: :func:`start_betaalrun` and :func:`rond_af` return the
  ``klaar`` run unchanged (same file, same SHA-256). The file is also reproducible by itself:
  MsgId, PmtInfId and CreDtTm derive from the run, not from the clock or randomness.
- **Missing dossiers**: before writing the file, :func:`rond_af` pays any planned dossier that
  has no Betaling yet (e.g. a chunk that changed shape between a failure and the resume).
- **Whole worker crash** (every worker killed, chunks unacknowledged): Redis redelivers them
  after the visibility timeout (``CELERY_BROKER_TRANSPORT_OPTIONS``, 15 minutes). Independently
  the watchdog (:mod:`inkomen.betaalrun_bewaking`, beat task ``inkomen.bewaak_betaalruns``
  every 5 minutes) resumes a run without progress for ``INKOMEN_BETAALRUN_STIL_NA`` minutes:
  it re-dispatches the chunks still to do, or finishes a run whose chunks are all done but
  that was never rounded off; when it cannot (broker down, resumes without progress) it raises
  the alarm on the Betaalruns screens and in the log.
- **No BSN** in the file, the ids or the logs: dossier ids only.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Exists, F, Max, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from bijstand.core import tijd
from bijstand.dossiers.models import Werkzoekende
from bijstand.logboek.services import log_verwerking

from . import deelmaand, rekenregels, selectors
from .betaalrun_bulk import _verwerk_bulk
from .betaling import (
    ChunkUitkomst,
    _boek_en_betaal,
    _telt,
    bericht_id,
    betaaldatum_voor,
    omschrijving,
)
from .models import (
    BETAALRUN_OVERGANGEN,
    NUL,
    Betaalrun,
    BetaalrunDeel,
    BetaalrunStatus,
    BetaalrunWijziging,
    Betaling,
    BetalingStatus,
    Boeking,
    BoekingSoort,
    NietBetaaldReden,
    Uitkering,
    UitkeringStatus,
)
from .sepa import SepaBetaling, maak_pain001

logger = logging.getLogger(__name__)

ACTIVITEIT = "uitkering"


# --------------------------------------------------------------------------------------------
# identifiers and texts


# --------------------------------------------------------------------------------------------
# status transitions and progress


def _wijzig_status(
    run: Betaalrun, naar: str, *, door: Any = None, toelichting: str = ""
) -> Betaalrun:
    """Move ``run`` (locked by the caller) along ``BETAALRUN_OVERGANGEN`` and record it."""
    van = run.status
    if naar not in BETAALRUN_OVERGANGEN.get(van, frozenset()):
        raise ValidationError(
            {"status": _("Deze statuswijziging van de betaalrun is niet toegestaan.")}
        )
    run.status = naar
    velden = ["status"]
    if naar == BetaalrunStatus.BEZIG:
        run.gestart_op = run.gestart_op or timezone.now()
        run.foutmelding = ""
        velden += ["gestart_op", "foutmelding"]
    elif naar == BetaalrunStatus.KLAAR:
        run.klaar_op = timezone.now()
        run.alarm, run.alarm_op = "", None  # finished: the watchdog's alarm is over
        velden += ["klaar_op", "alarm", "alarm_op"]
    elif naar == BetaalrunStatus.MISLUKT:
        run.foutmelding = toelichting[:2000]
        velden.append("foutmelding")
    run.save(update_fields=velden)
    BetaalrunWijziging.objects.create(
        betaalrun=run,
        van=van,
        naar=naar,
        toelichting=toelichting[:2000],
        door=door if getattr(door, "pk", None) else None,
    )
    return run


def markeer_mislukt(*, betaalrun_id: int, fout: str) -> None:
    """Record that the run stopped (a chunk or the file failed); a rerun resumes it."""
    with transaction.atomic():
        run = Betaalrun.objects.select_for_update().get(pk=betaalrun_id)
        if BetaalrunStatus.MISLUKT in BETAALRUN_OVERGANGEN.get(run.status, frozenset()):
            _wijzig_status(run, BetaalrunStatus.MISLUKT, toelichting=fout)


def percentage(run: Betaalrun) -> int:
    """Progress 0-100 from the run's own columns (no query): 100 only when ``klaar``."""
    if run.status == BetaalrunStatus.KLAAR:
        return 100
    if run.chunks_totaal:
        return min(99, int(100 * run.chunks_klaar / run.chunks_totaal))
    return 0


def stil_na() -> timedelta:
    """How long a running run may go without progress before the watchdog resumes it."""
    return timedelta(minutes=float(getattr(settings, "INKOMEN_BETAALRUN_STIL_NA", 10)))


def stil_sinds(run: Betaalrun, nu: datetime | None = None) -> datetime | None:
    """The moment of the last sign of life of a ``gepland``/``bezig`` run when that is longer
    ago than :func:`stil_na` (the run is stalled), else ``None`` (no query)."""
    if run.status not in (BetaalrunStatus.GEPLAND, BetaalrunStatus.BEZIG):
        return None
    laatst = run.laatste_voortgang_op or run.gestart_op or run.aangemaakt_op
    if laatst is None or laatst > (nu or timezone.now()) - stil_na():
        return None
    return laatst


def betaalrun_voortgang(betaalrun: Betaalrun) -> dict[str, Any]:
    """Progress of a run for the screens and the admin (fresh from the database).

    Keys: status, status_label, chunks_klaar, chunks_totaal, percentage (0-100), aantal_betalingen,
    totaal_bedrag (Decimal), aantal_niet_betaald, gestart_op, klaar_op, foutmelding,
    laatste_voortgang_op, hervattingen, alarm, alarm_op, stil (the last sign of life when
    that is longer ago than ``INKOMEN_BETAALRUN_STIL_NA``, else None), niet_gestart. While the
    run is busy the counts are live counts of the Betalingen stored so far.
    """
    run = Betaalrun.objects.get(pk=betaalrun.pk)
    if run.status == BetaalrunStatus.KLAAR:
        aantal, totaal, niet = run.aantal_betalingen, run.totaal_bedrag, run.aantal_niet_betaald
    else:
        r = Betaling.objects.filter(betaalrun=run).aggregate(
            n=Count("id", filter=Q(status=BetalingStatus.OPGENOMEN)),
            s=Sum("bedrag", filter=Q(status=BetalingStatus.OPGENOMEN)),
            niet=Count("id", filter=Q(status=BetalingStatus.NIET_BETAALD)),
        )
        aantal, totaal, niet = r["n"], r["s"] or NUL, r["niet"]
    return {
        "status": run.status,
        "status_label": run.get_status_display(),
        "chunks_klaar": run.chunks_klaar,
        "chunks_totaal": run.chunks_totaal,
        "percentage": percentage(run),
        "aantal_betalingen": aantal,
        "totaal_bedrag": totaal,
        "aantal_niet_betaald": niet,
        "gestart_op": run.gestart_op,
        "klaar_op": run.klaar_op,
        "foutmelding": run.foutmelding,
        # the watchdog (inkomen.betaalrun_bewaking): last progress, automatic resumes, alarm
        "laatste_voortgang_op": run.laatste_voortgang_op,
        "hervattingen": run.hervattingen,
        "alarm": run.alarm,
        "alarm_op": run.alarm_op,
        "stil": stil_sinds(run),
        # stopped before any chunk was planned (e.g. refused: no rule set covers the month)
        "niet_gestart": run.status == BetaalrunStatus.MISLUKT and run.chunks_totaal == 0,
    }


# --------------------------------------------------------------------------------------------
# planning


def te_betalen_dossiers(maand: date) -> list[int]:
    """Dossier ids with a running or suspended uitkering covering ``maand`` (a suspended one
    gets its ``niet_betaald`` Betaling "opgeschort", art. 54 PW) or an ended one whose end
    month it is or precedes (the end month is paid prorated, art. 45 lid 3), plus the ended
    uitkeringen with something left to settle in this month (``services`` rules 7 and 8, art.
    45 lid 1) (ordered)."""
    lopend = set(
        Uitkering.objects.filter(ingangsdatum__lt=tijd.maand_plus(maand, 1))
        .filter(
            Q(
                status__in=[UitkeringStatus.LOPEND, UitkeringStatus.OPGESCHORT],
                einddatum__isnull=True,
            )
            | Q(status__in=[UitkeringStatus.LOPEND, UitkeringStatus.BEEINDIGD])
            & Q(einddatum__gte=maand)
        )
        .values_list("dossier_id", flat=True)
    )
    return sorted(lopend | set(einde_te_verrekenen(maand)))


def einde_te_verrekenen(maand: date) -> list[int]:
    """Ended uitkeringen in the art. 45 lid 1 window of ``maand`` (month(einddatum) <= maand
    <= month(einddatum) + 3) with a VT reservation other than zero, an unpaid nabetaling, or
    no payment yet in their period (granted after the payment day and ended since: rule 8).
    Few rows: the ended uitkeringen of four months, their ledger summed per dossier."""
    maand = tijd.eerste_van_maand(maand)
    geeindigd = {
        d: (ingang, eind)
        for d, ingang, eind in Uitkering.objects.filter(
            status=UitkeringStatus.BEEINDIGD,
            einddatum__gte=tijd.maand_plus(maand, -deelmaand.VAKANTIETOESLAG_EINDE_MAANDEN),
            einddatum__lt=tijd.maand_plus(maand, 1),
        ).values_list("dossier_id", "ingangsdatum", "einddatum")
    }
    if not geeindigd:
        return []
    open_na = Q(soort__in=[BoekingSoort.NABETALING, BoekingSoort.INHOUDING], betaalmaand=None)
    grootboek = {
        d: (vt, na, betaald)
        for d, vt, na, betaald in Boeking.objects.filter(dossier_id__in=list(geeindigd))
        .values("dossier_id")
        .annotate(
            vt=Sum("vakantietoeslag"),
            na=Count("id", filter=open_na),
            betaald=Max("maand", filter=Q(soort=BoekingSoort.UITBETALING_VOORLOPIG)),
        )
        .order_by()
        .values_list("dossier_id", "vt", "na", "betaald")
    }
    eerste_run = deelmaand.eerste_betaalrun_maand() or maand
    opgeschort = _opgeschort_onbetaald(geeindigd, maand)
    uit = []
    for dossier_id, (ingang, eind) in sorted(geeindigd.items()):
        vt, na, betaald = grootboek.get(dossier_id, (NUL, 0, None))
        start = tijd.eerste_van_maand(ingang)
        nooit = (betaald is None or betaald < start) and max(start, eerste_run) <= eind
        if vt != 0 or na > 0 or nooit or dossier_id in opgeschort:
            uit.append(dossier_id)
    return uit


def _opgeschort_onbetaald(geeindigd: dict[int, tuple[date, date]], maand: date) -> set[int]:
    """Of the ended uitkeringen ``{dossier: (ingangsdatum, einddatum)}``, those with a month of
    their period up to the end month that a run recorded "opgeschort" and that is still unpaid
    (the days before an intrekking's ``vanaf``: ``deelmaand.opgeschorte_maanden``). One query."""
    rijen = (
        Betaling.objects.filter(
            dossier_id__in=list(geeindigd),
            status=BetalingStatus.NIET_BETAALD,
            reden=NietBetaaldReden.OPGESCHORT,
            maand__lt=maand,
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
        .values_list("dossier_id", "maand")
    )
    return {
        d
        for d, m in rijen
        if tijd.eerste_van_maand(geeindigd[d][0]) <= m <= tijd.eerste_van_maand(geeindigd[d][1])
    }


def in_delen(ids: list[int], grootte: int) -> list[list[int]]:
    grootte = max(1, grootte)
    return [ids[i : i + grootte] for i in range(0, len(ids), grootte)]


class BetaalrunGeweigerd(Exception):
    """The run of a month that no rule set covers is refused: nothing is booked. The run is
    recorded as ``mislukt`` with the message, so beheer sees it on the Betaalruns screen; once
    the rule set is added, starting the run again resumes it."""


def _regels_ontbreken(maand: date) -> str:
    """The refusal message when no rule set covers ``maand`` (the proefberekening's rule),
    else ''."""
    try:
        rekenregels.controleer_dekking(maand, selectors.actieve_regelsets())
    except rekenregels.OngeldigeInvoer as exc:
        uitleg = " ".join(" ".join(m) for m in exc.fouten.values())
        return _(
            "Betaalrun %(maand)s geweigerd: %(uitleg)s Leg eerst de rekenregels (normen) voor "
            "deze maand vast in beheer en start de run daarna opnieuw. Er is niets geboekt."
        ) % {"maand": f"{maand:%Y-%m}", "uitleg": uitleg}
    return ""


def start_betaalrun(*, maand: date, door: Any = None) -> Betaalrun:
    """Create or resume the run of ``maand``; plan its chunks. Idempotent.

    A finished run (``klaar``) is returned unchanged (``run.te_doen == []``). A month that no
    rule set covers raises :class:`BetaalrunGeweigerd` (the run is recorded ``mislukt`` with
    the message; nothing is booked). Otherwise the run becomes ``bezig`` and ``run.te_doen``
    lists ``(nummer, dossier_ids)`` of the chunks not yet processed; the caller dispatches
    them (task) or runs them (command).
    """
    maand = tijd.eerste_van_maand(maand)
    grootte = getattr(settings, "INKOMEN_BETAALRUN_CHUNK", 500)
    with transaction.atomic():
        Betaalrun.objects.get_or_create(
            maand=maand,
            defaults={
                "betaaldatum": betaaldatum_voor(maand),
                "bericht_id": bericht_id(maand),
                "gestart_door": door if getattr(door, "pk", None) else None,
            },
        )
        run = Betaalrun.objects.select_for_update().get(maand=maand)
        if run.status == BetaalrunStatus.KLAAR:
            run.te_doen = []
            return run
        melding = _regels_ontbreken(maand)
        if melding:
            if run.status != BetaalrunStatus.MISLUKT or run.foutmelding != melding:
                if run.status == BetaalrunStatus.MISLUKT:
                    _wijzig_status(run, BetaalrunStatus.BEZIG, door=door)
                _wijzig_status(run, BetaalrunStatus.MISLUKT, door=door, toelichting=melding)
        else:
            delen = in_delen(te_betalen_dossiers(maand), grootte)
            klaar = set(
                BetaalrunDeel.objects.filter(betaalrun=run).values_list("nummer", flat=True)
            )
            if run.status != BetaalrunStatus.BEZIG:
                _wijzig_status(
                    run,
                    BetaalrunStatus.BEZIG,
                    door=door,
                    toelichting=_("%(n)s delen gepland") % {"n": len(delen)},
                )
            run.chunks_totaal = len(delen)
            run.chunks_klaar = len(klaar & set(range(len(delen))))
            run.laatste_voortgang_op = timezone.now()  # (re)planned: the caller dispatches
            run.save(update_fields=["chunks_totaal", "chunks_klaar", "laatste_voortgang_op"])
    if melding:
        logger.error("%s", melding)
        raise BetaalrunGeweigerd(melding)
    run.te_doen = [(nr, ids) for nr, ids in enumerate(delen) if nr not in klaar]
    return run


# --------------------------------------------------------------------------------------------
# one chunk


def _markeer_deel(run: Betaalrun, nummer: int | None, aantal: int) -> None:
    """Count a chunk once (call inside the chunk's transaction or after its dossiers).

    A new chunk is progress: it stamps ``laatste_voortgang_op`` and lifts the watchdog's alarm
    (:mod:`inkomen.betaalrun_bewaking`) in the same single UPDATE."""
    if nummer is None:
        return
    _deel, nieuw = BetaalrunDeel.objects.get_or_create(
        betaalrun=run, nummer=nummer, defaults={"aantal_dossiers": aantal}
    )
    if nieuw:
        Betaalrun.objects.filter(pk=run.pk).update(
            chunks_klaar=F("chunks_klaar") + 1,
            laatste_voortgang_op=timezone.now(),
            alarm="",
            alarm_op=None,
        )


def betaal_dossier(
    *, run: Betaalrun, dossier_id: int, peildatum: date | None = None
) -> Betaling | None:
    """The per-dossier path: book the month and store the Betaling in one transaction.

    Returns the existing Betaling when the month was paid before, ``None`` when the dossier
    has no uitkering for the month.
    """
    with transaction.atomic():
        try:
            uitkering = (
                Uitkering.objects.select_for_update(of=("self",))
                .select_related("dossier__werkzoekende")
                .get(dossier_id=dossier_id)
            )
        except Uitkering.DoesNotExist:
            return None
        bestaand = Betaling.objects.filter(dossier_id=dossier_id, maand=run.maand).first()
        if bestaand is not None:
            bestaand.al_betaald = True
            return bestaand
        werkzoekende = uitkering.dossier.werkzoekende
        return _boek_en_betaal(
            run=run,
            dossier_id=dossier_id,
            iban=werkzoekende.iban,
            naam=werkzoekende.naam,
            peildatum=peildatum,
        )


def verwerk_chunk(
    *,
    betaalrun_id: int,
    dossier_ids: Iterable[int],
    nummer: int | None = None,
    bulk: bool | None = None,
    peildatum: date | None = None,
) -> ChunkUitkomst:
    """Pay the dossiers of one chunk. Idempotent (module docstring: faults).

    ``nummer`` identifies the chunk for the progress counter (``None``: not counted, e.g. the
    final sweep). ``bulk`` defaults to ``settings.INKOMEN_BETAALRUN_BULK`` (True).
    """
    ids = sorted(set(dossier_ids))
    run = Betaalrun.objects.get(pk=betaalrun_id)
    uitkomst = ChunkUitkomst()
    if run.status == BetaalrunStatus.KLAAR:
        uitkomst.overgeslagen = len(ids)
        return uitkomst
    if bulk is None:
        bulk = getattr(settings, "INKOMEN_BETAALRUN_BULK", True)
    if bulk:
        with transaction.atomic():
            uitkomst = _verwerk_bulk(run=run, ids=ids, peildatum=peildatum)
            _markeer_deel(run, nummer, len(ids))
        return uitkomst
    betaald = []
    for dossier_id in ids:
        betaling = betaal_dossier(run=run, dossier_id=dossier_id, peildatum=peildatum)
        if betaling is None or getattr(betaling, "al_betaald", False):
            uitkomst.overgeslagen += 1
        else:
            _telt(uitkomst, betaling.status, betaling.bedrag)
            betaald.append(dossier_id)
    with transaction.atomic():
        _log_betaald(run, betaald)
        _markeer_deel(run, nummer, len(ids))
    return uitkomst


def _log_betaald(run: Betaalrun, dossier_ids: list[int]) -> None:
    if not dossier_ids:
        return
    subjects = [
        f"werkzoekende:{p}"
        for p in Werkzoekende.objects.filter(dossiers__id__in=dossier_ids).values_list(
            "publiek_id", flat=True
        )
    ]
    log_verwerking(
        activiteit=ACTIVITEIT,
        operatie="betaalrun",
        subjects=subjects,
        soorten_gegevens=["uitkering", "bankrekening"],
        actor="inkomen.betaalrun",
    )


# --------------------------------------------------------------------------------------------
# the bulk path


# --------------------------------------------------------------------------------------------
# finishing: the file


def rond_af(*, betaalrun_id: int) -> Betaalrun:
    """Pay any planned dossier still without a Betaling, write the pain.001 and finish.

    Idempotent: a ``klaar`` run is returned unchanged. On a file error the run becomes
    ``mislukt`` (with the message) and the error is raised.
    """
    run = Betaalrun.objects.get(pk=betaalrun_id)
    if run.status == BetaalrunStatus.KLAAR:
        return run
    if run.status != BetaalrunStatus.BEZIG:
        raise ValidationError({"status": _("Start de betaalrun eerst.")})
    betaald = set(Betaling.objects.filter(maand=run.maand).values_list("dossier_id", flat=True))
    ontbrekend = [d for d in te_betalen_dossiers(run.maand) if d not in betaald]
    if ontbrekend:
        logger.info("Betaalrun %s: %s dossiers nagekomen", f"{run.maand:%Y-%m}", len(ontbrekend))
        verwerk_chunk(betaalrun_id=run.pk, dossier_ids=ontbrekend)
    try:
        with transaction.atomic():
            run = Betaalrun.objects.select_for_update().get(pk=betaalrun_id)
            if run.status == BetaalrunStatus.KLAAR:
                return run
            _schrijf_bestand(run)
            _wijzig_status(run, BetaalrunStatus.KLAAR)
    except Exception as exc:
        markeer_mislukt(betaalrun_id=betaalrun_id, fout=f"{type(exc).__name__}: {exc}")
        raise
    return run


def _schrijf_bestand(run: Betaalrun) -> None:
    rijen = list(
        Betaling.objects.filter(betaalrun=run, status=BetalingStatus.OPGENOMEN)
        .order_by("dossier_id")
        .values_list("end_to_end_id", "naam", "iban", "bedrag")
    )
    tekst = omschrijving(run.maand)
    totaal = sum((r[3] for r in rijen), NUL)
    run.aantal_betalingen = len(rijen)
    run.totaal_bedrag = totaal
    run.aantal_niet_betaald = Betaling.objects.filter(
        betaalrun=run, status=BetalingStatus.NIET_BETAALD
    ).count()
    velden = ["aantal_betalingen", "totaal_bedrag", "aantal_niet_betaald"]
    if rijen:
        xml = maak_pain001(
            bericht_id=run.bericht_id or bericht_id(run.maand),
            aangemaakt_op=timezone.localtime(run.aangemaakt_op).replace(microsecond=0),
            uitvoeringsdatum=run.betaaldatum,
            debiteur_naam=settings.INKOMEN_SEPA_NAAM,
            debiteur_iban=settings.INKOMEN_SEPA_IBAN,
            debiteur_bic=settings.INKOMEN_SEPA_BIC or None,
            betalingen=(
                SepaBetaling(e2e, naam, iban, bedrag, tekst) for e2e, naam, iban, bedrag in rijen
            ),
        )
        opslag = run.bestand.storage
        naam = run.bestand.field.generate_filename(run, "pain001.xml")
        if opslag.exists(naam):
            opslag.delete(naam)
        run.bestand.save(naam, ContentFile(xml), save=False)
        run.bestand_sha256 = hashlib.sha256(xml).hexdigest()
        velden += ["bestand", "bestand_sha256"]
    run.save(update_fields=velden)


def voer_uit(
    *,
    maand: date,
    door: Any = None,
    bulk: bool | None = None,
    voortgang: Callable[[Betaalrun], None] | None = None,
) -> Betaalrun:
    """Run (or resume, or return the finished) run of ``maand`` in this process, chunk after
    chunk: the management command and the tests. Workers use the tasks instead."""
    run = start_betaalrun(maand=maand, door=door)
    for nummer, ids in run.te_doen:
        verwerk_chunk(betaalrun_id=run.pk, dossier_ids=ids, nummer=nummer, bulk=bulk)
        if voortgang is not None:
            voortgang(Betaalrun.objects.get(pk=run.pk))
    return rond_af(betaalrun_id=run.pk)
