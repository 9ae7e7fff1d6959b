"""Draaideur (issue 14): a person who comes back within 12 months after an ending with reason
werk. Detected when the werkcoach looks at the nazorg page: every dossier in their caseload that
is not ended, whose person had an earlier dossier ended with reason werk in the 12 months before
the new aanvraagdatum, and whose reason is not yet recorded. The werkcoach records the reason
(``leg_terugkeer_vast``); one row per new dossier.

"Within 12 months" is 365 days (one definition for the list and the record).
Not yet: a dossier that is reopened (``heropend``) rather than a new one, and the dashboard
cell with the return rate by route and instrument.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import DateField, Exists, ExpressionWrapper, OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from bijstand.dossiers.models import Beeindigingsreden, Dossier, DossierStatus
from bijstand.logboek.services import log_verwerking

from .models_nazorg import Terugkeer, TerugkeerReden
from .nazorg import MAX_TEKST, _coach_ids

if TYPE_CHECKING:
    from bijstand.accounts.models import User

# [U] "within 12 months" is taken as within 365 days after the last day with recht.
TERMIJN = datetime.timedelta(days=365)


def _eerder_werk_qs() -> QuerySet[Dossier]:
    return Dossier.objects.filter(
        werkzoekende_id=OuterRef("werkzoekende_id"),
        status=DossierStatus.BEEINDIGD,
        beeindigingsreden=Beeindigingsreden.WERK,
        einddatum__lte=OuterRef("aanvraagdatum"),
        einddatum__gte=ExpressionWrapper(
            OuterRef("aanvraagdatum") - TERMIJN, output_field=DateField()
        ),
    ).exclude(pk=OuterRef("pk"))


def eerder_werk_einde(dossier: Dossier) -> Dossier | None:
    """The latest earlier dossier of the same person ended with reason werk within 12 months
    before this dossier's aanvraagdatum, or None."""
    grens = dossier.aanvraagdatum - TERMIJN
    return (
        Dossier.objects.filter(
            werkzoekende_id=dossier.werkzoekende_id,
            status=DossierStatus.BEEINDIGD,
            beeindigingsreden=Beeindigingsreden.WERK,
            einddatum__lte=dossier.aanvraagdatum,
            einddatum__gte=grens,
        )
        .exclude(pk=dossier.pk)
        .order_by("-einddatum", "-pk")
        .first()
    )


def te_registreren_queryset(*, user: User) -> QuerySet[Dossier]:
    """Dossiers in the user's caseload that are a return within 12 months, reason not recorded."""
    coaches = _coach_ids(user)
    if not coaches:
        return Dossier.objects.none()
    laatste = _eerder_werk_qs().order_by("-einddatum", "-pk")
    return (
        Dossier.objects.filter(werkcoach_id__in=coaches)
        .exclude(status=DossierStatus.BEEINDIGD)
        .annotate(
            werk_einde=Subquery(laatste.values("einddatum")[:1]),
            heeft_terugkeer=Exists(Terugkeer.objects.filter(nieuw_dossier_id=OuterRef("pk"))),
        )
        .filter(werk_einde__isnull=False, heeft_terugkeer=False)
        .select_related("werkzoekende")
        .order_by("aanvraagdatum", "pk")
    )


def dossier_voor_terugkeer(*, user: User, pk: int) -> Dossier:
    dossier = te_registreren_queryset(user=user).filter(pk=pk).first()
    if dossier is None:
        raise Http404
    return dossier


def leg_terugkeer_vast(*, dossier: Dossier, reden: Any, toelichting: Any, door: User) -> Terugkeer:
    """Record the reason of a return within 12 months (once per new dossier)."""
    if reden not in TerugkeerReden.values:
        raise ValidationError({"reden": _("Kies een reden.")})
    toelichting = toelichting.strip() if isinstance(toelichting, str) else ""
    if len(toelichting) > MAX_TEKST:
        raise ValidationError(
            {"toelichting": _("Gebruik maximaal %(n)s tekens.") % {"n": MAX_TEKST}}
        )
    eerder = eerder_werk_einde(dossier)
    if eerder is None:
        raise ValidationError(_("Deze persoon kwam niet binnen 12 maanden na werk terug."))
    try:
        with transaction.atomic():
            terugkeer = Terugkeer.objects.create(
                werkzoekende_id=dossier.werkzoekende_id,
                eerder_dossier=eerder,
                nieuw_dossier=dossier,
                reden=reden,
                toelichting=toelichting,
                vastgelegd_door=door,
            )
            log_verwerking(
                activiteit="reintegratie",
                operatie="leg_terugkeer_vast",
                subjects=[dossier.werkzoekende.log_subject],
                soorten_gegevens=["nazorg"],
                actor=door,
            )
    except IntegrityError:
        raise ValidationError(_("De reden is al vastgelegd.")) from None
    return terugkeer
