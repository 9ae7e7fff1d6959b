"""``manage.py importeer_beroepen BESTAND --formaat cbs|esco [--dry-run]``.

Loads the full CBS BRC 2014 (ISCO-08) or ESCO occupation file; the expected columns and what
the import does are documented in :mod:`perspectief.beroepen_import`. Invalid rows are listed
and skipped; a file that cannot be read (missing columns, not UTF-8) stops with exit status 1.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from perspectief.beroepen_import import KOLOMMEN, VERPLICHT, ImportFout, importeer


def _kolommen(formaat: str) -> str:
    return ", ".join(
        f"{namen[0]}{'' if veld in VERPLICHT[formaat] else ' (optioneel)'}"
        for veld, namen in KOLOMMEN[formaat].items()
    )


class Command(BaseCommand):
    help = (
        "Importeer beroepen uit het volledige CBS-bestand (BRC 2014 / ISCO-08) of het "
        "ESCO-bestand (occupations_nl.csv). CSV met kopregel, UTF-8, scheiding ',' of ';'. "
        f"CBS-kolommen: {_kolommen('cbs')}. ESCO-kolommen: {_kolommen('esco')}. "
        "Nieuwe beroepen staan nog niet in het uitstroomperspectief: een beheerder controleert "
        "eerst de eisen. Eisen en 'kansrijk' worden nooit overschreven."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("bestand", help="pad naar het CSV-bestand")
        parser.add_argument("--formaat", required=True, choices=sorted(KOLOMMEN))
        parser.add_argument(
            "--dry-run", action="store_true", help="alleen controleren, niets opslaan"
        )

    def handle(self, *args, bestand: str, formaat: str, dry_run: bool, **options) -> None:
        try:
            resultaat = importeer(bestand, formaat=formaat, dry_run=dry_run)
        except ImportFout as exc:
            raise CommandError(str(exc)) from exc
        for fout in resultaat.fouten:
            self.stderr.write(f"Overgeslagen: {fout}")
        voorvoegsel = "Controle (niets opgeslagen) - " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(voorvoegsel + resultaat.samenvatting()))
