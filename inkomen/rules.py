"""Object permissions of the inkomen screens (django-rules, autodiscovered).

- ``inkomen.view_inkomen``: the dossier's werkcoach and its inkomensconsulent (or their formal
  substitutes) see the income data of a dossier; nobody else (a teamleider sees aggregates).
- ``inkomen.beoordeel_opgave`` and ``inkomen.registreer_opgave``: only the inkomensconsulent
  of the dossier accepts or rejects an opgave, or registers one on behalf of the burger.

The role checks (``kan_inkomen_zien`` / ``kan_opgaven_beoordelen``) decide 403 before the
scope check, so a 403 never reveals whether a dossier exists; scope itself answers 404.
"""

from __future__ import annotations

import rules

from bijstand.accounts.models import Rol
from bijstand.accounts.rules import is_inkomensconsulent, is_werkconsulent
from bijstand.dossiers.scope import is_werkcoach_van, mag_dossier_zien


@rules.predicate
def is_werkcoach_van_dossier(user, dossier):
    return dossier is not None and is_werkcoach_van(user, dossier)


@rules.predicate
def is_inkomensconsulent_van_dossier(user, dossier):
    return (
        dossier is not None
        and getattr(user, "rol", None) == Rol.INKOMENSCONSULENT
        and mag_dossier_zien(user, dossier)
    )


kan_inkomen_zien = is_werkconsulent | is_inkomensconsulent
kan_opgaven_beoordelen = is_inkomensconsulent

rules.add_perm("inkomen.view_inkomen_scherm", kan_inkomen_zien)
rules.add_perm("inkomen.beoordeel_opgaven_scherm", kan_opgaven_beoordelen)
rules.add_perm("inkomen.view_inkomen", is_werkcoach_van_dossier | is_inkomensconsulent_van_dossier)
rules.add_perm("inkomen.beoordeel_opgave", is_inkomensconsulent_van_dossier)
rules.add_perm("inkomen.registreer_opgave", is_inkomensconsulent_van_dossier)
