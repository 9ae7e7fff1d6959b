import pytest
from django.core.exceptions import ValidationError

from bijstand.dossiers.models import Dossier, JournaalRegel
from bijstand.dossiers.services import wijzig_route

pytestmark = pytest.mark.django_db


def test_route_change_is_recorded_with_reason(dossier, werkcoach):
    wijzig_route(
        dossier=dossier, route="intensief", reden="Schulden eerst, dan werk.", door=werkcoach
    )
    dossier.refresh_from_db()
    assert dossier.route == "intensief"
    regel = JournaalRegel.objects.get(dossier=dossier, onderwerp="Dienstverleningsroute")
    assert "Schulden eerst, dan werk." in regel.tekst
    assert dossier.history.first().history_user == werkcoach


@pytest.mark.parametrize("route,reden,veld", [("onzin", "x", "route"), ("kansrijk", "  ", "reden")])
def test_bad_route_change_changes_nothing(dossier, werkcoach, route, reden, veld):
    with pytest.raises(ValidationError) as fout:
        wijzig_route(dossier=dossier, route=route, reden=reden, door=werkcoach)
    assert veld in fout.value.message_dict
    assert Dossier.objects.get(pk=dossier.pk).route == dossier.route
    assert not JournaalRegel.objects.filter(onderwerp="Dienstverleningsroute").exists()
