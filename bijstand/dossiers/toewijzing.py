"""Which werkcoach takes a new melding: the team of the person's wijk, the smallest caseload.

The wijk follows from the four-digit postcode (``Wijk.postcodes``, reference data that beheer
corrects); the wijk's team (``Wijk.team``) is set by beheer. Without a wijk or a team with
active werkconsulenten, every active werkconsulent is a candidate. Among the candidates the one
with the fewest active dossiers gets the dossier (ties: the longest-serving account).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from bijstand.accounts.models import Rol, User

from .models import ACTIEVE_STATUSSEN, Wijk


def wijk_voor_postcode(postcode: str) -> Wijk | None:
    """The wijk whose PC4 list holds the first four digits of ``postcode`` (None if none).

    A PC4 area can lie in more than one wijk; then a wijk that beheer gave a team wins (the
    team is what the assignment needs), else the first by code."""
    pc4 = "".join(c for c in (postcode or "") if c.isdigit())[:4]
    if len(pc4) != 4:
        return None
    kandidaten = [
        wijk
        for wijk in Wijk.objects.filter(postcodes__contains=pc4).order_by("code")
        if pc4 in {p.strip() for p in wijk.postcodes.split(",")}
    ]
    met_team = [w for w in kandidaten if w.team_id is not None]
    return (met_team or kandidaten or [None])[0]


def kies_werkcoach(*, wijk: Wijk | None) -> User:
    """The werkcoach for a new dossier (module docstring). Raises ValidationError when the
    organisation has no active werkconsulent at all."""
    kandidaten = User.objects.filter(rol=Rol.WERKCONSULENT, is_active=True)
    if wijk is not None and wijk.team_id is not None:
        in_team = kandidaten.filter(team_id=wijk.team_id)
        if in_team.exists():
            kandidaten = in_team
    werkcoach = (
        kandidaten.annotate(
            actief=Count("caseload", filter=Q(caseload__status__in=ACTIEVE_STATUSSEN))
        )
        .order_by("actief", "date_joined", "pk")
        .first()
    )
    if werkcoach is None:
        raise ValidationError(
            _("Er is nog geen werkconsulent om de aanvraag aan toe te wijzen. Neem contact op.")
        )
    return werkcoach
