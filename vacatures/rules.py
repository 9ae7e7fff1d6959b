"""Permissions of the werkgeversdienstverlening (django-rules, autodiscovered).

- ``vacatures.view_vacatures``: werkconsulent and teamleider see employers, vacancies and the
  candidates of a vacancy (names only of the own scope, see ``vacatures.selectors``);
- ``vacatures.beheer_vacatures``: they also register and change employers and vacancies;
- ``vacatures.voordragen`` (object: dossier) and ``vacatures.wijzig_voordracht`` (object:
  voordracht): only the dossier's own werkcoach (or today's formal substitute) proposes a
  candidate and records the interview, placement or rejection.

Role checks come first (403), so a 403 never reveals whether a dossier exists; scope answers
404.
"""

from __future__ import annotations

import rules

from bijstand.accounts.rules import is_teamleider, is_werkconsulent
from bijstand.dossiers.scope import is_werkcoach_van


@rules.predicate
def is_werkcoach_van_dossier(user, dossier):
    return dossier is not None and is_werkcoach_van(user, dossier)


@rules.predicate
def is_werkcoach_van_kandidaat(user, voordracht):
    return voordracht is not None and is_werkcoach_van(user, voordracht.dossier)


kan_vacatures_zien = is_werkconsulent | is_teamleider

rules.add_perm("vacatures.view_vacatures", kan_vacatures_zien)
rules.add_perm("vacatures.beheer_vacatures", kan_vacatures_zien)
rules.add_perm("vacatures.view_voordrachten", is_werkconsulent)
rules.add_perm("vacatures.voordragen", is_werkconsulent & is_werkcoach_van_dossier)
rules.add_perm("vacatures.wijzig_voordracht", is_werkconsulent & is_werkcoach_van_kandidaat)
