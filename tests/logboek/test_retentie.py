"""manage.py logboek_opschonen: lines older than their activity's bewaartermijn go."""

from datetime import date, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from bijstand.logboek.models import AuditRegel, Verwerking
from bijstand.logboek.retentie import jaren_terug
from bijstand.logboek.services import log_verwerking

pytestmark = pytest.mark.django_db

PEIL = date(2030, 6, 15)


def _log(activiteit, op: datetime, subject="werkzoekende:a"):
    return log_verwerking(
        activiteit=activiteit,
        operatie=f"test_{activiteit}",
        subjects=[subject],
        soorten_gegevens=["dossier"],
        start=op,
    )


def _dt(y, m, d):
    return timezone.make_aware(datetime(y, m, d, 12, 0))


def _run(*args):
    out = StringIO()
    call_command("logboek_opschonen", f"--peildatum={PEIL.isoformat()}", *args, stdout=out)
    return out.getvalue()


def test_jaren_terug_schrikkeldag():
    assert jaren_terug(date(2028, 2, 29), 1) == date(2027, 2, 28)
    assert jaren_terug(date(2030, 6, 15), 10) == date(2020, 6, 15)


def test_opschonen_per_bewaartermijn():
    # portaal: 2 years, dossierbeheer: 10 years (register, migration 0002).
    oud_portaal = _log("portaal", _dt(2028, 6, 14))  # just over 2 years -> weg
    jong_portaal = _log("portaal", _dt(2028, 6, 16))  # within 2 years -> blijft
    oud_dossier = _log("dossierbeheer", _dt(2020, 6, 14))  # over 10 years -> weg
    jong_dossier = _log("dossierbeheer", _dt(2028, 6, 14))  # 2 years old, 10 allowed -> blijft

    out = _run()

    over = set(Verwerking.objects.values_list("operation_id", flat=True))
    assert over == {jong_portaal, jong_dossier}
    assert oud_portaal not in over and oud_dossier not in over
    assert "portaal: 1" in out and "dossierbeheer: 1" in out
    assert "Totaal: 2 verwerkingen" in out


def test_auditregels_zonder_verwerking_gaan_mee():
    with_lines = _log("portaal", _dt(2028, 6, 16))
    expired = _log("portaal", _dt(2020, 1, 1))
    # AuditRegel.op is "now" from log_verwerking; an old orphaned audit line:
    AuditRegel.objects.create(operation_id=expired, actie="x", op=_dt(2020, 1, 1))
    AuditRegel.objects.create(operation_id=with_lines, actie="x", op=_dt(2020, 1, 1))

    _run()

    # Audit lines of the expired operation go; those still linked to a line stay, however old.
    assert not AuditRegel.objects.filter(operation_id=expired).exists()
    assert AuditRegel.objects.filter(operation_id=with_lines).count() == 2


def test_recente_auditregel_zonder_verwerking_blijft():
    # An audit line younger than the shortest bewaartermijn stays even without lines.
    op = _log("portaal", _dt(2020, 1, 1))
    AuditRegel.objects.create(operation_id=op, actie="x", op=_dt(2029, 1, 1))
    _run()
    assert AuditRegel.objects.filter(operation_id=op, op__year=2029).count() == 1


def test_droog_verwijdert_niets_en_tweede_run_vindt_niets():
    _log("portaal", _dt(2020, 1, 1))
    out = _run("--droog")
    assert "1 verwerkingen" in out and "te verwijderen" in out
    assert Verwerking.objects.count() == 1
    _run("--batch=1")
    assert Verwerking.objects.count() == 0
    assert "Totaal: 0 verwerkingen" in _run()


def test_in_batches():
    for i in range(5):
        _log("portaal", _dt(2020, 1, 1), subject=f"werkzoekende:{i}")
    _run("--batch=2")
    assert Verwerking.objects.count() == 0


def test_na_opschonen_is_verwijderen_weer_geweigerd():
    _log("portaal", _dt(2020, 1, 1))
    _log("portaal", _dt(2030, 1, 1))
    _run()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM logboek_verwerking")
    assert Verwerking.objects.count() == 1
