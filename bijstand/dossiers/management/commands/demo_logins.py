"""`manage.py demo_logins`: print the fixed demo logins and test BSNs (used by `make run`).

An app adds lines with ``demo_logins_regels() -> list[str]`` in its ``<app>.demo`` module
(e.g. the demo employers' payroll API tokens of ``inkomen.demo``); the hub imports no app.
"""

import importlib

from django.apps import apps
from django.core.management.base import BaseCommand

from bijstand.dossiers.demo import demo_logins_tekst


class Command(BaseCommand):
    help = "Toon de demo-logins en test-BSN's."

    def handle(self, *args, **options):
        self.stdout.write(demo_logins_tekst())
        for config in apps.get_app_configs():
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as fout:
                if fout.name != f"{config.name}.demo":
                    raise
                continue
            regels = getattr(module, "demo_logins_regels", None)
            if regels is not None:
                self.stdout.write("")
                self.stdout.write("\n".join(regels()))
