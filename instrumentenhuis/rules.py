"""Object permissions of the instrumentenhuis (django-rules, autodiscovered).

- ``instrumentenhuis.view_catalogus``: the catalogue (no personal data): werkconsulent,
  inkomensconsulent, teamleider and functioneel beheerder.
- ``instrumentenhuis.view_inzetten_scherm`` / ``instrumentenhuis.view_inzetten``: the
  "Instrumenten" tab of a dossier: the werkcoach, the inkomensconsulent and the teamleider of a
  dossier in their scope (scope itself answers 404). Inzetten on confidential leefgebieden only
  for the dossier's own werkcoach (``dossiers.view_vertrouwelijk``).
- ``instrumentenhuis.beheer_inzet``: request, approve, start, complete, stop, record a
  provider's report and the employer terms: only the dossier's own werkcoach (or today's
  formal substitute).
- ``instrumentenhuis.view_kandidaten``: eligible people for an instrument in the own caseload:
  werkconsulenten only.

Role checks (``*_scherm``) come before the scope check, so a 403 never reveals whether a
dossier exists.
"""

from __future__ import annotations

import rules

from bijstand.accounts.rules import (
    is_beheerder,
    is_inkomensconsulent,
    is_teamleider,
    is_werkconsulent,
)
from bijstand.dossiers.scope import is_werkcoach_van, mag_dossier_zien


@rules.predicate
def in_scope(user, dossier):
    return dossier is not None and mag_dossier_zien(user, dossier)


@rules.predicate
def is_werkcoach_van_dossier(user, dossier):
    return dossier is not None and is_werkcoach_van(user, dossier)


kan_inzetten_zien = is_werkconsulent | is_inkomensconsulent | is_teamleider

rules.add_perm("instrumentenhuis.view_catalogus", kan_inzetten_zien | is_beheerder)
rules.add_perm("instrumentenhuis.view_inzetten_scherm", kan_inzetten_zien)
rules.add_perm("instrumentenhuis.view_inzetten", kan_inzetten_zien & in_scope)
rules.add_perm("instrumentenhuis.beheer_inzetten_scherm", is_werkconsulent)
rules.add_perm("instrumentenhuis.beheer_inzet", is_werkcoach_van_dossier)
rules.add_perm("instrumentenhuis.view_kandidaten", is_werkconsulent)
