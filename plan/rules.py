"""Object permissions of the plan van aanpak (django-rules, autodiscovered).

Staff, in this order (a 403 never reveals whether a dossier exists):

1. role: ``plan.view_plan_scherm`` (werkconsulent, inkomensconsulent, teamleider) for reading,
   ``plan.wijzig_plan_scherm`` (werkconsulent) for writing, ``plan.view_meldingen_scherm``
   (werkconsulent) for the list of notifications -> else 403;
2. scope: ``dossier_voor_gebruiker`` -> 404 outside the caseload;
3. object: ``plan.view_plan`` (anyone who may see the dossier), ``plan.wijzig_plan`` (only the
   dossier's own werkcoach or today's formal substitute) -> else 403.

Goals on a confidential leefgebied (and their actions) are shown only to the own werkcoach
(``dossiers.view_vertrouwelijk``) and to the burger.

Burger: only their own dossier (``plan.view_eigen_plan``); ``plan.meld_klaar`` on an action
they own.
"""

from __future__ import annotations

import rules

from bijstand.accounts.rules import is_burger, is_caseload_medewerker, is_werkconsulent
from bijstand.dossiers.scope import is_werkcoach_van, mag_dossier_zien

from .models import Eigenaar


@rules.predicate
def mag_dossier_bekijken(user, dossier):
    return dossier is not None and mag_dossier_zien(user, dossier)


@rules.predicate
def is_eigen_werkcoach(user, dossier):
    return dossier is not None and is_werkcoach_van(user, dossier)


@rules.predicate
def is_eigen_dossier(user, dossier):
    return dossier is not None and dossier.werkzoekende.account_id == user.pk


@rules.predicate
def is_eigen_actie(user, actie):
    return (
        actie is not None
        and actie.eigenaar == Eigenaar.BURGER
        and actie.plan.dossier.werkzoekende.account_id == user.pk
    )


rules.add_perm("plan.view_plan_scherm", is_caseload_medewerker)
rules.add_perm("plan.wijzig_plan_scherm", is_werkconsulent)
rules.add_perm("plan.view_meldingen_scherm", is_werkconsulent)
rules.add_perm("plan.view_plan", is_caseload_medewerker & mag_dossier_bekijken)
rules.add_perm("plan.wijzig_plan", is_werkconsulent & is_eigen_werkcoach)
rules.add_perm("plan.view_eigen_plan", is_burger & is_eigen_dossier)
rules.add_perm("plan.meld_klaar", is_burger & is_eigen_actie)
