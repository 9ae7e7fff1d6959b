"""`manage.py betaalrun --maand 2026-03 [--per-dossier] [--celery]`: run or rerun a payment run.

By default the chunks run in this process one after the other (progress per chunk); with
``--celery`` they are dispatched to the workers as the beat schedule does. Rerunning a finished
month changes nothing and prints the same totals and file hash.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from inkomen import betaalrun
from inkomen.models import Betaalrun
from inkomen.rekenregels import Maand, OngeldigeInvoer


class Command(BaseCommand):
    help = "Voer de maandelijkse betaalrun uit (of hervat of herhaal die) voor één maand."

    def add_arguments(self, parser):
        parser.add_argument("--maand", required=True, help="JJJJ-MM, bijvoorbeeld 2026-03")
        parser.add_argument(
            "--per-dossier",
            action="store_true",
            help="per dossier boeken in plaats van per deel in bulk (trager, zelfde uitkomst)",
        )
        parser.add_argument(
            "--celery", action="store_true", help="de delen naar de Celery-workers sturen"
        )

    def handle(self, *args, maand: str, per_dossier: bool, celery: bool, **options):
        try:
            eerste = Maand.uit_tekst(maand).eerste_dag
        except (OngeldigeInvoer, ValueError) as exc:
            raise CommandError(f"Ongeldige maand: {maand} (gebruik JJJJ-MM).") from exc
        t0 = time.perf_counter()
        try:
            run = self._voer_uit(eerste, per_dossier=per_dossier, celery=celery)
        except betaalrun.BetaalrunGeweigerd as exc:
            # No rule set covers the month: nothing booked; the run shows the message.
            raise CommandError(str(exc), returncode=2) from exc
        v = betaalrun.betaalrun_voortgang(run)
        self.stdout.write(
            f"Betaalrun {eerste:%Y-%m}: {v['status_label']}; {v['aantal_betalingen']} betalingen, "
            f"totaal EUR {v['totaal_bedrag']:.2f}; {v['aantal_niet_betaald']} niet betaald; "
            f"uitvoeringsdatum {run.betaaldatum:%d-%m-%Y}; {time.perf_counter() - t0:.1f} s."
        )
        if run.bestand_sha256:
            self.stdout.write(f"Betaalbestand: {run.bestand.name} (sha256 {run.bestand_sha256})")

    def _voer_uit(self, eerste, *, per_dossier: bool, celery: bool) -> Betaalrun:
        if celery:
            from inkomen.tasks import dispatch_betaalrun

            run = betaalrun.start_betaalrun(maand=eerste)
            if run.status != "klaar":
                dispatch_betaalrun(run)
                self.stdout.write(f"{len(run.te_doen)} delen naar de workers gestuurd.")
            return Betaalrun.objects.get(pk=run.pk)

        def toon(run: Betaalrun) -> None:
            v = betaalrun.betaalrun_voortgang(run)
            self.stdout.write(
                f"  deel {v['chunks_klaar']}/{v['chunks_totaal']} ({v['percentage']}%): "
                f"{v['aantal_betalingen']} betalingen, EUR {v['totaal_bedrag']:.2f}"
            )

        return betaalrun.voer_uit(maand=eerste, bulk=not per_dossier, voortgang=toon)
