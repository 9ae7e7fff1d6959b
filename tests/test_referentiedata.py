"""Reference data defined in code survives a flush (as transactional and browser tests do)."""

import pytest
from django.core.management import call_command

from bijstand.dossiers.models import Wijk
from bijstand.logboek.models import Verwerkingsactiviteit
from bijstand.logboek.register import REGISTER
from inkomen.models import Beleidsinstelling, Regelset
from inkomen.rekenregels.standaard import STANDAARD_REGELSETS
from perspectief.models import Leefgebied


@pytest.mark.django_db(transaction=True)
def test_flush_restores_register_and_standard_rules():
    call_command("flush", interactive=False, verbosity=0)
    assert Verwerkingsactiviteit.objects.count() == len(REGISTER)
    assert Regelset.objects.count() == len(STANDAARD_REGELSETS)
    assert Beleidsinstelling.objects.exists()
    assert Wijk.objects.filter(naam="Feijenoord").exists()
    assert Leefgebied.objects.count() == 13


@pytest.mark.django_db
def test_edited_rules_are_not_overwritten_by_migrate_signal():
    regelset = Regelset.objects.order_by("geldig_vanaf").first()
    regelset.toelichting = "Aangepast door beheer"
    regelset.save()
    from inkomen.apps import _standaardregels_na_flush

    _standaardregels_na_flush(sender=None, using="default")
    regelset.refresh_from_db()
    assert regelset.toelichting == "Aangepast door beheer"
