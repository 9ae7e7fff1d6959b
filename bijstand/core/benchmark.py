"""The benchmark harness behind `manage.py benchmark <name> [--dossiers N] [--repeat R] [--seed S]`.

Every app, the hub included, puts its benchmarks in its own ``<app>/benchmarks.py`` and imports
only this module; the harness knows no app. The pieces:

- **Registry.** ``@register("verrekening")`` adds a benchmark under a name. A benchmark is a
  function with the keyword arguments ``dossiers``, ``repeat``, ``seed`` and ``log`` that
  returns one JSON-serialisable dict with at least ``"name"`` (:class:`Benchmark`).
  :func:`ontdek` imports every installed app's ``benchmarks`` module; :func:`namen` and
  :func:`voer_uit` list and run what was registered.
- **The dataset.** :func:`zorg_voor_dataset` makes sure the generated caseload of exactly
  ``dossiers`` dossiers is there (reused when it is, else removed and generated again). The
  harness does not generate it itself: the app that owns the data registers a :class:`Dataset`
  with :func:`registreer_dataset` (the hub does, from ``bijstand/dossiers/benchmarks.py``).
- **Contributions.** A benchmark that wants data or measurements from apps it may not import
  (ADR 0004) names an extension point, e.g. ``"matching.data"``; those apps add a function to
  it with ``@registreer_bijdrage("matching.data")`` and the benchmark calls what
  :func:`bijdragen` returns. Each point documents the signature it expects.
- **Measuring.** :func:`p95` (nearest rank), :func:`meet_pagina` (GET pages through the Django
  test client: median, p95, query count), :func:`pagina_regel` (the human summary of such a
  measurement against :data:`DOEL_P95_MS`).
- **Report.** :func:`rapportregel`: the result as ONE JSON object, which the command prints as
  its LAST line (for CI and docs/benchmarks.md).
"""

from __future__ import annotations

import json
import math
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve
from django.utils.module_loading import autodiscover_modules

__all__ = [
    "BENCHMARKS",
    "DOEL_P95_MS",
    "DOEL_SEED_SECONDEN",
    "Benchmark",
    "Dataset",
    "Log",
    "bijdragen",
    "meet_pagina",
    "namen",
    "ontdek",
    "p95",
    "pagina_regel",
    "rapportregel",
    "register",
    "registreer_bijdrage",
    "registreer_dataset",
    "voer_uit",
    "zorg_voor_dataset",
]

Log = Callable[[str], None]
"""Where a benchmark writes its human-readable progress lines (one line per call)."""

# Goals (docs/benchmarks.md): p95 per page under 150 ms; the demo load under 2 minutes.
DOEL_P95_MS = 150
DOEL_SEED_SECONDEN = 120


class Benchmark(Protocol):
    """A named benchmark: runs, logs through ``log`` and returns its JSON-serialisable result
    (a dict with at least ``"name"``)."""

    def __call__(self, *, dossiers: int, repeat: int, seed: int, log: Log) -> dict[str, Any]: ...


class Dataset(Protocol):
    """The generated caseload that benchmarks measure on (registered by the app that owns it)."""

    def aantal(self) -> int:
        """How many generated dossiers are in the database now (0: none)."""
        ...

    def verwijder(self, *, log: Log) -> object:
        """Remove all generated data."""
        ...

    def genereer(self, *, dossiers: int, seed: int, log: Log) -> object:
        """Generate ``dossiers`` dossiers, deterministically for ``seed``."""
        ...


BENCHMARKS: dict[str, Benchmark] = {}
_BIJDRAGEN: dict[str, list[Callable[..., Any]]] = {}
_DATASET: list[Dataset] = []


# ---- registry --------------------------------------------------------------------------------


def register(naam: str) -> Callable[[Benchmark], Benchmark]:
    """Decorator: register the function as the benchmark ``naam`` (a later one replaces it)."""

    def decorator(fn: Benchmark) -> Benchmark:
        BENCHMARKS[naam] = fn
        return fn

    return decorator


def ontdek() -> None:
    """Import the ``benchmarks`` module of every installed app, so that they register."""
    autodiscover_modules("benchmarks")


def namen() -> list[str]:
    """The registered benchmark names, sorted (call :func:`ontdek` first)."""
    return sorted(BENCHMARKS)


def voer_uit(naam: str, *, dossiers: int, repeat: int, seed: int, log: Log) -> dict[str, Any]:
    """Run the benchmark ``naam`` and return its result (KeyError for an unknown name)."""
    return BENCHMARKS[naam](dossiers=dossiers, repeat=repeat, seed=seed, log=log)


def registreer_bijdrage(punt: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator: add the function to the extension point ``punt`` of some benchmark.

    The benchmark that owns the point calls the functions in registration order with the
    arguments it documents; registering the same function twice adds it once.
    """

    def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
        lijst = _BIJDRAGEN.setdefault(punt, [])
        if fn not in lijst:
            lijst.append(fn)
        return fn

    return decorator


def bijdragen(punt: str) -> list[Callable[..., Any]]:
    """The functions registered for the extension point ``punt`` (possibly none)."""
    return list(_BIJDRAGEN.get(punt, []))


# ---- the dataset ---------------------------------------------------------------------------


def registreer_dataset(dataset: Dataset) -> None:
    """Set the generated dataset that :func:`zorg_voor_dataset` loads; one per process."""
    _DATASET[:] = [dataset]


def zorg_voor_dataset(*, dossiers: int, seed: int, log: Log) -> float | None:
    """Reuse the generated data if exactly ``dossiers`` are there, else (re)generate it.

    Returns the seconds the load itself took (None when the data was reused).
    """
    if not _DATASET:
        ontdek()  # the owner registers its dataset from its benchmarks module
    if not _DATASET:
        raise RuntimeError("Geen dataset geregistreerd (registreer_dataset).")
    dataset = _DATASET[0]
    bestaand = dataset.aantal()
    if bestaand == dossiers:
        log(f"Dataset: {bestaand} gegenereerde dossiers hergebruikt.")
        return None
    if bestaand:
        t0 = time.perf_counter()
        dataset.verwijder(log=log)
        log(f"Oude dataset ({bestaand} dossiers) verwijderd in {time.perf_counter() - t0:.1f} s.")
    t0 = time.perf_counter()
    dataset.genereer(dossiers=dossiers, seed=seed, log=log)
    seconden = time.perf_counter() - t0
    log(f"Dataset: {dossiers} dossiers geladen in {seconden:.1f} s.")
    return round(seconden, 1)


# ---- measuring -----------------------------------------------------------------------------


def p95(waarden: Sequence[float]) -> float:
    """Nearest-rank 95th percentile of a non-empty sequence."""
    geordend = sorted(waarden)
    return geordend[max(0, math.ceil(0.95 * len(geordend)) - 1)]


def meet_pagina(
    client: Client, urls: list[str], *, repeat: int, headers: dict[str, str] | None = None
) -> dict[str, Any]:
    """GET each url in turn ``repeat`` times; median and p95 in ms and the query count.

    One untimed warm-up request per page checks the status (200 expected) and counts the
    queries. A page that does not resolve or does not answer 200 gets an "error" instead.
    Returns ``{"median_ms", "p95_ms", "queries"}`` (and ``"error"``).
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
    uitslag["p95_ms"] = round(p95(tijden), 1)
    return uitslag


def pagina_regel(uitslag: dict[str, Any], *, doel_ms: float = DOEL_P95_MS) -> str:
    """One human line for a :func:`meet_pagina` result, with its p95 against ``doel_ms``."""
    if uitslag.get("error"):
        return f"FOUT: {uitslag['error']}"
    doel = "binnen doel" if uitslag["p95_ms"] < doel_ms else "BOVEN DOEL"
    return (
        f"mediaan {uitslag['median_ms']} ms, p95 {uitslag['p95_ms']} ms ({doel} "
        f"{doel_ms} ms), {uitslag['queries']} queries"
    )


# ---- report --------------------------------------------------------------------------------


def rapportregel(resultaat: dict[str, Any]) -> str:
    """The result as one JSON object on one line (the command's last line)."""
    return json.dumps(resultaat, ensure_ascii=False)
