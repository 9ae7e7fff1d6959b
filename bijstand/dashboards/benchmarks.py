"""`manage.py benchmark dashboards --dossiers 37500`: build the snapshot, measure every page.

Steps (PostgreSQL gives the meaningful numbers; on SQLite it only runs):

1. With ``--dossiers`` of 10,000 or more, first a smaller dataset (a quarter of it) is loaded,
   the snapshot built and the pages measured; then the full dataset (left in place, so a next
   run or the ``pages`` benchmark reuses it). Two sizes give the growth per dossier.
2. Per size: ``ANALYZE`` (fresh statistics after the bulk load, as autovacuum would give a
   production database), the snapshot build (``bouw_snapshot``, timed: ``snapshot_seconds``),
   then each dashboard page ``--repeat`` times as a teamleider through the Django test client
   (``meet_pagina``: median and p95 in ms, query count): the six pages without filters, with
   one filter (team: a roll-up level), with two filters (team and route: the full cube), per
   quarter, and the CSV and Excel export of a table.
3. The estimate for 420,000 dossiers: the build is a handful of SQL statements that scan,
   join and group the history, so its time is fitted as ``a + b * n`` through the two sizes
   and extrapolated. A page reads aggregates only; its time grows with the number of snapshot
   rows it reads, which is bounded by periods x dimension cells x categories, not by the number
   of people. The estimate takes the slowest page's p95 and scales its growth between the two
   sizes linearly to 420,000 - an upper bound, because the cube fills up and stops growing.

The last line is one JSON object: ``name``, ``n``, ``snapshot_seconds`` and per page
``median_ms`` / ``p95_ms``, plus the smaller run and the estimate (``schatting_420000``).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from bijstand.core.benchmark import meet_pagina, register, zorg_voor_dataset

DOEL_MS = 500
LANDELIJK = 420_000


def _analyseer() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _manager():
    from bijstand.accounts.models import Rol, User

    user = User.objects.filter(rol=Rol.TEAMLEIDER, is_active=True).order_by("pk").first()
    if user is None:
        from bijstand.accounts.services import maak_medewerker

        user = maak_medewerker(
            username="bench-teamleider", rol=Rol.TEAMLEIDER, team=None, password=None
        )
    return user


def _urls() -> dict[str, tuple[str, dict]]:
    from bijstand.accounts.models import Team

    team = Team.objects.order_by("pk").values_list("pk", flat=True).first() or 0
    return {
        "overzicht": (reverse("dashboards:overzicht"), {}),
        "bestand": (reverse("dashboards:bestand"), {}),
        "stromen": (reverse("dashboards:stromen"), {}),
        "ontwikkeling": (reverse("dashboards:ontwikkeling"), {}),
        "een_werkcoach": (reverse("dashboards:eenwerkcoach"), {}),
        "inkomen": (reverse("dashboards:inkomen"), {}),
        "bestand_team": (reverse("dashboards:bestand"), {"team": team}),
        "bestand_team_route": (reverse("dashboards:bestand"), {"team": team, "route": "kansrijk"}),
        "stromen_kwartaal": (reverse("dashboards:stromen"), {"per": "k"}),
        "export_csv": (reverse("dashboards:export", args=["stromen", "duurzaamheid", "csv"]), {}),
        "export_xlsx": (reverse("dashboards:export", args=["bestand", "duur", "xlsx"]), {}),
    }


def meet(*, dossiers: int, repeat: int, seed: int, log: Callable[[str], None]) -> dict:
    from urllib.parse import urlencode

    from .models import Kengetal
    from .services import bouw_snapshot

    seed_seconds = zorg_voor_dataset(dossiers=dossiers, seed=seed, log=log)
    _analyseer()
    t0 = time.perf_counter()
    peildag = bouw_snapshot()
    snapshot_seconds = round(time.perf_counter() - t0, 2)
    rijen = Kengetal.objects.filter(peildag=peildag).count()
    log(
        f"Snapshot ({dossiers} dossiers): {snapshot_seconds} s, {rijen} rijen"
        + (f", ontbrekend: {sorted(peildag.fouten)}" if peildag.fouten else "")
    )
    paginas: dict[str, dict] = {}
    with override_settings(DEBUG=False, TWO_FACTOR_REQUIRED=False):
        client = Client(raise_request_exception=False)
        client.force_login(_manager())
        for naam, (pad, params) in _urls().items():
            url = f"{pad}?{urlencode(params)}" if params else pad
            paginas[naam] = meet_pagina(client, [url], repeat=repeat)
            uitslag = paginas[naam]
            if uitslag.get("error"):
                log(f"  {naam}: FOUT {uitslag['error']}")
            else:
                doel = "binnen doel" if uitslag["p95_ms"] < DOEL_MS else "BOVEN DOEL"
                log(
                    f"  {naam}: mediaan {uitslag['median_ms']} ms, p95 {uitslag['p95_ms']} ms "
                    f"({doel} {DOEL_MS} ms), {uitslag['queries']} queries"
                )
    return {
        "n": dossiers,
        "seed_seconds": seed_seconds,
        "snapshot_seconds": snapshot_seconds,
        "snapshot_rows": rijen,
        "fouten": sorted(peildag.fouten),
        "pages": paginas,
    }


def _traagste(uitslag: dict) -> float:
    return max((p["p95_ms"] or 0) for p in uitslag["pages"].values())


@register("dashboards")
def dashboards(*, dossiers: int, repeat: int, seed: int, log: Callable[[str], None]) -> dict:
    if connection.vendor != "postgresql":
        log("Let op: geen PostgreSQL; de cijfers zeggen weinig.")
    klein = None
    if dossiers >= 10_000:
        klein = meet(dossiers=dossiers // 4, repeat=repeat, seed=seed, log=log)
    groot = meet(dossiers=dossiers, repeat=repeat, seed=seed, log=log)
    schatting = None
    if klein:
        dn = groot["n"] - klein["n"]
        per_dossier = (groot["snapshot_seconds"] - klein["snapshot_seconds"]) / dn
        snapshot_420k = groot["snapshot_seconds"] + per_dossier * (LANDELIJK - groot["n"])
        p95_per_dossier = max(0.0, (_traagste(groot) - _traagste(klein)) / dn)
        p95_420k = _traagste(groot) + p95_per_dossier * (LANDELIJK - groot["n"])
        rijen_420k = groot["snapshot_rows"] + (groot["snapshot_rows"] - klein["snapshot_rows"]) / (
            dn
        ) * (LANDELIJK - groot["n"])
        schatting = {
            "n": LANDELIJK,
            "snapshot_seconds": round(snapshot_420k, 1),
            "snapshot_rows_max": round(rijen_420k),
            "slowest_page_p95_ms_max": round(p95_420k, 1),
            "method": (
                f"linear fit through n={klein['n']} and n={groot['n']}: build time "
                "a + b*n; page p95 and snapshot rows extrapolated linearly (upper bound: the "
                "aggregate cube is bounded by periods x dimension cells x categories)"
            ),
        }
        log(
            f"Schatting {LANDELIJK} dossiers: snapshot ~{schatting['snapshot_seconds']} s, "
            f"traagste pagina p95 <= {schatting['slowest_page_p95_ms_max']} ms."
        )
    return {
        "name": "dashboards",
        "n": dossiers,
        "database": connection.vendor,
        "repeat": repeat,
        "snapshot_seconds": groot["snapshot_seconds"],
        "snapshot_rows": groot["snapshot_rows"],
        "seed_seconds": groot["seed_seconds"],
        "pages": {
            naam: {k: v for k, v in p.items() if k in ("median_ms", "p95_ms", "queries", "error")}
            for naam, p in groot["pages"].items()
        },
        "smaller": klein
        and {
            "n": klein["n"],
            "snapshot_seconds": klein["snapshot_seconds"],
            "snapshot_rows": klein["snapshot_rows"],
            "slowest_page_p95_ms": _traagste(klein),
        },
        "schatting_420000": schatting,
        "goal_ms": DOEL_MS,
    }
