"""manage.py logboek_opschonen: apply the bewaartermijnen of the register to the log.

Schedule it daily (cron or django-celery-beat). Safe to run twice: a second run finds nothing.
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from bijstand.logboek.retentie import STANDAARD_BATCH, schoon_op


class Command(BaseCommand):
    help = "Verwijder logregels die ouder zijn dan de bewaartermijn van hun verwerkingsactiviteit."

    def add_arguments(self, parser):
        parser.add_argument(
            "--droog",
            "--dry-run",
            action="store_true",
            dest="droog",
            help="Alleen tellen, niets verwijderen.",
        )
        parser.add_argument("--batch", type=int, default=STANDAARD_BATCH)
        parser.add_argument(
            "--peildatum", help="Rekendatum (JJJJ-MM-DD); standaard vandaag.", default=None
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, droog, batch, peildatum, database, **options):
        if batch < 1:
            raise CommandError("--batch moet minstens 1 zijn.")
        try:
            peil = date.fromisoformat(peildatum) if peildatum else None
        except ValueError as exc:
            raise CommandError("--peildatum: gebruik JJJJ-MM-DD.") from exc
        res = schoon_op(peildatum=peil, batch=batch, droog=droog, using=database)
        werkwoord = "te verwijderen" if droog else "verwijderd"
        for code, aantal in res.verwerkingen.items():
            if aantal:
                self.stdout.write(f"{code}: {aantal} verwerkingen {werkwoord}")
        self.stdout.write(
            f"Totaal: {res.totaal_verwerkingen} verwerkingen en {res.auditregels} auditregels "
            f"{werkwoord}."
        )
