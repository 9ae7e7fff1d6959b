"""`manage.py benchmark intake --dossiers 37500`: the intake demo load and the intake pages.

Loads the generated caseload (reused when present), then the intake demo data
(``intake.demo.vul_demo``, idempotent: timed only when it adds intakes), and measures for the
werkcoach with the largest caseload: the "Intake" tab, the read-only view of a definitive
intake, and the scores and belemmeringen steps of a heronderzoek concept (started once per
sampled dossier, through the service). Last line: one JSON object (``name``, ``n``,
``seconds``, ``median_ms``, ``p95_ms`` of the slowest page, and per page the details).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from bijstand.core.benchmark import (
    meet_pagina,
    register,
    zorg_voor_dataset,
)

from . import demo, services
from .models import Intake, IntakeStatus


@register("intake")
def intake(*, dossiers: int, repeat: int, seed: int, log: Callable[[str], None]) -> dict:
    from bijstand.accounts.models import Rol, User

    zorg_voor_dataset(dossiers=dossiers, seed=seed, log=log)
    t0 = time.perf_counter()
    gevuld = demo.vul_demo(seed=seed, log=log)
    demo_seconden = round(time.perf_counter() - t0, 1) if gevuld.get("intakes") else None
    werkcoach = (
        User.objects.filter(rol=Rol.WERKCONSULENT, is_active=True)
        .annotate(n=Count("caseload__intakes", filter=Q(caseload__intakes__status="definitief")))
        .order_by("-n", "pk")
        .first()
    )
    eerste: dict[int, int] = {}
    for dossier_id, pk in (
        Intake.objects.filter(dossier__werkcoach=werkcoach, status=IntakeStatus.DEFINITIEF)
        .order_by("dossier_id", "-afgerond_op")
        .values_list("dossier_id", "pk")
    ):
        eerste.setdefault(dossier_id, pk)
    definitief = list(eerste.items())[: max(1, repeat)]
    concepten = []
    for dossier_id, _pk in definitief[:10]:
        concept = Intake.objects.filter(dossier_id=dossier_id, status=IntakeStatus.CONCEPT).first()
        if concept is None:
            from bijstand.dossiers.models import Dossier

            concept = services.start_intake(
                dossier=Dossier.objects.select_related("werkzoekende").get(pk=dossier_id),
                soort="heronderzoek",
                door=werkcoach,
            )
        concepten.append((dossier_id, concept.pk))
    log(f"Werkcoach {werkcoach.username}: {len(definitief)} dossiers met een intake gemeten.")
    paginas: dict[str, dict] = {}
    with override_settings(DEBUG=False, TWO_FACTOR_REQUIRED=False):
        client = Client(raise_request_exception=False)
        client.force_login(werkcoach)
        for naam, urls in (
            ("tab", [reverse("dossiers:tab", args=[d, "intake"]) for d, _i in definitief]),
            ("detail", [reverse("intake:detail", args=[d, i]) for d, i in definitief]),
            ("stap_scores", [reverse("intake:stap", args=[d, i, "scores"]) for d, i in concepten]),
            (
                "stap_belemmeringen",
                [reverse("intake:stap", args=[d, i, "belemmeringen"]) for d, i in concepten],
            ),
        ):
            paginas[naam] = meet_pagina(client, urls, repeat=repeat)
            log(f"  {naam}: {paginas[naam]}")
    geldig = [p for p in paginas.values() if p.get("p95_ms") is not None]
    traagst = max(geldig, key=lambda p: p["p95_ms"]) if geldig else {}
    return {
        "name": "intake",
        "n": dossiers,
        "database": connection.vendor,
        "seconds": demo_seconden,
        "demo": gevuld,
        "intakes": Intake.objects.count(),
        "median_ms": traagst.get("median_ms"),
        "p95_ms": traagst.get("p95_ms"),
        "pages": paginas,
    }
