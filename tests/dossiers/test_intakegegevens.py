"""Hub services the intake uses: entry point and language level."""

import pytest
from django.core.exceptions import ValidationError

from bijstand.dossiers.models import Dossier, Taalniveau, Werkzoekende
from bijstand.dossiers.services import wijzig_instroombron, wijzig_taalniveau

pytestmark = pytest.mark.django_db


def test_entry_point_is_recorded_with_history(dossier, werkcoach):
    voor = dossier.history.count()
    wijzig_instroombron(dossier=dossier, instroombron="ww_einde", door=werkcoach)
    dossier.refresh_from_db()
    assert dossier.instroombron == "ww_einde"
    assert dossier.history.count() == voor + 1
    assert dossier.history.first().history_user == werkcoach
    # the same value again writes nothing
    wijzig_instroombron(dossier=dossier, instroombron="ww_einde", door=werkcoach)
    assert dossier.history.count() == voor + 1


def test_bad_entry_point_changes_nothing(dossier, werkcoach):
    with pytest.raises(ValidationError) as fout:
        wijzig_instroombron(dossier=dossier, instroombron="brievenbus", door=werkcoach)
    assert fout.value.message_dict == {"instroombron": ["Kies hoe de aanvraag binnenkwam."]}
    assert Dossier.objects.get(pk=dossier.pk).instroombron == dossier.instroombron


def test_language_level_is_recorded_with_history(dossier, werkcoach):
    persoon = dossier.werkzoekende
    nieuw = Taalniveau.NIVEAU_2F if persoon.taalniveau != Taalniveau.NIVEAU_2F else Taalniveau.HOGER
    assert wijzig_taalniveau(werkzoekende=persoon, taalniveau=nieuw, door=werkcoach) is True
    assert Werkzoekende.objects.get(pk=persoon.pk).taalniveau == nieuw
    assert persoon.history.first().history_user == werkcoach
    assert wijzig_taalniveau(werkzoekende=persoon, taalniveau=nieuw, door=werkcoach) is False


def test_bad_language_level_changes_nothing(dossier, werkcoach):
    persoon = dossier.werkzoekende
    with pytest.raises(ValidationError) as fout:
        wijzig_taalniveau(werkzoekende=persoon, taalniveau="C2", door=werkcoach)
    assert fout.value.message_dict == {"taalniveau": ["Kies een bestaand taalniveau."]}
    assert Werkzoekende.objects.get(pk=persoon.pk).taalniveau == persoon.taalniveau
