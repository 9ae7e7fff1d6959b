"""Voorschotten (art. 52 PW) in the ledger, and their payment outside the monthly run (ADR 0008).

The aanvraag app decides *that* a voorschot is paid (:mod:`aanvraag.voorschot`); this module
books and pays it, sets it off in the payment runs and turns what is left into a claim.
Keyword-only arguments; the callers hold the transaction (every function here is atomic on
its own as well).

Ledger (:class:`inkomen.models.Boeking`, signs as in :mod:`inkomen.grootboek`: + in the
burger's favour). Three soorten, all cash (``vakantietoeslag`` 0, checked by the database):

- ``voorschot`` (+X): paid by a :class:`~inkomen.models.Voorschotbetaling` (its ``boeking``).
  ``betaalmaand`` stays NULL: only ``boek_maandbetaling`` sets it (the payment run takes a
  booking with ``betaalmaand`` = M as "month M was booked"). A payment cancelled before its
  SEPA file was made gets a reversing ``voorschot`` line (-X): that money never left.
- ``voorschot_verrekening`` (-Y, ``betaalmaand`` = the run's month): set off in a monthly
  payment by :func:`verreken_in_betaling`. Setting off a voorschot is not invordering: the
  beslagvrije voet does not apply (CRvB 26-9-2023, ECLI:NL:CRVB:2023:2024) [S].
- ``voorschot_vordering`` (-Z, reden ``art_58_lid_2_e``, ``betaalmaand`` NULL): the open
  voorschot becomes a claim (art. 58 lid 2 onder e PW [S, verify]): the aanvraag was refused
  (:func:`vorder_open_voorschot`) or the uitkering ended before everything was set off
  (:func:`zet_open_voorschot_om`).

The open voorschot of a dossier is the sum of ``bedrag`` over these three soorten: derived,
never stored (:func:`open_voorschot`). They are not in ``RECHT_SOORTEN``: a voorschot is no
bijstand of any month, so recalculations never see it.

The SEPA files of the payments: :mod:`inkomen.voorschotbestand`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum import iban as stdnum_iban

from bijstand.accounts.models import User
from bijstand.core import tijd
from bijstand.dossiers.models import Dossier, Werkzoekende
from bijstand.logboek.services import log_verwerking

from . import rekenregels, selectors
from .bulk import InLijst
from .models import (
    NUL,
    VOORSCHOT_SOORTEN,
    Boeking,
    BoekingSoort,
    RedenCode,
    Voorschotbetaling,
)

logger = logging.getLogger(__name__)

ACTIVITEIT = "uitkering"
CENT = Decimal("0.01")
MAX_BEDRAG = Decimal("100000.00")  # a voorschot is a part of one month's norm
OMSCHRIJVING_SEPA = "Voorschot bijstand Participatiewet"


# --------------------------------------------------------------------------------------------
# reads


def open_voorschot(*, dossier_id: int) -> Decimal:
    """The voorschot paid and not yet set off or claimed (>= 0): the sum of the three lines."""
    totaal = Boeking.objects.filter(dossier_id=dossier_id, soort__in=VOORSCHOT_SOORTEN).aggregate(
        b=Sum("bedrag")
    )["b"]
    return (totaal or NUL).quantize(CENT)  # SQLite sums decimals as floats


def dossiers_met_open_voorschot(ids: Iterable[int]) -> set[int]:
    """Of ``ids``, the dossiers with an open voorschot (one query): the payment run's bulk path
    sends these through ``boek_maandbetaling`` (which sets the voorschot off)."""
    ids = list(ids)
    if not ids:
        return set()
    return set(
        Boeking.objects.filter(InLijst("dossier_id", ids), soort__in=VOORSCHOT_SOORTEN)
        .order_by()
        .values("dossier_id")
        .annotate(open=Sum("bedrag"))
        .filter(open__gte=CENT)
        .values_list("dossier_id", flat=True)
    )


@dataclass(frozen=True)
class NormZonderInkomen:
    """The calculation of one month for a household without income (the voorschot's base)."""

    invoer: rekenregels.Invoer
    resultaat: rekenregels.Resultaat
    regelset_geldig_vanaf: date
    beleid_geldig_vanaf: date


def bijstand_zonder_inkomen(*, werkzoekende: Werkzoekende, maand: date) -> NormZonderInkomen:
    """The bijstand of ``maand`` (a whole month) for the person's current household and no
    income, through the calculation core with the rules stored for that month. Raises
    :class:`~inkomen.rekenregels.OngeldigeInvoer` when no rule set covers the month or the
    household cannot be calculated."""
    from . import rekensom  # rekensom -> selectors; the payment run's set-off imports this

    maand = tijd.eerste_van_maand(maand)
    m = rekenregels.Maand(maand.year, maand.month)
    regelset = selectors.regelset_voor_maand(maand)
    beleid = selectors.beleid_voor_maand(maand)
    feiten = rekensom.UitkeringFeiten(
        dossier_id=0, werkzoekende_id=werkzoekende.pk, geboortedatum=werkzoekende.geboortedatum
    )
    som = rekensom.reken_maand(
        uitkering=feiten,
        m=m,
        opgaven=[],
        vrijlating_maanden_gebruikt={},
        geschat=None,
        regelset=regelset,
        beleid=beleid,
    )
    return NormZonderInkomen(som.invoer, som.resultaat, regelset.geldig_vanaf, beleid.geldig_vanaf)


# --------------------------------------------------------------------------------------------
# paying a voorschot


def _bedrag(waarde: Decimal | str) -> Decimal:
    try:
        bedrag = Decimal(str(waarde))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({"bedrag": _("Geef een geldig bedrag op.")}) from exc
    if not bedrag.is_finite() or bedrag <= 0 or bedrag >= MAX_BEDRAG:
        raise ValidationError({"bedrag": _("Het voorschot is een bedrag groter dan 0.")})
    if bedrag != bedrag.quantize(CENT):
        raise ValidationError({"bedrag": _("Geef het bedrag op in hele centen.")})
    return bedrag.quantize(CENT)


def betaal_voorschot(
    *, dossier: Dossier, bedrag: Decimal, door: User | None, omschrijving: str = ""
) -> Voorschotbetaling:
    """Book a ``voorschot`` line and create its payment, in one transaction, under the dossier
    lock. The IBAN and name are the person's at this moment; without a valid IBAN nothing is
    booked (``ValidationError`` on ``iban``). The payment waits for the next SEPA file
    (:func:`inkomen.voorschotbestand.maak_voorschotbatch`)."""
    from .betaling import geldig_iban  # betaling -> maandbetaling imports this module

    bedrag = _bedrag(bedrag)
    omschrijving = (omschrijving or _("Voorschot op de bijstand (art. 52 Participatiewet)"))[:300]
    with transaction.atomic():
        dossier = (
            Dossier.objects.select_for_update(of=("self",))
            .select_related("werkzoekende")
            .get(pk=dossier.pk)
        )
        persoon = dossier.werkzoekende
        iban = stdnum_iban.compact(persoon.iban or "")
        if not geldig_iban(iban):
            raise ValidationError(
                {
                    "iban": _(
                        "Er is geen geldig IBAN bekend. Het voorschot is niet betaald: leg eerst "
                        "het rekeningnummer vast."
                    )
                }
            )
        volgnummer = Voorschotbetaling.objects.filter(dossier=dossier).count() + 1
        boeking = Boeking.objects.create(
            dossier=dossier,
            maand=tijd.eerste_van_maand(tijd.vandaag()),
            soort=BoekingSoort.VOORSCHOT,
            bedrag=bedrag,
            omschrijving=omschrijving,
        )
        betaling = Voorschotbetaling.objects.create(
            dossier=dossier,
            bedrag=bedrag,
            iban=iban,
            naam=persoon.naam[:70],
            end_to_end_id=f"VS-{dossier.pk}-{volgnummer}",
            omschrijving=OMSCHRIJVING_SEPA,
            boeking=boeking,
            door=door,
        )
        log_verwerking(
            activiteit=ACTIVITEIT,
            operatie="betaal_voorschot",
            subjects=[persoon.log_subject],
            soorten_gegevens=["bankrekening", "uitkering"],
            actor=door,
        )
    return betaling


def annuleer_open_betalingen(*, dossier_id: int) -> list[Boeking]:
    """Cancel the dossier's voorschot payments that no SEPA file carries yet: a reversing
    ``voorschot`` line each (the money never left). Locks the payment rows, so a file being
    made at the same moment either takes a payment (then it is not cancelled) or not."""
    geboekt: list[Boeking] = []
    with transaction.atomic():
        open_ = list(
            Voorschotbetaling.objects.select_for_update()
            .filter(dossier_id=dossier_id, batch__isnull=True, geannuleerd_op__isnull=True)
            .order_by("pk")
        )
        for betaling in open_:
            storno = Boeking.objects.create(
                dossier_id=dossier_id,
                maand=tijd.eerste_van_maand(tijd.vandaag()),
                soort=BoekingSoort.VOORSCHOT,
                bedrag=-betaling.bedrag,
                omschrijving=_("Voorschot niet uitbetaald (geannuleerd vóór het betaalbestand)"),
            )
            betaling.geannuleerd_op = timezone.now()
            betaling.annulering = storno
            betaling.save(update_fields=["geannuleerd_op", "annulering"])
            geboekt.append(storno)
    return geboekt


def _vordering(*, dossier_id: int, maand: date, omschrijving: str) -> list[Boeking]:
    rest = open_voorschot(dossier_id=dossier_id)
    if rest <= 0:
        return []
    return [
        Boeking.objects.create(
            dossier_id=dossier_id,
            maand=tijd.eerste_van_maand(maand),
            soort=BoekingSoort.VOORSCHOT_VORDERING,
            bedrag=-rest,
            reden_code=RedenCode.ART_58_LID_2_E,
            omschrijving=omschrijving[:300],
        )
    ]


def vorder_open_voorschot(*, dossier_id: int, maand: date | None = None) -> list[Boeking]:
    """The aanvraag was refused (afwijzing, buiten behandeling, ingetrokken): cancel what was
    not sent yet, and book a ``voorschot_vordering`` for the rest that is still open. Idempotent
    (a second call finds nothing open). Returns the bookings (cancellations and claim)."""
    maand = maand or tijd.vandaag()
    with transaction.atomic():
        Dossier.objects.select_for_update(of=("self",)).filter(pk=dossier_id).first()
        geboekt = annuleer_open_betalingen(dossier_id=dossier_id)
        geboekt += _vordering(
            dossier_id=dossier_id,
            maand=maand,
            omschrijving=_("Terugvordering voorschot: geen recht op bijstand (aanvraag)"),
        )
    return geboekt


# --------------------------------------------------------------------------------------------
# the payment run and the end of the uitkering (called by inkomen.maandbetaling / inkomen.einde)


def verreken_in_betaling(*, dossier_id: int, maand: date, beschikbaar: Decimal) -> list[Boeking]:
    """Set an open voorschot off against the payment of ``maand``: one
    ``voorschot_verrekening`` of -min(open voorschot, room) with ``betaalmaand`` = ``maand``.

    ``beschikbaar`` is the cash this payment carries *before* the voorschot set-off (after
    the schuld instalment); the room is ``beschikbaar`` minus what was already set off in this
    ``betaalmaand``, so a second call never takes more than ``beschikbaar`` in total. Nothing
    when there is no open voorschot or no room. Must run inside ``boek_maandbetaling`` (its
    transaction and Uitkering lock): it sets ``betaalmaand``, and the caller's "month already
    booked" check is what makes a rerun of the month book nothing (idempotence is the
    caller's)."""
    maand = tijd.eerste_van_maand(maand)
    with transaction.atomic():
        open_ = open_voorschot(dossier_id=dossier_id)
        if open_ <= 0 or beschikbaar <= 0:
            return []
        al = (
            Boeking.objects.filter(
                dossier_id=dossier_id,
                soort=BoekingSoort.VOORSCHOT_VERREKENING,
                betaalmaand=maand,
            ).aggregate(b=Sum("bedrag"))["b"]
            or NUL
        ).quantize(CENT)
        ruimte = beschikbaar + al  # al <= 0
        bedrag = min(open_, ruimte).quantize(CENT)
        if bedrag <= 0:
            return []
        return [
            Boeking.objects.create(
                dossier_id=dossier_id,
                maand=maand,
                soort=BoekingSoort.VOORSCHOT_VERREKENING,
                bedrag=-bedrag,
                betaalmaand=maand,
                omschrijving=_("Verrekening voorschot (art. 52 Participatiewet)"),
            )
        ]


def zet_open_voorschot_om(*, dossier_id: int, maand: date) -> list[Boeking]:
    """The uitkering ends while voorschot is still open: cancel what was not sent yet and
    turn the rest into a ``voorschot_vordering`` (booked in ``maand``, the end month). Call
    in the end's transaction (``einde.beeindig_bij_dossier``). Idempotent."""
    with transaction.atomic():
        geboekt = annuleer_open_betalingen(dossier_id=dossier_id)
        geboekt += _vordering(
            dossier_id=dossier_id,
            maand=maand,
            omschrijving=_(
                "Terugvordering voorschot: niet verrekend vóór het einde van de uitkering"
            ),
        )
    return geboekt
