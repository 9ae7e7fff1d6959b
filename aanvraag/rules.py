"""Permissions of the front door's staff screens (django-rules, autodiscovered).

Role checks first (a 403 before anything is read, so it never reveals whether an aanvraag
exists), then the object rule on the aanvraag:

- ``aanvraag.melding_scherm``: werkconsulent and inkomensconsulent register a melding at the
  loket (search by BSN, BRP prefill);
- ``aanvraag.view_werklijst``: inkomensconsulent and teamleider (menu "Aanvragen");
- ``aanvraag.view_aanvraag_scherm``: werkconsulent, inkomensconsulent, teamleider may ever open
  an aanvraag page (or the dossier's "Aanvraag" tab);
- ``aanvraag.bekijk_aanvraag`` (object: Aanvraag): ``selectors.mag_aanvraag_behandelen``
  (its inkomensconsulent or any while it is in the pool, the werkcoach, the werkcoach's
  teamleider, the consulent who registered it while it is a concept);
- ``aanvraag.vul_aanvraag_in`` (object): a werkconsulent or inkomensconsulent who may see the
  aanvraag fills the steps for the burger at the loket while it is a concept;
- ``aanvraag.neem_in_behandeling`` (object): an inkomensconsulent who may see it, before the
  besluit; the same for ``aanvraag.registreer_ingebrekestelling`` once it is sent;
- ``aanvraag.voeg_stuk_toe`` (object): a werkconsulent or inkomensconsulent who may see it adds
  a paper stuk received at the loket, before the besluit;
- ``aanvraag.behandel_aanvraag`` (object): the dossier's own inkomensconsulent (who took it up):
  stukken, checklist, ingebrekestelling, voorschot, besluit. The services check the same.
- the admin: a functioneel beheerder edits the aanvraagbeleid and reads (no case content) the
  aanvragen and besluiten (Django's model permission names ``aanvraag.view_aanvraag`` etc.,
  which is why the screens' object rules have Dutch names).
"""

from __future__ import annotations

import rules

from bijstand.accounts.models import Rol
from bijstand.accounts.rules import (
    is_beheerder,
    is_caseload_medewerker,
    is_inkomensconsulent,
    is_teamleider,
    is_werkconsulent,
)

from . import selectors
from .models import OPEN_STATUSSEN, TE_BESLISSEN, AanvraagStatus


@rules.predicate
def mag_aanvraag_zien(user, aanvraag) -> bool:
    return aanvraag is not None and selectors.mag_aanvraag_behandelen(user, aanvraag)


@rules.predicate
def is_concept(user, aanvraag) -> bool:
    return aanvraag is not None and aanvraag.status == AanvraagStatus.CONCEPT


@rules.predicate
def is_open(user, aanvraag) -> bool:
    return aanvraag is not None and aanvraag.status in OPEN_STATUSSEN


@rules.predicate
def is_te_beslissen(user, aanvraag) -> bool:
    return aanvraag is not None and aanvraag.status in TE_BESLISSEN


@rules.predicate
def is_behandelaar(user, aanvraag) -> bool:
    return (
        aanvraag is not None
        and getattr(user, "rol", None) == Rol.INKOMENSCONSULENT
        and aanvraag.dossier.inkomensconsulent_id == user.pk
    )


loket_medewerker = is_werkconsulent | is_inkomensconsulent

rules.add_perm("aanvraag.melding_scherm", loket_medewerker)
rules.add_perm("aanvraag.view_werklijst", is_inkomensconsulent | is_teamleider)
rules.add_perm("aanvraag.view_aanvraag_scherm", is_caseload_medewerker)
rules.add_perm("aanvraag.bekijk_aanvraag", is_caseload_medewerker & mag_aanvraag_zien)
rules.add_perm("aanvraag.vul_aanvraag_in", loket_medewerker & mag_aanvraag_zien & is_concept)
rules.add_perm("aanvraag.neem_in_behandeling", is_inkomensconsulent & mag_aanvraag_zien & is_open)
rules.add_perm(
    "aanvraag.registreer_ingebrekestelling",
    is_inkomensconsulent & mag_aanvraag_zien & is_te_beslissen,
)
rules.add_perm("aanvraag.voeg_stuk_toe", loket_medewerker & mag_aanvraag_zien & is_open)
rules.add_perm("aanvraag.behandel_aanvraag", is_behandelaar)

# The admin (beheer): the policy as data, and a read-only view without case content.
rules.add_perm("aanvraag", is_beheerder)  # the app in the admin index (has_module_perms)
rules.add_perm("aanvraag.view_aanvraagbeleid", is_beheerder)
rules.add_perm("aanvraag.add_aanvraagbeleid", is_beheerder)
rules.add_perm("aanvraag.change_aanvraagbeleid", is_beheerder)
rules.add_perm("aanvraag.view_aanvraag", is_beheerder)
rules.add_perm("aanvraag.view_besluit", is_beheerder)
