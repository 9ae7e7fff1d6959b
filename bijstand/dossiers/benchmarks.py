"""The hub's benchmarks (``manage.py benchmark pages``) and its generated dataset.

Registers the synthetic caseload of :mod:`bijstand.dossiers.demo` as the dataset of the
benchmark harness (:func:`bijstand.core.benchmark.zorg_voor_dataset` loads it for every app's
benchmark), and the ``pages`` benchmark: the caseload page, the dossier page and the dossier
API for the werkcoach with the fullest caseload.
"""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.test.utils import override_settings
from django.urls import NoReverseMatch, reverse

from bijstand.core.benchmark import (
    Log,
    meet_pagina,
    pagina_regel,
    register,
    registreer_dataset,
    zorg_voor_dataset,
)


class DemoDataset:
    """The generated caseload of ``bijstand.dossiers.demo`` as the harness's dataset."""

    def aantal(self) -> int:
        from . import demo

        return demo.aantal_gegenereerde_dossiers()

    def verwijder(self, *, log: Log) -> object:
        from . import demo

        return demo.verwijder_gegenereerde_data(log=log)

    def genereer(self, *, dossiers: int, seed: int, log: Log) -> object:
        from . import demo

        return demo.genereer(dossiers=dossiers, seed=seed, log=log)


registreer_dataset(DemoDataset())


@register("pages")
def pages(*, dossiers: int, repeat: int, seed: int, log: Log) -> dict:
    """Caseload page, dossier page and dossier API for a werkcoach with a full caseload."""
    from bijstand.accounts.models import Rol, User

    from .models import ACTIEVE_STATUSSEN, Dossier

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
            log(f"  {naam}: {pagina_regel(paginas[naam])}")
    return {
        "name": "pages",
        "n": dossiers,
        "repeat": repeat,
        "database": connection.vendor,
        "caseload_werkcoach": len(caseload),
        "seed_seconds": seed_seconds,
        "pages": paginas,
    }
