"""Object permissions of the perspectief screens and API (django-rules, autodiscovered).

- ``perspectief.view_perspectief_scherm`` (role, checked first: 403 before scope): the
  werkconsulent and the teamleider work with perspectives; an inkomensconsulent, beheerder,
  privacy officer or burger does not (the burger has "Mijn perspectief" in the portal).
- ``perspectief.view_perspectief``: the dossier is in the user's scope (own caseload or
  formal substitution; the teamleider's team). Out of scope answers 404 before this check.
- ``perspectief.wijzig_perspectief``: only the dossier's own werkcoach (or today's formal
  substitute) records measurements, targets, barriers, skills and the work profile.
- ``perspectief.besluit_route``: only the own werkcoach decides segment and route.
- Confidential leefgebieden (health, addiction, justice) follow ``dossiers.view_vertrouwelijk``
  (the own werkcoach only); the teamleider sees that they exist, not their content.
"""

from __future__ import annotations

import rules

from bijstand.accounts.rules import is_teamleider, is_werkconsulent
from bijstand.dossiers.scope import is_werkcoach_van, mag_dossier_zien


@rules.predicate
def is_werkcoach_van_dossier(user, dossier):
    return dossier is not None and is_werkcoach_van(user, dossier)


@rules.predicate
def dossier_in_scope(user, dossier):
    return dossier is not None and mag_dossier_zien(user, dossier)


kan_perspectief_zien = is_werkconsulent | is_teamleider

rules.add_perm("perspectief.view_perspectief_scherm", kan_perspectief_zien)
rules.add_perm("perspectief.view_perspectief", kan_perspectief_zien & dossier_in_scope)
rules.add_perm("perspectief.wijzig_perspectief", is_werkcoach_van_dossier)
rules.add_perm("perspectief.besluit_route", is_werkcoach_van_dossier)
