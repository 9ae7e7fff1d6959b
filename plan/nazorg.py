"""Nazorg after uitstroom naar werk: start on the ending, the werkcoach's worklist, help requests.

Writes (``start_bij_einde``, ``handel_contact_af``, ``vraag_hulp``) and reads (the worklist, the
burger's current nazorg). The start runs as an end hook of the hub (:mod:`bijstand.dossiers.
haken`) inside the transaction that ends the dossier: nazorg is planned only when the reason is
werk and a policy row is valid on the last day with recht.

Access: the worklist shows the open contacts of dossiers whose werkcoach of record is the user
(or a colleague they formally substitute today). An ended dossier keeps its werkcoach, so it
stays in the werkcoach's scope; the worklist shows only dossiers that are still ended (a
reopened dossier is back in the normal caseload).
"""

from __future__ import annotations

import calendar
import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from bijstand.accounts.models import Rol
from bijstand.core import tijd
from bijstand.dossiers.models import Beeindigingsreden, Dossier, DossierStatus, JournaalSoort
from bijstand.dossiers.scope import vervangen_collega_ids
from bijstand.dossiers.services import voeg_journaalregel_toe
from bijstand.logboek.services import log_verwerking

from .models_nazorg import (
    MOMENT_RE,
    ContactSoort,
    ContactStatus,
    Nazorg,
    NazorgBeleid,
    NazorgContact,
)

if TYPE_CHECKING:
    from bijstand.accounts.models import User

MAX_TEKST = 2000


def plus_maanden(datum: datetime.date, maanden: int) -> datetime.date:
    jaar, maand = divmod(datum.month - 1 + maanden, 12)
    jaar += datum.year
    maand += 1
    return datum.replace(
        year=jaar, month=maand, day=min(datum.day, calendar.monthrange(jaar, maand)[1])
    )


def moment_datum(start: datetime.date, moment: str) -> datetime.date:
    m = MOMENT_RE.match(moment)
    if m is None:
        raise ValueError(moment)
    aantal, eenheid = int(m.group(1)), m.group(2)
    if eenheid == "w":
        return start + datetime.timedelta(weeks=aantal)
    return plus_maanden(start, aantal)


def beleid_op(datum: datetime.date) -> NazorgBeleid | None:
    """The policy row valid on ``datum`` (the latest ``geldig_vanaf`` on or before it)."""
    return NazorgBeleid.objects.filter(geldig_vanaf__lte=datum).order_by("-geldig_vanaf").first()


# --- writes -----------------------------------------------------------------------------------


def start_bij_einde(
    *, dossier: Dossier, einddatum: datetime.date, reden: str, door: User | None
) -> Nazorg | None:
    """End hook: plan nazorg when the dossier ends with reason werk (same transaction)."""
    if reden != Beeindigingsreden.WERK:
        return None
    beleid = beleid_op(einddatum)
    if beleid is None:
        return None
    # A dossier that was reopened and ends again: the open contacts of the earlier period lapse.
    NazorgContact.objects.filter(nazorg__dossier=dossier, status=ContactStatus.OPEN).update(
        status=ContactStatus.OVERGESLAGEN, afgehandeld_op=timezone.now()
    )
    nazorg = Nazorg.objects.create(
        dossier=dossier,
        beleid=beleid,
        startdatum=einddatum,
        einddatum=plus_maanden(einddatum, beleid.duur_maanden),
    )
    NazorgContact.objects.bulk_create(
        NazorgContact(
            nazorg=nazorg, soort=ContactSoort.GEPLAND, gepland_op=moment_datum(einddatum, m)
        )
        for m in beleid.contactmomenten
    )
    return nazorg


def _tekst(waarde: Any, veld: str, verplicht: bool) -> str:
    tekst = (waarde or "").strip() if isinstance(waarde, str) else ""
    if verplicht and not tekst:
        raise ValidationError({veld: _("Vul een tekst in.")})
    if len(tekst) > MAX_TEKST:
        raise ValidationError({veld: _("Gebruik maximaal %(n)s tekens.") % {"n": MAX_TEKST}})
    return tekst


def handel_contact_af(
    *, contact: NazorgContact, status: str, notitie: str, door: User
) -> NazorgContact:
    """ "Contact gehad" (a note is required; also written to the journaal) or "overslaan"."""
    if status not in (ContactStatus.GEHAD, ContactStatus.OVERGESLAGEN):
        raise ValidationError({"status": _("Kies contact gehad of overslaan.")})
    notitie = _tekst(notitie, "notitie", verplicht=status == ContactStatus.GEHAD)
    with transaction.atomic():
        contact = (
            NazorgContact.objects.select_for_update()
            .select_related("nazorg__dossier__werkzoekende")
            .get(pk=contact.pk)
        )
        if contact.status != ContactStatus.OPEN:
            raise ValidationError(_("Dit contactmoment is al afgehandeld."))
        contact.status = status
        contact.notitie = notitie
        contact.afgehandeld_op = timezone.now()
        contact.afgehandeld_door = door
        contact.save(update_fields=["status", "notitie", "afgehandeld_op", "afgehandeld_door"])
        dossier = contact.nazorg.dossier
        if status == ContactStatus.GEHAD:
            tekst = _("Nazorg: contact gehad. %(notitie)s") % {"notitie": notitie}
        else:
            tekst = _("Nazorg: contactmoment van %(datum)s overgeslagen. %(notitie)s") % {
                "datum": contact.gepland_op.strftime("%d-%m-%Y"),
                "notitie": notitie,
            }
        voeg_journaalregel_toe(
            dossier=dossier,
            auteur=door,
            soort=JournaalSoort.NOTITIE,
            tekst=tekst.strip(),
            activiteit="reintegratie",
        )
    return contact


def vraag_hulp(*, nazorg: Nazorg, vraag: str, door: User) -> NazorgContact:
    """The burger asks for help during nazorg: an open contact on the werkcoach's worklist."""
    vraag = _tekst(vraag, "vraag", verplicht=True)
    with transaction.atomic():
        contact = NazorgContact.objects.create(
            nazorg=nazorg, soort=ContactSoort.HULPVRAAG, gepland_op=tijd.vandaag(), vraag=vraag
        )
        log_verwerking(
            activiteit="reintegratie",
            operatie="nazorg_vraag_hulp",
            subjects=[nazorg.dossier.werkzoekende.log_subject],
            soorten_gegevens=["nazorg"],
            actor=door,
        )
    return contact


# --- reads ------------------------------------------------------------------------------------


def _coach_ids(user: User) -> list[int]:
    if getattr(user, "rol", None) != Rol.WERKCONSULENT:
        return []
    return [user.pk, *vervangen_collega_ids(user)]


def werklijst_queryset(*, user: User, alle: bool = False) -> QuerySet[NazorgContact]:
    """Open nazorg contacts of the werkcoach of record (help requests first, then by date)."""
    coaches = _coach_ids(user)
    if not coaches:
        return NazorgContact.objects.none()
    qs = NazorgContact.objects.filter(
        nazorg__dossier__werkcoach_id__in=coaches,
        nazorg__dossier__status=DossierStatus.BEEINDIGD,
        status=ContactStatus.OPEN,
    )
    if not alle:
        qs = qs.filter(
            Q(soort=ContactSoort.HULPVRAAG)
            | Q(gepland_op__lte=tijd.vandaag() + datetime.timedelta(days=14))
        )
    return qs.select_related("nazorg__dossier__werkzoekende").order_by("-soort", "gepland_op", "id")


def contact_voor_werkcoach(*, user: User, pk: int) -> NazorgContact:
    """An open contact on the user's worklist, or 404 (never reveals another's contact)."""
    contact = werklijst_queryset(user=user, alle=True).filter(pk=pk).first()
    if contact is None:
        raise Http404
    return contact


def log_werklijst(
    *,
    contacten: list[NazorgContact],
    user: User,
    request: Any = None,
    dossiers: list[Dossier] | None = None,
) -> None:
    subjects = [c.nazorg.dossier.werkzoekende.log_subject for c in contacten]
    subjects += [d.werkzoekende.log_subject for d in dossiers or []]
    log_verwerking(
        activiteit="reintegratie",
        operatie="bekijk_nazorg_werklijst",
        subjects=subjects,
        soorten_gegevens=["identificatie", "nazorg"],
        actor=user,
        request=request,
    )


def lopende_nazorg(*, user: User) -> Nazorg | None:
    """The burger's nazorg running today (their ended dossier, reason werk), or None."""
    if getattr(user, "rol", None) != Rol.BURGER:
        return None
    vandaag = tijd.vandaag()
    return (
        Nazorg.objects.filter(
            dossier__werkzoekende__account_id=user.pk,
            dossier__status=DossierStatus.BEEINDIGD,
            einddatum__gte=vandaag,
        )
        .select_related("dossier__werkzoekende", "dossier__werkcoach")
        .order_by("-startdatum", "-id")
        .first()
    )
