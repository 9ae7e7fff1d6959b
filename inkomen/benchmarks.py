"""`manage.py benchmark verrekening --dossiers 37500`: the monthly payment run and the event path.

Seeds (idempotently) an Uitkering for every active generated dossier of the demo data and
inkomstenopgaven for ~30 % of them (part-time income) in the benchmark month, clears what an
earlier benchmark stored for that month, then measures:

- the event path on a sample: per dossier one ``herbereken_maand`` + ``boek_maandbetaling``
  (what a single recalculation and payment cost through the per-dossier services), each in a
  transaction that is rolled back, so the month stays unpaid: p95 and mean in ms;
- the full run of the month (``inkomen.betaalrun``: bulk chunks + the pain.001 file), with
  ``--workers`` processes (default: the number of cores) each taking chunks, as Celery workers
  would; ``speedup_vs_event_path`` = mean event-path seconds per dossier / (run seconds / n).

Only for benchmark databases with demo data: it deletes the benchmark month's runs,
payments, bookings, berekeningen and opgaven of the generated dossiers.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.db import connection, connections, transaction
from django.db.models import Q

from bijstand.core.benchmark import p95, register, zorg_voor_dataset
from bijstand.dossiers import demo
from bijstand.dossiers.models import Dossier

from . import betaalrun, rekenregels, services
from .demo import TOEGEKENDE_STATUSSEN, maak_uitkeringen
from .models import (
    Berekening,
    Betaalrun,
    Betaling,
    Boeking,
    Inkomstenopgave,
    Uitkering,
    VrijlatingToepassing,
)

BENCH_MAAND = date(2026, 3, 1)
DOEL_SECONDEN = 12
DOEL_SPEEDUP = 20
DOEL_EVENT_P95_MS = 2000
AANDEEL_MET_INKOMSTEN = 0.30


class _Terug(Exception):
    pass


def _gegenereerd() -> Q:
    return Q(dossier__in=Dossier.objects.filter(demo.gegenereerde_dossiers()))


def ruim_maand_op(maand: date, log: Callable[[str], None]) -> None:
    """Remove what an earlier benchmark stored for ``maand`` (generated dossiers only)."""
    t0 = time.perf_counter()
    gen = _gegenereerd()
    with transaction.atomic():
        Betaling.objects.filter(gen, maand=maand).delete()
        if not Betaling.objects.filter(maand=maand).exists():
            Betaalrun.objects.filter(maand=maand).delete()
        Boeking.objects.filter(gen).filter(Q(maand=maand) | Q(betaalmaand=maand)).delete()
        VrijlatingToepassing.objects.filter(gen, maand=maand).delete()
        berekeningen = Berekening.objects.filter(gen, maand=maand)
        Berekening.opgaven.through.objects.filter(berekening__in=berekeningen).delete()
        berekeningen.delete()
        Berekening.opgaven.through.objects.filter(
            inkomstenopgave__in=Inkomstenopgave.objects.filter(gen, maand=maand)
        ).delete()
        Inkomstenopgave.objects.filter(gen, maand=maand).delete()
    log(f"Benchmarkmaand {maand:%Y-%m} opgeruimd in {time.perf_counter() - t0:.1f} s.")


def vacuum(log: Callable[[str], None]) -> None:
    """VACUUM ANALYZE the inkomen tables after the clean-up and the seeding (PostgreSQL).

    The clean-up deletes an earlier run's ~100,000 rows; without this the run would be
    measured against their dead tuples and against statistics of an empty month (in
    production autovacuum keeps up with one run a month)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    t0 = time.perf_counter()
    modellen = (
        Uitkering,
        Inkomstenopgave,
        Berekening,
        Berekening.opgaven.through,
        VrijlatingToepassing,
        Boeking,
        Betaling,
        Betaalrun,
    )
    with connection.cursor() as cursor:
        for model in modellen:
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    log(f"VACUUM ANALYZE van de inkomen-tabellen in {time.perf_counter() - t0:.1f} s.")


def zaai(maand: date, seed: int, log: Callable[[str], None]) -> list[int]:
    """Uitkeringen for the active generated dossiers; opgaven for ~30 % in ``maand``."""
    t0 = time.perf_counter()
    aantal, ids = maak_uitkeringen(
        Dossier.objects.filter(demo.gegenereerde_dossiers(), status__in=TOEGEKENDE_STATUSSEN),
        uiterlijk=maand,
        seed=seed,
    )
    rng = random.Random(seed + 3)  # noqa: S311 - own stream: same opgaven on every run
    opgaven = []
    for pk in ids:
        if rng.random() >= AANDEEL_MET_INKOMSTEN:
            continue
        vier_weken = rng.random() < 0.2
        opgaven.append(
            Inkomstenopgave(
                dossier_id=pk,
                maand=maand,
                persoon="aanvrager",
                soort="arbeid",
                bedrag=Decimal(rng.randrange(15_000, 120_000)) / 100,
                periode="vier_weken" if vier_weken else "maand",
                betaaldata=[f"{maand:%Y-%m}-0{rng.randint(1, 9)}"] if vier_weken else [],
                status="geschat" if rng.random() < 0.4 else "definitief",
                bron="consulent",
            )
        )
    Inkomstenopgave.objects.bulk_create(opgaven, batch_size=5000)
    log(
        f"Gezaaid: {aantal} nieuwe uitkeringen ({len(ids)} actieve dossiers), "
        f"{len(opgaven)} inkomstenopgaven in {time.perf_counter() - t0:.1f} s."
    )
    return ids


def meet_eventpad(ids: list[int], maand: date, aantal: int, seed: int) -> list[float]:
    """Seconds per dossier for herbereken_maand + boek_maandbetaling (rolled back)."""
    rng = random.Random(seed + 1)  # noqa: S311 - sampling, not security
    tijden = []
    for dossier_id in rng.sample(ids, min(aantal, len(ids))):
        t0 = time.perf_counter()
        try:
            with transaction.atomic():
                services.herbereken_maand(dossier_id=dossier_id, maand=maand, aanleiding="bench")
                services.boek_maandbetaling(dossier_id=dossier_id, maand=maand)
                tijden.append(time.perf_counter() - t0)
                raise _Terug
        except _Terug:
            pass
        except rekenregels.OngeldigeInvoer:
            continue  # the run reports these as niet betaald (berekening)
    return tijden


def meet_eventpad_worker(ids: list[int], maand: date, aantal: int, seed: int) -> list[float]:
    """With a real Celery worker (broker configured): seconds from storing an opgave (its
    on-commit task goes to the broker) until the worker stored the new berekening."""
    from bijstand.dossiers.models import Dossier as _Dossier

    rng = random.Random(seed + 2)  # noqa: S311 - sampling, not security
    tijden = []
    for dossier_id in rng.sample(ids, min(aantal, len(ids))):
        dossier = _Dossier.objects.get(pk=dossier_id)
        t0 = time.perf_counter()
        opgave = services.registreer_inkomstenopgave(
            dossier=dossier,
            maand=maand,
            persoon="aanvrager",
            soort="arbeid",
            bedrag=Decimal(rng.randrange(10_000, 90_000)) / 100,
            periode="maand",
            status="definitief",  # definitief: always part of the berekening
            bron="consulent",
            door=None,
        )
        while not Berekening.objects.filter(opgaven=opgave).exists():
            if time.perf_counter() - t0 > 30:
                break  # not calculable (e.g. under 18): the task logs it
            time.sleep(0.005)
        else:
            tijden.append(time.perf_counter() - t0)
    return tijden


def draai_run_celery(maand: date, log: Callable[[str], None]) -> dict:
    """The run through ``chord(group(chunks), rond_af)`` on the running Celery workers."""
    from .tasks import dispatch_betaalrun

    t0 = time.perf_counter()
    run = betaalrun.start_betaalrun(maand=maand)
    dispatch_betaalrun(run)
    while True:
        run = Betaalrun.objects.get(pk=run.pk)
        if run.status in ("klaar", "mislukt"):
            break
        time.sleep(0.1)
    totaal = time.perf_counter() - t0
    log(f"Run {maand:%Y-%m} via Celery (chord): {run.status} in {totaal:.1f} s.")
    return {
        "run": run,
        "seconds": totaal,
        "start_seconds": 0.0,
        "chunks_seconds": totaal,
        "file_seconds": 0.0,
    }


def _werker(betaalrun_id: int, delen: list[tuple[int, list[int]]], kind: bool = False) -> int:
    if kind:
        connections.close_all()  # a forked child must not share the parent's connection
    for nummer, ids in delen:
        betaalrun.verwerk_chunk(betaalrun_id=betaalrun_id, dossier_ids=ids, nummer=nummer)
    if kind:
        connections.close_all()
    return len(delen)


def draai_run(maand: date, workers: int, log: Callable[[str], None]) -> dict:
    """The whole run: start, chunks over ``workers`` processes (fork), rond_af."""
    t0 = time.perf_counter()
    run = betaalrun.start_betaalrun(maand=maand)
    t_start = time.perf_counter() - t0
    delen = run.te_doen
    # Forked workers need committed data: not inside a transaction (e.g. a test).
    if workers > 1 and connection.vendor == "postgresql" and not connection.in_atomic_block:
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        connections.close_all()
        verdeling = [delen[i::workers] for i in range(workers)]
        with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
            list(pool.map(_werker, [run.pk] * workers, verdeling, [True] * workers))
    else:
        _werker(run.pk, delen)
    t_delen = time.perf_counter() - t0
    run = betaalrun.rond_af(betaalrun_id=run.pk)
    totaal = time.perf_counter() - t0
    log(
        f"Run {maand:%Y-%m}: start {t_start:.1f} s, {len(delen)} delen in "
        f"{t_delen - t_start:.1f} s ({workers} processen), bestand {totaal - t_delen:.1f} s."
    )
    return {
        "run": run,
        "seconds": totaal,
        "start_seconds": t_start,
        "chunks_seconds": t_delen - t_start,
        "file_seconds": totaal - t_delen,
    }


@register("verrekening")
def verrekening(*, dossiers: int, repeat: int, seed: int, log: Callable[[str], None]) -> dict:
    workers = int(os.environ.get("BENCH_WORKERS", os.cpu_count() or 1))
    if connection.vendor != "postgresql":
        log("Let op: geen PostgreSQL; de cijfers zeggen weinig en er wordt niet parallel gewerkt.")
    zorg_voor_dataset(dossiers=dossiers, seed=seed, log=log)
    maand = BENCH_MAAND
    ruim_maand_op(maand, log)
    zaai(maand, seed, log)
    vacuum(log)
    te_betalen = betaalrun.te_betalen_dossiers(maand)

    steekproef = max(repeat, 100)
    tijden = meet_eventpad(te_betalen, maand, steekproef, seed)
    event_mean = statistics.fmean(tijden)
    event_p95_ms = round(p95(tijden) * 1000, 1)
    log(
        f"Eventpad (herbereken_maand + boek_maandbetaling), {len(tijden)} dossiers: gemiddeld "
        f"{event_mean * 1000:.1f} ms, p95 {event_p95_ms} ms."
    )

    from django.conf import settings

    echte_worker = not settings.CELERY_TASK_ALWAYS_EAGER
    worker_p95_ms = None
    if echte_worker:
        wt = meet_eventpad_worker(te_betalen, maand, 40, seed)
        if wt:
            worker_p95_ms = round(p95(wt) * 1000, 1)
            log(
                f"Eventpad met een echte worker (opgave -> taak -> berekening), {len(wt)} "
                f"dossiers: gemiddeld {statistics.fmean(wt) * 1000:.0f} ms, p95 {worker_p95_ms} ms."
            )
    if echte_worker and os.environ.get("BENCH_CELERY"):
        uitslag = draai_run_celery(maand, log)
    else:
        uitslag = draai_run(maand, workers, log)
    run: Betaalrun = uitslag["run"]
    n = Betaling.objects.filter(maand=maand).count()
    seconden = uitslag["seconds"]
    per_dossier = seconden / max(1, n)
    speedup = event_mean / per_dossier
    log(
        f"Betaalrun: {n} dossiers ({run.aantal_betalingen} in het bestand, totaal EUR "
        f"{run.totaal_bedrag:.2f}) in {seconden:.1f} s = {n / seconden:.0f} dossiers/s; "
        f"doel < {DOEL_SECONDEN} s: {'gehaald' if seconden < DOEL_SECONDEN else 'NIET gehaald'}."
    )
    log(
        f"Batch {speedup:.0f}x sneller per dossier dan het eventpad (doel >= {DOEL_SPEEDUP}x); "
        f"eventpad p95 {event_p95_ms} ms (doel < {DOEL_EVENT_P95_MS} ms)."
    )
    return {
        "name": "verrekening",
        "n": n,
        "seconds": round(seconden, 2),
        "dossiers_per_second": round(n / seconden, 1),
        "event_p95_ms": worker_p95_ms if worker_p95_ms is not None else event_p95_ms,
        "event_p95_in_process_ms": event_p95_ms,
        "event_p95_real_worker_ms": worker_p95_ms,
        "speedup_vs_event_path": round(speedup, 1),
        "dataset_dossiers": dossiers,
        "database": connection.vendor,
        "workers": workers,
        "via_celery": bool(echte_worker and os.environ.get("BENCH_CELERY")),
        "maand": f"{maand:%Y-%m}",
        "betalingen_in_bestand": run.aantal_betalingen,
        "niet_betaald": run.aantal_niet_betaald,
        "totaal_bedrag": f"{run.totaal_bedrag:.2f}",
        "start_seconds": round(uitslag["start_seconds"], 2),
        "chunks_seconds": round(uitslag["chunks_seconds"], 2),
        "file_seconds": round(uitslag["file_seconds"], 2),
        "event_mean_ms": round(event_mean * 1000, 1),
        "event_sample": len(tijden),
        "bestand_sha256": run.bestand_sha256,
    }
