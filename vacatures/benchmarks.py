"""`manage.py benchmark matching --dossiers 37500`: one vacancy against all profiles, and the
instrument suggestions for one dossier.

Loads the generated caseload (``zorg_voor_dataset``), the perspectief demo profiles (a Profiel
per active dossier; synthetic profiles are made here, for the benchmark only, for dossiers
still without one), the data other apps contribute to ``"matching.data"`` (the instrumentenhuis
demo catalogue), and this app's demo employers and vacancies. Then it times, ``--repeat`` times
each:

- ``vacancy_ms``: the candidates of the 50-koks vacancy as the busiest werkcoach sees them
  (``selectors.kandidaten_voor_vacature``: the one matching query over every profile, scoring
  with ``perspectief.matching.beoordeel``, the own names page, counts per colleague, the log
  line) - median and p95; ``match_ms``: ``matching.match_vacature`` alone; ``other_vacancies``:
  the same for vacancies of other occupations;
- ``dossier_ms``: the per-dossier measurement contributed to ``"matching.dossier"`` (the
  instrumentenhuis registers its instrument suggestions) for dossiers of that werkcoach, when
  an app contributes one (else null);
- ``pages.vacature``: the vacancy page over HTTP (``meet_pagina``).

Besides wall time (median, p95) each measurement reports ``*_cpu_ms``: the CPU time per call
of this process plus the PostgreSQL backend (read from /proc when the database runs on the
same machine). On a machine shared with other work the wall time includes waiting for a core;
the CPU time is what a call costs, and ``load_average`` says how busy the machine was.

vacatures may not import the instrumentenhuis (ADR 0004), so that app plugs into this benchmark
through the harness's extension points (``bijstand.core.benchmark.registreer_bijdrage``):

- ``"matching.data"``: functions ``(*, seed, log) -> None``, called after the profiles exist
  and before this app's demo data;
- ``"matching.dossier"``: a function ``(dossier) -> object`` that does the per-dossier work to
  time (the first one registered is measured).

Goal: a vacancy against 37,500 profiles in under 300 ms. One JSON object last.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Callable

from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import override_settings

from bijstand.core.benchmark import (
    bijdragen,
    meet_pagina,
    p95,
    register,
    zorg_voor_dataset,
)

DOEL_VACATURE_MS = 300


def _synthetische_profielen(*, seed: int, log: Callable[[str], None]) -> int:
    """Profiles for active dossiers without one (only when no app's demo made them)."""
    from bijstand.dossiers.models import ACTIEVE_STATUSSEN, Dossier
    from perspectief.models import Profiel, Segment
    from perspectief.referentie import BEROEPEN, CERTIFICATEN

    rng = random.Random(seed)  # noqa: S311 - benchmark data
    isco = [b[0] for b in BEROEPEN]
    zonder = Dossier.objects.filter(status__in=ACTIEVE_STATUSSEN, profiel__isnull=True)
    nieuw = [
        Profiel(
            dossier_id=pk,
            trede=rng.randint(1, 6),
            taalniveau=rng.choice(["onder_1f", "1f", "2f", "hoger"]),
            certificaten=rng.sample(sorted(CERTIFICATEN), rng.choice([0, 0, 1, 1, 2])),
            rijbewijzen=["B"] if rng.random() < 0.4 else [],
            uren_per_week=rng.choice([0, 12, 16, 20, 24, 32, 36]),
            max_fysieke_belasting=rng.choice(["licht", "middel", "zwaar"]),
            beroepen_ervaring=rng.sample(isco, rng.randint(0, 2)),
            gewenste_beroepen=rng.sample(isco, rng.randint(0, 2)),
            blokkerende_belemmeringen=1 if rng.random() < 0.25 else 0,
            segment=rng.choice(list(Segment.values)),
        )
        for pk in zonder.values_list("pk", flat=True)
    ]
    Profiel.objects.bulk_create(nieuw, batch_size=5000)
    log(f"Synthetische profielen (alleen voor de benchmark): {len(nieuw)}")
    return len(nieuw)


def _backend_cpu() -> Callable[[], float | None]:
    """CPU seconds used so far by this connection's PostgreSQL backend (from /proc, when the
    database runs on this machine), else a function returning None."""
    if connection.vendor != "postgresql":
        return lambda: None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    tik = os.sysconf("SC_CLK_TCK")

    def lees() -> float | None:
        try:
            with open(f"/proc/{pid}/stat") as f:
                velden = f.read().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(velden[11]) + int(velden[12])) / tik  # utime + stime

    return lees


def _meet(fn, repeat: int) -> tuple[float, float, float | None]:
    """Median and p95 wall time (ms) of ``fn`` and its CPU time per call (ms): this process
    plus the database backend. On a busy machine the wall time includes waiting for a core;
    the CPU time is what one call costs (about the wall time on an idle machine)."""
    fn()  # warm-up (and a check that it runs)
    backend = _backend_cpu()
    db0, cpu0 = backend(), time.process_time()
    tijden = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        tijden.append((time.perf_counter() - t0) * 1000)
    db1, cpu1 = backend(), time.process_time()
    cpu = None if db0 is None or db1 is None else (cpu1 - cpu0 + db1 - db0) * 1000 / repeat
    return (
        round(statistics.median(tijden), 1),
        round(p95(tijden), 1),
        None if cpu is None else round(cpu, 1),
    )


@register("matching")
def matching(*, dossiers: int, repeat: int, seed: int, log: Callable[[str], None]) -> dict:
    from bijstand.accounts.models import Rol, User
    from bijstand.dossiers.models import ACTIEVE_STATUSSEN, Dossier
    from perspectief import demo as perspectief_demo
    from perspectief.models import Profiel

    from . import demo, selectors
    from .matching import match_vacature
    from .models import Vacature, VacatureStatus

    seed_seconds = zorg_voor_dataset(dossiers=dossiers, seed=seed, log=log)
    perspectief_demo.vul_demo(seed=seed, log=log)
    synthetisch = _synthetische_profielen(seed=seed, log=log)
    for vul in bijdragen("matching.data"):  # e.g. the instrumentenhuis catalogue
        vul(seed=seed, log=log)
    demo.vul_demo(seed=seed, log=log)
    if connection.vendor == "postgresql":
        # Fresh bulk-loaded tables have no planner statistics yet (autovacuum adds them later
        # in a running system); without them PostgreSQL picks nested loops for 37,500 rows.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    profielen = Profiel.objects.filter(dossier__status__in=ACTIEVE_STATUSSEN).count()
    werkcoach = (
        User.objects.filter(rol=Rol.WERKCONSULENT, is_active=True)
        .annotate(n=Count("caseload", filter=Q(caseload__status__in=ACTIEVE_STATUSSEN)))
        .order_by("-n", "pk")
        .first()
    )
    koks = Vacature.objects.select_related("beroep", "werkgever").get(titel=demo.KOKS_TITEL)
    log(f"{profielen} profielen van actieve dossiers; werkcoach {werkcoach.username}.")

    matches = match_vacature(koks)
    log(
        f"50 koks: {len(matches)} kandidaten boven de drempel, "
        f"{sum(m.fit.past for m in matches)} passend."
    )
    match_ms, match_p95, match_cpu = _meet(lambda: match_vacature(koks), repeat)
    vacature_ms, vacature_p95, vacature_cpu = _meet(
        lambda: selectors.kandidaten_voor_vacature(vacature=koks, user=werkcoach), repeat
    )
    doel = "binnen" if vacature_p95 < DOEL_VACATURE_MS else "BOVEN"
    log(
        f"  vacature (kandidatenlijst): mediaan {vacature_ms} ms, p95 {vacature_p95} ms ({doel} "
        f"doel {DOEL_VACATURE_MS} ms), CPU {vacature_cpu} ms per keer; alleen matchen: mediaan "
        f"{match_ms} ms, CPU {match_cpu} ms; belasting {os.getloadavg()[0]:.1f}"
    )

    andere = []
    per_beroep: dict[int, Vacature] = {}
    for vacature in (
        Vacature.objects.filter(status=VacatureStatus.OPEN)
        .exclude(beroep_id=koks.beroep_id)
        .select_related("beroep")
        .order_by("pk")
    ):
        per_beroep.setdefault(vacature.beroep_id, vacature)
    for vacature in list(per_beroep.values())[:5]:
        mediaan, p95_ms, cpu = _meet(lambda v=vacature: selectors.kandidaten_voor_vacature(
            vacature=v, user=werkcoach), max(3, repeat // 3))  # fmt: skip
        andere.append(
            {"beroep": vacature.beroep.naam, "median_ms": mediaan, "p95_ms": p95_ms, "cpu_ms": cpu}
        )
        log(f"  {vacature.beroep.naam}: mediaan {mediaan} ms, p95 {p95_ms} ms, CPU {cpu} ms")

    dossier_ms = dossier_p95 = dossier_cpu = None
    dossiermetingen = bijdragen("matching.dossier")  # the instrumentenhuis's suggestions
    if dossiermetingen:
        per_dossier = dossiermetingen[0]
        caseload = list(
            Dossier.objects.filter(werkcoach=werkcoach, status__in=ACTIEVE_STATUSSEN)
            .select_related("werkzoekende")
            .order_by("pk")[:repeat]
        )
        rij = iter(caseload * 2)
        dossier_ms, dossier_p95, dossier_cpu = _meet(
            lambda: per_dossier(next(rij)),
            len(caseload) - 1,
        )
        log(
            f"  dossier (instrumentsuggesties): mediaan {dossier_ms} ms, p95 {dossier_p95} ms, "
            f"CPU {dossier_cpu} ms"
        )
    else:
        log("  dossier: geen bijdrage aan 'matching.dossier' (instrumentsuggesties); niet gemeten.")

    with override_settings(DEBUG=False, TWO_FACTOR_REQUIRED=False):
        client = Client(raise_request_exception=False)
        client.force_login(werkcoach)
        pagina = meet_pagina(client, [f"/vacatures/{koks.pk}/"], repeat=repeat)
    log(f"  pagina vacature: {pagina}")
    return {
        "name": "matching",
        "n": dossiers,
        "database": connection.vendor,
        "profiles": profielen,
        "synthetic_profiles": synthetisch,
        "candidates": len(matches),
        "candidates_fit": sum(m.fit.past for m in matches),
        "repeat": repeat,
        "seed_seconds": seed_seconds,
        "vacancy_ms": vacature_ms,
        "vacancy_p95_ms": vacature_p95,
        "vacancy_cpu_ms": vacature_cpu,
        "match_ms": match_ms,
        "match_p95_ms": match_p95,
        "match_cpu_ms": match_cpu,
        "other_vacancies": andere,
        "dossier_ms": dossier_ms,
        "dossier_p95_ms": dossier_p95,
        "dossier_cpu_ms": dossier_cpu,
        "load_average": round(os.getloadavg()[0], 1),
        "pages": {"vacature": pagina},
        "goal_vacancy_ms": DOEL_VACATURE_MS,
    }
