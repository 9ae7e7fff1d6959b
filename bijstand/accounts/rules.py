"""Role predicates (object-level rules live with the objects, e.g. dossiers/rules.py)."""

import rules

from .models import Rol


def _rol(*rollen):
    @rules.predicate
    def check(user):
        return bool(user and user.is_authenticated and getattr(user, "rol", None) in rollen)

    check.__name__ = "is_" + "_of_".join(rollen)
    return check


is_werkconsulent = _rol(Rol.WERKCONSULENT)
is_inkomensconsulent = _rol(Rol.INKOMENSCONSULENT)
is_teamleider = _rol(Rol.TEAMLEIDER)
is_beheerder = _rol(Rol.BEHEERDER)
is_privacy_officer = _rol(Rol.PRIVACY)
is_burger = _rol(Rol.BURGER)
is_betaalrun_medewerker = _rol(Rol.BETAALRUN)
is_caseload_medewerker = _rol(Rol.WERKCONSULENT, Rol.INKOMENSCONSULENT, Rol.TEAMLEIDER)

rules.add_perm("accounts.view_caseload", is_caseload_medewerker)
rules.add_perm("accounts.view_dashboards", is_teamleider)
rules.add_perm("accounts.view_logboek", is_privacy_officer)
# Approve the personal-data scopes of system clients (four eyes on the beheerder's grant).
rules.add_perm("accounts.keur_koppelingen_goed", is_privacy_officer)
rules.add_perm("accounts.beheer", is_beheerder)
rules.add_perm("accounts.beheer_vervangingen", is_teamleider)
