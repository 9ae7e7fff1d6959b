"""``python manage.py proefberekening FILE``: the proefberekening of issue 3 on the command line.

Reads the same JSON request as ``POST /api/v1/inkomen/proefberekening`` from FILE (``-`` for
standard input) and prints the same JSON response on standard output, through the same
function (:func:`inkomen.proefberekening.voer_proefberekening_uit`), including the optional
part-month dates ``recht_vanaf`` / ``recht_tot`` (art. 45 lid 3, policy P8). Invalid input -
not JSON, an unknown field, an impossible value (such as a ``recht_vanaf`` outside ``maand``),
an unreadable file - prints the same structured error as the API (``{"code": ..., "detail":
..., "fouten": {...}}``) on standard error and exits with status 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from inkomen.proefberekening import ProefberekeningFout, lees_json, voer_proefberekening_uit

FOUT_STATUS = 2


class Command(BaseCommand):
    help = (
        "Proefberekening van de bijstand voor één maand: leest het JSON-verzoek uit BESTAND "
        "('-' = standaardinvoer) en schrijft het JSON-antwoord van "
        "POST /api/v1/inkomen/proefberekening. Ongeldige invoer: foutmelding (JSON) op "
        "standaardfout en exitstatus 2."
    )
    # call_command(..., stdin=io.StringIO(...)) for tests and embedding.
    stealth_options = ("stdin",)
    requires_system_checks: list[str] = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("bestand", help="JSON-bestand met het verzoek, of '-' voor stdin")
        parser.add_argument(
            "--compact", action="store_true", help="JSON op één regel in plaats van ingesprongen"
        )

    def handle(self, *args: Any, bestand: str, compact: bool = False, **options: Any) -> None:
        try:
            tekst = self._lees(bestand, options.get("stdin") or sys.stdin)
            resultaat = voer_proefberekening_uit(lees_json(tekst))
        except ProefberekeningFout as fout:
            self.stderr.write(self._json(fout.als_dict(), compact=True), style_func=str)
            sys.exit(FOUT_STATUS)
        self.stdout.write(self._json(resultaat, compact=compact))

    @staticmethod
    def _lees(bestand: str, stdin) -> str:
        if bestand == "-":
            return stdin.read()
        try:
            return Path(bestand).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reden = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise ProefberekeningFout(
                {"bestand": [f"Het bestand kan niet worden gelezen: {reden}."]},
                detail="Het bestand kan niet worden gelezen.",
            ) from exc

    @staticmethod
    def _json(data: dict, *, compact: bool) -> str:
        if compact:
            return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return json.dumps(data, ensure_ascii=False, indent=2)
