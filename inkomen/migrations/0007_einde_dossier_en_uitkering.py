"""Ending the dossier ends the uitkering (issue 10): repair the existing rows, then let the
database refuse the inconsistent state for every client.

1. Repair: an uitkering that is still ``lopend`` or ``opgeschort`` while its dossier is
   ``beeindigd`` is ended per the dossier's einddatum (not before its ingangsdatum; today when
   the dossier has none). The migration prints how many rows it repaired, and how many
   ended uitkeringen of a still active dossier it found (left as they are: a reopened dossier
   with its old, ended uitkering is a valid state).
2. Guard (PostgreSQL and SQLite): a trigger on ``dossiers_dossier`` refuses ``status =
   'beeindigd'`` while the dossier's uitkering runs, and one on ``inkomen_uitkering`` refuses a
   running (``lopend``/``opgeschort``) uitkering of an ended dossier. The services change both
   in one transaction in that order (uitkering first when ending, dossier first when
   reopening), so these immediate triggers never fire for them. On PostgreSQL each trigger
   takes a share lock on the other row, so two concurrent transactions cannot each pass the
   check and together write the inconsistent state.
"""

import datetime

from django.db import migrations

LOPEND = ("lopend", "opgeschort")
MELDING = "uitkering loopt nog terwijl het dossier beëindigd is"

PG_FUNCTIES = f"""
CREATE OR REPLACE FUNCTION inkomen_dossier_einde_check() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE s text;
BEGIN
    IF NEW.status = 'beeindigd' THEN
        SELECT u.status INTO s FROM inkomen_uitkering u WHERE u.dossier_id = NEW.id FOR SHARE;
        IF s IN ('lopend', 'opgeschort') THEN
            RAISE EXCEPTION 'dossier %: {MELDING}', NEW.id USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION inkomen_uitkering_einde_check() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE s text;
BEGIN
    IF NEW.status IN ('lopend', 'opgeschort') THEN
        SELECT d.status INTO s FROM dossiers_dossier d WHERE d.id = NEW.dossier_id FOR SHARE;
        IF s = 'beeindigd' THEN
            RAISE EXCEPTION 'dossier %: {MELDING}', NEW.dossier_id
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NEW;
END;
$$;

DROP TRIGGER IF EXISTS dossier_einde_check ON dossiers_dossier;
CREATE TRIGGER dossier_einde_check BEFORE INSERT OR UPDATE OF status ON dossiers_dossier
    FOR EACH ROW EXECUTE FUNCTION inkomen_dossier_einde_check();
DROP TRIGGER IF EXISTS uitkering_einde_check ON inkomen_uitkering;
CREATE TRIGGER uitkering_einde_check BEFORE INSERT OR UPDATE OF status, dossier_id
    ON inkomen_uitkering FOR EACH ROW EXECUTE FUNCTION inkomen_uitkering_einde_check();
"""

PG_WEG = """
DROP TRIGGER IF EXISTS dossier_einde_check ON dossiers_dossier;
DROP TRIGGER IF EXISTS uitkering_einde_check ON inkomen_uitkering;
DROP FUNCTION IF EXISTS inkomen_dossier_einde_check();
DROP FUNCTION IF EXISTS inkomen_uitkering_einde_check();
"""

_DOSSIER_WHEN = (
    "NEW.status = 'beeindigd' AND EXISTS (SELECT 1 FROM inkomen_uitkering u "
    "WHERE u.dossier_id = NEW.id AND u.status IN ('lopend', 'opgeschort'))"
)
_UITKERING_WHEN = (
    "NEW.status IN ('lopend', 'opgeschort') AND EXISTS (SELECT 1 FROM dossiers_dossier d "
    "WHERE d.id = NEW.dossier_id AND d.status = 'beeindigd')"
)
SQLITE = [
    f"CREATE TRIGGER IF NOT EXISTS {naam} BEFORE {wanneer} ON {tabel} WHEN {conditie} "
    f"BEGIN SELECT RAISE(ABORT, '{MELDING}'); END;"
    for naam, wanneer, tabel, conditie in (
        ("dossier_einde_check_ins", "INSERT", "dossiers_dossier", _DOSSIER_WHEN),
        ("dossier_einde_check_upd", "UPDATE OF status", "dossiers_dossier", _DOSSIER_WHEN),
        ("uitkering_einde_check_ins", "INSERT", "inkomen_uitkering", _UITKERING_WHEN),
        (
            "uitkering_einde_check_upd",
            "UPDATE OF status, dossier_id",
            "inkomen_uitkering",
            _UITKERING_WHEN,
        ),
    )
]
SQLITE_WEG = [
    f"DROP TRIGGER IF EXISTS {naam};"
    for naam in (
        "dossier_einde_check_ins",
        "dossier_einde_check_upd",
        "uitkering_einde_check_ins",
        "uitkering_einde_check_upd",
    )
]


def herstel(apps, schema_editor):
    Uitkering = apps.get_model("inkomen", "Uitkering")
    vandaag = datetime.date.today()
    hersteld = 0
    for u in (
        Uitkering.objects.filter(status__in=LOPEND, dossier__status="beeindigd")
        .select_related("dossier")
        .order_by("pk")
    ):
        u.status = "beeindigd"
        u.einddatum = max(u.dossier.einddatum or vandaag, u.ingangsdatum)
        u.save(update_fields=["status", "einddatum"])
        hersteld += 1
    los = (
        Uitkering.objects.filter(status="beeindigd")
        .exclude(dossier__status="beeindigd")
        .count()
    )
    if hersteld or los:
        print(
            f"\n  inkomen 0007: {hersteld} uitkering(en) van een beëindigd dossier beëindigd; "
            f"{los} beëindigde uitkering(en) bij een actief dossier (ongewijzigd)."
        )


def _voer_uit(schema_editor, pg: list[str], sqlite: list[str]) -> None:
    verbinding = schema_editor.connection
    stmts = {"postgresql": pg, "sqlite": sqlite}.get(verbinding.vendor, [])
    with verbinding.cursor() as cursor:
        for stmt in stmts:
            cursor.execute(stmt)  # no parameters: '%' in the PL/pgSQL text is literal


def installeer(apps, schema_editor):
    _voer_uit(schema_editor, [PG_FUNCTIES], SQLITE)


def verwijder(apps, schema_editor):
    _voer_uit(schema_editor, [PG_WEG], SQLITE_WEG)


class Migration(migrations.Migration):
    dependencies = [
        ("inkomen", "0006_berekening_index_en_boeking"),
        ("dossiers", "0001_initial"),
    ]
    operations = [
        migrations.RunPython(herstel, migrations.RunPython.noop),
        migrations.RunPython(installeer, verwijder),
    ]
