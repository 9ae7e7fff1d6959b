"""Model history records who changed the dossier, also outside a request (Celery, commands)."""

from bijstand.accounts.models import Rol
from bijstand.dossiers import services
from tests.factories import UserFactory


def test_status_change_outside_request_records_history_user(dossier, werkcoach):
    services.wijzig_status(dossier=dossier, naar="beeindigd", door=werkcoach, reden="werk")
    laatste = dossier.history.latest()
    assert laatste.status == "beeindigd"
    assert laatste.history_user_id == werkcoach.pk


def test_handover_records_history_user(dossier, team):
    teamleider = UserFactory(rol=Rol.TEAMLEIDER, team=None)
    nieuwe = UserFactory(rol=Rol.WERKCONSULENT, team=team)
    services.draag_over(dossier=dossier, naar_werkcoach=nieuwe, reden="Verlof", door=teamleider)
    laatste = dossier.history.latest()
    assert laatste.werkcoach_id == nieuwe.pk
    assert laatste.history_user_id == teamleider.pk
