"""`manage.py benchmark agenda --dossiers 37500`: the weekly norm check and the agenda page.

Loads (idempotently) the demo caseload and the werkloont demo data, then measures:

- the weekly norm check over all agendas (``selectors.weekcontrole`` for the current week plus
  ``selectors.herhaald_afwezig``: what the monday task reads), ``repeat`` times: ``seconds`` is
  the median run, ``n`` the number of agendas checked;
- the complete task once (``services.wekelijkse_controle``: also writes the signals; safe to
  repeat) as ``task_seconds``;
- the Agenda tab of the dossier page for the werkcoach with the most agendas, over a sample of
  their dossiers: ``median_ms``, ``p95_ms`` and the query count (``meet_pagina``).

The last line of the command is one JSON object with ``name``, ``n``, ``seconds``,
``median_ms`` and ``p95_ms``.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from bijstand.core import tijd
from bijstand.core.benchmark import (
    DOEL_P95_MS,
    meet_pagina,
    register,
    zorg_voor_dataset,
)

DOEL_CONTROLE_SECONDEN = 10


@register("agenda")
def agenda(*, dossiers: int, repeat: int, seed: int, log: Callable[[str], None]) -> dict:
    from bijstand.accounts.models import Rol, User

    from . import selectors, services, uren
    from .demo import vul_demo
    from .models import Agenda

    seed_seconds = zorg_voor_dataset(dossiers=dossiers, seed=seed, log=log)
    t0 = time.perf_counter()
    demo = vul_demo(seed=seed, log=log)
    demo_seconds = round(time.perf_counter() - t0, 1)
    log(f"Werkloont-demodata in {demo_seconds} s: {demo}")

    vandaag = tijd.vandaag()
    ma = uren.maandag(vandaag)
    normen = selectors.normen_op(ma)
    tijden = []
    uitslagen: list = []
    for _ in range(max(1, min(repeat, 5))):
        t0 = time.perf_counter()
        uitslagen = selectors.weekcontrole(ma=ma)
        afwezig = selectors.herhaald_afwezig(vandaag=vandaag, normen=normen)
        tijden.append(time.perf_counter() - t0)
    seconds = round(statistics.median(tijden), 2)
    onder = sum(1 for u in uitslagen if u.onder_norm)
    log(
        f"Weekcontrole: {len(uitslagen)} agenda's met een programma, {onder} onder de norm, "
        f"{len(afwezig)} met herhaald verzuim; mediaan {seconds} s "
        f"({'binnen' if seconds < DOEL_CONTROLE_SECONDEN else 'BOVEN'} doel "
        f"{DOEL_CONTROLE_SECONDEN} s)."
    )
    t0 = time.perf_counter()
    taak = services.wekelijkse_controle(nu=vandaag)
    task_seconds = round(time.perf_counter() - t0, 2)
    log(f"Volledige taak (met signalen): {task_seconds} s: {taak}")

    werkcoach = (
        User.objects.filter(rol=Rol.WERKCONSULENT, is_active=True)
        .annotate(n=Count("caseload__agenda"))
        .order_by("-n", "pk")
        .first()
    )
    steekproef = list(
        Agenda.objects.filter(dossier__werkcoach=werkcoach)
        .order_by("dossier_id")
        .values_list("dossier_id", flat=True)
    )
    stap = max(1, len(steekproef) // max(1, repeat))
    steekproef = steekproef[::stap][: max(1, repeat)]
    urls = [reverse("dossiers:tab", args=[pk, "agenda"]) for pk in steekproef]
    with override_settings(DEBUG=False, TWO_FACTOR_REQUIRED=False):
        client = Client(raise_request_exception=False)
        client.force_login(werkcoach)
        pagina = meet_pagina(client, urls, repeat=repeat)
        lijst = meet_pagina(
            client,
            [reverse("werkloont:lijst", args=[pk]) for pk in steekproef],
            repeat=repeat,
        )
    if pagina.get("error"):
        log(f"  agenda: FOUT {pagina['error']}")
    else:
        doel = "binnen doel" if pagina["p95_ms"] < DOEL_P95_MS else "BOVEN DOEL"
        log(
            f"  agenda-tab: mediaan {pagina['median_ms']} ms, p95 {pagina['p95_ms']} ms "
            f"({doel} {DOEL_P95_MS} ms), {pagina['queries']} queries; lijst: mediaan "
            f"{lijst.get('median_ms')} ms, p95 {lijst.get('p95_ms')} ms"
        )
    return {
        "name": "agenda",
        "n": len(uitslagen),
        "seconds": seconds,
        "median_ms": pagina.get("median_ms"),
        "p95_ms": pagina.get("p95_ms"),
        "queries": pagina.get("queries"),
        "dossiers": dossiers,
        "agendas": Agenda.objects.count(),
        "onder_norm": onder,
        "herhaald_afwezig": len(afwezig),
        "task_seconds": task_seconds,
        "lijst_median_ms": lijst.get("median_ms"),
        "lijst_p95_ms": lijst.get("p95_ms"),
        "caseload_agendas": len(steekproef) and werkcoach.n,
        "repeat": repeat,
        "database": connection.vendor,
        "seed_seconds": seed_seconds,
        "demo_seconds": demo_seconds,
        "error": pagina.get("error"),
    }
