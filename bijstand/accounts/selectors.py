"""Reads for users, teams and substitutions."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .models import Rol, Team, User, Vervanging
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
