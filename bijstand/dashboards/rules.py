"""Who sees the management dashboards.

The project has no separate manager role (yet): the teamleider (``accounts.view_dashboards``)
and the functioneel beheerder see the city-wide aggregates and may ask for fresh figures.
Neither sees a person here: the pages show suppressed aggregates only and link to no dossier.
Both reach them through the main menu's "Dashboards" entry.
"""

import rules

from bijstand.accounts.rules import is_beheerder, is_teamleider

rules.add_perm("dashboards.view_managementinfo", is_teamleider | is_beheerder)
rules.add_perm("dashboards.vernieuw_cijfers", is_teamleider | is_beheerder)
