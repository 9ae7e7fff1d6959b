"""Who sees the management dashboards.

The project has no separate manager role (yet): the teamleider (``accounts.view_dashboards``)
and the functioneel beheerder see the city-wide aggregates and may ask for fresh figures.
Neither sees a person here: the pages show suppressed aggregates only and link to no dossier.
The beheerder reaches the dashboards through a menu entry of this app (the teamleider has the
"Dashboards" entry of the main menu already).
"""

import rules

from bijstand.accounts.rules import is_beheerder, is_teamleider

rules.add_perm("dashboards.view_managementinfo", is_teamleider | is_beheerder)
rules.add_perm("dashboards.vernieuw_cijfers", is_teamleider | is_beheerder)
# Only for the menu entry: the teamleider already has "Dashboards" in the main menu.
rules.add_perm("dashboards.menu", is_beheerder)
