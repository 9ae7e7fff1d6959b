"""Object permissions of the intake (django-rules, autodiscovered).

- ``intake.view_intake_scherm`` / ``intake.wijzig_intake_scherm``: the role may ever see / fill
  in intakes (checked first, so a 403 never reveals whether a dossier exists);
- ``intake.view_intake``: a dossier in scope for a werkconsulent, inkomensconsulent or
  teamleider (confidential answers only with ``dossiers.view_vertrouwelijk``: the dossier's own
  werkcoach or today's formal substitute);
- ``intake.wijzig_intake``: start, fill in and finalise: only the dossier's werkcoach (or
  substitute), who also sees the confidential steps.
"""

from __future__ import annotations

import rules

from bijstand.accounts.rules import is_caseload_medewerker, is_werkconsulent
from bijstand.dossiers.scope import is_werkcoach_van, mag_dossier_zien


@rules.predicate
def dossier_in_scope(user, dossier):
    return dossier is not None and mag_dossier_zien(user, dossier)


@rules.predicate
def is_werkcoach_van_dossier(user, dossier):
    return dossier is not None and is_werkcoach_van(user, dossier)


rules.add_perm("intake.view_intake_scherm", is_caseload_medewerker)
rules.add_perm("intake.wijzig_intake_scherm", is_werkconsulent)
rules.add_perm("intake.view_intake", is_caseload_medewerker & dossier_in_scope)
rules.add_perm("intake.wijzig_intake", is_werkcoach_van_dossier)
