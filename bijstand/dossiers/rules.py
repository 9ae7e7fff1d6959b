"""Object permissions on dossiers (django-rules). Autodiscovered."""

import rules

from bijstand.accounts.rules import (
    is_inkomensconsulent,
    is_teamleider,
    is_werkconsulent,
)

from .scope import is_werkcoach_van, mag_dossier_zien


@rules.predicate
def in_scope(user, dossier):
    return dossier is not None and mag_dossier_zien(user, dossier)


@rules.predicate
def is_eigen_werkcoach(user, dossier):
    return dossier is not None and is_werkcoach_van(user, dossier)


@rules.predicate
def leidt_team_van_werkcoach(user, dossier):
    return dossier is not None and is_teamleider(user) and mag_dossier_zien(user, dossier)


rules.add_perm("dossiers.view_dossier", in_scope)
rules.add_perm("dossiers.add_journaalregel", in_scope & (is_werkconsulent | is_inkomensconsulent))
rules.add_perm("dossiers.view_vertrouwelijk", is_eigen_werkcoach)
rules.add_perm("dossiers.wijzig_status", in_scope & (is_werkconsulent | is_inkomensconsulent))
rules.add_perm("dossiers.overdragen", leidt_team_van_werkcoach)
# Berichten to the burger: the dossier's werkcoach or inkomensconsulent (and their substitutes).
rules.add_perm("dossiers.stuur_bericht", in_scope & (is_werkconsulent | is_inkomensconsulent))

# Wijzigingen (issue 14): the consulenten of the dossier handle and register them.
rules.add_perm("dossiers.behandel_wijziging", in_scope & (is_werkconsulent | is_inkomensconsulent))
rules.add_perm("dossiers.view_wijzigingen", is_werkconsulent | is_inkomensconsulent)
