"""`manage.py benchmark <name> [--dossiers N] [--repeat R] [--seed S]`.

A registry of named benchmarks (BENCHMARKS: name -> function). Each function returns one
JSON-serialisable dict with at least "name"; the command prints a human summary and then that
dict as ONE JSON object on its LAST line (for CI and docs/benchmarks.md).

Other apps add benchmarks without this hub importing them: put a `benchmarks.py` module in the
app and decorate a function with `@register("verrekening")` (imported from this module); the
command autodiscovers `<app>.benchmarks` modules. A benchmark function takes keyword arguments
`dossiers`, `repeat`, `seed` and `log` and may call `zorg_voor_dataset()` and `meet_pagina()`.
"""

from __future__ import annotations

import json
import math
import statistics
import time
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.module_loading import autodiscover_modules

BENCHMARKS: dict[str, Callable[..., dict]] = {}

# Goals (docs/benchmarks.md): p95 per page under 150 ms; the demo load under 2 minutes.
DOEL_P95_MS = 150
DOEL_SEED_SECONDEN = 120


def register(naam: str):
    def decorator(fn: Callable[..., dict]) -> Callable[..., dict]:
        BENCHMARKS[naam] = fn
        return fn

    return decorator


def zorg_voor_dataset(*, dossiers: int, seed: int, log: Callable[[str], None]) -> float | None:
    """Reuse the generated data if exactly `dossiers` are there, else (re)generate it.

    Returns the seconds the load itself took (None when the data was reused).
    """
    from bijstand.dossiers import demo

    bestaand = demo.aantal_gegenereerde_dossiers()
    if bestaand == dossiers:
        log(f"Dataset: {bestaand} gegenereerde dossiers hergebruikt.")
        return None
    if bestaand:
        t0 = time.perf_counter()
        demo.verwijder_gegenereerde_data(log=log)
        log(f"Oude dataset ({bestaand} dossiers) verwijderd in {time.perf_counter() - t0:.1f} s.")
    t0 = time.perf_counter()
    demo.genereer(dossiers=dossiers, seed=seed, log=log)
    seconden = time.perf_counter() - t0
    log(f"Dataset: {dossiers} dossiers geladen in {seconden:.1f} s.")
    return round(seconden, 1)


def _p95(waarden: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    geordend = sorted(waarden)
    return geordend[max(0, math.ceil(0.95 * len(geordend)) - 1)]


def meet_pagina(
    client: Client, urls: list[str], *, repeat: int, headers: dict | None = None
) -> dict[str, Any]:
    """GET each url in turn `repeat` times; median and p95 in ms and the query count.

    One untimed warm-up request per page checks the status (200 expected) and counts the
    queries. A page that does not resolve or does not answer 200 gets an "error" instead.
    """
    uitslag: dict[str, Any] = {"median_ms": None, "p95_ms": None, "queries": None}
    if not urls:
        uitslag["error"] = "geen URL (geen dossiers?)"
        return uitslag
    headers = headers or {}
    try:
        resolve(urls[0].split("?")[0])
    except Resolver404:
        uitslag["error"] = f"URL {urls[0]} bestaat (nog) niet"
        return uitslag
    with CaptureQueriesContext(connection) as ctx:
        antwoord = client.get(urls[0], headers=headers)
    if antwoord.status_code != 200:
        waarheen = antwoord.headers.get("Location", "")
        uitslag["error"] = f"HTTP {antwoord.status_code} {waarheen}".strip()
        return uitslag
    uitslag["queries"] = len(ctx.captured_queries)
    tijden = []
    for i in range(repeat):
        url = urls[i % len(urls)]
        t0 = time.perf_counter()
        antwoord = client.get(url, headers=headers)
        tijden.append((time.perf_counter() - t0) * 1000)
        if antwoord.status_code != 200:
            uitslag["error"] = f"HTTP {antwoord.status_code} op {url}"
            return uitslag
    uitslag["median_ms"] = round(statistics.median(tijden), 1)
    uitslag["p95_ms"] = round(_p95(tijden), 1)
    return uitslag


@register("pages")
def pages(*, dossiers: int, repeat: int, seed: int, log: Callable[[str], None]) -> dict:
    """Caseload page, dossier page and dossier API for a werkcoach with a full caseload."""
    from bijstand.accounts.models import Rol, User
    from bijstand.dossiers.models import ACTIEVE_STATUSSEN, Dossier

    seed_seconds = zorg_voor_dataset(dossiers=dossiers, seed=seed, log=log)
    werkcoach = (
        User.objects.filter(rol=Rol.WERKCONSULENT, is_active=True)
        .annotate(n=Count("caseload", filter=Q(caseload__status__in=ACTIEVE_STATUSSEN)))
        .order_by("-n", "pk")
        .first()
    )
    if werkcoach is None:
        raise CommandError("Geen werkconsulent gevonden.")
    caseload = list(
        Dossier.objects.filter(werkcoach=werkcoach, status__in=ACTIEVE_STATUSSEN)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    # spread the dossier requests over the caseload
    stap = max(1, len(caseload) // max(1, repeat))
    steekproef = caseload[::stap][: max(1, repeat)]
    log(f"Werkcoach {werkcoach.username}: {len(caseload)} actieve dossiers in de caseload.")

    def url_of_fout(naam: str, **kwargs) -> list[str]:
        try:
            if kwargs:
                return [reverse(naam, kwargs={"pk": pk}) for pk in steekproef]
            return [reverse(naam)]
        except NoReverseMatch:
            return []

    paginas: dict[str, dict] = {}
    with override_settings(DEBUG=False, TWO_FACTOR_REQUIRED=False):
        client = Client(raise_request_exception=False)
        client.force_login(werkcoach)
        for naam, urls, headers in (
            ("caseload", url_of_fout("dossiers:caseload"), {}),
            ("dossier", url_of_fout("dossiers:detail", pk=True), {}),
            (
                "dossier_api",
                [f"/api/v1/dossiers/{pk}/" for pk in steekproef],
                {"accept": "application/json"},
            ),
        ):
            if not urls:
                paginas[naam] = {
                    "median_ms": None,
                    "p95_ms": None,
                    "queries": None,
                    "error": "URL-naam bestaat (nog) niet",
                }
            else:
                paginas[naam] = meet_pagina(client, urls, repeat=repeat, headers=headers)
            log(f"  {naam}: {_regel(paginas[naam])}")
    return {
        "name": "pages",
        "n": dossiers,
        "repeat": repeat,
        "database": connection.vendor,
        "caseload_werkcoach": len(caseload),
        "seed_seconds": seed_seconds,
        "pages": paginas,
    }


def _regel(uitslag: dict) -> str:
    if uitslag.get("error"):
        return f"FOUT: {uitslag['error']}"
    doel = "binnen doel" if uitslag["p95_ms"] < DOEL_P95_MS else "BOVEN DOEL"
    return (
        f"mediaan {uitslag['median_ms']} ms, p95 {uitslag['p95_ms']} ms ({doel} "
        f"{DOEL_P95_MS} ms), {uitslag['queries']} queries"
    )


class Command(BaseCommand):
    help = "Meet de prestaties (benchmarks); de laatste regel is één JSON-object."

    def add_arguments(self, parser):
        autodiscover_modules("benchmarks")
        parser.add_argument("naam", choices=sorted(BENCHMARKS), help="welke benchmark")
        parser.add_argument("--dossiers", type=int, default=37_500)
        parser.add_argument("--repeat", type=int, default=30)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, naam: str, dossiers: int, repeat: int, seed: int, **options):
        if repeat < 1:
            raise CommandError("--repeat moet minstens 1 zijn.")
        t0 = time.perf_counter()
        resultaat = BENCHMARKS[naam](
            dossiers=dossiers, repeat=repeat, seed=seed, log=lambda m: self.stdout.write(m)
        )
        self.stdout.write(f"Benchmark '{naam}' klaar in {time.perf_counter() - t0:.1f} s.")
        self.stdout.write(json.dumps(resultaat, ensure_ascii=False))
