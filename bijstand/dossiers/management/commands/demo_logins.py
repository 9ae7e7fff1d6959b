"""`manage.py demo_logins`: print the fixed demo logins and test BSNs (used by `make run`)."""

from django.core.management.base import BaseCommand

from bijstand.dossiers.demo import demo_logins_tekst


class Command(BaseCommand):
    help = "Toon de demo-logins en test-BSN's."

    def handle(self, *args, **options):
        self.stdout.write(demo_logins_tekst())
