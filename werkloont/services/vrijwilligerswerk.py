"""Volunteer work -> competences: what the person shows in volunteer work becomes Vaardigheden
(and optionally work experience) in the uitstroomperspectief, through ``perspectief.services``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bijstand.accounts.models import User

from ..models import Activiteit, ActiviteitSoort
from ._basis import log


def vertaal_vrijwilligerswerk(
    *,
    activiteit: Activiteit,
    competenties: Iterable[str],
    door: User | None,
    als_werkervaring: bool = False,
    request: Any = None,
) -> int:
    """Record the competences shown in volunteer work as Vaardigheden of the person (they feed
    the uitstroomperspectief); optionally count the linked occupation as work experience.
    Returns the number of new competences."""
    from perspectief import services as perspectief_services
    from perspectief.models import Profiel

    if activiteit.soort != ActiviteitSoort.VRIJWILLIGERSWERK:
        raise ValidationError(
            {"competenties": _("Alleen vrijwilligerswerk wordt vertaald naar competenties.")}
        )
    namen = list(dict.fromkeys(c.strip()[:200] for c in competenties if c and c.strip()))
    if not namen:
        raise ValidationError({"competenties": _("Vul minstens één competentie in.")})
    if als_werkervaring and activiteit.beroep_id is None:
        raise ValidationError(
            {"als_werkervaring": _("Koppel eerst een beroep aan dit vrijwilligerswerk.")}
        )
    bron = _("Vrijwilligerswerk: %(titel)s") % {"titel": activiteit.titel}
    with transaction.atomic():
        nieuw = perspectief_services.leg_vaardigheden_vast(
            dossier=activiteit.dossier, vaardigheden=[(n, bron) for n in namen], door=door
        )
        if als_werkervaring:
            profiel = Profiel.objects.filter(dossier=activiteit.dossier).first()
            ervaring = list(profiel.beroepen_ervaring) if profiel else []
            if activiteit.beroep.isco_code not in ervaring:
                perspectief_services.werk_profiel_bij(
                    dossier=activiteit.dossier,
                    door=door,
                    beroepen_ervaring=[*ervaring, activiteit.beroep.isco_code],
                )
        log(
            dossier=activiteit.dossier,
            operatie="vertaal_vrijwilligerswerk",
            door=door,
            request=request,
            soorten=("agenda", "vaardigheden"),
        )
    return nieuw
