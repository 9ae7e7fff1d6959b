"""`manage.py benchmark <name> [--dossiers N] [--repeat R] [--seed S]`.

A thin command line over the harness in :mod:`bijstand.core.benchmark`: it discovers every
app's ``benchmarks`` module (where the benchmarks register themselves by name), runs the one
asked for, prints its human summary and then its result as ONE JSON object on its LAST line
(for CI and docs/benchmarks.md). The hub's own ``pages`` benchmark is in
``bijstand/dossiers/benchmarks.py``.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from bijstand.core import benchmark


class Command(BaseCommand):
    help = "Meet de prestaties (benchmarks); de laatste regel is één JSON-object."

    def add_arguments(self, parser):
        benchmark.ontdek()
        parser.add_argument("naam", choices=benchmark.namen(), help="welke benchmark")
        parser.add_argument("--dossiers", type=int, default=37_500)
        parser.add_argument("--repeat", type=int, default=30)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, naam: str, dossiers: int, repeat: int, seed: int, **options):
        if repeat < 1:
            raise CommandError("--repeat moet minstens 1 zijn.")
        t0 = time.perf_counter()
        resultaat = benchmark.voer_uit(
            naam, dossiers=dossiers, repeat=repeat, seed=seed, log=lambda m: self.stdout.write(m)
        )
        self.stdout.write(f"Benchmark '{naam}' klaar in {time.perf_counter() - t0:.1f} s.")
        self.stdout.write(benchmark.rapportregel(resultaat))
