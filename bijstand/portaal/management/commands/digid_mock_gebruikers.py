"""Fill the DigiD mock IdP's dropdown of test persons (development and demo only).

The mock IdP (digid_eherkenning, /digid/idp/inloggen_bsn/) shows a dropdown instead of a BSN
field as soon as a MockDigidUser exists. This command adds the first N werkzoekenden (name and
BSN), plus two persons that show the refusals: a valid BSN we do not know, and a BSN that fails
the 11-proef. MockDigidUser stores the BSN in plain text, so it refuses to run unless
settings.DIGID_MOCK is on.
"""

from digid_eherkenning.models.digid import MockDigidUser
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from bijstand.dossiers.models import Werkzoekende

# Valid (11-proef) but not a werkzoekende in the demo data; and one that fails the 11-proef.
ONBEKEND_BSN = "999990019"
ONGELDIG_BSN = "123456780"


class Command(BaseCommand):
    help = "Vul de testpersonen van de DigiD-mock (alleen met DIGID_MOCK=True)."

    def add_arguments(self, parser):
        parser.add_argument("--aantal", type=int, default=10)
        parser.add_argument(
            "--leeg", action="store_true", help="Verwijder eerst alle testpersonen."
        )

    def handle(self, *args, aantal, leeg, **options):
        if not getattr(settings, "DIGID_MOCK", False):
            raise CommandError("Alleen beschikbaar als DIGID_MOCK aan staat.")
        if leeg:
            MockDigidUser.objects.all().delete()
        personen = Werkzoekende.objects.filter(dossiers__isnull=False).distinct()
        personen = personen.order_by("achternaam", "voornamen", "pk")[:aantal]
        rijen = [(p.naam[:40], p.bsn) for p in personen]
        rijen += [
            ("Onbekend (geen dossier)", ONBEKEND_BSN),
            ("Ongeldig BSN (11-proef)", ONGELDIG_BSN),
        ]
        nieuw = 0
        for naam, bsn in rijen:
            _, created = MockDigidUser.objects.get_or_create(bsn=bsn, defaults={"name": naam})
            nieuw += created
        self.stdout.write(f"{nieuw} testpersonen toegevoegd ({len(rijen)} in totaal gevraagd).")
