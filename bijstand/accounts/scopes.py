"""The scopes of system clients (API tokens), each classified once: does it reach personal data?

A scope that reaches personal data (reads or writes data about a person) takes effect only
after a privacy officer approves it for that client (``services.keur_koppeling_goed``); a
scope without personal data works as soon as the functioneel beheerder grants it.

The views declare the scope they need (``vereiste_scope`` in the app's api.py); a test checks
that every declared scope is listed here. A scope that is not listed counts as personal data
(the safe default). Plain constants, no model imports: the data migration uses them too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Scope:
    code: str
    omschrijving: str
    persoonsgegevens: bool


_SCOPES = (
    Scope("dossiers:lezen", _("Alle dossiers lezen (naam, adres, huishouden)"), True),
    Scope("journaal:lezen", _("Het journaal van elk dossier lezen"), True),
    Scope("intake:lezen", _("De brede intake van elk dossier lezen"), True),
    Scope("perspectief:lezen", _("Metingen en perspectief van elk dossier lezen"), True),
    Scope("plan:lezen", _("Het plan van aanpak van elk dossier lezen"), True),
    Scope("werkloont:lezen", _("Programma's en agenda van elk dossier lezen"), True),
    Scope(
        "werkloont:aanwezigheid",
        _("Aanwezigheid van eigen deelnemers doorgeven (begeleider)"),
        True,
    ),
    Scope(
        "instrumentenhuis:rapporteren",
        _("Eigen inzetten met de naam van de deelnemer lezen en rapporteren (aanbieder)"),
        True,
    ),
    Scope(
        "loongegevens:schrijven",
        _("Loongegevens van eigen werknemers in de bijstand aanleveren (werkgever)"),
        True,
    ),
    Scope(
        "aanvraag:lezen",
        _("Alle aanvragen bijstand lezen (naam, status, termijnen, besluit, voorschot)"),
        True,
    ),
    Scope(
        "aanvraag:schrijven",
        _("Meldingen registreren (met BSN) en aanvragen invullen, aanvullen en indienen"),
        True,
    ),
    Scope("instrumentenhuis:catalogus", _("De catalogus van instrumenten lezen"), False),
    Scope("vacatures:lezen", _("Werkgevers en vacatures lezen (geen persoonsgegevens)"), False),
    Scope("inkomen:proefberekening", _("Een anonieme proefberekening maken"), False),
)

SCOPES: dict[str, Scope] = {s.code: s for s in _SCOPES}


def bereikt_persoonsgegevens(scope: str) -> bool:
    """True for a scope that reaches personal data, and for any scope not listed here."""
    bekend = SCOPES.get(scope)
    return bekend is None or bekend.persoonsgegevens


def persoonsgegevens_scopes(scopes: Iterable[str]) -> list[str]:
    """The scopes among ``scopes`` that need a privacy officer's approval, sorted."""
    return sorted({s for s in scopes if bereikt_persoonsgegevens(s)})


def omschrijving(scope: str) -> str:
    bekend = SCOPES.get(scope)
    return str(bekend.omschrijving) if bekend else str(_("Onbekende scope"))
