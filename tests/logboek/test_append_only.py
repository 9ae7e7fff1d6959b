"""The log is append-only: refused by the model, the queryset and the database itself."""

import pytest
from django.db import DatabaseError, connection, models, transaction

from bijstand.logboek.models import AuditRegel, Verwerking, Verwerkingsactiviteit
from bijstand.logboek.services import log_verwerking
from bijstand.logboek.triggers import retentievenster

pytestmark = pytest.mark.django_db


@pytest.fixture
def regel():
    log_verwerking(
        activiteit="dossierbeheer",
        operatie="test",
        subjects=["werkzoekende:1"],
        soorten_gegevens=["dossier"],
    )
    return Verwerking.objects.get()


def _db_geweigerd(sql, params=()):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_model_weigert_wijzigen_en_verwijderen(regel):
    regel.operatie = "anders"
    with pytest.raises(PermissionError):
        regel.save()
    with pytest.raises(PermissionError):
        regel.delete()
    audit = AuditRegel.objects.get()
    with pytest.raises(PermissionError):
        audit.save()
    with pytest.raises(PermissionError):
        audit.delete()


def test_queryset_weigert_update_en_delete(regel):
    with pytest.raises(PermissionError):
        Verwerking.objects.filter(pk=regel.pk).update(operatie="x")
    with pytest.raises(PermissionError):
        Verwerking.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditRegel.objects.all().update(actie="x")
    with pytest.raises(PermissionError):
        AuditRegel.objects.all().delete()


def test_database_weigert_queryset_buiten_het_model_om(regel):
    # A plain QuerySet (not the append-only one) reaches the database: the trigger refuses.
    with pytest.raises(DatabaseError), transaction.atomic():
        models.QuerySet(Verwerking).filter(pk=regel.pk).update(operatie="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        models.QuerySet(AuditRegel).update(actie="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        Verwerking.objects.filter(pk=regel.pk)._raw_delete(connection.alias)
    assert Verwerking.objects.get(pk=regel.pk).operatie == "test"


@pytest.mark.parametrize("tabel", ["logboek_verwerking", "logboek_auditregel"])
def test_database_weigert_raw_sql(regel, tabel):
    kolom = "operatie" if tabel == "logboek_verwerking" else "actie"
    _db_geweigerd(f"UPDATE {tabel} SET {kolom} = 'x'")  # noqa: S608
    _db_geweigerd(f"DELETE FROM {tabel}")  # noqa: S608
    assert Verwerking.objects.count() == 1
    assert AuditRegel.objects.count() == 1


def test_retentievenster_staat_alleen_delete_toe(regel):
    with pytest.raises(DatabaseError), retentievenster():
        models.QuerySet(Verwerking).update(operatie="x")
    with retentievenster(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM logboek_verwerking WHERE id = %s", [regel.pk])
    assert not Verwerking.objects.exists()
    # After the window, deleting is refused again.
    _db_geweigerd("DELETE FROM logboek_auditregel")
    assert AuditRegel.objects.count() == 1


def test_triggers_bestaan():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgname LIKE 'logboek_%%' AND NOT tgisinternal"
            )
        else:
            pytest.skip("no triggers on this database")
        namen = {r[0] for r in cursor.fetchall()}
    assert {n for n in namen if n.startswith("logboek_verwerking")}
    assert {n for n in namen if n.startswith("logboek_auditregel")}


def test_flush_na_transactionele_test_werkt(transactional_db):
    """The test runner (and manage.py flush) empties the tables: the TRUNCATE equivalent.

    If the SQLite backend did not open the retention window for flush, the teardown of this
    test would fail.
    """
    # An earlier transactional test may have flushed the register (data migration) away.
    Verwerkingsactiviteit.objects.get_or_create(
        code="dossierbeheer",
        defaults={"naam": "Dossier", "doel": "-", "rechtsgrond": "-", "bewaartermijn_jaren": 10},
    )
    log_verwerking(
        activiteit="dossierbeheer", operatie="test", subjects=["x"], soorten_gegevens=["dossier"]
    )
    assert Verwerking.objects.count() == 1
