"""The payment of one dossier-month for the payment run (:func:`boek_maandbetaling`): the
ledger's rules 1 and 4-9 (:mod:`inkomen.grootboek`) applied under the dossier lock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from bijstand.core.tijd import eerste_van_maand, maanden_tussen

from . import deelmaand, selectors, voorschot
from .deelmaand import in_vakantietoeslag_einde_venster, regulier_te_betalen
from .grootboek import (
    _inhouding,
    _kas,
    _open_schulden,
    _verreken_vakantietoeslag_einde,
    uitbetaling_boeking,
    vakantietoeslag_boeking,
    zet_schulden_om,
)
from .herberekening import herbereken_maand
from .models import (
    NUL,
    Boeking,
    BoekingSoort,
    NietBetaaldReden,
    Uitkering,
    UitkeringStatus,
)

CENT = Decimal("0.01")


@dataclass
class MaandBetaling:
    """What the payment run pays a dossier for a month: ``bedrag`` (cash, >= 0) and the
    bookings it carries (all with ``betaalmaand`` = the month)."""

    dossier_id: int
    maand: date
    bedrag: Decimal
    boekingen: list[Boeking]
    al_geboekt: bool = False
    # set when the run records the month as not paid (e.g. ``opgeschort``): nothing booked
    niet_betaald_reden: str = ""


def boek_maandbetaling(
    *, dossier_id: int, maand: date, peildatum: date | None = None
) -> MaandBetaling | None:
    """Book the payment of ``maand`` for one dossier (for the payment run). Idempotent.

    Under the dossier lock: converts expired schuld into vorderingen; calculates the month if
    it has no berekening yet; books ``uitbetaling_voorlopig`` from the actuele berekening;
    carries the open nabetalingen/inhoudingen; withholds the schuld instalment; in the VT month
    (or the end month, rule 7) pays the VT reservation; first books the unpaid months before
    the first payment (rule 8). For an ended uitkering after its end month, within the art. 45
    lid 1 window (rule 7), it carries the open nabetalingen and settles the VT instead. ``None``
    when there is nothing to pay for the month (no uitkering for it, or an ended one with
    nothing left). A second call for the same month books nothing and returns the same amount.

    While an opschorting covers the month (art. 54 PW, :func:`deelmaand.opgeschort_in`) nothing
    is booked or paid: the result has amount 0 and ``niet_betaald_reden`` ``opgeschort`` (the
    run records it); the months are paid once the opschorting is lifted (rule 8).
    """
    maand = eerste_van_maand(maand)
    vt_maand = getattr(settings, "INKOMEN_VAKANTIETOESLAG_MAAND", 5)
    with transaction.atomic():
        uitkering = Uitkering.objects.select_for_update(of=("self",)).get(dossier_id=dossier_id)
        bestaand = list(
            Boeking.objects.filter(dossier_id=dossier_id, betaalmaand=maand).order_by("pk")
        )
        if bestaand:  # only this function sets betaalmaand: the month was booked before
            return MaandBetaling(
                dossier_id,
                maand,
                sum((_kas(b.bedrag, b.vakantietoeslag) for b in bestaand), NUL),
                bestaand,
                al_geboekt=True,
            )
        vanaf = (
            None
            if uitkering.status == UitkeringStatus.LOPEND
            else deelmaand.open_opschorting_vanaf(dossier_id)
        )
        regulier = regulier_te_betalen(
            # a suspended uitkering covers its months like a running one (paid or recorded)
            status=UitkeringStatus.LOPEND
            if uitkering.status == UitkeringStatus.OPGESCHORT
            else uitkering.status,
            ingangsdatum=uitkering.ingangsdatum,
            einddatum=uitkering.einddatum,
            maand=maand,
        )
        if not regulier and not in_vakantietoeslag_einde_venster(
            status=uitkering.status, einddatum=uitkering.einddatum, maand=maand
        ):
            return None
        if deelmaand.opgeschort_in(status=uitkering.status, vanaf=vanaf, maand=maand):
            return MaandBetaling(
                dossier_id, maand, NUL, [], niet_betaald_reden=NietBetaaldReden.OPGESCHORT
            )
        if not regulier:
            return _boek_einde(uitkering=uitkering, maand=maand, peildatum=peildatum)
        deelmaand.boek_nabetaling_maanden(uitkering=uitkering, maand=maand, peildatum=peildatum)
        berekening = selectors.actuele_berekening(dossier_id=dossier_id, maand=maand)
        if berekening is None:
            berekening = herbereken_maand(
                dossier_id=dossier_id, maand=maand, aanleiding="betaalrun", peildatum=peildatum
            ).berekening
        assert berekening is not None
        geboekt = zet_schulden_om(uitkering=uitkering, tot_en_met=maand)
        uitbetaling = uitbetaling_boeking(dossier_id=dossier_id, maand=maand, berekening=berekening)
        uitbetaling.save(force_insert=True)
        Boeking.objects.filter(
            dossier_id=dossier_id,
            soort__in=[BoekingSoort.NABETALING, BoekingSoort.INHOUDING],
            betaalmaand__isnull=True,
        ).update(betaalmaand=maand)
        beschikbaar = sum(
            (
                _kas(b.bedrag, b.vakantietoeslag)
                for b in Boeking.objects.filter(dossier_id=dossier_id, betaalmaand=maand)
            ),
            NUL,
        )
        termijn = NUL
        for schuld, rest in _open_schulden(dossier_id):
            over = max(1, maanden_tussen(maand, schuld.uiterlijk_verrekend) + 1)
            termijn += (rest / over).quantize(CENT, rounding=ROUND_CEILING)
        termijn = min(termijn, max(beschikbaar, NUL))
        if termijn > 0:
            geboekt.append(
                _inhouding(
                    dossier_id=dossier_id,
                    maand=maand,
                    bedrag=termijn,
                    betaalmaand=maand,
                    omschrijving=_("Inhouding verrekeningsschuld"),
                )
            )
        # A voorschot (art. 52) is set off against what is left (rule 9; not invordering: no
        # beslagvrije voet, CRvB 26-9-2023).
        geboekt += voorschot.verreken_in_betaling(
            dossier_id=dossier_id, maand=maand, beschikbaar=beschikbaar - termijn
        )
        if deelmaand.eindigt_in(
            status=uitkering.status, einddatum=uitkering.einddatum, maand=maand
        ):  # rule 7 in the end month itself, after its (prorated) bijstand
            _verreken_vakantietoeslag_einde(dossier_id=dossier_id, maand=maand)
        elif maand.month == vt_maand:
            reservering = selectors.vakantietoeslag_reservering(dossier_id=dossier_id)
            if reservering > 0:
                vakantietoeslag_boeking(
                    dossier_id=dossier_id, maand=maand, reservering=reservering
                ).save(force_insert=True)
        boekingen = list(
            Boeking.objects.filter(dossier_id=dossier_id, betaalmaand=maand).order_by("pk")
        )
        del uitbetaling, geboekt
        return MaandBetaling(
            dossier_id,
            maand,
            sum((_kas(b.bedrag, b.vakantietoeslag) for b in boekingen), NUL),
            boekingen,
        )


def _boek_einde(
    *, uitkering: Uitkering, maand: date, peildatum: date | None
) -> MaandBetaling | None:
    """Rule 7, in :func:`boek_maandbetaling`'s transaction and under its lock: the payment of
    ``maand`` for an ended uitkering (no bijstand of its own). Carries the months of rule 8 and
    the open nabetalingen and inhoudingen (their cash together is >= 0: an inhouding only nets
    a nabetaling or schuld, and ending converted all schuld) and settles the VT reservation.
    ``None`` when nothing is paid (a negative reservation alone is a vordering, not paid)."""
    dossier_id = uitkering.dossier_id
    deelmaand.boek_nabetaling_maanden(uitkering=uitkering, maand=maand, peildatum=peildatum)
    Boeking.objects.filter(
        dossier_id=dossier_id,
        soort__in=[BoekingSoort.NABETALING, BoekingSoort.INHOUDING],
        betaalmaand__isnull=True,
    ).update(betaalmaand=maand)
    _verreken_vakantietoeslag_einde(dossier_id=dossier_id, maand=maand)
    boekingen = list(
        Boeking.objects.filter(dossier_id=dossier_id, betaalmaand=maand).order_by("pk")
    )
    if not boekingen:
        return None
    return MaandBetaling(
        dossier_id,
        maand,
        sum((_kas(b.bedrag, b.vakantietoeslag) for b in boekingen), NUL),
        boekingen,
    )
