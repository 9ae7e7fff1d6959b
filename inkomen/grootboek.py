"""The ledger (:class:`inkomen.models.Boeking`): booking a recalculated month's difference,
schuld and vorderingen, the lines of a month's payment.

Booking rules (the ledger, :class:`inkomen.models.Boeking`)
----------------------------------------------------------
Sign: ``bedrag`` is bijstand incl. vakantietoeslag (VT) from the burger's point of view (+ in
his favour, - against him); ``vakantietoeslag`` is the VT part of it (goes to / comes from the
VT reservation); the cash effect is ``bedrag - vakantietoeslag``.

1. Nothing is booked for a month that has not been paid. The payment run pays the actuele
   berekening of the month with :func:`boek_maandbetaling`, which books one
   ``uitbetaling_voorlopig`` (bedrag = bijstand, vakantietoeslag = the VT reserved; unique per
   dossier-month) and settles the open items (rules 4-6). Paid: every month from the month of
   the ingangsdatum to the month of the einddatum (``deelmaand.regulier_te_betalen``).
2. The bijstand *recognised* for a paid month = the sum of ``bedrag`` of its
   ``uitbetaling_voorlopig``, ``nabetaling``, ``verrekeningsschuld`` and ``vordering`` lines
   (likewise for the VT part). After a recalculation of a paid month,
   ``delta = berekening.bijstand - recognised`` (and ``delta_vt`` likewise):
   - ``delta > 0``: a ``nabetaling`` (+delta, VT +delta_vt). Its cash is paid by the next
     payment run, **after first settling an open verrekeningsschuld**: an ``inhouding`` of
     min(open schuld, cash of the nabetaling) is booked at once.
   - ``delta < 0``: a ``verrekeningsschuld`` (reason art. 58 lid 4; -|delta|, VT -|delta_vt|):
     the VT part is settled at once through the reservation (the VT reserved drops to 5 % of
     the corrected bijstand); the cash part is withheld from the following payments, within
     ``Beleid.p7_verrekening_max_maanden`` (6) payment months (``uiterlijk_verrekend``).
     Unpaid nabetalingen are netted first (an ``inhouding`` against them).
     It is a ``vordering`` instead (reason art. 58 lid 2 onder f: middelen received later over
     the period) when the month lies more than P7 months before the booking month (art. 58
     lid 4 covers only middelen of the previous six months) or the uitkering has ended.
     Art. 58 lid 1 (breach of the inlichtingenplicht) is never chosen automatically: a
     consulent records it with :func:`registreer_vordering`.
   - ``delta == 0``: nothing (recalculating twice books nothing twice).
3. The open verrekeningsschuld is derived: -(cash of the verrekeningsschuld lines) + (the
   inhoudingen, negative). It is never stored.
4. :func:`boek_maandbetaling` withholds, oldest schuld first, per schuld
   ceil_to_cent(remaining / payment months left until ``uiterlijk_verrekend``), at most the
   cash paid that month (the beslagvrije voet is not researched [U] and not applied).
5. A schuld not settled by its ``uiterlijk_verrekend`` month becomes a vordering: a reversing
   ``verrekeningsschuld`` line (+remaining) and a ``vordering`` (-remaining, art. 58 lid 2).
   Ending the uitkering does the same for all open schuld.
6. In ``INKOMEN_VAKANTIETOESLAG_MAAND`` (default 5, Rotterdam pays in May) the payment also
   carries the VT reservation: ``vakantietoeslag_uitbetaling`` with bedrag 0 and
   vakantietoeslag -reservation (cash +reservation).
7. When the uitkering has ended (status ``beeindigd``, ``einddatum`` set), art. 45 lid 1 pays
   the VT "binnen drie maanden volgend op de maand waarin de algemene bijstand is beëindigd":
   the run of the end month pays its (prorated) bijstand and settles the VT in the same
   payment; a run of month(einddatum) + 1..3 (:func:`in_vakantietoeslag_einde_venster`; the
   path without an ``uitbetaling_voorlopig``) settles what a later correction or ending left:
   it carries the open nabetalingen/inhoudingen. Settling pays a positive reservation
   (``vakantietoeslag_uitbetaling``, "Vakantietoeslag (einde uitkering)") or turns a negative
   one into a ``vordering`` (art. 58 lid 2 onder f) of bedrag 0 and vakantietoeslag
   +|reservation|, not carried by a payment. The reservation is zero afterwards, so a rerun
   books nothing. ``recht_van_maand`` ignores that VT vordering (bedrag 0).
8. Part months and late grants (:mod:`inkomen.deelmaand`, ADR 0005 §6): the start and end
   month are calculated prorated (art. 45 lid 3, P8; not the start month of a re-entry within
   30 days). Ending inside or before a paid month recalculates the end month (rule 2: a
   ``vordering``, the uitkering has ended) and turns the bijstand of each paid month after it
   into a ``vordering`` (``einde.corrigeer_na_einde``). The months between the ingangsdatum and
   the first payment that no run paid (granted after the payment day) are booked by the run of
   month M as ``uitbetaling_voorlopig`` of their own month with ``betaalmaand`` M
   ("Nabetaling maart 2026 (ingangsdatum vóór het besluit)"): one Betaling carries them all.
9. A voorschot (art. 52, :mod:`inkomen.voorschot`, ADR 0008) is paid outside the run
   (``voorschot``, never bijstand of a month) and set off by the next runs after the schuld
   instalment: ``voorschot_verrekening`` of min(open voorschot, cash left), ``betaalmaand`` M.
   Ending the uitkering turns what is still open into a ``voorschot_vordering``.

Examples (alleenstaande, norm 1.401,50, no vrijlating; §8 example 11):
- March estimated 300,00 -> berekening v1: bijstand 1.101,50 (VT 55,08, cash 1.046,42).
  Payment run March -> ``uitbetaling_voorlopig`` +1.101,50 / VT +55,08.
- Loonstrook March: 450,00 definitief -> v2: bijstand 951,50 (VT 47,58). delta = -150,00,
  delta_vt = -7,50 -> ``verrekeningsschuld`` -150,00 / VT -7,50 (art. 58 lid 4): the
  reservation drops to 47,58 and 142,50 cash is withheld, 23,75 in each of the next 6 payments.
- Had the loonstrook shown 200,00: v2 bijstand 1.201,50 (VT 60,08): ``nabetaling`` +100,00 /
  VT +5,00; if 142,50 schuld were open, an ``inhouding`` -95,00 nets the whole cash part.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bijstand.accounts.models import User
from bijstand.core.tijd import eerste_van_maand, maand_plus, maanden_tussen
from bijstand.dossiers.models import Dossier
from bijstand.logboek.services import log_verwerking

from . import rekenregels, selectors
from .kalender import maand_nl
from .models import (
    NUL,
    Berekening,
    Boeking,
    BoekingSoort,
    RedenCode,
    Uitkering,
    UitkeringStatus,
)

CENT = Decimal("0.01")
ACTIVITEIT = "uitkering"


def _kas(bedrag: Decimal, vt: Decimal) -> Decimal:
    return bedrag - vt


def _boek(**velden: Any) -> Boeking:
    return Boeking.objects.create(**velden)


def _inhouding(
    *,
    dossier_id: int,
    maand: date,
    bedrag: Decimal,
    omschrijving: str,
    berekening: Berekening | None = None,
    betaalmaand: date | None = None,
) -> Boeking:
    """An ``inhouding`` of ``bedrag`` (> 0) of verrekeningsschuld (booked negative)."""
    return _boek(
        dossier_id=dossier_id,
        maand=maand,
        soort=BoekingSoort.INHOUDING,
        bedrag=-bedrag,
        berekening=berekening,
        betaalmaand=betaalmaand,
        omschrijving=omschrijving,
    )


def _vordering(
    *,
    dossier_id: int,
    maand: date,
    bedrag: Decimal,
    reden_code: str,
    omschrijving: str,
    vakantietoeslag: Decimal = NUL,
    berekening: Berekening | None = None,
) -> Boeking:
    """A ``vordering``; ``bedrag`` is negative (owed by the burger), with its reason code."""
    return _boek(
        dossier_id=dossier_id,
        maand=maand,
        soort=BoekingSoort.VORDERING,
        bedrag=bedrag,
        vakantietoeslag=vakantietoeslag,
        reden_code=reden_code,
        berekening=berekening,
        omschrijving=omschrijving,
    )


def boek_verschil(
    *,
    uitkering: Uitkering,
    maand: date,
    berekening: Berekening,
    beleid: rekenregels.Beleid,
    peildatum: date,
) -> list[Boeking]:
    """Book berekening - recognised bijstand for a paid month (rule 2 of the docstring)."""
    dossier_id = uitkering.dossier_id
    recht, recht_vt, betaald = selectors.recht_van_maand(dossier_id=dossier_id, maand=maand)
    if not betaald:
        return []
    delta = berekening.bijstand - recht
    delta_vt = berekening.vakantietoeslag - recht_vt
    if delta == 0 and delta_vt == 0:
        return []
    boekmaand = eerste_van_maand(peildatum)
    geboekt: list[Boeking] = []
    if delta >= 0:
        nabetaling = _boek(
            dossier_id=dossier_id,
            maand=maand,
            soort=BoekingSoort.NABETALING,
            bedrag=delta,
            vakantietoeslag=delta_vt,
            berekening=berekening,
            omschrijving=_("Nabetaling over %(maand)s") % {"maand": maand_nl(maand)},
        )
        geboekt.append(nabetaling)
        schuld = selectors.open_verrekeningsschuld(dossier_id=dossier_id)
        verrekend = min(schuld, _kas(delta, delta_vt))
        if verrekend > 0:
            geboekt.append(
                _inhouding(
                    dossier_id=dossier_id,
                    maand=maand,
                    bedrag=verrekend,
                    berekening=berekening,
                    omschrijving=_("Verrekeningsschuld verrekend met de nabetaling"),
                )
            )
        return geboekt

    max_maanden = beleid.p7_verrekening_max_maanden
    verrekenen = (
        uitkering.status != UitkeringStatus.BEEINDIGD
        and maanden_tussen(maand, boekmaand) <= max_maanden
    )
    if verrekenen:
        eerste = boekmaand
        if Boeking.objects.filter(
            dossier_id=dossier_id, maand=boekmaand, soort=BoekingSoort.UITBETALING_VOORLOPIG
        ).exists():
            eerste = maand_plus(boekmaand, 1)
        schuld = _boek(
            dossier_id=dossier_id,
            maand=maand,
            soort=BoekingSoort.VERREKENINGSSCHULD,
            bedrag=delta,
            vakantietoeslag=delta_vt,
            reden_code=RedenCode.ART_58_LID_4,
            berekening=berekening,
            uiterlijk_verrekend=maand_plus(eerste, max_maanden - 1),
            omschrijving=_("Te veel ontvangen over %(maand)s, te verrekenen")
            % {"maand": maand_nl(maand)},
        )
        geboekt.append(schuld)
        open_nabetaling = selectors.open_nabetalingen(dossier_id=dossier_id)
        verrekend = min(-_kas(delta, delta_vt), open_nabetaling)
        if verrekend > 0:
            geboekt.append(
                _inhouding(
                    dossier_id=dossier_id,
                    maand=maand,
                    bedrag=verrekend,
                    berekening=berekening,
                    omschrijving=_("Verrekeningsschuld verrekend met een nabetaling"),
                )
            )
    else:
        geboekt.append(
            _vordering(
                dossier_id=dossier_id,
                maand=maand,
                bedrag=delta,
                vakantietoeslag=delta_vt,
                reden_code=RedenCode.ART_58_LID_2,
                berekening=berekening,
                omschrijving=_("Terugvordering over %(maand)s") % {"maand": maand_nl(maand)},
            )
        )
    return geboekt


def registreer_vordering(
    *,
    dossier: Dossier,
    maand: date,
    bedrag: Decimal,
    reden_code: str,
    door: User,
    omschrijving: str = "",
) -> Boeking:
    """A vordering recorded by a consulent (e.g. art. 58 lid 1); ``bedrag`` > 0 is owed."""
    if reden_code not in RedenCode.values:
        raise ValidationError({"reden_code": _("Kies een reden (artikel).")})
    if not isinstance(bedrag, Decimal) or bedrag <= 0:
        raise ValidationError({"bedrag": _("Geef een positief bedrag op.")})
    with transaction.atomic():
        boeking = _vordering(
            dossier_id=dossier.pk,
            maand=eerste_van_maand(maand),
            bedrag=-bedrag.quantize(CENT),
            reden_code=reden_code,
            omschrijving=omschrijving[:300],
        )
        log_verwerking(
            activiteit=ACTIVITEIT,
            operatie="registreer_vordering",
            subjects=[dossier.werkzoekende.log_subject],
            soorten_gegevens=["uitkering"],
            actor=door,
        )
    return boeking


def _open_schulden(dossier_id: int) -> list[tuple[Boeking, Decimal]]:
    """The verrekeningsschuld lines with their remaining cash, settled oldest first (FIFO)."""
    regels = list(
        Boeking.objects.filter(
            dossier_id=dossier_id,
            soort__in=[BoekingSoort.VERREKENINGSSCHULD, BoekingSoort.INHOUDING],
        ).order_by("created_at", "pk")
    )
    schulden = [
        (b, -_kas(b.bedrag, b.vakantietoeslag))
        for b in regels
        if b.soort == BoekingSoort.VERREKENINGSSCHULD and b.bedrag < 0
    ]
    afgelost = sum(
        (
            -b.bedrag if b.soort == BoekingSoort.INHOUDING else _kas(b.bedrag, b.vakantietoeslag)
            for b in regels
            if b.soort == BoekingSoort.INHOUDING or b.bedrag > 0
        ),
        NUL,
    )
    resultaat = []
    for boeking, bedrag in schulden:
        deel = min(bedrag, afgelost)
        afgelost -= deel
        if bedrag - deel > 0:
            resultaat.append((boeking, bedrag - deel))
    return resultaat


def zet_schulden_om(*, uitkering: Uitkering, tot_en_met: date | None) -> list[Boeking]:
    """Rule 5: schuld not settled by its deadline (or all, when ``tot_en_met`` is None)."""
    geboekt = []
    for schuld, rest in _open_schulden(uitkering.dossier_id):
        if tot_en_met is not None and schuld.uiterlijk_verrekend >= tot_en_met:
            continue
        geboekt.append(
            _boek(
                dossier_id=uitkering.dossier_id,
                maand=schuld.maand,
                soort=BoekingSoort.VERREKENINGSSCHULD,
                bedrag=rest,
                reden_code=RedenCode.ART_58_LID_4,
                berekening=schuld.berekening,
                omschrijving=_("Niet binnen de termijn verrekend: omgezet in een vordering"),
            )
        )
        geboekt.append(
            _vordering(
                dossier_id=uitkering.dossier_id,
                maand=schuld.maand,
                bedrag=-rest,
                reden_code=RedenCode.ART_58_LID_2,
                berekening=schuld.berekening,
                omschrijving=_("Terugvordering over %(maand)s (verrekeningsschuld)")
                % {"maand": maand_nl(schuld.maand)},
            )
        )
    return geboekt


def uitbetaling_velden(
    *, dossier_id: int, maand: date, berekening_id: int, bijstand: Decimal, vakantietoeslag: Decimal
) -> dict[str, Any]:
    """The field values of the ``uitbetaling_voorlopig`` of a month (rule 1)."""
    return {
        "dossier_id": dossier_id,
        "maand": maand,
        "soort": BoekingSoort.UITBETALING_VOORLOPIG,
        "bedrag": bijstand,
        "vakantietoeslag": vakantietoeslag,
        "berekening_id": berekening_id,
        "betaalmaand": maand,
        "omschrijving": _("Uitkering %(maand)s") % {"maand": maand_nl(maand)},
    }


def uitbetaling_boeking(*, dossier_id: int, maand: date, berekening: Berekening) -> Boeking:
    """The (unsaved) ``uitbetaling_voorlopig`` of a month (rule 1)."""
    return Boeking(
        **uitbetaling_velden(
            dossier_id=dossier_id,
            maand=maand,
            berekening_id=berekening.pk,
            bijstand=berekening.bijstand,
            vakantietoeslag=berekening.vakantietoeslag,
        )
    )


def vakantietoeslag_velden(
    *, dossier_id: int, maand: date, reservering: Decimal, einde: bool = False
) -> dict[str, Any]:
    """The field values of the payment of the VT reservation in the VT month (rule 6) or,
    ``einde``, after the uitkering ended (rule 7)."""
    return {
        "dossier_id": dossier_id,
        "maand": maand,
        "soort": BoekingSoort.VAKANTIETOESLAG_UITBETALING,
        "bedrag": NUL,
        "vakantietoeslag": -reservering,
        "betaalmaand": maand,
        "omschrijving": _("Vakantietoeslag (einde uitkering)") if einde else _("Vakantietoeslag"),
    }


def vakantietoeslag_boeking(
    *, dossier_id: int, maand: date, reservering: Decimal, einde: bool = False
) -> Boeking:
    """The (unsaved) payment of the VT reservation (rules 6 and 7)."""
    return Boeking(
        **vakantietoeslag_velden(
            dossier_id=dossier_id, maand=maand, reservering=reservering, einde=einde
        )
    )


def _verreken_vakantietoeslag_einde(*, dossier_id: int, maand: date) -> list[Boeking]:
    """Rule 7: pay a positive VT reservation of an ended uitkering with the payment of
    ``maand``, or turn a negative one into a vordering. The caller holds the dossier lock."""
    reservering = selectors.vakantietoeslag_reservering(dossier_id=dossier_id)
    if reservering > 0:
        boeking = vakantietoeslag_boeking(
            dossier_id=dossier_id, maand=maand, reservering=reservering, einde=True
        )
        boeking.save(force_insert=True)
        return [boeking]
    if reservering < 0:
        # bedrag 0: no bijstand of any month changes (recht_van_maand skips it); the VT part
        # closes the reservation, the cash part (-|reservering|) is owed by the burger.
        return [
            _vordering(
                dossier_id=dossier_id,
                maand=maand,
                bedrag=NUL,
                vakantietoeslag=-reservering,
                reden_code=RedenCode.ART_58_LID_2,
                omschrijving=_("Te veel vakantiegeld ontvangen (einde uitkering)"),
            )
        ]
    return []
