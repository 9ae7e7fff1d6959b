"""Object permissions of the inkomen screens (django-rules, autodiscovered).

- ``inkomen.view_inkomen``: the dossier's werkcoach and its inkomensconsulent (or their formal
  substitutes) see the income data of a dossier; nobody else (a teamleider sees aggregates).
- ``inkomen.beoordeel_opgave`` and ``inkomen.registreer_opgave``: only the inkomensconsulent
  of the dossier accepts or rejects an opgave, or registers one on behalf of the burger.
- ``inkomen.schort_op`` and ``inkomen.handel_signaal_af``: only the inkomensconsulent of the
  dossier suspends the uitkering, lifts the opschorting or withdraws the right, and marks its
  signals done; ``inkomen.view_signalen``: the worklist "Signalen" (inkomensconsulent).

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
# "Werk gevonden" (issue 14): the werkcoach or the inkomensconsulent of the dossier registers
# a dienstverband (then the employer's payroll lines for this person are accepted).
rules.add_perm(
    "inkomen.registreer_dienstverband", is_werkcoach_van_dossier | is_inkomensconsulent_van_dossier
)
# Periods (issue 13, inkomen.perioden): the inkomensconsulent of the dossier suspends, lifts
# or withdraws (art. 54 PW) and handles the signals; the worklist is for that role.
rules.add_perm("inkomen.schort_op", is_inkomensconsulent_van_dossier)
rules.add_perm("inkomen.handel_signaal_af", is_inkomensconsulent_van_dossier)
rules.add_perm("inkomen.view_signalen", is_inkomensconsulent)

rules.add_perm(
    "inkomen.view_betaalruns", is_inkomensconsulent | is_betaalrun_medewerker | is_beheerder
)
rules.add_perm("inkomen.view_niet_betaald", is_inkomensconsulent)

# Bulk recalculation runs after a rule-set change (inkomen.herberekeningsrun): the functioneel
# beheerder (who edits the rules in the admin) sees and starts them; the medewerker betaalruns
# sees them (they change what the next run pays). No person's data on these screens.
rules.add_perm("inkomen.view_herberekeningen", is_beheerder | is_betaalrun_medewerker)
rules.add_perm("inkomen.start_herberekening", is_beheerder)
rules.add_perm("inkomen.download_betaalbestand", is_betaalrun_medewerker)
