"""Object permissions of the werkweekagenda (django-rules, autodiscovered).

- ``werkloont.view_agenda_scherm``: werkconsulent and teamleider may open agenda screens at all
  (an inkomensconsulent, beheerder or privacy officer: 403 before any scope check).
- ``werkloont.view_agenda``: the dossier is in the user's scope (own caseload, formal
  substitution, team of a teamleider).
- ``werkloont.plan_agenda`` (plan, programmes, presence, approve a week, competences): only the
  dossier's werkcoach or today's formal substitute. A teamleider reads.
- ``werkloont.view_groepen`` / ``werkloont.view_signalen``: werkconsulent and teamleider.

Confidential details (health activities) follow ``dossiers.view_vertrouwelijk`` (own werkcoach).
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


kan_agenda_zien = is_werkconsulent | is_teamleider

rules.add_perm("werkloont.view_agenda_scherm", kan_agenda_zien)
rules.add_perm("werkloont.view_agenda", kan_agenda_zien & dossier_in_scope)
rules.add_perm("werkloont.plan_agenda", is_werkconsulent & is_werkcoach_van_dossier)
rules.add_perm("werkloont.view_groepen", kan_agenda_zien)
rules.add_perm("werkloont.view_signalen", kan_agenda_zien)
