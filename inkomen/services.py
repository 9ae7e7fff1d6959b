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

import hashlib
import json
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bijstand.accounts.models import SysteemClient, User
from bijstand.core import tijd
from bijstand.core.tijd import eerste_van_maand, maand_plus, maanden_tussen
from bijstand.dossiers import services as dossier_services
from bijstand.dossiers.models import Dossier, DossierStatus, HuishoudenLid, Werkzoekende
from bijstand.logboek.services import log_verwerking

from . import deelmaand, rekenregels, selectors, voorschot
from .deelmaand import in_vakantietoeslag_einde_venster, regulier_te_betalen
from .models import (
    BEOORDELING_OVERGANGEN,
    NUL,
    UITKERING_OVERGANGEN,
    Beoordeling,
    BeoordelingWijziging,
    Berekening,
    Boeking,
    BoekingSoort,
    Bron,
    Dienstverband,
    Inkomstenopgave,
    InkomstenPeriode,
    InkomstenSoort,
    LoonstrookType,
    OpgaveStatus,
    Persoon,
    RedenCode,
    Uitkering,
    UitkeringStatus,
    VrijlatingToepassing,
    Werkgever,
)
from .rekenregels.opmaak import MAANDNAMEN

logger = logging.getLogger(__name__)

CENT = Decimal("0.01")
MAX_LOONSTROOK_BYTES = 10 * 1024 * 1024
ACTIVITEIT = "uitkering"


# --------------------------------------------------------------------------------------------
# small helpers


def maand_nl(d: date) -> str:
    return f"{MAANDNAMEN[d.month - 1]} {d.year}"


def _herbereken_na_commit(dossier_id: int, maand: date) -> None:
    from .tasks import herbereken

    transaction.on_commit(lambda: herbereken.delay(dossier_id, maand.isoformat()))


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
    - **opschorten / hervatten** change the uitkering only.

    Locks the dossier before the uitkering, in the same order as the dossier screen.
    """
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update().get(pk=uitkering.dossier_id)
        uitkering = Uitkering.objects.select_for_update().get(pk=uitkering.pk)
        if naar not in UITKERING_OVERGANGEN.get(uitkering.status, frozenset()):
            raise ValidationError({"status": _("Deze statuswijziging is niet toegestaan.")})
        if naar == UitkeringStatus.BEEINDIGD:
            dossier_services.wijzig_status(
                dossier=dossier,
                naar=DossierStatus.BEEINDIGD,
                reden=reden,
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


def registreer_dienstverband(
    *,
    werkzoekende: Werkzoekende,
    werkgever: Werkgever,
    van: date,
    door: User | None,
    tot: date | None = None,
) -> Dienstverband:
    if tot is not None and tot < van:
        raise ValidationError({"tot": _("De einddatum ligt voor de begindatum.")})
    with transaction.atomic():
        dienstverband = Dienstverband.objects.create(
            werkzoekende=werkzoekende,
            werkgever=werkgever,
            van=van,
            tot=tot,
            geregistreerd_door=door,
        )
        log_verwerking(
            activiteit=ACTIVITEIT,
            operatie="registreer_dienstverband",
            subjects=[werkzoekende.log_subject],
            soorten_gegevens=["werk"],
            actor=door,
        )
    return dienstverband


# --------------------------------------------------------------------------------------------
# inkomstenopgaven


class DubbeleOpgave(Exception):
    """The payroll line (werkgever, persoon, periode, versie) was received before."""

    def __init__(self, bestaande: Inkomstenopgave) -> None:
        super().__init__("al ontvangen")
        self.bestaande = bestaande


def bepaal_bestandstype(bestand: UploadedFile | Any) -> str | None:
    """The payslip's type by its content (magic bytes), never by its name: pdf, png, jpeg."""
    positie = bestand.tell() if hasattr(bestand, "tell") else 0
    bestand.seek(0)
    kop = bestand.read(8)
    bestand.seek(positie)
    if kop.startswith(b"%PDF-"):
        return LoonstrookType.PDF
    if kop.startswith(b"\x89PNG\r\n\x1a\n"):
        return LoonstrookType.PNG
    if kop.startswith(b"\xff\xd8\xff"):
        return LoonstrookType.JPEG
    return None


def _valideer_bedrag(fouten: dict[str, list[str]], veld: str, bedrag: Any) -> Decimal | None:
    if isinstance(bedrag, bool) or not isinstance(bedrag, Decimal | int):
        fouten.setdefault(veld, []).append(_("Geef het bedrag op als decimaal getal."))
        return None
    bedrag = Decimal(bedrag)
    if not bedrag.is_finite():
        fouten.setdefault(veld, []).append(_("Geef een geldig bedrag op."))
    elif bedrag < 0:
        fouten.setdefault(veld, []).append(_("Het bedrag mag niet negatief zijn."))
    elif bedrag.as_tuple().exponent < -2:  # type: ignore[operator]
        fouten.setdefault(veld, []).append(_("Geef het bedrag op in hele centen."))
    elif bedrag >= Decimal("1e10"):
        fouten.setdefault(veld, []).append(_("Het bedrag is te groot."))
    else:
        return bedrag.quantize(CENT)
    return None


def registreer_inkomstenopgave(
    *,
    dossier: Dossier,
    maand: date,
    persoon: str,
    soort: str,
    bedrag: Decimal,
    periode: str,
    status: str,
    bron: str,
    door: User | None,
    betaaldata: Iterable[date] | None = None,
    loonstrook: UploadedFile | None = None,
    vervangt: Inkomstenopgave | None = None,
    vakantiegeld: Decimal = NUL,
    uren: Decimal | None = None,
    werkgever: Werkgever | None = None,
    loonperiode: str = "",
    versie: int | None = None,
    systeemclient: SysteemClient | None = None,
    request: Any = None,
    vandaag: date | None = None,
) -> Inkomstenopgave:
    """Validate and store an immutable inkomstenopgave, then recalculate the month on commit.

    Raises ``ValidationError`` with Dutch messages per field; :class:`DubbeleOpgave` when the
    payroll key (werkgever, persoon, loonperiode, versie) was stored before.
    """
    vandaag = vandaag or tijd.vandaag()
    fouten: dict[str, list[str]] = {}

    def fout(veld: str, melding: str) -> None:
        fouten.setdefault(veld, []).append(melding)

    if not isinstance(maand, date):
        fout("maand", _("Geef een geldige maand op."))
    else:
        maand = eerste_van_maand(maand)
        if maand > eerste_van_maand(vandaag):  # its income is not known yet (issue 13 §4)
            fout("maand", _("Deze maand is nog niet begonnen. Kies deze of een eerdere maand."))
    uitkering = selectors.uitkering_van(dossier)
    if uitkering is None:
        fout("dossier", _("Bij dit dossier hoort (nog) geen uitkering."))
    elif isinstance(maand, date) and maand < eerste_van_maand(uitkering.ingangsdatum):
        fout("maand", _("Deze maand ligt voor de ingangsdatum van de uitkering."))
    if persoon not in Persoon.values:
        fout("persoon", _("Kies 'aanvrager' of 'partner'."))
    elif (
        persoon == Persoon.PARTNER
        and not HuishoudenLid.objects.filter(
            huishouden__werkzoekende_id=dossier.werkzoekende_id, rol=HuishoudenLid.Rol.PARTNER
        ).exists()
    ):
        fout("persoon", _("Er is geen partner bekend in dit huishouden."))
    if soort not in InkomstenSoort.values:
        fout("soort", _("Kies 'arbeid' of 'overig'."))
    if status not in OpgaveStatus.values:
        fout("status", _("Kies 'geschat' of 'definitief'."))
    if bron not in Bron.values:
        fout("bron", _("Onbekende bron."))
    bedrag = _valideer_bedrag(fouten, "bedrag", bedrag)
    vakantiegeld = _valideer_bedrag(fouten, "vakantiegeld", vakantiegeld)
    if uren is not None:
        try:
            uren = Decimal(uren)
            if uren < 0 or uren > 744 or uren.as_tuple().exponent < -2:  # type: ignore[operator]
                fout("uren", _("Geef een aantal uren tussen 0 en 744."))
        except (ArithmeticError, TypeError, ValueError):
            fout("uren", _("Geef een aantal uren tussen 0 en 744."))
    dagen: list[date] = sorted(set(betaaldata or []))
    if periode not in InkomstenPeriode.values:
        fout("periode", _("Kies 'maand' of 'vier_weken'."))
    elif periode == InkomstenPeriode.VIER_WEKEN:
        if not dagen:
            fout("betaaldata", _("Geef bij vierwekenloon de betaaldatum of -data op."))
        elif isinstance(maand, date) and any(
            not isinstance(d, date) or eerste_van_maand(d) != maand for d in dagen
        ):
            fout("betaaldata", _("De betaaldata moeten in de opgegeven maand liggen."))
    elif dagen:
        fout("betaaldata", _("Betaaldata horen alleen bij vierwekenloon."))
    loonstrook_type = ""
    if loonstrook is not None:
        if loonstrook.size > MAX_LOONSTROOK_BYTES:
            fout("loonstrook", _("De loonstrook is groter dan 10 MB."))
        else:
            loonstrook_type = bepaal_bestandstype(loonstrook) or ""
            if not loonstrook_type:
                fout("loonstrook", _("Alleen een PDF-, PNG- of JPEG-bestand is toegestaan."))
    if vervangt is not None and isinstance(maand, date):
        if vervangt.dossier_id != dossier.pk or vervangt.maand != maand:
            fout("vervangt", _("Een correctie hoort bij hetzelfde dossier en dezelfde maand."))
        elif vervangt.persoon != persoon:
            fout("vervangt", _("Een correctie hoort bij dezelfde persoon."))
        elif Inkomstenopgave.objects.filter(vervangt=vervangt).exists():
            fout("vervangt", _("Deze opgave is al vervangen door een correctie."))
    if fouten:
        raise ValidationError(fouten)

    opgave = Inkomstenopgave(
        dossier=dossier,
        maand=maand,
        persoon=persoon,
        soort=soort,
        bedrag=bedrag,
        periode=periode,
        betaaldata=[d.isoformat() for d in dagen],
        status=status,
        bron=bron,
        vakantiegeld=vakantiegeld,
        uren=uren,
        loonstrook_type=loonstrook_type,
        vervangt=vervangt,
        werkgever=werkgever,
        werkzoekende_id=dossier.werkzoekende_id if bron == Bron.WERKGEVER else None,
        loonperiode=loonperiode,
        versie=versie,
        ingediend_door=door,
        ingediend_door_systeem=systeemclient,
    )
    try:
        with transaction.atomic():
            if loonstrook is not None:
                loonstrook.seek(0)
                opgave.loonstrook.save(loonstrook.name or "loonstrook", loonstrook, save=False)
            opgave.save()
            log_verwerking(
                activiteit=ACTIVITEIT,
                operatie="registreer_inkomstenopgave",
                subjects=[dossier.werkzoekende.log_subject],
                soorten_gegevens=["inkomen"],
                actor=door if door is not None else systeemclient,
                request=request,
            )
            _herbereken_na_commit(dossier.pk, maand)
    except IntegrityError:
        if opgave.loonstrook:
            opgave.loonstrook.storage.delete(opgave.loonstrook.name)
        if bron == Bron.WERKGEVER:
            bestaande = Inkomstenopgave.objects.filter(
                bron=Bron.WERKGEVER,
                werkgever=werkgever,
                werkzoekende_id=dossier.werkzoekende_id,
                loonperiode=loonperiode,
                versie=versie,
            ).first()
            if bestaande is not None:
                raise DubbeleOpgave(bestaande) from None
        if vervangt is not None:
            raise ValidationError(
                {"vervangt": [_("Deze opgave is al vervangen door een correctie.")]}
            ) from None
        raise
    return opgave


def beoordeel_opgave(
    *, opgave: Inkomstenopgave, besluit: str, door: User, reden: str = "", request: Any = None
) -> Inkomstenopgave:
    """Accept or reject an opgave (rejecting needs a reason); recalculates the month."""
    reden = (reden or "").strip()
    with transaction.atomic():
        opgave = Inkomstenopgave.objects.select_for_update().get(pk=opgave.pk)
        if besluit not in BEOORDELING_OVERGANGEN.get(opgave.beoordeling, frozenset()):
            raise ValidationError({"besluit": _("Deze beoordeling is niet mogelijk.")})
        if besluit == Beoordeling.AFGEWEZEN and not reden:
            raise ValidationError({"reden": _("Geef een reden voor de afwijzing.")})
        van = opgave.beoordeling
        opgave.beoordeling = besluit
        opgave.beoordeling_reden = reden
        opgave.beoordeeld_door = door
        opgave.beoordeeld_op = timezone.now()
        opgave.save(update_fields=sorted(Inkomstenopgave.MUTABLE_FIELDS))
        BeoordelingWijziging.objects.create(
            opgave=opgave, van=van, naar=besluit, reden=reden, door=door
        )
        log_verwerking(
            activiteit=ACTIVITEIT,
            operatie="beoordeel_opgave",
            subjects=[opgave.dossier.werkzoekende.log_subject],
            soorten_gegevens=["inkomen"],
            actor=door,
            request=request,
        )
        _herbereken_na_commit(opgave.dossier_id, opgave.maand)
    return opgave


# --------------------------------------------------------------------------------------------
# the recalculation


@dataclass
class HerberekenUitkomst:
    berekening: Berekening | None
    nieuw: bool = False
    boekingen: list[Boeking] = field(default_factory=list)
    overgeslagen: str = ""


def _persoon(geboortedatum: date, medisch: bool, lks: bool) -> rekenregels.Persoon:
    return rekenregels.Persoon(
        geboortedatum=geboortedatum, medisch_urenbeperkt=medisch, doelgroep_loonkostensubsidie=lks
    )


@dataclass(frozen=True, slots=True)
class UitkeringFeiten:
    """What the calculation needs of an uitkering and its aanvrager (plain values, so the
    payment run's bulk path can load them with ``values_list`` instead of model instances)."""

    dossier_id: int
    werkzoekende_id: int
    geboortedatum: date
    aanvrager_medisch_urenbeperkt: bool = False
    partner_medisch_urenbeperkt: bool = False
    aanvrager_doelgroep_loonkostensubsidie: bool = False
    partner_doelgroep_loonkostensubsidie: bool = False

    @classmethod
    def van(cls, uitkering: Uitkering) -> UitkeringFeiten:
        return cls(
            dossier_id=uitkering.dossier_id,
            werkzoekende_id=uitkering.dossier.werkzoekende_id,
            geboortedatum=uitkering.dossier.werkzoekende.geboortedatum,
            aanvrager_medisch_urenbeperkt=uitkering.aanvrager_medisch_urenbeperkt,
            partner_medisch_urenbeperkt=uitkering.partner_medisch_urenbeperkt,
            aanvrager_doelgroep_loonkostensubsidie=uitkering.aanvrager_doelgroep_loonkostensubsidie,
            partner_doelgroep_loonkostensubsidie=uitkering.partner_doelgroep_loonkostensubsidie,
        )


class Lid(NamedTuple):
    """A household member as the calculation reads it (``HuishoudenLid`` has the same
    attributes, so model instances and these tuples are interchangeable)."""

    geboortedatum: date
    rol: str
    student: bool
    commerciele_huur: bool
    familie_eerste_of_tweede_graad: bool


class OpgaveFeiten(NamedTuple):
    """An opgave as the calculation reads it (the payment run's bulk path loads these with
    ``values_list``; ``Inkomstenopgave`` instances have the same attributes)."""

    pk: int
    persoon: str
    soort: str
    periode: str
    status: str
    bron: str
    werkgever_id: int | None
    betaaldata: list[str]
    telt_bedrag: Decimal

    @classmethod
    def uit_kolommen(cls, rij: Iterable[Any]) -> OpgaveFeiten:
        """From the values of :data:`OPGAVE_KOLOMMEN` (bedrag and vakantiegeld last)."""
        *velden, bedrag, vakantiegeld = rij
        return cls(*velden, bedrag + vakantiegeld)


OPGAVE_KOLOMMEN = (
    "pk",
    "persoon",
    "soort",
    "periode",
    "status",
    "bron",
    "werkgever_id",
    "betaaldata",
    "bedrag",
    "vakantiegeld",
)


LID_VELDEN = (
    "geboortedatum",
    "rol",
    "student",
    "commerciele_huur",
    "familie_eerste_of_tweede_graad",
)


def _huishouden(
    feiten: UitkeringFeiten,
    m: rekenregels.Maand,
    regelset: rekenregels.Regelset,
    beleid,
    leden: Iterable[HuishoudenLid | Lid] | None = None,
) -> dict[str, Any]:
    """Aanvrager, partner, kinderen and medebewoners for the month from the current household
    data (used for a month's first calculation; later ones reuse it, see herbereken_maand).

    Children who are 18 or older on the peildatum count as medebewoners; people born after
    the month are left out. ``leden`` (in pk order) may be preloaded (the payment run's bulk
    path); otherwise they are read here.
    """
    dag = rekenregels.peildatum(m, beleid)
    laatste = m.laatste_dag
    partner = None
    kinderen: list[rekenregels.Kind] = []
    medebewoners: list[rekenregels.Medebewoner] = []
    if leden is None:
        leden = HuishoudenLid.objects.filter(
            huishouden__werkzoekende_id=feiten.werkzoekende_id
        ).order_by("pk")
    for lid in leden:
        if lid.geboortedatum > laatste:
            continue
        if lid.rol == HuishoudenLid.Rol.PARTNER:
            partner = _persoon(
                lid.geboortedatum,
                feiten.partner_medisch_urenbeperkt,
                feiten.partner_doelgroep_loonkostensubsidie,
            )
        elif (
            lid.rol == HuishoudenLid.Rol.KIND
            and rekenregels.leeftijd(lid.geboortedatum, dag) < regelset.kind_ten_laste_tot_leeftijd
        ):
            kinderen.append(rekenregels.Kind(geboortedatum=lid.geboortedatum))
        else:
            medebewoners.append(
                rekenregels.Medebewoner(
                    geboortedatum=lid.geboortedatum,
                    student=lid.student,
                    commerciele_huur=lid.commerciele_huur,
                    familie_eerste_of_tweede_graad=lid.familie_eerste_of_tweede_graad
                    or lid.rol == HuishoudenLid.Rol.KIND,
                )
            )
    return {
        "aanvrager": _persoon(
            feiten.geboortedatum,
            feiten.aanvrager_medisch_urenbeperkt,
            feiten.aanvrager_doelgroep_loonkostensubsidie,
        ),
        "partner": partner,
        "kinderen": tuple(kinderen),
        "medebewoners": tuple(medebewoners),
    }


def inkomstenregels(
    opgaven: Iterable[Inkomstenopgave], beleid: rekenregels.Beleid
) -> tuple[rekenregels.Inkomstenregel, ...]:
    """The income lines of the month for the core (policy P3 for four-weekly wages).

    Each opgave counts ``bedrag + vakantiegeld``. Monthly opgaven: one line each. Four-weekly,
    13/12 policy: one line per (persoon, soort, werkgever/bron) with the mean of the periods
    paid in the month (so the '13th period' is not set off again; the core converts x 13/12).
    Four-weekly, 'als ontvangen': one line per payday.
    """
    regels: list[rekenregels.Inkomstenregel] = []
    groepen: dict[tuple[Any, ...], list[Decimal]] = defaultdict(list)
    for o in opgaven:
        bedrag = o.telt_bedrag
        if o.periode == InkomstenPeriode.MAAND:
            regels.append(rekenregels.Inkomstenregel(o.persoon, o.soort, bedrag, "maand"))
        elif beleid.p3_vier_weken == rekenregels.VierWekenOmrekening.DERTIEN_TWAALFDE:
            groepen[(o.persoon, o.soort, o.werkgever_id or o.bron)].append(bedrag)
        else:
            for _dag in o.betaaldata or [None]:
                regels.append(rekenregels.Inkomstenregel(o.persoon, o.soort, bedrag, "vier_weken"))
    for (persoon, soort, _sleutel), bedragen in groepen.items():
        gemiddeld = (sum(bedragen, NUL) / len(bedragen)).quantize(CENT, rounding=ROUND_HALF_UP)
        regels.append(rekenregels.Inkomstenregel(persoon, soort, gemiddeld, "vier_weken"))
    return tuple(regels)


def _regels_als_lijst(regels: Iterable[rekenregels.Inkomstenregel] | None) -> list | None:
    if regels is None:
        return None
    return [
        {
            "persoon": str(r.persoon),
            "soort": str(r.soort),
            "bedrag": f"{Decimal(r.bedrag):.2f}",
            "periode": str(r.periode),
        }
        for r in regels
    ]


def _regels_uit_lijst(lijst: list[dict[str, str]]) -> tuple[rekenregels.Inkomstenregel, ...]:
    return tuple(
        rekenregels.Inkomstenregel(r["persoon"], r["soort"], Decimal(r["bedrag"]), r["periode"])
        for r in lijst
    )


def invoer_als_dict(invoer: rekenregels.Invoer) -> dict[str, Any]:
    """The input as JSON, in the shape of the proefberekening request (can be replayed)."""

    def persoon(p: rekenregels.Persoon | None) -> dict[str, Any] | None:
        if p is None:
            return None
        data: dict[str, Any] = {
            "geboortedatum": p.geboortedatum.isoformat(),
            "medisch_urenbeperkt": p.medisch_urenbeperkt,
        }
        if p.doelgroep_loonkostensubsidie:  # extension beyond the proefberekening contract
            data["doelgroep_loonkostensubsidie"] = True
        return data

    return {
        "maand": str(invoer.maand),
        "aanvrager": persoon(invoer.aanvrager),
        "partner": persoon(invoer.partner),
        "kinderen": [{"geboortedatum": k.geboortedatum.isoformat()} for k in invoer.kinderen],
        "medebewoners": [
            {
                "geboortedatum": mb.geboortedatum.isoformat(),
                "student": mb.student,
                "commerciele_huur": mb.commerciele_huur,
                "familie_eerste_of_tweede_graad": mb.familie_eerste_of_tweede_graad,
            }
            for mb in invoer.medebewoners
        ],
        "inkomsten": _regels_als_lijst(invoer.inkomsten),
        "vrijlating_maanden_gebruikt": {
            p: dict(sorted(s.items()))
            for p, s in sorted(invoer.vrijlating_maanden_gebruikt.items())
        },
        "geschatte_inkomsten": _regels_als_lijst(invoer.geschatte_inkomsten),
    } | {k: str(d) for k in ("recht_vanaf", "recht_tot") if (d := getattr(invoer, k))}


def _vrijlatingen_als_lijst(resultaat: rekenregels.Resultaat) -> list[dict[str, Any]]:
    return [
        {
            "persoon": str(v.persoon),
            "soort": str(v.soort),
            "artikel": v.artikel,
            "percentage": str(v.percentage),
            "maximum": None if v.maximum is None else f"{v.maximum:.2f}",
            "bedrag": f"{v.bedrag:.2f}",
            "maandnummer": v.maandnummer,
            "max_maanden": v.max_maanden,
        }
        for v in resultaat.vrijlatingen
    ]


@dataclass
class Rekensom:
    """The pure calculation of one dossier-month with what is stored of it.

    ``resultaat_json`` and ``vrijlatingen_json`` are the canonical JSON texts (sorted keys) of
    ``resultaat_dict`` and ``vrijlatingen``: serialised once, used for the fingerprint and
    written as they are by the payment run's bulk path.
    """

    invoer: rekenregels.Invoer
    resultaat: rekenregels.Resultaat
    resultaat_dict: dict[str, Any]
    vrijlatingen: list[dict[str, Any]]
    opgaven: list[Inkomstenopgave]
    vingerafdruk: str
    resultaat_json: str = ""
    vrijlatingen_json: str = ""


def vingerafdruk(resultaat_json: str, vrijlatingen_json: str, opgave_ids: list[int]) -> str:
    """sha256 of ``json.dumps({"resultaat": ..., "vrijlatingen": ..., "opgaven": ...},
    sort_keys=True)``, assembled from the parts already serialised (byte-identical: the
    stored fingerprints of earlier versions stay comparable)."""
    tekst = (
        f'{{"opgaven": {json.dumps(opgave_ids)}, "resultaat": {resultaat_json}, '
        f'"vrijlatingen": {vrijlatingen_json}}}'
    )
    return hashlib.sha256(tekst.encode()).hexdigest()


def reken_maand(
    *,
    uitkering: Uitkering | UitkeringFeiten,
    m: rekenregels.Maand,
    opgaven: list[Inkomstenopgave],
    vrijlating_maanden_gebruikt: dict[str, dict[str, int]],
    geschat: tuple[rekenregels.Inkomstenregel, ...] | None,
    regelset: rekenregels.Regelset,
    beleid: rekenregels.Beleid,
    leden: Iterable[HuishoudenLid | Lid] | None = None,
    huishouden: dict[str, Any] | None = None,
    recht: tuple[date | None, date | None] = (None, None),
) -> Rekensom:
    """Build the input from (pre)loaded case data, call the pure core, fingerprint the result.

    No writes. Shared by :func:`herbereken_maand` (one dossier) and the payment run's bulk
    path (``inkomen.betaalrun``), which preloads the data of a whole chunk. ``huishouden``
    (aanvrager, partner, kinderen, medebewoners) replaces the current household data: the
    household a month was first calculated with (:func:`huishouden_uit_invoer`, ADR 0005).
    ``recht``: the first / last day with recht of a part month (``deelmaand.recht_periode``).
    """
    feiten = uitkering if isinstance(uitkering, UitkeringFeiten) else UitkeringFeiten.van(uitkering)
    invoer = rekenregels.Invoer(
        maand=m,
        inkomsten=inkomstenregels(opgaven, beleid),
        vrijlating_maanden_gebruikt=vrijlating_maanden_gebruikt,
        geschatte_inkomsten=geschat,
        recht_vanaf=recht[0],
        recht_tot=recht[1],
        **(huishouden or _huishouden(feiten, m, regelset, beleid, leden)),
    )
    resultaat = rekenregels.bereken(invoer, regelset, beleid)
    resultaat_dict = resultaat.als_dict()
    vrijlatingen = _vrijlatingen_als_lijst(resultaat)
    resultaat_json = json.dumps(resultaat_dict, sort_keys=True)
    vrijlatingen_json = json.dumps(vrijlatingen, sort_keys=True)
    return Rekensom(
        invoer,
        resultaat,
        resultaat_dict,
        vrijlatingen,
        list(opgaven),
        vingerafdruk(resultaat_json, vrijlatingen_json, sorted(o.pk for o in opgaven)),
        resultaat_json,
        vrijlatingen_json,
    )


def huishouden_uit_invoer(invoer: dict[str, Any]) -> dict[str, Any]:
    """The household stored in a berekening's ``invoer`` (see :func:`invoer_als_dict`) as the
    core's persons: the household that month was calculated with."""

    def persoon(p: dict[str, Any] | None) -> rekenregels.Persoon | None:
        if p is None:
            return None
        return _persoon(
            date.fromisoformat(p["geboortedatum"]),
            bool(p.get("medisch_urenbeperkt")),
            bool(p.get("doelgroep_loonkostensubsidie")),
        )

    return {
        "aanvrager": persoon(invoer["aanvrager"]),
        "partner": persoon(invoer.get("partner")),
        "kinderen": tuple(
            rekenregels.Kind(geboortedatum=date.fromisoformat(k["geboortedatum"]))
            for k in invoer.get("kinderen") or []
        ),
        "medebewoners": tuple(
            rekenregels.Medebewoner(
                geboortedatum=date.fromisoformat(mb["geboortedatum"]),
                student=bool(mb.get("student")),
                commerciele_huur=bool(mb.get("commerciele_huur")),
                familie_eerste_of_tweede_graad=bool(mb.get("familie_eerste_of_tweede_graad")),
            )
            for mb in invoer.get("medebewoners") or []
        ),
    }


def herbereken_maand(
    *,
    dossier_id: int,
    maand: date,
    aanleiding: str = "",
    peildatum: date | None = None,
    huishouden_opnieuw: bool = False,
) -> HerberekenUitkomst:
    """Recalculate one dossier-month; store a new Berekening version only if it differs, and
    book the difference with what the ledger holds for a paid month (module docstring).

    Idempotent: a second run with the same facts creates no version and no booking.
    ``peildatum`` (default today) decides the art. 58 lid 4 window. Raises
    ``rekenregels.OngeldigeInvoer`` when the case data cannot be calculated.

    The household of a month is the one it was first calculated with (stored in the
    berekening's ``invoer``): a later change of the household does not reach back into months
    already calculated, e.g. through a correction of their income (ADR 0005).
    ``huishouden_opnieuw=True`` recalculates with the current household data instead: an
    explicit herziening (art. 54 lid 3) by a consulent.
    """
    maand = eerste_van_maand(maand)
    peildatum = peildatum or tijd.vandaag()
    with transaction.atomic():
        try:
            uitkering = (
                Uitkering.objects.select_for_update(of=("self",))
                .select_related("dossier__werkzoekende")
                .get(dossier_id=dossier_id)
            )
        except Uitkering.DoesNotExist:
            return HerberekenUitkomst(None, overgeslagen="geen uitkering")
        if maand < eerste_van_maand(uitkering.ingangsdatum) or (
            uitkering.einddatum is not None and maand > uitkering.einddatum
        ):
            return HerberekenUitkomst(None, overgeslagen="buiten de uitkeringsperiode")

        m = rekenregels.Maand(maand.year, maand.month)
        regelset = selectors.regelset_voor_maand(maand)
        beleid = selectors.beleid_voor_maand(maand)
        opgaven = selectors.effectieve_opgaven(dossier_id=dossier_id, maand=maand)
        vorige = selectors.actuele_berekening(dossier_id=dossier_id, maand=maand)
        betaald_op = (
            Boeking.objects.filter(
                dossier_id=dossier_id, maand=maand, soort=BoekingSoort.UITBETALING_VOORLOPIG
            )
            .select_related("berekening")
            .first()
        )
        geschat = None
        if betaald_op is not None and betaald_op.berekening and betaald_op.berekening.op_schatting:
            geschat = _regels_uit_lijst(betaald_op.berekening.invoer["inkomsten"])
        som = reken_maand(
            uitkering=uitkering,
            m=m,
            opgaven=opgaven,
            vrijlating_maanden_gebruikt=selectors.vrijlating_maanden_gebruikt(
                dossier_id=dossier_id, maand=maand, beleid=beleid
            ),
            geschat=geschat,
            regelset=regelset,
            beleid=beleid,
            huishouden=(
                huishouden_uit_invoer(vorige.invoer)
                if vorige is not None and not huishouden_opnieuw
                else None
            ),
            recht=deelmaand.recht_periode_van(uitkering, maand),
        )

        uitkomst = HerberekenUitkomst(vorige)
        if vorige is None or vorige.vingerafdruk != som.vingerafdruk:
            uitkomst.nieuw = True
            uitkomst.berekening = _sla_berekening_op(
                uitkering=uitkering,
                maand=maand,
                vorige=vorige,
                som=som,
                regelset=regelset,
                beleid=beleid,
                aanleiding=aanleiding,
            )
            oud = sorted(
                (v["persoon"], v["soort"]) for v in (vorige.vrijlatingen if vorige else [])
            )
            nieuw = sorted((v["persoon"], v["soort"]) for v in som.vrijlatingen)
            if oud != nieuw:
                # The counters of later months change: recalculate those (each idempotent).
                for later in (
                    Berekening.objects.filter(dossier_id=dossier_id, actueel=True, maand__gt=maand)
                    .order_by("maand")
                    .values_list("maand", flat=True)
                ):
                    _herbereken_na_commit(dossier_id, later)
        assert uitkomst.berekening is not None
        uitkomst.boekingen = _boek_verschil(
            uitkering=uitkering,
            maand=maand,
            berekening=uitkomst.berekening,
            beleid=beleid,
            peildatum=peildatum,
        )
        log_verwerking(
            activiteit=ACTIVITEIT,
            operatie="herbereken_maand",
            subjects=[uitkering.dossier.werkzoekende.log_subject],
            soorten_gegevens=["inkomen", "huishouden", "uitkering"],
            actor="inkomen.herbereken",
        )
    return uitkomst


def _sla_berekening_op(
    *,
    uitkering: Uitkering,
    maand: date,
    vorige: Berekening | None,
    som: Rekensom,
    regelset: rekenregels.Regelset,
    beleid: rekenregels.Beleid,
    aanleiding: str,
) -> Berekening:
    dossier_id = uitkering.dossier_id
    versie = 1
    if vorige is not None:
        Berekening.objects.filter(pk=vorige.pk).update(actueel=False)
        VrijlatingToepassing.objects.filter(berekening=vorige).update(actueel=False)
        laatste = (
            Berekening.objects.filter(dossier_id=dossier_id, maand=maand)
            .order_by("-versie")
            .values_list("versie", flat=True)
            .first()
        )
        versie = (laatste or 0) + 1
    berekening = nieuwe_berekening(
        dossier_id=dossier_id,
        maand=maand,
        versie=versie,
        som=som,
        regelset=regelset,
        beleid=beleid,
        aanleiding=aanleiding,
    )
    berekening.save(force_insert=True)
    berekening.opgaven.set(som.opgaven)
    VrijlatingToepassing.objects.bulk_create(vrijlating_rijen(berekening, som))
    return berekening


def berekening_velden(
    *,
    dossier_id: int,
    maand: date,
    versie: int,
    som: Rekensom,
    regelset: rekenregels.Regelset,
    beleid: rekenregels.Beleid,
    aanleiding: str,
    regels_versie: str | None = None,
) -> dict[str, Any]:
    """The field values (attnames) of an actuele Berekening of ``som``: one definition for
    the single save (:func:`nieuwe_berekening`) and the payment run's bulk insert (which
    passes ``regels_versie`` once for the chunk)."""
    resultaat = som.resultaat
    return {
        "dossier_id": dossier_id,
        "maand": maand,
        "versie": versie,
        "actueel": True,
        "invoer": invoer_als_dict(som.invoer),
        "resultaat": som.resultaat_dict,
        "vrijlatingen": som.vrijlatingen,
        "regelset_geldig_vanaf": regelset.geldig_vanaf,
        "beleid_geldig_vanaf": beleid.geldig_vanaf,
        "regels_versie": regels_versie or selectors.regels_versie(),
        "vingerafdruk": som.vingerafdruk,
        "op_schatting": any(o.status == OpgaveStatus.GESCHAT for o in som.opgaven),
        "norm": resultaat.norm,
        "kostendelers": resultaat.kostendelers,
        "inkomsten": resultaat.inkomsten,
        "vrijlating": resultaat.vrijlating,
        "bijstand": resultaat.bijstand,
        "vakantietoeslag": resultaat.vakantietoeslag,
        "uitbetaling": resultaat.uitbetaling,
        "correctie": resultaat.correctie,
        "aanleiding": aanleiding[:200],
    }


def nieuwe_berekening(**kwargs: Any) -> Berekening:
    """An unsaved actuele Berekening (arguments of :func:`berekening_velden`)."""
    return Berekening(**berekening_velden(**kwargs))


def vrijlating_velden(
    *, berekening_id: int, dossier_id: int, maand: date, som: Rekensom
) -> list[dict[str, Any]]:
    """The counter rows (field values) of the vrijlatingen applied in ``som``."""
    return [
        {
            "berekening_id": berekening_id,
            "dossier_id": dossier_id,
            "maand": maand,
            "actueel": True,
            "persoon": str(v.persoon),
            "soort": str(v.soort),
            "bedrag": v.bedrag,
            "maandnummer": v.maandnummer,
            "max_maanden": v.max_maanden,
        }
        for v in som.resultaat.vrijlatingen
    ]


def vrijlating_rijen(berekening: Berekening, som: Rekensom) -> list[VrijlatingToepassing]:
    """The (unsaved) counter rows of a saved berekening."""
    return [
        VrijlatingToepassing(**velden)
        for velden in vrijlating_velden(
            berekening_id=berekening.pk,
            dossier_id=berekening.dossier_id,
            maand=berekening.maand,
            som=som,
        )
    ]


# --------------------------------------------------------------------------------------------
# the ledger


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


def _boek_verschil(
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


@dataclass
class MaandBetaling:
    """What the payment run pays a dossier for a month: ``bedrag`` (cash, >= 0) and the
    bookings it carries (all with ``betaalmaand`` = the month)."""

    dossier_id: int
    maand: date
    bedrag: Decimal
    boekingen: list[Boeking]
    al_geboekt: bool = False


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
        if not regulier_te_betalen(
            status=uitkering.status,
            ingangsdatum=uitkering.ingangsdatum,
            einddatum=uitkering.einddatum,
            maand=maand,
        ):
            if not in_vakantietoeslag_einde_venster(
                status=uitkering.status, einddatum=uitkering.einddatum, maand=maand
            ):
                return None
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
