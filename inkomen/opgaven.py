"""Inkomstenopgaven: the burger's, the consulent's and the payroll's report of income, and
the consulent's beoordeling. Each stores an immutable fact and schedules the recalculation of
its month durably (:func:`inkomen.herberekening.plan_herberekening`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bijstand.accounts.models import SysteemClient, User
from bijstand.core import tijd
from bijstand.core.tijd import eerste_van_maand
from bijstand.dossiers.models import Dossier, HuishoudenLid
from bijstand.logboek.services import log_verwerking

from . import selectors
from .herberekening import _herbereken_na_commit
from .models import (
    BEOORDELING_OVERGANGEN,
    NUL,
    Beoordeling,
    BeoordelingWijziging,
    Bron,
    Inkomstenopgave,
    InkomstenPeriode,
    InkomstenSoort,
    LoonstrookType,
    OpgaveStatus,
    Persoon,
    Werkgever,
)

CENT = Decimal("0.01")
MAX_LOONSTROOK_BYTES = 10 * 1024 * 1024
ACTIVITEIT = "uitkering"


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
