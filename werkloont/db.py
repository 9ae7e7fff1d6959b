"""Database guards of the werkweekagenda, besides the checks in ``werkloont.services``.

1. No two planned, timed occurrences (``werkloont_afspraak``) of one person overlap.
   PostgreSQL: an exclusion constraint over ``(dossier_id, tsrange(datum + begintijd,
   datum + eindtijd))`` (btree_gist), so even concurrent transactions cannot both succeed.
   SQLite: ``BEFORE INSERT`` / ``BEFORE UPDATE`` triggers (SQLite serialises writers anyway).
2. No occurrence is inserted into, or changed in, a week that has been approved
   (``werkloont_weekafsluiting``): PostgreSQL a statement-level trigger over the transition
   tables (one join per statement, so bulk inserts stay fast), SQLite row triggers. DELETE is
   not guarded: the application never deletes occurrences (it cancels them), and flushing a
   test database or removing generated demo data must still work.

The 24-hours-a-day rule is not a database constraint (it is a sum over rows); the service checks
it with the person's agenda row locked.
"""

# ruff: noqa: S608 - the SQL is built from module constants only, never from input

from __future__ import annotations

TABEL = "werkloont_afspraak"
SLOT = "werkloont_weekafsluiting"

_PG = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist;",
    f"ALTER TABLE {TABEL} DROP CONSTRAINT IF EXISTS werkloont_afspraak_geen_overlap;",
    f"""ALTER TABLE {TABEL} ADD CONSTRAINT werkloont_afspraak_geen_overlap
        EXCLUDE USING gist (
            dossier_id WITH =,
            tsrange(datum + begintijd, datum + eindtijd) WITH &&
        ) WHERE (status = 'gepland' AND begintijd IS NOT NULL);""",
    # Statement-level (transition tables): one check per INSERT/UPDATE statement, not per row;
    # a bulk insert of thousands of occurrences costs one join.
    f"""CREATE OR REPLACE FUNCTION werkloont_week_slot() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF EXISTS (SELECT 1 FROM nieuw n JOIN {SLOT} w ON w.dossier_id = n.dossier_id
                   AND w.week = n.datum - (extract(isodow FROM n.datum)::int - 1)) THEN
            RAISE EXCEPTION 'werkloont: een goedgekeurde week kan niet meer wijzigen'
                USING ERRCODE = 'check_violation';
        END IF;
        IF TG_OP = 'UPDATE' THEN
            IF EXISTS (SELECT 1 FROM oud o JOIN {SLOT} w ON w.dossier_id = o.dossier_id
                       AND w.week = o.datum - (extract(isodow FROM o.datum)::int - 1)) THEN
                RAISE EXCEPTION 'werkloont: een goedgekeurde week kan niet meer wijzigen'
                    USING ERRCODE = 'check_violation';
            END IF;
        END IF;
        RETURN NULL;
    END;
    $$;""",
    f"DROP TRIGGER IF EXISTS werkloont_afspraak_week_slot ON {TABEL};",
    f"DROP TRIGGER IF EXISTS werkloont_afspraak_week_slot_ins ON {TABEL};",
    f"DROP TRIGGER IF EXISTS werkloont_afspraak_week_slot_upd ON {TABEL};",
    f"""CREATE TRIGGER werkloont_afspraak_week_slot_ins AFTER INSERT ON {TABEL}
        REFERENCING NEW TABLE AS nieuw
        FOR EACH STATEMENT EXECUTE FUNCTION werkloont_week_slot();""",
    f"""CREATE TRIGGER werkloont_afspraak_week_slot_upd AFTER UPDATE ON {TABEL}
        REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw
        FOR EACH STATEMENT EXECUTE FUNCTION werkloont_week_slot();""",
]

_PG_TERUG = [
    f"DROP TRIGGER IF EXISTS werkloont_afspraak_week_slot_ins ON {TABEL};",
    f"DROP TRIGGER IF EXISTS werkloont_afspraak_week_slot_upd ON {TABEL};",
    "DROP FUNCTION IF EXISTS werkloont_week_slot();",
    f"ALTER TABLE {TABEL} DROP CONSTRAINT IF EXISTS werkloont_afspraak_geen_overlap;",
]


def _sqlite_maandag(kolom: str) -> str:
    return f"date({kolom}, '-' || ((CAST(strftime('%w', {kolom}) AS INTEGER) + 6) % 7) || ' days')"


def _sqlite_overlap(rij: str, extra: str = "") -> str:
    return (
        f"{rij}.status = 'gepland' AND {rij}.begintijd IS NOT NULL AND EXISTS ("
        f"SELECT 1 FROM {TABEL} a WHERE a.dossier_id = {rij}.dossier_id AND a.datum = {rij}.datum"
        f" AND a.status = 'gepland' AND a.begintijd IS NOT NULL"
        f" AND a.begintijd < {rij}.eindtijd AND a.eindtijd > {rij}.begintijd{extra})"
    )


def _sqlite_slot(rij: str) -> str:
    return (
        f"EXISTS (SELECT 1 FROM {SLOT} w WHERE w.dossier_id = {rij}.dossier_id"
        f" AND w.week = {_sqlite_maandag(rij + '.datum')})"
    )


_SQLITE = [
    f"""CREATE TRIGGER IF NOT EXISTS werkloont_afspraak_overlap_ins BEFORE INSERT ON {TABEL}
        WHEN {_sqlite_overlap("NEW")}
        BEGIN SELECT RAISE(ABORT, 'werkloont: overlappende afspraken'); END;""",
    f"""CREATE TRIGGER IF NOT EXISTS werkloont_afspraak_overlap_upd BEFORE UPDATE ON {TABEL}
        WHEN {_sqlite_overlap("NEW", " AND a.id <> NEW.id")}
        BEGIN SELECT RAISE(ABORT, 'werkloont: overlappende afspraken'); END;""",
    f"""CREATE TRIGGER IF NOT EXISTS werkloont_afspraak_slot_ins BEFORE INSERT ON {TABEL}
        WHEN {_sqlite_slot("NEW")}
        BEGIN SELECT RAISE(ABORT, 'werkloont: goedgekeurde week'); END;""",
    f"""CREATE TRIGGER IF NOT EXISTS werkloont_afspraak_slot_upd BEFORE UPDATE ON {TABEL}
        WHEN {_sqlite_slot("NEW")} OR {_sqlite_slot("OLD")}
        BEGIN SELECT RAISE(ABORT, 'werkloont: goedgekeurde week'); END;""",
]

_SQLITE_TERUG = [
    f"DROP TRIGGER IF EXISTS werkloont_afspraak_{naam};"
    for naam in ("overlap_ins", "overlap_upd", "slot_ins", "slot_upd")
]


def installeer(connection) -> None:
    """Create the guards (idempotent); other vendors rely on the service checks only."""
    stmts = {"postgresql": _PG, "sqlite": _SQLITE}.get(connection.vendor, [])
    with connection.cursor() as cursor:
        for sql in stmts:
            cursor.execute(sql)


def verwijder(connection) -> None:
    stmts = {"postgresql": _PG_TERUG, "sqlite": _SQLITE_TERUG}.get(connection.vendor, [])
    with connection.cursor() as cursor:
        for sql in stmts:
            cursor.execute(sql)
