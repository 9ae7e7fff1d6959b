"""Writes of the front door: melding, aanvraag steps, stukken, sending and withdrawing.

Keyword-only arguments, one transaction per use case, every processing of personal data logged
(``log_verwerking``, activiteit ``aanvraag``). The flow (levensloop.md §1-2):

1. :func:`registreer_melding` (portal after DigiD, or a consulent at the loket after a search
   by BSN): finds or registers the person, opens the dossier with its one werkcoach
   (:func:`bijstand.dossiers.toewijzing.kies_werkcoach`) and the aanvraag (``concept``) with the
   melding date. An existing person with an open aanvraag gets it back (idempotent); one with
   another active dossier is refused (one active dossier per person).
2. :func:`sla_stap_op` per step (resumable), :func:`voeg_stuk_toe` for bewijsstukken,
   :func:`dien_in`: complete -> ``ingediend`` (the beslistermijn runs from ``ontvangen_op``).
3. The aanvraag team and the besluit: :mod:`aanvraag.behandeling`.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bijstand.accounts.models import User
from bijstand.core import crypto, tijd
from bijstand.dossiers import services as dossier_services
from bijstand.dossiers.models import (
    ACTIEVE_STATUSSEN,
    Beeindigingsreden,
    Dossier,
    DossierStatus,
    Instroombron,
    JournaalRegel,
    JournaalSoort,
    Werkzoekende,
)
from bijstand.dossiers.toewijzing import kies_werkcoach, wijk_voor_postcode
from bijstand.logboek.services import log_verwerking
from inkomen import opgaven as inkomen_opgaven

from . import beleid as aanvraagbeleid
from . import termijnen
from .models import (
    TE_BESLISSEN,
    Aanvraag,
    AanvraagKanaal,
    AanvraagStatus,
    Hersteltermijn,
    Stuk,
    StukSoort,
)
from .stappen import STAP_SLUGS, VERPLICHT

ACTIVITEIT = "aanvraag"
MAX_STUK_BYTES = 10 * 1024 * 1024


def _log(operatie: str, aanvraag_of_persoon: Aanvraag | Werkzoekende, door: Any, soorten) -> None:
    persoon = (
        aanvraag_of_persoon.dossier.werkzoekende
        if isinstance(aanvraag_of_persoon, Aanvraag)
        else aanvraag_of_persoon
    )
    log_verwerking(
        activiteit=ACTIVITEIT,
        operatie=operatie,
        subjects=[persoon.log_subject],
        soorten_gegevens=list(soorten),
        actor=door,
    )


def _journaal(dossier: Dossier, tekst: str, door: User | None) -> None:
    JournaalRegel.objects.create(
        dossier=dossier, soort=JournaalSoort.STATUS, tekst=tekst, auteur=door
    )


def _vergrendel(aanvraag: Aanvraag) -> Aanvraag:
    return (
        Aanvraag.objects.select_for_update(of=("self",))
        .select_related("dossier__werkzoekende")
        .get(pk=aanvraag.pk)
    )


def _herbereken_termijn(aanvraag: Aanvraag) -> None:
    """Keep ``beslissen_uiterlijk`` (the caller saves it)."""
    if aanvraag.ontvangen_op is None:
        aanvraag.beslissen_uiterlijk = None
        return
    opschortingen = [
        termijnen.Opschorting(h.verzocht_op, h.termijn_tot, h.ontvangen_op)
        for h in Hersteltermijn.objects.filter(aanvraag=aanvraag)
    ]
    aanvraag.beslissen_uiterlijk = termijnen.beslistermijn_einde(
        aanvraag.ontvangen_op, opschortingen, peildatum=date.max
    )


def zonder_bsn(brp: dict[str, Any]) -> dict[str, Any]:
    """What the BRP said, without BSNs: the applicant's own is kept encrypted on the
    Werkzoekende; those of partner and children are not needed to show or check the household,
    and a BSN is never stored in plain text (ADR 0002)."""
    data = {k: v for k, v in (brp or {}).items() if k != "bsn"}
    for sleutel in ("partners", "kinderen"):
        if sleutel in data:
            data[sleutel] = [
                {k: v for k, v in verwant.items() if k != "bsn"}
                for verwant in data.get(sleutel) or []
            ]
    return data


def _leeftijd(geboortedatum: date, op: date) -> int:
    return (
        op.year
        - geboortedatum.year
        - ((op.month, op.day) < (geboortedatum.month, geboortedatum.day))
    )


# --------------------------------------------------------------------------------------------
# melding


def registreer_melding(
    *,
    bsn: str,
    kanaal: str,
    door: User | None,
    persoon: dict[str, Any] | None = None,
    brp: dict[str, Any] | None = None,
    melddatum: date | None = None,
) -> Aanvraag:
    """Register a melding (module docstring, step 1). ``persoon`` holds the person's data for a
    new registration (voornamen, tussenvoegsel, achternaam, geboortedatum, address, ...),
    normally taken from the BRP; ``brp`` is what the BRP said (stored beside the aanvraag)."""
    if kanaal not in AanvraagKanaal.values:
        raise ValidationError({"kanaal": _("Onbekend kanaal.")})
    melddatum = melddatum or tijd.vandaag()
    if melddatum > tijd.vandaag():
        raise ValidationError({"melddatum": _("De datum van de melding ligt in de toekomst.")})
    with transaction.atomic():
        bestaand = (
            Werkzoekende.objects.select_for_update(of=("self",))
            .filter(bsn_hash=crypto.bsn_hash(bsn.strip().zfill(9)) if bsn.strip().isdigit() else "")
            .first()
        )
        if bestaand is not None:
            actief = bestaand.dossiers.filter(status__in=ACTIEVE_STATUSSEN).first()
            if actief is not None:
                open_aanvraag = Aanvraag.objects.filter(
                    dossier=actief, status__in=[*TE_BESLISSEN, AanvraagStatus.CONCEPT]
                ).first()
                if open_aanvraag is not None:
                    return open_aanvraag
                raise ValidationError(
                    _(
                        "Deze persoon heeft al een lopend dossier. "
                        "Een wijziging gaat via dat dossier."
                    )
                )
            werkzoekende = bestaand
        else:
            gegevens = dict(persoon or {})
            if not gegevens.get("geboortedatum") or not gegevens.get("achternaam"):
                raise ValidationError(_("Vul naam en geboortedatum in (de BRP gaf geen gegevens)."))
            if gegevens.get("postcode") and not gegevens.get("wijk"):
                gegevens["wijk"] = wijk_voor_postcode(gegevens["postcode"])
            werkzoekende = dossier_services.registreer_werkzoekende(bsn=bsn, door=door, **gegevens)
        werkcoach = kies_werkcoach(wijk=werkzoekende.wijk)
        leeftijd = _leeftijd(werkzoekende.geboortedatum, melddatum)
        beleid = aanvraagbeleid.beleid_op(melddatum)
        jongere = leeftijd < beleid.jongeren_tot_leeftijd
        dossier = dossier_services.open_dossier(
            werkzoekende=werkzoekende,
            werkcoach=werkcoach,
            door=door,
            aanvraagdatum=melddatum,
            doelgroep="jongere" if jongere else "algemeen",
            instroombron=Instroombron.ONLINE
            if kanaal == AanvraagKanaal.PORTAAL
            else Instroombron.LOKET,
        )
        aanvraag = Aanvraag.objects.create(
            dossier=dossier,
            kanaal=kanaal,
            melddatum=melddatum,
            indienen_vanaf=(
                melddatum + timedelta(weeks=beleid.zoektermijn_jongeren_weken) if jongere else None
            ),
            brp=zonder_bsn(brp or {}),
            brp_opgehaald_op=timezone.now() if brp else None,
            aangemaakt_door=door,
        )
        _journaal(
            dossier,
            _("Melding bijstand ontvangen op %(datum)s (%(kanaal)s).")
            % {"datum": date_format(melddatum, "j F Y"), "kanaal": aanvraag.get_kanaal_display()},
            door,
        )
        _log("registreer_melding", aanvraag, door, ["identificatie", "aanvraag"])
    return aanvraag


# --------------------------------------------------------------------------------------------
# the steps


def _moet_invulbaar(aanvraag: Aanvraag) -> None:
    if aanvraag.status != AanvraagStatus.CONCEPT:
        raise ValidationError(_("Deze aanvraag is al verstuurd en kan niet meer worden gewijzigd."))


def sla_stap_op(
    *, aanvraag: Aanvraag, stap: str, gegevens: dict[str, Any], door: User | None
) -> Aanvraag:
    """Store the (validated, JSON-safe) data of one step. Saving again replaces it."""
    if stap not in STAP_SLUGS:
        raise ValidationError({"stap": _("Onbekende stap.")})
    with transaction.atomic():
        aanvraag = _vergrendel(aanvraag)
        _moet_invulbaar(aanvraag)
        alles = dict(aanvraag.gegevens)
        alles[stap] = {
            "data": gegevens,
            "door": getattr(door, "pk", None),
            "op": timezone.now().isoformat(),
        }
        aanvraag.gegevens = alles
        if stap == "persoon":
            aanvraag.elektronisch = bool(gegevens.get("elektronisch"))
        aanvraag.save(update_fields=["gegevens", "elektronisch", "gewijzigd_op"])
        _log("sla_stap_op", aanvraag, door, ["aanvraag"])
    return aanvraag


def stap_gegevens(aanvraag: Aanvraag, stap: str) -> dict[str, Any] | None:
    waarde = aanvraag.gegevens.get(stap)
    return None if waarde is None else waarde.get("data", {})


def bepaal_stuktype(bestand: UploadedFile | Any) -> str | None:
    """PDF, PNG or JPEG by content (magic bytes), never by the file name."""
    return inkomen_opgaven.bepaal_bestandstype(bestand)


def voeg_stuk_toe(
    *,
    aanvraag: Aanvraag,
    soort: str,
    bestand: UploadedFile,
    door: User | None,
    omschrijving: str = "",
) -> Stuk:
    """Add a bewijsstuk (content-checked; the original file name is not kept)."""
    fouten: dict[str, list[str]] = {}
    if soort not in StukSoort.values:
        fouten["soort"] = [_("Kies het soort bewijsstuk.")]
    grootte = getattr(bestand, "size", 0) or 0
    if grootte <= 0:
        fouten["bestand"] = [_("Het bestand is leeg.")]
    elif grootte > MAX_STUK_BYTES:
        fouten["bestand"] = [_("Het bestand is groter dan 10 MB.")]
    type_ = bepaal_stuktype(bestand) if not fouten.get("bestand") else None
    if not fouten.get("bestand") and type_ is None:
        fouten["bestand"] = [_("Stuur een PDF, PNG of JPG. Dit bestand is dat niet.")]
    if len(omschrijving) > 200:
        fouten["omschrijving"] = [_("Gebruik hoogstens 200 tekens.")]
    if fouten:
        raise ValidationError(fouten)
    bestand.seek(0)
    sha = hashlib.sha256()
    for deel in bestand.chunks():
        sha.update(deel)
    bestand.seek(0)
    with transaction.atomic():
        aanvraag = _vergrendel(aanvraag)
        if aanvraag.status not in (
            AanvraagStatus.CONCEPT,
            AanvraagStatus.INGEDIEND,
            AanvraagStatus.OPGESCHORT,
        ):
            raise ValidationError(_("Bij deze aanvraag kunnen geen stukken meer worden gestuurd."))
        stuk = Stuk(
            aanvraag=aanvraag,
            soort=soort,
            omschrijving=omschrijving.strip(),
            bestandstype=type_,
            grootte=grootte,
            sha256=sha.hexdigest(),
            geupload_door=door,
        )
        stuk.bestand.save("stuk", bestand, save=False)
        stuk.save()
        if aanvraag.status != AanvraagStatus.CONCEPT:
            _journaal(
                aanvraag.dossier,
                _("Bewijsstuk ontvangen: %(soort)s.") % {"soort": stuk.get_soort_display()},
                door,
            )
        _log("voeg_stuk_toe", aanvraag, door, ["bewijsstuk"])
    return stuk


def ontbrekende_stappen(aanvraag: Aanvraag) -> list[str]:
    return [s for s in VERPLICHT if s not in aanvraag.gegevens]


def _huishouden_uit(gegevens: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    huishouden = gegevens or {}
    leden: list[dict[str, Any]] = []
    partner = huishouden.get("partner")
    if partner:
        leden.append(
            {
                "rol": "partner",
                "naam": partner["naam"],
                "geboortedatum": date.fromisoformat(partner["geboortedatum"]),
            }
        )
    for kind in huishouden.get("kinderen") or []:
        leden.append(
            {
                "rol": "kind",
                "naam": kind["naam"],
                "geboortedatum": date.fromisoformat(kind["geboortedatum"]),
            }
        )
    for mb in huishouden.get("medebewoners") or []:
        leden.append(
            {
                "rol": "medebewoner",
                "naam": mb["naam"],
                "geboortedatum": date.fromisoformat(mb["geboortedatum"]),
                "student": bool(mb.get("student")),
                "commerciele_huur": bool(mb.get("commerciele_huur")),
                "familie_eerste_of_tweede_graad": bool(mb.get("familie")),
            }
        )
    if partner:
        leefvorm = "gehuwd"
    elif huishouden.get("kinderen"):
        leefvorm = "alleenstaande_ouder"
    else:
        leefvorm = "alleenstaand"
    return leefvorm, leden


def dien_in(*, aanvraag: Aanvraag, door: User | None) -> Aanvraag:
    """Submit the aanvraag: every required step done, the verklaring signed, and for a jongere
    the zoektermijn over (art. 41 lid 4 PW). The beslistermijn starts today (``ontvangen_op``).
    The person's contact data, IBAN and household are taken over from the aanvraag."""
    vandaag = tijd.vandaag()
    with transaction.atomic():
        aanvraag = _vergrendel(aanvraag)
        _moet_invulbaar(aanvraag)
        fouten: dict[str, list[str]] = {}
        ontbreekt = ontbrekende_stappen(aanvraag)
        if ontbreekt:
            fouten["stappen"] = [
                _("Vul eerst deze stappen in: %(stappen)s.") % {"stappen": ", ".join(ontbreekt)}
            ]
        verklaring = stap_gegevens(aanvraag, "verklaring") or {}
        if not verklaring.get("akkoord"):
            fouten["verklaring"] = [_("Verklaar dat u alles naar waarheid hebt ingevuld.")]
        if aanvraag.indienen_vanaf and vandaag < aanvraag.indienen_vanaf:
            fouten["indienen_vanaf"] = [
                _(
                    "U bent jonger dan 27. U zoekt eerst 4 weken naar werk of een opleiding. "
                    "U kunt de aanvraag versturen vanaf %(datum)s."
                )
                % {"datum": date_format(aanvraag.indienen_vanaf, "j F Y")}
            ]
        if fouten:
            raise ValidationError(fouten)
        persoon = aanvraag.dossier.werkzoekende
        p = stap_gegevens(aanvraag, "persoon") or {}
        bank = stap_gegevens(aanvraag, "bankrekening") or {}
        velden: dict[str, Any] = {k: p[k] for k in ("email", "telefoon") if p.get(k) is not None}
        if p.get("adres_gewijzigd"):
            for k in ("straat", "huisnummer", "postcode", "woonplaats"):
                if p.get(k):
                    velden[k] = p[k]
        if bank.get("iban"):
            velden["iban"] = bank["iban"]
        try:
            dossier_services.werk_persoon_bij(werkzoekende=persoon, door=door, **velden)
        except ValidationError as exc:
            raise ValidationError(
                {
                    "stappen": [
                        _("Controleer uw gegevens en bankrekening: %(f)s")
                        % {"f": " ".join(exc.messages)}
                    ]
                }
            ) from exc
        leefvorm, leden = _huishouden_uit(stap_gegevens(aanvraag, "huishouden") or {})
        dossier_services.zet_huishouden(
            werkzoekende=persoon, leefvorm=leefvorm, leden=leden, door=door
        )
        aanvraag.status = AanvraagStatus.INGEDIEND
        aanvraag.ontvangen_op = vandaag
        aanvraag.verklaring_op = timezone.now()
        _herbereken_termijn(aanvraag)
        aanvraag.save(
            update_fields=[
                "status",
                "ontvangen_op",
                "verklaring_op",
                "beslissen_uiterlijk",
                "gewijzigd_op",
            ]
        )
        _journaal(aanvraag.dossier, _("Aanvraag bijstand volledig ingediend."), door)
        _log("dien_in", aanvraag, door, ["aanvraag", "huishouden", "bankrekening", "contact"])
    return aanvraag


def trek_in(*, aanvraag: Aanvraag, door: User | None, toelichting: str = "") -> Aanvraag:
    """The burger withdraws the aanvraag (before a besluit): the dossier ends."""
    with transaction.atomic():
        aanvraag = _vergrendel(aanvraag)
        if aanvraag.status not in (AanvraagStatus.CONCEPT, *TE_BESLISSEN):
            raise ValidationError(_("Deze aanvraag kan niet meer worden ingetrokken."))
        aanvraag.status = AanvraagStatus.INGETROKKEN
        aanvraag.save(update_fields=["status", "gewijzigd_op"])
        Hersteltermijn.objects.filter(aanvraag=aanvraag, ontvangen_op=None).update(
            ontvangen_op=tijd.vandaag()
        )
        dossier_services.wijzig_status(
            dossier=aanvraag.dossier,
            naar=DossierStatus.BEEINDIGD,
            reden=Beeindigingsreden.INGETROKKEN,
            toelichting=toelichting[:500],
            door=door,
        )
        from . import voorschot

        voorschot.vorder_terug(aanvraag=aanvraag, door=door)
        _log("trek_in", aanvraag, door, ["aanvraag"])
    return aanvraag
