"""`manage.py voorschotbestand`: collect the open voorschot payments into a SEPA file.

The same as the button "Betaalbestand maken" on the screen Voorschotten (for automation, e.g.
a daily cron job before the file is handed to the bank). Safe to run twice: with nothing open
it makes nothing and says so (exit status 0).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from inkomen import voorschotbestand
from inkomen.sepa import SepaFout


class Command(BaseCommand):
    help = "Maak het betaalbestand (SEPA pain.001) van de voorschotten die nog open staan."

    def handle(self, *args, **options):
        try:
            batch = voorschotbestand.maak_voorschotbatch(door=None)
        except SepaFout as exc:
            raise CommandError(f"Het betaalbestand kon niet worden gemaakt: {exc}") from exc
        if batch is None:
            self.stdout.write("Er staan geen voorschotten open: geen nieuw betaalbestand.")
            return
        self.stdout.write(
            f"Betaalbestand {batch.bericht_id}: {batch.aantal} voorschotten, totaal EUR "
            f"{batch.totaal:.2f}; uitvoeringsdatum {batch.uitvoeringsdatum:%d-%m-%Y}."
        )
        self.stdout.write(f"Bestand: {batch.bestand.name} (sha256 {batch.bestand_sha256})")
