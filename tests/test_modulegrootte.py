"""No god modules (issue 11 §4): a production module has at most 1,000 lines.

Production modules are the ``*.py`` files of the apps, without migrations, demo data
(``demo.py``) and tests. A module that is still bigger is listed in ``UITZONDERINGEN`` with its
line count as a ceiling: it may shrink, never grow, and its entry goes as soon as the module is
under the limit, so the list only gets shorter. When you split or shrink an excepted module,
lower its ceiling to the new count (or remove the entry).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = (
    "bijstand",
    "intake",
    "perspectief",
    "plan",
    "instrumentenhuis",
    "vacatures",
    "werkloont",
    "inkomen",
    "aanvraag",
)
MAX_REGELS = 1000

UITZONDERINGEN: dict[str, int] = {}


def _productiemodules() -> dict[str, Path]:
    modules = {}
    for app in APPS:
        for pad in (ROOT / app).rglob("*.py"):
            deel = pad.relative_to(ROOT)
            if "migrations" in deel.parts or "tests" in deel.parts:
                continue
            if pad.name == "demo.py" or pad.name.startswith("test_"):
                continue
            modules[deel.as_posix()] = pad
    return modules


def _regels(pad: Path) -> int:
    return len(pad.read_text(encoding="utf-8").splitlines())


def test_the_modules_are_found():
    modules = _productiemodules()
    assert "werkloont/services/planning.py" in modules
    assert "bijstand/dashboards/paginas/__init__.py" in modules
    assert not any("/migrations/" in naam or naam.endswith("/demo.py") for naam in modules)


def test_no_production_module_is_over_the_limit():
    te_groot = {
        naam: n
        for naam, pad in sorted(_productiemodules().items())
        if (n := _regels(pad)) > MAX_REGELS and naam not in UITZONDERINGEN
    }
    assert not te_groot, (
        f"Modules over {MAX_REGELS} lines: {te_groot}. Split them by concept (see "
        "werkloont/services/ or bijstand/dashboards/paginas/); do not add exceptions."
    )


def test_an_exception_only_shrinks():
    """Every excepted module still exists, is not bigger than its ceiling and is still over
    the limit (else its exception goes). The list is empty now: nothing is excepted."""
    for naam, plafond in sorted(UITZONDERINGEN.items()):
        pad = ROOT / naam
        assert pad.is_file(), f"{naam} no longer exists: remove it from UITZONDERINGEN."
        regels = _regels(pad)
        assert regels <= plafond, (
            f"{naam} grew to {regels} lines (ceiling {plafond}). An excepted module may only "
            "shrink: move code out instead."
        )
        assert regels > MAX_REGELS, (
            f"{naam} has {regels} lines, within the limit of {MAX_REGELS}: remove its exception."
        )
