"""`manage.py benchmark perspectief --dossiers 37500`: uitstroomperspectief for everyone and
the perspective page.

1. Loads the demo dataset (``zorg_voor_dataset``) and gives every active dossier without one a
   Profiel and a measurement (``perspectief.demo.vul_demo``, idempotent).
2. Ranks the occupations of the uitstroomperspectief for every profile in bulk: the Profiel
   rows in one streamed query (``selectors.kandidaten``), ``matching.beoordeel`` in Python
   (``selectors.rangschik``). ``seconds`` is the time of this step; ``n`` the profiles.
3. Measures the "Perspectief" tab of the dossier page for the werkcoach with the largest
   caseload (``meet_pagina``: median and p95 in ms, query count).

The last line of the command is one JSON object with ``name``, ``n``, ``seconds``,
``median_ms`` and ``p95_ms`` (the page) and details.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from bijstand.accounts.models import Rol, User
from bijstand.core.benchmark import (
    DOEL_P95_MS,
    meet_pagina,
    register,
    zorg_voor_dataset,
)
from bijstand.dossiers.models import ACTIEVE_STATUSSEN, Dossier

from . import demo, selectors
from .models import Profiel

DOEL_RANGSCHIKKEN_SECONDEN = 30


def rangschik_iedereen(*, top: int = 3) -> tuple[int, float, dict[str, int]]:
    """Rank the occupations for every profile; (number of profiles, seconds, best-fit count
    per occupation name)."""
    t0 = time.perf_counter()
    ranglijst = selectors.Ranglijst(selectors.perspectief_beroepen())
    aantal = 0
    beste: dict[str, int] = {}
    for _dossier_id, kandidaat in selectors.kandidaten(Profiel.objects.all()):
        fits = ranglijst.rangschik(kandidaat, top=top)
        aantal += 1
        if fits:
            naam = fits[0].beroep.naam
            beste[naam] = beste.get(naam, 0) + 1
    return aantal, time.perf_counter() - t0, beste


@register("perspectief")
def perspectief(*, dossiers: int, repeat: int, seed: int, log: Callable[[str], None]) -> dict:
    if connection.vendor != "postgresql":
        log("Let op: geen PostgreSQL; de cijfers zeggen weinig.")
    seed_seconds = zorg_voor_dataset(dossiers=dossiers, seed=seed, log=log)
    t0 = time.perf_counter()
    gevuld = demo.vul_demo(seed=seed, log=log)
    vul_seconden = time.perf_counter() - t0
    log(f"Profielen aangevuld: {gevuld} in {vul_seconden:.1f} s.")

    n, seconden, beste = rangschik_iedereen()
    aantal_beroepen = len(selectors.perspectief_beroepen())
    log(
        f"Uitstroomperspectief: {n} profielen x {aantal_beroepen} beroepen gerangschikt in "
        f"{seconden:.2f} s ({n / max(seconden, 1e-9):.0f} profielen/s); doel < "
        f"{DOEL_RANGSCHIKKEN_SECONDEN} s."
    )
    top = sorted(beste.items(), key=lambda kv: -kv[1])[:3]
    log("Vaakst best passend: " + ", ".join(f"{naam} ({aantal})" for naam, aantal in top))

    werkcoach = (
        User.objects.filter(rol=Rol.WERKCONSULENT, is_active=True)
        .annotate(n=Count("caseload", filter=Q(caseload__status__in=ACTIEVE_STATUSSEN)))
        .order_by("-n", "pk")
        .first()
    )
    pagina: dict = {"median_ms": None, "p95_ms": None, "queries": None}
    if werkcoach is not None:
        caseload = list(
            Dossier.objects.filter(werkcoach=werkcoach, status__in=ACTIEVE_STATUSSEN)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        stap = max(1, len(caseload) // max(1, repeat))
        steekproef = caseload[::stap][: max(1, repeat)]
        urls = [reverse("dossiers:tab", args=[pk, "perspectief"]) for pk in steekproef]
        with override_settings(DEBUG=False, TWO_FACTOR_REQUIRED=False):
            client = Client(raise_request_exception=False)
            client.force_login(werkcoach, backend="django.contrib.auth.backends.ModelBackend")
            pagina = meet_pagina(client, urls, repeat=repeat)
        if pagina.get("error"):
            log(f"Perspectiefpagina: FOUT {pagina['error']}")
        else:
            doel = "binnen doel" if pagina["p95_ms"] < DOEL_P95_MS else "BOVEN DOEL"
            log(
                f"Perspectiefpagina ({len(caseload)} dossiers in de caseload): mediaan "
                f"{pagina['median_ms']} ms, p95 {pagina['p95_ms']} ms ({doel} {DOEL_P95_MS} ms), "
                f"{pagina['queries']} queries."
            )
    return {
        "name": "perspectief",
        "n": n,
        "seconds": round(seconden, 2),
        "median_ms": pagina.get("median_ms"),
        "p95_ms": pagina.get("p95_ms"),
        "page_queries": pagina.get("queries"),
        "page_error": pagina.get("error"),
        "beroepen": aantal_beroepen,
        "profiles_per_second": round(n / max(seconden, 1e-9), 1),
        "dataset_dossiers": dossiers,
        "seed_seconds": seed_seconds,
        "fill_seconds": round(vul_seconden, 1),
        "repeat": repeat,
        "database": connection.vendor,
    }
