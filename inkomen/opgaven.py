"""Inkomstenopgaven: the burger's, the consulent's and the payroll's report of income, and
the consulent's beoordeling. Each stores an immutable fact and schedules the recalculation of
its month durably (:func:`inkomen.herberekening.plan_herberekening`).

Idempotency (issue 13 §1): the screens send a random key generated when the form is rendered,
the payroll API derives one from its ``Idempotency-Key`` header. A second request with a key
already stored for the dossier stores nothing: it returns the first opgave (with
``al_vastgelegd`` set) and still schedules its month's recalculation when that is missing
(:func:`zorg_voor_herberekening`). The same key with different data is refused
(``idempotentiesleutel``), never silently dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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
from .herberekening import plan_herberekening, stuur_na_commit
from .models import (
    BEOORDELING_OVERGANGEN,
    NUL,
    Beoordeling,
    BeoordelingWijziging,
    Berekening,
    Bron,
    Inkomstenopgave,
    InkomstenPeriode,
    InkomstenSoort,
    LoonstrookType,
    OpgaveStatus,
    Persoon,
    Werkgever,
)
from .models_herberekening import HerberekenVerzoek

CENT = Decimal("0.01")
SLEUTEL_RE = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
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


def _als_bedrag(waarde: Any) -> Decimal | None:
    try:
        return Decimal(waarde).quantize(CENT)
    except (ArithmeticError, TypeError, ValueError):
        return None


def _zelfde_opgave(opgave: Inkomstenopgave, verzoek: dict[str, Any]) -> bool:
    """Whether a request carries the data of the stored ``opgave`` (the payslip file aside)."""
    maand = verzoek["maand"]
    uren = verzoek["uren"]
    try:
        dagen = sorted({d.isoformat() for d in verzoek["betaaldata"] or []})
        uren = None if uren is None else Decimal(uren)
    except (AttributeError, ArithmeticError, TypeError, ValueError):
        return False
    vervangt, werkgever = verzoek["vervangt"], verzoek["werkgever"]
    return (
        isinstance(maand, date)
        and eerste_van_maand(maand) == opgave.maand
        and (verzoek["persoon"], verzoek["soort"], verzoek["periode"])
        == (opgave.persoon, opgave.soort, opgave.periode)
        and (verzoek["status"], verzoek["bron"]) == (opgave.status, opgave.bron)
        and _als_bedrag(verzoek["bedrag"]) == opgave.bedrag
        and _als_bedrag(verzoek["vakantiegeld"] or NUL) == opgave.vakantiegeld
        and uren == opgave.uren
        and dagen == sorted(opgave.betaaldata or [])
        and (vervangt.pk if vervangt is not None else None) == opgave.vervangt_id
        and (werkgever.pk if werkgever is not None else None) == opgave.werkgever_id
        and (verzoek["loonperiode"] or "", verzoek["versie"]) == (opgave.loonperiode, opgave.versie)
    )


def _herhaling(eerste: Inkomstenopgave, verzoek: dict[str, Any]) -> Inkomstenopgave:
    """A request whose key is stored already: the first opgave, or an error for other data."""
    if not _zelfde_opgave(eerste, verzoek):
        raise ValidationError(
            {
                "idempotentiesleutel": ValidationError(
                    _(
                        "Met deze sleutel is al een opgave vastgelegd (opgave %(pk)s) met "
                        "andere gegevens. Er is niets nieuws vastgelegd."
                    ),
                    code="sleutel_hergebruikt",
                    params={"pk": eerste.pk},
                )
            }
        )
    zorg_voor_herberekening(eerste)
    eerste.al_vastgelegd = True  # type: ignore[attr-defined]
    return eerste


def zorg_voor_herberekening(opgave: Inkomstenopgave) -> bool:
    """A repeated opgave (same idempotency key, or a payroll line received before): make sure
    its month's recalculation is scheduled. Nothing when the actuele berekening of the month
    includes the opgave; else an outbox row (or, when one is open already, another attempt
    to queue it). Returns whether anything was scheduled."""
    if Berekening.objects.filter(
        dossier_id=opgave.dossier_id, maand=opgave.maand, actueel=True, opgaven=opgave
    ).exists():
        return False
    with transaction.atomic():
        if HerberekenVerzoek.objects.filter(
            dossier_id=opgave.dossier_id, maand=opgave.maand, verwerkt_op__isnull=True
        ).exists():
            stuur_na_commit(dossier_id=opgave.dossier_id, maand=opgave.maand)
        else:
            plan_herberekening(
                dossier_id=opgave.dossier_id, maand=opgave.maand, aanleiding="herhaalde opgave"
            )
    return True


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
    idempotentiesleutel: str = "",
) -> Inkomstenopgave:
    """Validate and store an immutable inkomstenopgave and durably schedule the
    recalculation of its month (an outbox row in the same transaction).

    ``idempotentiesleutel`` (module docstring): when an opgave with this key exists for the
    dossier, nothing is stored and that opgave is returned with ``al_vastgelegd = True``
    (its recalculation scheduled if missing); the key with other data raises a
    ``ValidationError`` on ``idempotentiesleutel``. Raises ``ValidationError`` with Dutch
    messages per field; :class:`DubbeleOpgave` when the payroll key (werkgever, persoon,
    loonperiode, versie) was stored before.
    """
    vandaag = vandaag or tijd.vandaag()
    sleutel = (idempotentiesleutel or "").strip()
    verzoek = {
        "maand": maand,
        "persoon": persoon,
        "soort": soort,
        "bedrag": bedrag,
        "periode": periode,
        "betaaldata": betaaldata,
        "status": status,
        "bron": bron,
        "vakantiegeld": vakantiegeld,
        "uren": uren,
        "vervangt": vervangt,
        "werkgever": werkgever,
        "loonperiode": loonperiode,
        "versie": versie,
    }
    if sleutel:
        if not SLEUTEL_RE.match(sleutel):
            raise ValidationError(
                {"idempotentiesleutel": [_("Deze idempotentiesleutel is ongeldig.")]}
            )
        eerste = Inkomstenopgave.objects.filter(
            dossier=dossier, idempotentiesleutel=sleutel
        ).first()
        if eerste is not None:
            return _herhaling(eerste, verzoek)
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
        idempotentiesleutel=sleutel,
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
            plan_herberekening(dossier_id=dossier.pk, maand=maand, aanleiding="opgave")
    except IntegrityError:
        if opgave.loonstrook:
            opgave.loonstrook.storage.delete(opgave.loonstrook.name)
        if sleutel:  # a double click: the other request stored it a moment ago
            eerste = Inkomstenopgave.objects.filter(
                dossier=dossier, idempotentiesleutel=sleutel
            ).first()
            if eerste is not None:
                return _herhaling(eerste, verzoek)
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


@dataclass(frozen=True)
class Betaaldag:
    """One payday of a four-weekly wage: its date and the netto wage paid for that period."""

    datum: date
    bedrag: Decimal


MAX_BETAALDAGEN = 2  # a period of four weeks is paid at most twice in a calendar month


def registreer_vierwekenloon(
    *,
    dossier: Dossier,
    maand: date,
    betaaldagen: Sequence[Betaaldag],
    vakantiegeld: Decimal = NUL,
    uren: Decimal | None = None,
    loonstrook: UploadedFile | None = None,
    vervangt: Inkomstenopgave | None = None,
    idempotentiesleutel: str = "",
    **velden: Any,
) -> list[Inkomstenopgave]:
    """A four-weekly wage of one month as the data model stores it: one opgave per payday
    (``bedrag`` = the netto wage of that period, ``betaaldata`` = [its day], as the payroll
    API stores it), all or nothing. The rules count the mean of the periods x 13/12 (P3
    default) or each period as received (:func:`inkomen.rekensom.inkomstenregels`).

    The first payday's opgave carries the month's vakantiegeld, hours, payslip and the
    correction (``vervangt``: the chosen opgave is replaced by these paydays); where the
    vakantiegeld sits does not change the total under either P3 choice. Payday n > 1 uses
    the idempotency key ``<key>.<n>``. Errors of payday n are raised on ``bedrag_<n>`` and
    ``betaaldata_<n>``; other fields as :func:`registreer_inkomstenopgave`.
    """
    sleutel = (idempotentiesleutel or "").strip()
    if not betaaldagen:
        raise ValidationError({"betaaldata_1": [_("Geef de betaaldag en het bedrag op.")]})
    if len(betaaldagen) > MAX_BETAALDAGEN:
        raise ValidationError(
            {"betaaldata_3": [_("Vierwekenloon wordt hooguit twee keer in een maand betaald.")]}
        )
    if len({dag.datum for dag in betaaldagen}) != len(betaaldagen):
        raise ValidationError(
            {"betaaldata_2": [_("De tweede betaaldag moet een andere dag zijn dan de eerste.")]}
        )
    if sleutel and len(sleutel) > 62:
        raise ValidationError({"idempotentiesleutel": [_("Deze idempotentiesleutel is ongeldig.")]})
    opgeslagen: list[Inkomstenopgave] = []
    try:
        with transaction.atomic():
            for n, dag in enumerate(betaaldagen, start=1):
                eerste = n == 1
                try:
                    opgave = registreer_inkomstenopgave(
                        dossier=dossier,
                        maand=maand,
                        bedrag=dag.bedrag,
                        periode=InkomstenPeriode.VIER_WEKEN,
                        betaaldata=[dag.datum],
                        vakantiegeld=vakantiegeld if eerste else NUL,
                        uren=uren if eerste else None,
                        loonstrook=loonstrook if eerste else None,
                        vervangt=vervangt if eerste else None,
                        idempotentiesleutel=f"{sleutel}.{n}" if sleutel and not eerste else sleutel,
                        **velden,
                    )
                except ValidationError as exc:
                    hernoemd = {"bedrag": f"bedrag_{n}", "betaaldata": f"betaaldata_{n}"}
                    raise ValidationError(
                        {hernoemd.get(veld, veld): m for veld, m in exc.message_dict.items()}
                    ) from None
                opgeslagen.append(opgave)
    except BaseException:
        for opgave in opgeslagen:  # rolled back: remove a payslip this call stored
            if opgave.loonstrook and not getattr(opgave, "al_vastgelegd", False):
                opgave.loonstrook.storage.delete(opgave.loonstrook.name)
        raise
    return opgeslagen


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
        plan_herberekening(
            dossier_id=opgave.dossier_id, maand=opgave.maand, aanleiding="beoordeling"
        )
    return opgave
