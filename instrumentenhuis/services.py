"""Writes of the instrumentenhuis: the life cycle of an inzet, provider reports, employer
instruments and provider tokens.

Every use case is one transaction, checks the allowed-transition table
(``models.TOEGESTANE_OVERGANGEN``), records the change (``InzetOvergang``), writes a journaal
line and a dataverwerkingen log line. Inzetten of an instrument that addresses a confidential
leefgebied (health, addiction, justice) are journalled and logged as confidential.

Budget and capacity: approving reserves the instrument's cost and one place on the
``InstrumentJaar`` row of the year of the start date. The row is locked (``select_for_update``)
for the check and the update, and its check constraints refuse any reservation beyond budget
or capacity, so two approvals at the same moment cannot both take the last place. A refusal
raises :class:`GeenRuimte` (a ValidationError with a Dutch message); the request can then go on
the wachtlijst, which is served in order.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from bijstand.accounts import services as accounts_services
from bijstand.accounts.models import User
from bijstand.core import tijd
from bijstand.core.tijd import plus_maanden
from bijstand.dossiers.models import Dossier, JournaalSoort
from bijstand.dossiers.services import voeg_journaalregel_toe
from bijstand.logboek.services import log_verwerking
from perspectief.models import Profiel
from perspectief.referentie import CERTIFICATEN

from . import lks
from .models import (
    ACTIEVE_INZET_STATUSSEN,
    TOEGESTANE_OVERGANGEN,
    Aanbieder,
    Bron,
    Instrument,
    InstrumentJaar,
    InstrumentLeefgebied,
    Inzet,
    InzetOvergang,
    InzetStatus,
    JobcoachSoort,
    Minimumloon,
    Rapportage,
    RapportageSoort,
    Resultaat,
    Stopreden,
    Werkgeversafspraak,
    WerkgeversinstrumentSoort,
)

RAPPORTAGE_SCOPE = "instrumentenhuis:rapporteren"
MAX_DAGEN_TERUG = 31
MAX_MAANDEN_PROEFPLAATSING = 2
MIN_CONTRACT_MAANDEN = 6


class GeenRuimte(ValidationError):
    """Approval refused: no budget or place left, or others are waiting first."""


def leeftijd_op(geboortedatum: datetime.date, op: datetime.date) -> int:
    return (
        op.year
        - geboortedatum.year
        - ((op.month, op.day) < (geboortedatum.month, geboortedatum.day))
    )


def is_vertrouwelijk(instrument: Instrument) -> bool:
    """The instrument addresses a confidential leefgebied (health, addiction, justice)."""
    return InstrumentLeefgebied.objects.filter(
        instrument=instrument, leefgebied__vertrouwelijk=True
    ).exists()


# --- recording ---------------------------------------------------------------------------


def _log(
    inzet: Inzet,
    operatie: str,
    *,
    door: User | None,
    request: Any,
    vertrouwelijk: bool,
    activiteit: str = "reintegratie",
) -> None:
    log_verwerking(
        activiteit="gezondheid" if vertrouwelijk else activiteit,
        operatie=operatie,
        subjects=[inzet.dossier.werkzoekende.log_subject],
        soorten_gegevens=["instrumenten"],
        actor=door if door is not None else getattr(request, "user", None),
        request=request,
        vertrouwelijk=vertrouwelijk,
    )


def _door_wie(bron: str, aanbieder_naam: str) -> str:
    if bron == Bron.AANBIEDER:
        return " " + _("(gemeld door %(aanbieder)s via de koppeling)") % {
            "aanbieder": aanbieder_naam
        }
    if bron == Bron.AANBIEDER_VIA_WERKCOACH:
        return " " + _("(gemeld door %(aanbieder)s)") % {"aanbieder": aanbieder_naam}
    return ""


def _registreer(
    inzet: Inzet,
    *,
    van: str,
    door: User | None,
    tekst: str,
    bron: str = Bron.WERKCOACH,
    toelichting: str = "",
    operatie: str,
    request: Any = None,
) -> None:
    """Record a transition: InzetOvergang, journaal line and log line."""
    vertrouwelijk = is_vertrouwelijk(inzet.instrument)
    InzetOvergang.objects.create(
        inzet=inzet, van=van, naar=inzet.status, toelichting=toelichting, bron=bron, door=door
    )
    voeg_journaalregel_toe(
        dossier=inzet.dossier,
        auteur=door,
        soort=JournaalSoort.SYSTEEM,
        onderwerp=_("Instrument: %(naam)s") % {"naam": inzet.instrument.naam},
        tekst=tekst + _door_wie(bron, inzet.instrument.aanbieder.naam),
        vertrouwelijk=vertrouwelijk,
        activiteit="reintegratie",
    )
    _log(inzet, operatie, door=door, request=request, vertrouwelijk=vertrouwelijk)


def _vergrendel(inzet: Inzet) -> Inzet:
    """The inzet locked for this transaction (only its own row), with what the texts need."""
    return (
        Inzet.objects.select_for_update(of=("self",))
        .select_related("instrument", "instrument__aanbieder", "dossier", "dossier__werkzoekende")
        .get(pk=inzet.pk)
    )


def _controleer_overgang(inzet: Inzet, naar: str) -> None:
    if naar not in TOEGESTANE_OVERGANGEN.get(inzet.status, frozenset()):
        raise ValidationError(
            {
                "status": _("Een inzet met de status '%(van)s' kan niet naar '%(naar)s'.")
                % {
                    "van": InzetStatus(inzet.status).label,
                    "naar": InzetStatus(naar).label,
                }
            }
        )


def _datum(datum: datetime.date | None, veld: str = "datum") -> datetime.date:
    datum = datum or tijd.vandaag()
    if datum > tijd.vandaag():
        raise ValidationError({veld: _("De datum mag niet in de toekomst liggen.")})
    return datum


# --- request -----------------------------------------------------------------------------


def vraag_aan(
    *,
    dossier: Dossier,
    instrument: Instrument,
    door: User | None,
    toelichting: str = "",
    begindatum: datetime.date | None = None,
    uren_per_week: int | None = None,
    request: Any = None,
) -> Inzet:
    """Request an instrument for a dossier (status aanvraag). Several can run at once, but
    not the same instrument twice."""
    begindatum = begindatum or tijd.vandaag()
    fouten: dict[str, list[str]] = {}
    if not dossier.is_actief:
        fouten["dossier"] = [
            _("Het dossier is beëindigd; er kan geen instrument worden aangevraagd.")
        ]
    if not instrument.actief:
        fouten["instrument"] = [_("Dit instrument wordt niet meer aangeboden.")]
    elif Inzet.objects.filter(
        dossier=dossier, instrument=instrument, status__in=ACTIEVE_INZET_STATUSSEN
    ).exists():
        fouten["instrument"] = [
            _("Voor %(naam)s loopt al een aanvraag of inzet.") % {"naam": instrument.naam}
        ]
    elif instrument.minimum_leeftijd is not None:
        leeftijd = leeftijd_op(dossier.werkzoekende.geboortedatum, begindatum)
        if leeftijd < instrument.minimum_leeftijd:
            fouten["instrument"] = [
                _("%(naam)s is pas vanaf %(min)s jaar; op de startdatum is de persoon %(jaar)s.")
                % {"naam": instrument.naam, "min": instrument.minimum_leeftijd, "jaar": leeftijd}
            ]
    if begindatum < tijd.vandaag() - datetime.timedelta(days=MAX_DAGEN_TERUG):
        fouten["begindatum"] = [
            _("De beoogde startdatum ligt meer dan %(n)s dagen in het verleden.")
            % {"n": MAX_DAGEN_TERUG}
        ]
    uren = instrument.uren_per_week if uren_per_week is None else uren_per_week
    if not 0 <= uren <= 40:
        fouten["uren_per_week"] = [_("Het aantal uren per week ligt tussen 0 en 40.")]
    if fouten:
        raise ValidationError(fouten)
    einddatum = (
        begindatum + datetime.timedelta(weeks=instrument.max_duur_weken)
        if instrument.max_duur_weken
        else None
    )
    try:
        with transaction.atomic():
            inzet = Inzet.objects.create(
                dossier=dossier,
                instrument=instrument,
                toelichting=(toelichting or "").strip(),
                uren_per_week=uren,
                begindatum=begindatum,
                einddatum=einddatum,
                aangevraagd_door=door,
            )
            tekst = _("Aangevraagd: %(naam)s bij %(aanbieder)s, beoogde start %(datum)s.") % {
                "naam": instrument.naam,
                "aanbieder": instrument.aanbieder.naam,
                "datum": begindatum.strftime("%d-%m-%Y"),
            }
            if inzet.toelichting:
                tekst += " " + _("Motivatie: %(m)s") % {"m": inzet.toelichting}
            _registreer(
                inzet,
                van="",
                door=door,
                tekst=tekst,
                operatie="vraag_instrument_aan",
                request=request,
            )
    except IntegrityError as exc:  # the same request at the same moment
        raise ValidationError(
            {
                "instrument": [
                    _("Voor %(naam)s loopt al een aanvraag of inzet.") % {"naam": instrument.naam}
                ]
            }
        ) from exc
    return inzet


# --- budget, capacity, wachtlijst ----------------------------------------------------------


def _budgetrij(instrument: Instrument, jaar: int) -> InstrumentJaar:
    """The year row of the instrument, created from the instrument's defaults, locked."""
    InstrumentJaar.objects.get_or_create(
        instrument=instrument,
        jaar=jaar,
        defaults={"budget": instrument.jaarbudget, "capaciteit": instrument.capaciteit_per_jaar},
    )
    return InstrumentJaar.objects.select_for_update().get(instrument=instrument, jaar=jaar)


def _wachtenden_voor(inzet: Inzet, jaar: int) -> int:
    """How many requests of this instrument and year wait on the list before ``inzet``."""
    qs = Inzet.objects.filter(
        instrument_id=inzet.instrument_id, budgetjaar=jaar, status=InzetStatus.WACHTLIJST
    ).exclude(pk=inzet.pk)
    if inzet.status == InzetStatus.WACHTLIJST:
        qs = qs.filter(
            Q(wachtlijst_sinds__lt=inzet.wachtlijst_sinds)
            | Q(wachtlijst_sinds=inzet.wachtlijst_sinds, pk__lt=inzet.pk)
        )
    return qs.count()


def keur_goed(*, inzet: Inzet, door: User | None, request: Any = None) -> Inzet:
    """Approve a request (or the first on the wachtlijst) and reserve budget and a place.

    Raises :class:`GeenRuimte` when the budget or capacity of the year is used up or others
    wait first on the wachtlijst; nothing changes then.
    """
    with transaction.atomic():
        inzet = _vergrendel(inzet)
        _controleer_overgang(inzet, InzetStatus.GOEDGEKEURD)
        instrument = inzet.instrument
        jaar = inzet.begindatum.year
        rij = _budgetrij(instrument, jaar)
        kosten = instrument.kosten_per_deelnemer
        wachtend = _wachtenden_voor(inzet, jaar)
        if wachtend:
            raise GeenRuimte(
                {
                    "wachtlijst": _(
                        "Er staan eerst %(n)s andere aanvragen voor %(naam)s in %(jaar)s op de "
                        "wachtlijst. Zet deze aanvraag op de wachtlijst."
                    )
                    % {"n": wachtend, "naam": instrument.naam, "jaar": jaar}
                }
            )
        if rij.capaciteit is not None and rij.bezet + 1 > rij.capaciteit:
            raise GeenRuimte(
                {
                    "capaciteit": _(
                        "Alle %(n)s plaatsen van %(naam)s voor %(jaar)s zijn bezet. U kunt de "
                        "aanvraag op de wachtlijst zetten."
                    )
                    % {"n": rij.capaciteit, "naam": instrument.naam, "jaar": jaar}
                }
            )
        if rij.budget is not None and rij.besteed + kosten > rij.budget:
            raise GeenRuimte(
                {
                    "budget": _(
                        "Het budget van %(naam)s voor %(jaar)s is niet toereikend: nog "
                        "%(over)s beschikbaar, nodig %(nodig)s. U kunt de aanvraag op de "
                        "wachtlijst zetten."
                    )
                    % {
                        "naam": instrument.naam,
                        "jaar": jaar,
                        "over": lks.euro(rij.budget - rij.besteed),
                        "nodig": lks.euro(kosten),
                    }
                }
            )
        try:
            with transaction.atomic():  # the check constraints are the last line of defence
                InstrumentJaar.objects.filter(pk=rij.pk).update(
                    bezet=F("bezet") + 1, besteed=F("besteed") + kosten
                )
        except IntegrityError as exc:
            raise GeenRuimte(
                {
                    "budget": _(
                        "Er is geen budget of plaats meer voor %(naam)s in %(jaar)s. U kunt de "
                        "aanvraag op de wachtlijst zetten."
                    )
                    % {"naam": instrument.naam, "jaar": jaar}
                }
            ) from exc
        van = inzet.status
        inzet.status = InzetStatus.GOEDGEKEURD
        inzet.budgetjaar = jaar
        inzet.gereserveerd = kosten
        inzet.gewijzigd_op = timezone.now()
        inzet.save(update_fields=["status", "budgetjaar", "gereserveerd", "gewijzigd_op"])
        _registreer(
            inzet,
            van=van,
            door=door,
            tekst=_("Goedgekeurd: %(naam)s; gereserveerd %(bedrag)s uit het budget %(jaar)s.")
            % {"naam": instrument.naam, "bedrag": lks.euro(kosten), "jaar": jaar},
            operatie="keur_instrument_goed",
            request=request,
        )
    return inzet


def zet_op_wachtlijst(
    *, inzet: Inzet, door: User | None, toelichting: str = "", request: Any = None
) -> Inzet:
    """Put a request on the wachtlijst of its instrument for the year of its start date."""
    with transaction.atomic():
        inzet = _vergrendel(inzet)
        _controleer_overgang(inzet, InzetStatus.WACHTLIJST)
        van = inzet.status
        inzet.status = InzetStatus.WACHTLIJST
        inzet.budgetjaar = inzet.begindatum.year
        inzet.wachtlijst_sinds = timezone.now()
        inzet.gewijzigd_op = inzet.wachtlijst_sinds
        inzet.save(update_fields=["status", "budgetjaar", "wachtlijst_sinds", "gewijzigd_op"])
        _registreer(
            inzet,
            van=van,
            door=door,
            tekst=_("Op de wachtlijst gezet: %(naam)s voor %(jaar)s.")
            % {"naam": inzet.instrument.naam, "jaar": inzet.budgetjaar},
            toelichting=toelichting,
            operatie="zet_instrument_op_wachtlijst",
            request=request,
        )
    return inzet


def _geef_reservering_vrij(inzet: Inzet) -> None:
    """Give back the money and place of an approved inzet that never started."""
    if inzet.budgetjaar is None or inzet.gereserveerd is None:
        return
    rij = _budgetrij(inzet.instrument, inzet.budgetjaar)
    InstrumentJaar.objects.filter(pk=rij.pk).update(
        bezet=F("bezet") - 1, besteed=F("besteed") - inzet.gereserveerd
    )
    inzet.gereserveerd = None


# --- start, completion, stop ---------------------------------------------------------------


def start(
    *,
    inzet: Inzet,
    door: User | None,
    datum: datetime.date | None = None,
    bron: str = Bron.WERKCOACH,
    toelichting: str = "",
    request: Any = None,
) -> Inzet:
    """The person has started (goedgekeurd -> gestart)."""
    datum = _datum(datum)
    with transaction.atomic():
        inzet = _vergrendel(inzet)
        _controleer_overgang(inzet, InzetStatus.GESTART)
        van = inzet.status
        inzet.status = InzetStatus.GESTART
        inzet.gestart_op = datum
        if inzet.instrument.max_duur_weken:
            inzet.einddatum = max(
                inzet.begindatum, datum + datetime.timedelta(weeks=inzet.instrument.max_duur_weken)
            )
        inzet.gewijzigd_op = timezone.now()
        inzet.save(update_fields=["status", "gestart_op", "einddatum", "gewijzigd_op"])
        _registreer(
            inzet,
            van=van,
            door=door,
            bron=bron,
            toelichting=toelichting,
            tekst=_("Gestart op %(datum)s: %(naam)s.")
            % {"datum": datum.strftime("%d-%m-%Y"), "naam": inzet.instrument.naam},
            operatie="start_instrument",
            request=request,
        )
    return inzet


def _valideer_resultaat(
    inzet: Inzet, resultaat: str, certificaat: str, trede: int | None
) -> tuple[str, int | None]:
    fouten: dict[str, list[str]] = {}
    if resultaat not in Resultaat.values:
        fouten["resultaat"] = [_("Kies het resultaat van de inzet.")]
    if resultaat == Resultaat.CERTIFICAAT:
        if not certificaat and len(inzet.instrument.certificaten or []) == 1:
            certificaat = inzet.instrument.certificaten[0]
        if certificaat not in CERTIFICATEN:
            fouten["certificaat"] = [_("Kies het behaalde certificaat.")]
    else:
        certificaat = ""
    if resultaat == Resultaat.TREDE_OMHOOG:
        if trede is None or isinstance(trede, bool) or not 2 <= trede <= 6:
            fouten["trede"] = [_("Geef de nieuwe trede op de participatieladder (2 tot en met 6).")]
    else:
        trede = None
    if fouten:
        raise ValidationError(fouten)
    return certificaat, trede


def rond_af(
    *,
    inzet: Inzet,
    door: User | None,
    resultaat: str,
    certificaat: str = "",
    trede: int | None = None,
    datum: datetime.date | None = None,
    bron: str = Bron.WERKCOACH,
    toelichting: str = "",
    request: Any = None,
) -> Inzet:
    """Complete a running inzet with its result (gestart -> afgerond).

    A certificate is added to the person's Profiel (``perspectief.services.werk_profiel_bij``),
    so the uitstroomperspectief and vacancy matching see it at once.
    """
    from perspectief.services import werk_profiel_bij

    datum = _datum(datum)
    with transaction.atomic():
        inzet = _vergrendel(inzet)
        _controleer_overgang(inzet, InzetStatus.AFGEROND)
        certificaat, trede = _valideer_resultaat(inzet, resultaat, certificaat, trede)
        van = inzet.status
        inzet.status = InzetStatus.AFGEROND
        inzet.resultaat = resultaat
        inzet.resultaat_certificaat = certificaat
        inzet.resultaat_trede = trede
        inzet.beeindigd_op = max(datum, inzet.gestart_op or datum)
        inzet.gewijzigd_op = timezone.now()
        inzet.save()
        uitkomst = Resultaat(resultaat).label
        if certificaat:
            uitkomst += f" ({CERTIFICATEN[certificaat]})"
            profiel = Profiel.objects.filter(dossier=inzet.dossier).first()
            huidige = list(profiel.certificaten or []) if profiel else []
            if certificaat not in huidige:
                werk_profiel_bij(
                    dossier=inzet.dossier, door=door, certificaten=[*huidige, certificaat]
                )
        if trede:
            uitkomst += " " + _("naar trede %(t)s; leg de nieuwe trede vast in een meting.") % {
                "t": trede
            }
        tekst = _("Afgerond op %(datum)s: %(naam)s. Resultaat: %(uitkomst)s.") % {
            "datum": inzet.beeindigd_op.strftime("%d-%m-%Y"),
            "naam": inzet.instrument.naam,
            "uitkomst": uitkomst,
        }
        if toelichting:
            tekst += " " + toelichting.strip()
        _registreer(
            inzet,
            van=van,
            door=door,
            bron=bron,
            toelichting=toelichting,
            tekst=tekst,
            operatie="rond_instrument_af",
            request=request,
        )
    return inzet


def stop(
    *,
    inzet: Inzet,
    door: User | None,
    reden: str,
    toelichting: str = "",
    datum: datetime.date | None = None,
    bron: str = Bron.WERKCOACH,
    request: Any = None,
) -> Inzet:
    """Stop a request or a running inzet with a reason. An approved inzet that never started
    gives its reserved budget and place back."""
    if reden not in Stopreden.values:
        raise ValidationError({"reden": _("Kies de reden van stoppen.")})
    if reden == Stopreden.OVERIG and not (toelichting or "").strip():
        raise ValidationError({"toelichting": _("Licht de reden 'overig' toe.")})
    datum = _datum(datum)
    with transaction.atomic():
        inzet = _vergrendel(inzet)
        _controleer_overgang(inzet, InzetStatus.GESTOPT)
        van = inzet.status
        if van == InzetStatus.GOEDGEKEURD:
            _geef_reservering_vrij(inzet)
        inzet.status = InzetStatus.GESTOPT
        inzet.stopreden = reden
        inzet.beeindigd_op = max(datum, inzet.gestart_op or datum)
        inzet.gewijzigd_op = timezone.now()
        inzet.save()
        tekst = _("Gestopt op %(datum)s: %(naam)s. Reden: %(reden)s.") % {
            "datum": inzet.beeindigd_op.strftime("%d-%m-%Y"),
            "naam": inzet.instrument.naam,
            "reden": Stopreden(reden).label,
        }
        if toelichting:
            tekst += " " + toelichting.strip()
        _registreer(
            inzet,
            van=van,
            door=door,
            bron=bron,
            toelichting=toelichting,
            tekst=tekst,
            operatie="stop_instrument",
            request=request,
        )
    return inzet


def wijzig_status(
    *, inzet: Inzet, naar: str, door: User | None, request: Any = None, **gegevens: Any
) -> Inzet:
    """One entry for the screens and the API: dispatch to the use case of ``naar``."""
    if naar == InzetStatus.GOEDGEKEURD:
        return keur_goed(inzet=inzet, door=door, request=request)
    if naar == InzetStatus.WACHTLIJST:
        return zet_op_wachtlijst(
            inzet=inzet, door=door, toelichting=gegevens.get("toelichting", ""), request=request
        )
    if naar == InzetStatus.GESTART:
        return start(
            inzet=inzet,
            door=door,
            datum=gegevens.get("datum"),
            toelichting=gegevens.get("toelichting", ""),
            request=request,
        )
    if naar == InzetStatus.AFGEROND:
        return rond_af(
            inzet=inzet,
            door=door,
            resultaat=gegevens.get("resultaat", ""),
            certificaat=gegevens.get("certificaat", ""),
            trede=gegevens.get("trede"),
            datum=gegevens.get("datum"),
            toelichting=gegevens.get("toelichting", ""),
            request=request,
        )
    if naar == InzetStatus.GESTOPT:
        return stop(
            inzet=inzet,
            door=door,
            reden=gegevens.get("reden", ""),
            toelichting=gegevens.get("toelichting", ""),
            datum=gegevens.get("datum"),
            request=request,
        )
    raise ValidationError({"naar": _("Kies een geldige nieuwe status.")})


# --- provider reports ----------------------------------------------------------------------


def registreer_rapportage(
    *,
    inzet: Inzet,
    aanbieder: Aanbieder,
    soort: str,
    bron: str,
    door: User | None = None,
    datum: datetime.date | None = None,
    tekst: str = "",
    aanwezigheid_pct: int | None = None,
    resultaat: str = "",
    certificaat: str = "",
    stopreden: str = "",
    externe_referentie: str = "",
    request: Any = None,
) -> tuple[Rapportage, bool]:
    """A provider's report: progress, or the start or outcome of the inzet (which then makes
    that transition). Returns (rapportage, nieuw); a repeated ``externe_referentie`` of the
    same report returns the stored one with nieuw=False and changes nothing.
    """
    if inzet.instrument.aanbieder_id != aanbieder.pk:
        raise ValidationError({"inzet": _("Deze inzet hoort niet bij deze aanbieder.")})
    externe_referentie = (externe_referentie or "").strip()
    if externe_referentie:
        bestaand = Rapportage.objects.filter(
            aanbieder=aanbieder, externe_referentie=externe_referentie
        ).first()
        if bestaand is not None:
            if bestaand.inzet_id == inzet.pk and bestaand.soort == soort:
                return bestaand, False
            raise ValidationError(
                {"externe_referentie": _("Dit kenmerk is al gebruikt voor een andere rapportage.")}
            )
    if soort not in RapportageSoort.values:
        raise ValidationError({"soort": _("Kies de soort rapportage.")})
    if bron not in (Bron.AANBIEDER, Bron.AANBIEDER_VIA_WERKCOACH):
        raise ValueError(f"Unknown source of a provider report: {bron}")
    fouten: dict[str, list[str]] = {}
    if soort == RapportageSoort.VOORTGANG:
        if not (tekst or "").strip() and aanwezigheid_pct is None:
            fouten["tekst"] = [_("Beschrijf de voortgang of geef de aanwezigheid op.")]
        if inzet.status != InzetStatus.GESTART:
            fouten["soort"] = [_("Voortgang kan alleen worden gemeld bij een gestarte inzet.")]
    if aanwezigheid_pct is not None and not 0 <= aanwezigheid_pct <= 100:
        fouten["aanwezigheid_pct"] = [_("De aanwezigheid ligt tussen 0 en 100 procent.")]
    if fouten:
        raise ValidationError(fouten)
    datum = _datum(datum)
    with transaction.atomic():
        rapportage = Rapportage.objects.create(
            inzet=inzet,
            aanbieder=aanbieder,
            soort=soort,
            datum=datum,
            aanwezigheid_pct=aanwezigheid_pct,
            tekst=(tekst or "").strip(),
            resultaat=resultaat if soort == RapportageSoort.AFGEROND else "",
            certificaat=certificaat if soort == RapportageSoort.AFGEROND else "",
            stopreden=stopreden if soort == RapportageSoort.GESTOPT else "",
            bron=bron,
            externe_referentie=externe_referentie,
            vastgelegd_door=door,
        )
        gemeld = _("Rapportage van %(aanbieder)s") % {"aanbieder": aanbieder.naam}
        toelichting = rapportage.tekst
        if soort == RapportageSoort.GESTART:
            start(
                inzet=inzet,
                door=door,
                datum=datum,
                bron=bron,
                toelichting=toelichting,
                request=request,
            )
        elif soort == RapportageSoort.AFGEROND:
            rond_af(
                inzet=inzet,
                door=door,
                resultaat=resultaat,
                certificaat=certificaat,
                datum=datum,
                bron=bron,
                toelichting=toelichting,
                request=request,
            )
        elif soort == RapportageSoort.GESTOPT:
            stop(
                inzet=inzet,
                door=door,
                reden=stopreden,
                toelichting=toelichting,
                datum=datum,
                bron=bron,
                request=request,
            )
        else:
            regels = [gemeld + ": " + _("voortgang %(naam)s.") % {"naam": inzet.instrument.naam}]
            if aanwezigheid_pct is not None:
                regels.append(_("Aanwezigheid %(pct)s%%.") % {"pct": aanwezigheid_pct})
            if toelichting:
                regels.append(toelichting)
            vertrouwelijk = is_vertrouwelijk(inzet.instrument)
            voeg_journaalregel_toe(
                dossier=inzet.dossier,
                auteur=door,
                soort=JournaalSoort.SYSTEEM,
                onderwerp=_("Instrument: %(naam)s") % {"naam": inzet.instrument.naam},
                tekst=" ".join(regels),
                vertrouwelijk=vertrouwelijk,
                activiteit="reintegratie",
            )
            _log(
                inzet,
                "rapportage_aanbieder",
                door=door,
                request=request,
                vertrouwelijk=vertrouwelijk,
            )
    return rapportage, True


# --- employer instruments on a placement ---------------------------------------------------


def minimumloon_op(datum: datetime.date) -> Minimumloon | None:
    return Minimumloon.objects.filter(geldig_vanaf__lte=datum).order_by("-geldig_vanaf").first()


def leg_werkgeversafspraak_vast(
    *,
    inzet: Inzet,
    door: User | None,
    werkgever_naam: str,
    ingangsdatum: datetime.date,
    einddatum: datetime.date | None = None,
    plaatsing_id: int | None = None,
    beoogd_contract_maanden: int | None = None,
    jobcoach_soort: str = "",
    loonwaarde_pct: Decimal | None = None,
    loonwaardemeting_datum: datetime.date | None = None,
    uren_per_week: Decimal | None = None,
    toelichting: str = "",
    request: Any = None,
) -> Werkgeversafspraak:
    """Attach the employer instrument of this inzet to a placement and record its terms.

    Loonkostensubsidie: computed from the WML valid on the ingangsdatum (data with
    geldig_vanaf) and stored with its inputs and rule lines. Proefplaatsing: at most two
    months, with the intent of a contract of six months or more.
    """
    soort = inzet.instrument.werkgeversinstrument
    fouten: dict[str, list[str]] = {}
    if not soort:
        raise ValidationError({"instrument": _("Dit instrument is geen werkgeversinstrument.")})
    if inzet.status not in ACTIEVE_INZET_STATUSSEN:
        raise ValidationError({"status": _("Deze inzet is al beëindigd.")})
    if not (werkgever_naam or "").strip():
        fouten["werkgever_naam"] = [_("Vul de naam van de werkgever in.")]
    if einddatum is not None and einddatum < ingangsdatum:
        fouten["einddatum"] = [_("De einddatum ligt voor de ingangsdatum.")]
    berekening = None
    wml = None
    if soort == WerkgeversinstrumentSoort.PROEFPLAATSING:
        if einddatum is None:
            fouten["einddatum"] = [_("Een proefplaatsing heeft een einddatum.")]
        elif einddatum > plus_maanden(ingangsdatum, MAX_MAANDEN_PROEFPLAATSING):
            fouten["einddatum"] = [_("Een proefplaatsing duurt maximaal 2 maanden.")]
        if beoogd_contract_maanden is None or beoogd_contract_maanden < MIN_CONTRACT_MAANDEN:
            fouten["beoogd_contract_maanden"] = [
                _("Na een proefplaatsing volgt een contract van minstens 6 maanden.")
            ]
    else:
        beoogd_contract_maanden = None
    if soort == WerkgeversinstrumentSoort.JOBCOACHING:
        if jobcoach_soort not in JobcoachSoort.values:
            fouten["jobcoach_soort"] = [_("Kies de soort jobcoaching.")]
    else:
        jobcoach_soort = ""
    if soort == WerkgeversinstrumentSoort.LOONKOSTENSUBSIDIE:
        if loonwaarde_pct is None:
            fouten["loonwaarde_pct"] = [_("Vul de loonwaarde in (0 tot en met 100 procent).")]
        if uren_per_week is None:
            fouten["uren_per_week"] = [_("Vul het aantal contracturen per week in.")]
        if loonwaardemeting_datum is None:
            fouten["loonwaardemeting_datum"] = [_("Vul de datum van de loonwaardemeting in.")]
        elif loonwaardemeting_datum > tijd.vandaag():
            fouten["loonwaardemeting_datum"] = [
                _("De loonwaardemeting kan niet in de toekomst liggen.")
            ]
        wml = minimumloon_op(ingangsdatum)
        if wml is None:
            fouten["ingangsdatum"] = [_("Er is geen minimumloon bekend voor deze ingangsdatum.")]
        if not fouten:
            try:
                berekening = lks.bereken_lks(
                    lks.LksInvoer(
                        wml_per_uur=wml.per_uur,
                        uren_per_week=Decimal(uren_per_week),
                        loonwaarde_pct=Decimal(loonwaarde_pct),
                        maximum_pct=wml.lks_maximum_pct,
                    )
                )
            except lks.OngeldigeInvoer as exc:
                fouten[exc.veld] = [exc.melding]
    else:
        loonwaarde_pct = loonwaardemeting_datum = uren_per_week = None
    if fouten:
        raise ValidationError(fouten)
    velden = {
        "soort": soort,
        "ingangsdatum": ingangsdatum,
        "einddatum": einddatum,
        "beoogd_contract_maanden": beoogd_contract_maanden,
        "jobcoach_soort": jobcoach_soort,
        "loonwaarde_pct": loonwaarde_pct,
        "loonwaardemeting_datum": loonwaardemeting_datum,
        "uren_per_week": uren_per_week,
        "wml_per_uur": wml.per_uur if berekening else None,
        "wml_geldig_vanaf": wml.geldig_vanaf if berekening else None,
        "lks_maximum_pct": wml.lks_maximum_pct if berekening else None,
        "wml_maand": berekening.wml_maand if berekening else None,
        "subsidie_maand": berekening.subsidie_maand if berekening else None,
        "berekening": berekening.regels if berekening else [],
        "toelichting": (toelichting or "").strip(),
        "vastgelegd_door": door,
        "vastgelegd_op": timezone.now(),
    }
    with transaction.atomic():
        inzet = _vergrendel(inzet)
        afspraak, _nieuw = Werkgeversafspraak.objects.update_or_create(inzet=inzet, defaults=velden)
        inzet.werkgever_naam = werkgever_naam.strip()
        inzet.plaatsing_id = plaatsing_id
        inzet.gewijzigd_op = timezone.now()
        inzet.save(update_fields=["werkgever_naam", "plaatsing_id", "gewijzigd_op"])
        tekst = _("%(soort)s bij %(werkgever)s vanaf %(datum)s.") % {
            "soort": WerkgeversinstrumentSoort(soort).label,
            "werkgever": inzet.werkgever_naam,
            "datum": ingangsdatum.strftime("%d-%m-%Y"),
        }
        if berekening:
            tekst += " " + _("Loonwaarde %(lw)s%%, subsidie %(bedrag)s per maand.") % {
                "lw": lks.getal(Decimal(loonwaarde_pct)),
                "bedrag": lks.euro(berekening.subsidie_maand),
            }
        vertrouwelijk = is_vertrouwelijk(inzet.instrument)
        voeg_journaalregel_toe(
            dossier=inzet.dossier,
            auteur=door,
            soort=JournaalSoort.SYSTEEM,
            onderwerp=_("Instrument: %(naam)s") % {"naam": inzet.instrument.naam},
            tekst=tekst,
            vertrouwelijk=vertrouwelijk,
            activiteit="reintegratie",
        )
        _log(
            inzet,
            "leg_werkgeversafspraak_vast",
            door=door,
            request=request,
            vertrouwelijk=vertrouwelijk,
        )
    return afspraak


# --- provider tokens -----------------------------------------------------------------------


def maak_aanbieder_token(*, aanbieder: Aanbieder, door: User | None, request: Any = None) -> str:
    """Give the provider a (new) API token with the report scope; returns the token once.

    Through the accounts services, so creation and renewal are in the audit log with ``door``
    and the personal-data scope waits for a privacy officer's approval of this token. Only its
    SHA-256 is stored (``SysteemClient``); an existing token stops working.
    """
    with transaction.atomic():
        aanbieder = Aanbieder.objects.select_for_update().get(pk=aanbieder.pk)
        client = aanbieder.systeemclient
        if client is None:
            client, token = accounts_services.maak_systeemclient(
                naam=f"Aanbieder: {aanbieder.naam}"[:200],
                scopes=[RAPPORTAGE_SCOPE],
                door=door,
                request=request,
            )
            aanbieder.systeemclient = client
            aanbieder.save(update_fields=["systeemclient"])
            return token
        if RAPPORTAGE_SCOPE not in (client.scopes or []) or not client.actief:
            client = accounts_services.wijzig_systeemclient(
                client=client,
                naam=client.naam,
                scopes=sorted({*(client.scopes or []), RAPPORTAGE_SCOPE}),
                actief=True,
                door=door,
                request=request,
            )
        return accounts_services.vernieuw_token_systeemclient(
            client=client, door=door, request=request
        )
