"""`manage.py benchmark instrumenten --dossiers 37500`: suggested instruments for one dossier.

Loads the generated caseload (``zorg_voor_dataset``), the perspectief demo profiles when that
app provides them, and this app's demo deployments; then times, for dossiers spread over the
caseload of the busiest werkcoach:

- ``dossier_ms``: ``selectors.suggesties_voor`` (profile, barriers, active deployments, the whole
  catalogue, kansrijk occupations, budget rows: a fixed number of queries);
- ``pages.tab``: the "Instrumenten" tab of the dossier page (suggestions plus deployments);
- ``pages.kandidaten``: eligible people for one instrument in the werkcoach's own caseload.

The vacancy benchmark (``matching``) belongs to the vacatures app, which may not import this
app (ADR 0004); this module contributes to it through the harness's extension points: the demo
catalogue (``"matching.data"``) and the suggestions for one dossier as its per-dossier
measurement (``"matching.dossier"``). One JSON object last.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable

from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from bijstand.core.benchmark import (
    meet_pagina,
    p95,
    register,
    registreer_bijdrage,
    zorg_voor_dataset,
)


@registreer_bijdrage("matching.data")
def catalogus_voor_matching(*, seed: int, log: Callable[[str], None]) -> None:
    """The demo catalogue and deployments, for the vacatures ``matching`` benchmark."""
    from . import demo

    demo.vul_demo(seed=seed, log=log)


@registreer_bijdrage("matching.dossier")
def suggesties_voor_matching(dossier) -> object:
    """The per-dossier work the ``matching`` benchmark times: the instrument suggestions."""
    from . import selectors

    return selectors.suggesties_voor(dossier=dossier, met_vertrouwelijk=True)


def _profielen_voor(dossier_ids: list[int], *, seed: int) -> int:
    """Give sampled dossiers without a Profiel a synthetic one (only when the perspectief demo
    did not), so that the suggestions have something to match. Returns how many were made."""
    from perspectief.models import Leefgebied, Profiel
    from perspectief.referentie import CERTIFICATEN

    bestaand = set(
        Profiel.objects.filter(dossier_id__in=dossier_ids).values_list("dossier_id", flat=True)
    )
    codes = list(Leefgebied.objects.values_list("code", flat=True))
    rng = random.Random(seed)  # noqa: S311 - benchmark data
    nieuw = [
        Profiel(
            dossier_id=pk,
            trede=rng.randint(1, 5),
            scores={c: rng.choice([1, 2, 3, 3, 4, 4, 5]) for c in codes},
            taalniveau=rng.choice(["onder_1f", "1f", "2f"]),
            certificaten=rng.sample(sorted(CERTIFICATEN), k=rng.randint(0, 2)),
            uren_per_week=rng.choice([16, 24, 32]),
        )
        for pk in dossier_ids
        if pk not in bestaand
    ]
    Profiel.objects.bulk_create(nieuw)
    return len(nieuw)


@register("instrumenten")
def instrumenten(*, dossiers: int, repeat: int, seed: int, log: Callable[[str], None]) -> dict:
    from bijstand.accounts.models import Rol, User
    from bijstand.dossiers.models import ACTIEVE_STATUSSEN, Dossier
    from perspectief.models import Profiel

    from . import demo, selectors
    from .models import Instrument, Inzet

    seed_seconds = zorg_voor_dataset(dossiers=dossiers, seed=seed, log=log)
    try:
        from perspectief import demo as perspectief_demo
    except ImportError:
        perspectief_demo = None
    if perspectief_demo is not None and hasattr(perspectief_demo, "vul_demo"):
        perspectief_demo.vul_demo(seed=seed, log=log)
    demo.vul_demo(seed=seed, log=log)
    if connection.vendor == "postgresql":
        # Fresh statistics after the bulk load, as autovacuum would have them in production.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    werkcoach = (
        User.objects.filter(rol=Rol.WERKCONSULENT, is_active=True)
        .annotate(n=Count("caseload", filter=Q(caseload__status__in=ACTIEVE_STATUSSEN)))
        .order_by("-n", "pk")
        .first()
    )
    caseload = list(
        Dossier.objects.filter(werkcoach=werkcoach, status__in=ACTIEVE_STATUSSEN)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    stap = max(1, len(caseload) // max(1, repeat))
    steekproef = caseload[::stap][: max(1, repeat)]
    gemaakt = _profielen_voor(caseload, seed=seed)
    if gemaakt:
        log(f"{gemaakt} profielen voor de benchmark aangemaakt (geen perspectief-demodata).")
    log(f"Werkcoach {werkcoach.username}: {len(caseload)} actieve dossiers.")

    geladen = {
        d.pk: d for d in Dossier.objects.filter(pk__in=steekproef).select_related("werkzoekende")
    }
    with CaptureQueriesContext(connection) as ctx:
        eerste = selectors.suggesties_voor(dossier=geladen[steekproef[0]], met_vertrouwelijk=True)
    tijden = []
    aantallen = []
    for i in range(repeat):
        dossier = geladen[steekproef[i % len(steekproef)]]
        t0 = time.perf_counter()
        uitslag = selectors.suggesties_voor(dossier=dossier, met_vertrouwelijk=True)
        tijden.append((time.perf_counter() - t0) * 1000)
        aantallen.append(len(uitslag.suggesties))
    dossier_ms = {
        "median_ms": round(statistics.median(tijden), 1),
        "p95_ms": round(p95(tijden), 1),
        "queries": len(ctx.captured_queries),
        "suggesties_gemiddeld": round(statistics.mean(aantallen), 1),
    }
    log(
        f"  suggesties: mediaan {dossier_ms['median_ms']} ms, p95 {dossier_ms['p95_ms']} ms, "
        f"{dossier_ms['queries']} queries, {len(eerste.suggesties)} suggesties"
    )

    instrument = (
        Instrument.objects.filter(actief=True, code="werkervaringsplaats").first()
        or Instrument.objects.filter(actief=True).order_by("pk").first()
    )
    paginas = {}
    with override_settings(DEBUG=False, TWO_FACTOR_REQUIRED=False):
        client = Client(raise_request_exception=False)
        client.force_login(werkcoach)
        paginas["tab"] = meet_pagina(
            client, [f"/dossiers/{pk}/instrumenten/" for pk in steekproef], repeat=repeat
        )
        paginas["kandidaten"] = meet_pagina(
            client, [f"/instrumentenhuis/{instrument.pk}/kandidaten/"], repeat=repeat
        )
        paginas["catalogus"] = meet_pagina(client, ["/instrumentenhuis/"], repeat=repeat)
    for naam, p in paginas.items():
        log(f"  {naam}: {p}")
    return {
        "name": "instrumenten",
        "n": dossiers,
        "repeat": repeat,
        "database": connection.vendor,
        "seed_seconds": seed_seconds,
        "caseload_werkcoach": len(caseload),
        "profielen": Profiel.objects.count(),
        "inzetten": Inzet.objects.count(),
        "instrumenten": Instrument.objects.filter(actief=True).count(),
        "dossier_ms": dossier_ms,
        "pages": paginas,
    }
