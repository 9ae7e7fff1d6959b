"""Reads for users, teams, substitutions and the approval of system clients."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from bijstand.logboek.models import AuditRegel

from .models import Rol, SysteemClient, Team, User, Vervanging
from .services import VERVANGBARE_ROLLEN


def geleide_team_ids(user: User) -> list[int]:
    return list(Team.objects.filter(teamleider=user).values_list("pk", flat=True))


def vervangingen_voor_teamleider(user: User) -> QuerySet[Vervanging]:
    """Substitutions concerning members of the teams `user` leads, newest period first."""
    if getattr(user, "rol", None) != Rol.TEAMLEIDER:
        return Vervanging.objects.none()
    teams = geleide_team_ids(user)
    return (
        Vervanging.objects.filter(Q(afwezige__team_id__in=teams) | Q(vervanger__team_id__in=teams))
        .select_related("afwezige", "vervanger", "vastgelegd_door")
        .order_by("-van", "-id")
    )


def vervangbare_teamleden(user: User) -> QuerySet[User]:
    """Active werkconsulenten/inkomensconsulenten in the teams `user` leads."""
    if getattr(user, "rol", None) != Rol.TEAMLEIDER:
        return User.objects.none()
    return User.objects.filter(
        team_id__in=geleide_team_ids(user), rol__in=VERVANGBARE_ROLLEN, is_active=True
    ).order_by("last_name", "first_name", "username")


# --- system clients: the privacy officer's approvals --------------------------------------------
# Whether a client waits depends on its scopes (JSON) against the classification in
# accounts.scopes, so the test runs in Python over the clients that have any scope: a city
# has tens to a few hundred of them (employers' payroll systems, providers), not thousands.


def _koppelingen_met_scopes() -> list[SysteemClient]:
    return list(
        SysteemClient.objects.exclude(scopes=[])
        .select_related("aangemaakt_door", "goedgekeurd_door")
        .order_by("aangemaakt_op", "pk")
    )


def koppelingen_wachtend() -> list[SysteemClient]:
    """Active clients with personal-data scopes that wait for approval, oldest first."""
    return [c for c in _koppelingen_met_scopes() if c.actief and c.wacht_op_goedkeuring]


def koppelingen_goedgekeurd() -> list[SysteemClient]:
    """Clients whose approved personal-data scopes work for their current token."""
    return [
        c
        for c in reversed(_koppelingen_met_scopes())
        if set(c.gevraagde_persoonsgegevens_scopes) - set(c.wachtende_scopes)
    ]


def aantal_koppelingen_wachtend() -> int:
    return len(koppelingen_wachtend())


def koppeling_besluiten() -> QuerySet[AuditRegel]:
    """The audit trail of system clients (created, changed, new token, approved, rejected,
    revoked), newest first."""
    return (
        AuditRegel.objects.filter(actie__startswith="systeemkoppeling_")
        .select_related("gebruiker")
        .order_by("-op", "-id")
    )
