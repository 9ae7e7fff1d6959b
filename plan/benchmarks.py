"""`manage.py benchmark plan --dossiers 37500`: the plan pages and the daily reminder run.

Loads (or reuses) the demo dataset and the plan demo data (``plan.demo.vul_demo``,
idempotent), then measures (median and p95 in ms, query count):

- for the werkcoach with the most plans, on a sample of their dossiers: the hub's dossier page
  (baseline on the same machine), the "Plan van aanpak" tab, the versions page (with a
  comparison where there are two), the list of reminders and the actions API;
- "Mijn plan" in the portal for the burger with the largest plan;
- the daily reminder task over the whole dataset (``plan.herinneringen``): the first run of the
  day (records every notification due and "sends" the e-mails to Django's locmem backend)
  and a second run straight after (must find nothing to do), in seconds.

The reminders of an earlier benchmark run are removed first, so the first run always does
the full work; only for benchmark databases with demo data.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.db import connection, reset_queries
from django.db.models import Count
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from bijstand.core.benchmark import (
    DOEL_P95_MS,
    meet_pagina,
    register,
    zorg_voor_dataset,
)

from .models import Actie, Doel, Melding, Plan


def _analyse(log: Callable[[str], None]) -> None:
    """ANALYZE the plan tables after the bulk fill and the reminder run (PostgreSQL).

    Without fresh statistics the planner takes the just-filled tables for empty and walks all
    10,000 reminders for one werkcoach (about 120 ms instead of 20 ms); in production
    autovacuum keeps the statistics current."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        for model in (Plan, Doel, Actie, Melding):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    log(f"ANALYZE van de plan-tabellen in {time.perf_counter() - t0:.1f} s.")


@register("plan")
def plan(*, dossiers: int, repeat: int, seed: int, log: Callable[[str], None]) -> dict:
    from bijstand.accounts.models import Rol, User

    from . import herinneringen
    from .demo import vul_demo

    seed_seconds = zorg_voor_dataset(dossiers=dossiers, seed=seed, log=log)
    t0 = time.perf_counter()
    demo = vul_demo(seed=seed, log=log)
    demo_seconds = round(time.perf_counter() - t0, 1)

    werkcoach = (
        User.objects.filter(rol=Rol.WERKCONSULENT, is_active=True)
        .annotate(n=Count("caseload__plan"))
        .order_by("-n", "pk")
        .first()
    )
    eigen = list(
        Plan.objects.filter(dossier__werkcoach=werkcoach)
        .order_by("dossier_id")
        .values_list("dossier_id", flat=True)
    )
    stap = max(1, len(eigen) // max(1, repeat))
    steekproef = eigen[::stap][: max(1, repeat)]
    log(f"Werkcoach {werkcoach.username}: {len(eigen)} plannen in de caseload.")

    Melding.objects.filter(soort__in=("verlopen", "binnenkort")).delete()
    uitslag_taak: dict = {}
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        for naam in ("eerste_run", "tweede_run"):
            t0 = time.perf_counter()
            resultaat = herinneringen.verstuur_herinneringen()
            uitslag_taak[f"{naam}_s"] = round(time.perf_counter() - t0, 1)
            uitslag_taak[f"{naam}_meldingen"] = resultaat["meldingen"]
            uitslag_taak[f"{naam}_mails"] = sum(m["verzonden"] for m in resultaat["mails"].values())
            log(f"  herinneringen {naam}: {uitslag_taak[f'{naam}_s']} s, {resultaat}")

    _analyse(log)
    paginas: dict[str, dict] = {}
    reset_queries()  # the loads above ran with DEBUG: a full query log hides the counts
    with override_settings(DEBUG=False, TWO_FACTOR_REQUIRED=False):
        client = Client(raise_request_exception=False)
        client.force_login(werkcoach)
        for naam, urls, headers in (
            # the hub's dossier page on the same dossiers, as a baseline on the same machine
            (
                "dossier_referentie",
                [reverse("dossiers:detail", args=[pk]) for pk in steekproef],
                {},
            ),
            ("plan_tab", [reverse("dossiers:tab", args=[pk, "plan"]) for pk in steekproef], {}),
            (
                "plan_versies",
                [reverse("plan:versies", args=[pk]) for pk in steekproef],
                {},
            ),
            ("herinneringen", [reverse("plan:meldingen")], {}),
            (
                "plan_api_acties",
                [f"/api/v1/plan/dossiers/{pk}/acties/" for pk in steekproef],
                {"accept": "application/json"},
            ),
        ):
            paginas[naam] = meet_pagina(client, urls, repeat=repeat, headers=headers)
            log(f"  {naam}: {paginas[naam]}")
        # "Mijn plan" of the burger with the largest plan that has a portal account
        burger_plan = (
            Plan.objects.filter(dossier__werkzoekende__account__isnull=False)
            .annotate(n=Count("acties"))
            .order_by("-n", "pk")
            .select_related("dossier__werkzoekende__account")
            .first()
        )
        if burger_plan is not None:
            portaal = Client(raise_request_exception=False)
            portaal.force_login(burger_plan.dossier.werkzoekende.account)
            paginas["portaal_mijn_plan"] = meet_pagina(
                portaal, [reverse("portaal:plan")], repeat=repeat
            )
            log(f"  portaal_mijn_plan: {paginas['portaal_mijn_plan']}")
    return {
        "name": "plan",
        "n": dossiers,
        "repeat": repeat,
        "database": connection.vendor,
        "seed_seconds": seed_seconds,
        "demo_plan": demo,
        "demo_plan_seconds": demo_seconds,
        "plannen": Plan.objects.count(),
        "acties": Actie.objects.count(),
        "plannen_werkcoach": len(eigen),
        "herinneringen": uitslag_taak,
        "pages": paginas,
        "doel_p95_ms": DOEL_P95_MS,
    }
