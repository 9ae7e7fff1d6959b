"""Object permissions of the inkomen screens (django-rules, autodiscovered).

- ``inkomen.view_inkomen``: the dossier's werkcoach and its inkomensconsulent (or their formal
  substitutes) see the income data of a dossier; nobody else (a teamleider sees aggregates).
- ``inkomen.beoordeel_opgave`` and ``inkomen.registreer_opgave``: only the inkomensconsulent
  of the dossier accepts or rejects an opgave, or registers one on behalf of the burger.

The role checks (``kan_inkomen_zien`` / ``kan_opgaven_beoordelen``) decide 403 before the
scope check, so a 403 never reveals whether a dossier exists; scope itself answers 404.

Payment runs (no dossier scope: a run covers every dossier):

- ``inkomen.view_betaalruns``: inkomensconsulent, medewerker betaalruns and (functioneel)
  beheerder see the runs, their progress and totals (no person's data);
- ``inkomen.view_niet_betaald``: the inkomensconsulent also sees, per run, the dossiers of
  their own scope that could not be paid;
- ``inkomen.download_betaalbestand``: only the medewerker betaalruns (financial
  administration, no case content) downloads the pain.001 file: names and IBANs of everyone
  paid in the city; every person in it is logged on download.
"""

from __future__ import annotations

import rules

from bijstand.accounts.models import Rol
from bijstand.accounts.rules import (
    is_beheerder,
    is_betaalrun_medewerker,
    is_inkomensconsulent,
    is_werkconsulent,
)
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

rules.add_perm(
    "inkomen.view_betaalruns", is_inkomensconsulent | is_betaalrun_medewerker | is_beheerder
)
rules.add_perm("inkomen.view_niet_betaald", is_inkomensconsulent)
rules.add_perm("inkomen.download_betaalbestand", is_betaalrun_medewerker)
