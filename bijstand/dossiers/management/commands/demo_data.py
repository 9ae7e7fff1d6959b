"""`manage.py demo_data --dossiers N [--seed S] [--demo-accounts] [--reset]`.

Loads a synthetic Rotterdam caseload (see bijstand/dossiers/demo.py). Running it again with the
same N does nothing (the data is already there); --reset deletes the generated data first.
"""

from __future__ import annotations

import importlib
import time

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from bijstand.dossiers import demo


class Command(BaseCommand):
    help = "Laad een synthetische Rotterdamse caseload (demo- en benchmarkdata)."

    def add_arguments(self, parser):
        parser.add_argument("--dossiers", type=int, default=300, help="aantal dossiers")
        parser.add_argument("--seed", type=int, default=2026, help="seed (reproduceerbaar)")
        parser.add_argument(
            "--demo-accounts",
            action="store_true",
            help="vaste demo-logins per rol en demo-burgers met test-BSN's (idempotent)",
        )
        parser.add_argument(
            "--reset", action="store_true", help="verwijder eerst de gegenereerde data"
        )

    def handle(self, *args, dossiers: int, seed: int, demo_accounts: bool, reset: bool, **opts):
        if dossiers < 0:
            raise CommandError("--dossiers moet 0 of meer zijn.")
        resultaat = laad(
            dossiers=dossiers,
            seed=seed,
            demo_accounts=demo_accounts,
            reset=reset,
            log=lambda m: self.stdout.write(m),
        )
        self.stdout.write(self.style.SUCCESS(f"Klaar in {resultaat['seconden']:.1f} s."))


def vul_apps(*, seed: int, log) -> dict:
    """Let every installed app add its demo data for the dossiers that are there.

    An app takes part with a module ``<app>.demo`` holding ``vul_demo(*, seed, log) -> dict``;
    it must be idempotent (run twice, add nothing the second time) and write in bulk. Apps run
    in INSTALLED_APPS order, so an app sees the demo data of the apps listed before it.
    """
    uitslag: dict = {}
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.demo")
        except ModuleNotFoundError as fout:
            if fout.name != f"{config.name}.demo":
                raise
            continue
        vul = getattr(module, "vul_demo", None)
        if vul is None or config.name == "bijstand.dossiers":
            continue
        log(f"Demodata {config.label} ...")
        uitslag[config.label] = vul(seed=seed, log=log)
    return uitslag


def laad(*, dossiers: int, seed: int, demo_accounts: bool, reset: bool, log) -> dict:
    """The command's work, also used by the benchmark command. Returns what was done."""
    t0 = time.perf_counter()
    resultaat: dict = {"gegenereerd": False}
    if reset:
        resultaat["verwijderd"] = demo.verwijder_gegenereerde_data(log=log)
    bestaand = demo.aantal_gegenereerde_dossiers()
    if bestaand == 0 and dossiers > 0:
        log(f"Genereer {dossiers} dossiers (seed {seed}) ...")
        resultaat["statistiek"] = demo.genereer(dossiers=dossiers, seed=seed, log=log)
        resultaat["gegenereerd"] = True
        log(f"Gegenereerd: {resultaat['statistiek']}")
    elif bestaand == dossiers and bestaand:
        log(f"Er staan al {bestaand} gegenereerde dossiers klaar; niets toegevoegd.")
    elif bestaand:
        log(
            f"Er staan al {bestaand} gegenereerde dossiers (gevraagd: {dossiers}); niets "
            "toegevoegd. Gebruik --reset om opnieuw te genereren."
        )
    if demo_accounts:
        resultaat["demo_accounts"] = demo.maak_demo_accounts(seed=seed, log=log)
    resultaat["apps"] = vul_apps(seed=seed, log=log)
    resultaat["seconden"] = time.perf_counter() - t0
    return resultaat
