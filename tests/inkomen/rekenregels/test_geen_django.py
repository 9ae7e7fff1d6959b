"""The calculation core imports nothing from Django, not even indirectly."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PAKKET = Path(__file__).resolve().parents[3] / "inkomen" / "rekenregels"


def test_import_laadt_geen_django():
    code = (
        "import sys, inkomen.rekenregels, inkomen.rekenregels.standaard; "
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')); "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=PAKKET.parents[1])  # noqa: S603


def test_alleen_stdlib_en_eigen_modules():
    toegestaan = {
        "__future__",
        "calendar",
        "collections",
        "dataclasses",
        "datetime",
        "decimal",
        "enum",
        "typing",
    }
    bestanden = sorted(PAKKET.glob("*.py"))
    assert len(bestanden) > 1, PAKKET  # a wrong path would check nothing
    for bestand in bestanden:
        for knoop in ast.walk(ast.parse(bestand.read_text())):
            if isinstance(knoop, ast.Import):
                namen = [a.name.split(".")[0] for a in knoop.names]
            elif isinstance(knoop, ast.ImportFrom) and knoop.level == 0:
                namen = [knoop.module.split(".")[0]]
            else:
                continue
            assert set(namen) <= toegestaan, (bestand.name, namen)
