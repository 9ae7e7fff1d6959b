"""`manage.py dashboard_snapshot [--peildatum JJJJ-MM-DD]`: build the dashboard figures now.

The same work as the nightly Celery task (``dashboards.bouw_snapshot``), in this process.
Rebuilding a day replaces its figures.
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from bijstand.dashboards.services import bouw_snapshot


class Command(BaseCommand):
    help = "Bouw de cijfers van de managementdashboards (vervangt die van dezelfde dag)."

    def add_arguments(self, parser):
        parser.add_argument("--peildatum", help="JJJJ-MM-DD (standaard: vandaag)")

    def handle(self, *args, peildatum: str | None = None, **options):
        try:
            dag = date.fromisoformat(peildatum) if peildatum else None
        except ValueError as exc:
            raise CommandError("--peildatum moet JJJJ-MM-DD zijn.") from exc
        peildag = bouw_snapshot(peildatum=dag)
        self.stdout.write(
            f"Cijfers van {peildag.peildatum:%d-%m-%Y}: {peildag.rijen} rijen in "
            f"{peildag.seconden:.1f} s."
        )
        for figuur, fout in sorted(peildag.fouten.items()):
            self.stderr.write(f"  ontbreekt: {figuur}: {fout}")
