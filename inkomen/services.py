"""Writes of the inkomen app: uitkering, opgaven, the recalculation and the ledger.

Keyword-only arguments, one transaction per use case, every processing of personal data logged
(``log_verwerking``, activiteit ``uitkering``). Amounts are ``Decimal`` with two places.

Flow
----
``registreer_inkomstenopgave`` / ``beoordeel_opgave`` store the fact and schedule (on commit)
the Celery task ``inkomen.tasks.herbereken(dossier_id, maand_iso)``, which calls
:func:`herbereken_maand`. That function locks the dossier's ``Uitkering`` row
(``select_for_update``: two recalculations of one dossier-month serialise; the payment run takes
the same lock), gathers the household (the one the month was first calculated with, ADR
0005), the effective opgaven, the vrijlating counters (derived
from the actuele berekeningen of earlier months) and the estimate a payment was based on, calls
the pure ``rekenregels.bereken`` and stores a new ``Berekening`` version only when the result or
the opgaven used differ. Then it books the difference with what the ledger already holds.

The booking rules are in :mod:`inkomen.grootboek`; the modules of the inkomen writes are

- :mod:`inkomen.opgaven` (inkomstenopgaven and their beoordeling),
- :mod:`inkomen.rekensom` (the calculation of a dossier-month, no writes),
- :mod:`inkomen.herberekening` (storing a recalculation and booking its difference),
- :mod:`inkomen.grootboek` (the ledger) and :mod:`inkomen.maandbetaling` (a month's payment).

This module holds the uitkering's own use cases and names the others for callers outside
the package (``from inkomen import services``).

"""

from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bijstand.accounts.models import User
from bijstand.core import tijd
from bijstand.dossiers import services as dossier_services
from bijstand.dossiers.models import Dossier, DossierStatus, Werkzoekende
from bijstand.logboek.services import log_verwerking

from . import deelmaand
from .grootboek import registreer_vordering, uitbetaling_velden, vakantietoeslag_velden
from .herberekening import HerberekenUitkomst, herbereken_maand
from .kalender import maand_nl
from .maandbetaling import MaandBetaling, boek_maandbetaling
from .models import (
    UITKERING_OVERGANGEN,
    Dienstverband,
    Opschorting,
    OpschortingAfloop,
    Uitkering,
    UitkeringStatus,
    Werkgever,
)
from .opgaven import DubbeleOpgave, beoordeel_opgave, registreer_inkomstenopgave
from .rekensom import (
    LID_VELDEN,
    OPGAVE_KOLOMMEN,
    Lid,
    OpgaveFeiten,
    Rekensom,
    UitkeringFeiten,
    berekening_velden,
    reken_maand,
    vingerafdruk,
    vrijlating_velden,
)
from .validators import validate_kvk_nummer

# The uitkering's own use cases, and the others named for callers outside the package.
__all__ = [
    "LID_VELDEN",
    "OPGAVE_KOLOMMEN",
    "DubbeleOpgave",
    "HerberekenUitkomst",
    "Lid",
    "MaandBetaling",
    "OpgaveFeiten",
    "Rekensom",
    "UitkeringFeiten",
    "beoordeel_opgave",
    "berekening_velden",
    "boek_maandbetaling",
    "herbereken_maand",
    "maand_nl",
    "registreer_dienstverband",
    "registreer_inkomstenopgave",
    "registreer_vordering",
    "reken_maand",
    "start_uitkering",
    "uitbetaling_velden",
    "vakantietoeslag_velden",
    "vingerafdruk",
    "vrijlating_velden",
    "werkgever_uit_register",
    "wijzig_uitkering_status",
]

logger = logging.getLogger(__name__)
ACTIVITEIT = "uitkering"


# --------------------------------------------------------------------------------------------
# uitkering, werkgevers, dienstverbanden


def start_uitkering(
    *,
    dossier: Dossier,
    ingangsdatum: date,
    door: User | None,
    aanvrager_medisch_urenbeperkt: bool = False,
    partner_medisch_urenbeperkt: bool = False,
) -> Uitkering:
    """Grant the algemene bijstand of a dossier (one uitkering per dossier)."""
    with transaction.atomic():
        if Uitkering.objects.filter(dossier=dossier).exists():
            raise ValidationError(_("Dit dossier heeft al een uitkering."))
        uitkering = Uitkering.objects.create(
            dossier=dossier,
            ingangsdatum=ingangsdatum,
            aanvrager_medisch_urenbeperkt=aanvrager_medisch_urenbeperkt,
            partner_medisch_urenbeperkt=partner_medisch_urenbeperkt,
        )
        log_verwerking(
            activiteit=ACTIVITEIT,
            operatie="start_uitkering",
            subjects=[dossier.werkzoekende.log_subject],
            soorten_gegevens=["uitkering"],
            actor=door,
        )
    return uitkering


def wijzig_uitkering_status(
    *,
    uitkering: Uitkering,
    naar: str,
    door: User | None,
    einddatum: date | None = None,
    reden: str = "",
    ingangsdatum: date | None = None,
    toelichting: str = "",
    opschorting: Opschorting | None = None,
) -> Uitkering:
    """Transition along ``UITKERING_OVERGANGEN`` (one transaction).

    - **beëindigen** ends the dossier with it: one act, with one ``reden`` (required) and one
      ``einddatum``, the last day with recht (default today). It goes through the dossier's
      transition, whose end hook (:func:`inkomen.einde.beeindig_bij_dossier`) ends this
      uitkering and turns open schuld into a vordering, so the dossier screen and this function
      are one code path.
    - **heropenen** (``beeindigd`` -> ``lopend``) starts a new period on ``ingangsdatum``, after
      the old last day with recht (the months between are not paid; months of the new period
      calculated before are recalculated); an ended dossier is reopened with it.
    - **opschorten / hervatten** change the uitkering only, and only for the ``opschorting``
      that :mod:`inkomen.perioden` records (``schort_op`` / ``hef_op``, the consulent's
      screen): a bare status change without its Opschorting (reason, hersteltermijn) is
      refused, so every suspended month has its record and its decision.

    ``toelichting`` goes with an ending onto the dossier's status change (e.g. an intrekking
    under art. 54 lid 4). Locks the dossier before the uitkering, in the same order as the
    dossier screen.
    """
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update().get(pk=uitkering.dossier_id)
        uitkering = Uitkering.objects.select_for_update().get(pk=uitkering.pk)
        if naar not in UITKERING_OVERGANGEN.get(uitkering.status, frozenset()):
            raise ValidationError({"status": _("Deze statuswijziging is niet toegestaan.")})
        _controleer_opschorting(uitkering=uitkering, naar=naar, opschorting=opschorting)
        if naar == UitkeringStatus.BEEINDIGD:
            dossier_services.wijzig_status(
                dossier=dossier,
                naar=DossierStatus.BEEINDIGD,
                reden=reden,
                toelichting=toelichting,
                einddatum=einddatum or tijd.vandaag(),
                door=door,
            )
            uitkering.refresh_from_db()
            return uitkering
        heropend = uitkering.status == UitkeringStatus.BEEINDIGD
        if heropend:
            if ingangsdatum is None or ingangsdatum <= uitkering.einddatum:
                raise ValidationError(
                    {
                        "ingangsdatum": _(
                            "Een nieuwe periode begint na de laatste dag met recht (%(datum)s)."
                        )
                        % {"datum": uitkering.einddatum}
                    }
                )
            if dossier.status == DossierStatus.BEEINDIGD:
                dossier = dossier_services.wijzig_status(
                    dossier=dossier, naar=DossierStatus.HEROPEND, door=door
                )
            uitkering.ingangsdatum = ingangsdatum
        uitkering.status = naar
        uitkering.einddatum = None
        uitkering.full_clean()
        uitkering.save(update_fields=["status", "einddatum", "ingangsdatum"])
        if heropend:  # rule 8: the months of the new period calculated before, anew
            deelmaand.herbereken_vanaf(dossier_id=uitkering.dossier_id, maand=ingangsdatum)
        if naar == UitkeringStatus.LOPEND and dossier.status != DossierStatus.LOPEND:
            dossier_services.wijzig_status(dossier=dossier, naar=DossierStatus.LOPEND, door=door)
        log_verwerking(
            activiteit=ACTIVITEIT,
            operatie="wijzig_uitkering_status",
            subjects=[dossier.werkzoekende.log_subject],
            soorten_gegevens=["uitkering"],
            actor=door,
        )
    return uitkering


def _controleer_opschorting(
    *, uitkering: Uitkering, naar: str, opschorting: Opschorting | None
) -> None:
    """Opschorten and hervatten only with the Opschorting of :mod:`inkomen.perioden`: open
    when suspending, opgeheven when resuming (caller holds the lock)."""
    if naar == UitkeringStatus.OPGESCHORT:
        verwacht = OpschortingAfloop.OPEN
    elif naar == UitkeringStatus.LOPEND and uitkering.status == UitkeringStatus.OPGESCHORT:
        verwacht = OpschortingAfloop.OPGEHEVEN
    else:
        return
    if (
        opschorting is None
        or opschorting.uitkering_id != uitkering.pk
        or opschorting.afloop != verwacht
    ):
        raise ValidationError(
            {
                "status": _(
                    "Opschorten en opheffen gaan via 'Uitkering opschorten' op de tab Inkomen, "
                    "met een reden en een hersteltermijn."
                )
            }
        )


def werkgever_uit_register(
    *, kvk_nummer: str, naam: str = "", door_burger: bool = False
) -> Werkgever:
    """The werkgever with this KvK-nummer from the register, or a new one with ``naam``.

    Without a KvK-nummer the register is searched by name (exactly one active match). A new
    werkgever reported by a burger is marked ``aangemeld_door_burger``: it has no payroll
    connection until beheer checks and connects it. Call inside a transaction.
    """
    kvk_nummer = (kvk_nummer or "").strip().replace(" ", "")
    naam = (naam or "").strip()
    if not kvk_nummer:
        gevonden = (
            list(Werkgever.objects.filter(naam__iexact=naam, actief=True)[:2]) if naam else []
        )
        if len(gevonden) == 1:
            return gevonden[0]
        raise ValidationError(
            {"kvk_nummer": _("Vul het KvK-nummer van de werkgever in (8 cijfers).")}
        )
    validate_kvk_nummer(kvk_nummer)
    werkgever = Werkgever.objects.select_for_update().filter(kvk_nummer=kvk_nummer).first()
    if werkgever is not None:
        return werkgever
    if not naam:
        raise ValidationError(
            {"naam": _("Deze werkgever staat nog niet in het register. Vul ook de naam in.")}
        )
    if len(naam) > 200:
        raise ValidationError({"naam": _("Vul een naam in van hoogstens 200 tekens.")})
    return Werkgever.objects.create(
        naam=naam, kvk_nummer=kvk_nummer, aangemeld_door_burger=door_burger
    )


def registreer_dienstverband(
    *,
    werkzoekende: Werkzoekende,
    van: date,
    door: User | None,
    werkgever: Werkgever | None = None,
    kvk_nummer: str = "",
    werkgever_naam: str = "",
    tot: date | None = None,
    uren_per_week: Decimal | None = None,
    verwacht_netto_loon: Decimal | None = None,
    gemeld_door_burger: bool = False,
) -> Dienstverband:
    """Register an employment ("werk gevonden"): from then on the werkgever's payroll lines
    for this person in the period are accepted (``inkomen.payroll_api``).

    The werkgever is given, or found in the register by KvK-nummer (or name), or added
    (:func:`werkgever_uit_register`). Registering the same werkgever and start date again
    (a resubmitted form) returns the existing one with ``al_vastgelegd = True``.
    """
    if tot is not None and tot < van:
        raise ValidationError({"tot": _("De einddatum ligt voor de begindatum.")})
    if uren_per_week is not None and not (Decimal("0") < uren_per_week <= Decimal("80")):
        raise ValidationError({"uren_per_week": _("Vul een aantal uren in tussen 0 en 80.")})
    if verwacht_netto_loon is not None and verwacht_netto_loon < 0:
        raise ValidationError({"verwacht_netto_loon": _("Het bedrag kan niet negatief zijn.")})
    if verwacht_netto_loon is not None:
        verwacht_netto_loon = verwacht_netto_loon.quantize(Decimal("0.01"))
    with transaction.atomic():
        if werkgever is None:
            werkgever = werkgever_uit_register(
                kvk_nummer=kvk_nummer, naam=werkgever_naam, door_burger=gemeld_door_burger
            )
        bestaand = Dienstverband.objects.filter(
            werkzoekende=werkzoekende, werkgever=werkgever, van=van
        ).first()
        if bestaand is not None:
            bestaand.al_vastgelegd = True
            return bestaand
        dienstverband = Dienstverband.objects.create(
            werkzoekende=werkzoekende,
            werkgever=werkgever,
            van=van,
            tot=tot,
            geregistreerd_door=door,
            uren_per_week=uren_per_week,
            verwacht_netto_loon=verwacht_netto_loon,
            gemeld_door_burger=gemeld_door_burger,
        )
        log_verwerking(
            activiteit=ACTIVITEIT,
            operatie="registreer_dienstverband",
            subjects=[werkzoekende.log_subject],
            soorten_gegevens=["werk"],
            actor=door,
        )
    return dienstverband
