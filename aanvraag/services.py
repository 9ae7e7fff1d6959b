"""Writes of the front door: melding, aanvraag steps, stukken, termijnen, besluit.

Keyword-only arguments, one transaction per use case, every processing of personal data logged
(``log_verwerking``, activiteit ``aanvraag``). The flow (levensloop.md §1-2):

1. :func:`registreer_melding` (portal after DigiD, or a consulent at the loket after a search
   by BSN): finds or registers the person, opens the dossier with its one werkcoach
   (:func:`bijstand.dossiers.toewijzing.kies_werkcoach`) and the aanvraag (``concept``) with the
   melding date. An existing person with an open aanvraag gets it back (idempotent); one with
   another active dossier is refused (one active dossier per person).
2. :func:`sla_stap_op` per step (resumable), :func:`voeg_stuk_toe` for bewijsstukken,
   :func:`dien_in`: complete -> ``ingediend`` (the beslistermijn runs from ``ontvangen_op``).
3. The aanvraag team: :func:`neem_in_behandeling`, :func:`vraag_stukken_op` /
   :func:`stukken_ontvangen` (suspends the beslistermijn), :func:`beoordeel_checklist`,
   :func:`registreer_ingebrekestelling`.
4. :func:`neem_besluit`: toekenning (starts the uitkering at the ingangsdatum, dossier
   ``lopend``), afwijzing or buiten behandeling (dossier ends); the beschikking is made and sent
   in the same transaction (:mod:`aanvraag.beschikking`).
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

from bijstand.accounts.models import Rol, User
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
from inkomen import services as inkomen_services

from . import beleid as aanvraagbeleid
from . import termijnen
from .models import (
    TE_BESLISSEN,
    Aanvraag,
    AanvraagKanaal,
    AanvraagStatus,
    Besluit,
    BesluitSoort,
    Hersteltermijn,
    Stuk,
    StukSoort,
    Verzendwijze,
)
from .stappen import CHECKLIST_CODES, STAP_SLUGS, VERPLICHT, Uitkomst

ACTIVITEIT = "aanvraag"
MAX_STUK_BYTES = 10 * 1024 * 1024
# art. 44 lid 5 PW (since 1-1-2026): in individual cases up to 3 months before the melding
MAX_MAANDEN_VOOR_MELDING = 3


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
    return inkomen_services.bepaal_bestandstype(bestand)


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


# --------------------------------------------------------------------------------------------
# the aanvraag team


def _is_behandelaar(aanvraag: Aanvraag, door: User) -> None:
    if getattr(door, "rol", None) != Rol.INKOMENSCONSULENT:
        raise ValidationError(_("Alleen een inkomensconsulent behandelt een aanvraag."))
    if aanvraag.dossier.inkomensconsulent_id != door.pk:
        raise ValidationError(_("Neem de aanvraag eerst in behandeling."))


def _moet_te_beslissen(aanvraag: Aanvraag) -> None:
    if aanvraag.status not in TE_BESLISSEN:
        raise ValidationError(_("Deze aanvraag is niet (meer) in behandeling."))


def neem_in_behandeling(*, aanvraag: Aanvraag, door: User) -> Aanvraag:
    """An inkomensconsulent of the aanvraag team takes the aanvraag (and the dossier's income)."""
    with transaction.atomic():
        aanvraag = _vergrendel(aanvraag)
        if aanvraag.status not in (AanvraagStatus.CONCEPT, *TE_BESLISSEN):
            raise ValidationError(_("Deze aanvraag is al afgehandeld."))
        if (
            aanvraag.dossier.inkomensconsulent_id not in (None, door.pk)
            and getattr(door, "rol", None) == Rol.INKOMENSCONSULENT
        ):
            # taking over from a colleague is allowed and logged (absence, workload)
            pass
        dossier_services.wijs_inkomensconsulent_toe(
            dossier=aanvraag.dossier, inkomensconsulent=door, door=door
        )
        _log("neem_in_behandeling", aanvraag, door, ["aanvraag"])
        aanvraag.dossier.refresh_from_db()
    return aanvraag


def vraag_stukken_op(
    *, aanvraag: Aanvraag, gevraagd: str, door: User, termijn_tot: date | None = None
) -> Hersteltermijn:
    """Ask for missing stukken with a hersteltermijn (4:5); the beslistermijn is suspended from
    tomorrow until they arrive or the term expires (4:15)."""
    gevraagd = (gevraagd or "").strip()
    vandaag = tijd.vandaag()
    with transaction.atomic():
        aanvraag = _vergrendel(aanvraag)
        _is_behandelaar(aanvraag, door)
        if aanvraag.status != AanvraagStatus.INGEDIEND:
            raise ValidationError(_("Vraag stukken op bij een ingediende aanvraag."))
        if not gevraagd:
            raise ValidationError(
                {"gevraagd": _("Schrijf op welke stukken of gegevens nodig zijn.")}
            )
        if len(gevraagd) > 2000:
            raise ValidationError({"gevraagd": _("Gebruik hoogstens 2000 tekens.")})
        if termijn_tot is None:
            termijn_tot = vandaag + timedelta(
                days=aanvraagbeleid.beleid_op(vandaag).hersteltermijn_dagen
            )
        if termijn_tot <= vandaag:
            raise ValidationError({"termijn_tot": _("De termijn ligt na vandaag.")})
        hersteltermijn = Hersteltermijn.objects.create(
            aanvraag=aanvraag,
            gevraagd=gevraagd,
            verzocht_op=vandaag,
            termijn_tot=termijn_tot,
            door=door,
        )
        aanvraag.status = AanvraagStatus.OPGESCHORT
        _herbereken_termijn(aanvraag)
        aanvraag.save(update_fields=["status", "beslissen_uiterlijk", "gewijzigd_op"])
        dossier_services.stuur_bericht_aan_burger(
            dossier=aanvraag.dossier,
            afzender=door,
            onderwerp=_("Wij hebben meer gegevens nodig"),
            tekst=_(
                "Wij hebben meer gegevens nodig om uw aanvraag te beoordelen:\n%(gevraagd)s\n\n"
                "Stuur deze uiterlijk %(datum)s via 'Mijn aanvraag'. Krijgen wij ze niet op tijd, "
                "dan kunnen wij uw aanvraag niet verder behandelen."
            )
            % {"gevraagd": gevraagd, "datum": date_format(termijn_tot, "j F Y")},
        )
        _log("vraag_stukken_op", aanvraag, door, ["aanvraag"])
    return hersteltermijn


def stukken_ontvangen(
    *, hersteltermijn: Hersteltermijn, door: User, ontvangen_op: date | None = None
) -> Hersteltermijn:
    """The requested stukken are complete: the beslistermijn runs again."""
    ontvangen_op = ontvangen_op or tijd.vandaag()
    with transaction.atomic():
        aanvraag = _vergrendel(hersteltermijn.aanvraag)
        _is_behandelaar(aanvraag, door)
        h = Hersteltermijn.objects.select_for_update().get(pk=hersteltermijn.pk)
        if h.ontvangen_op is not None:
            return h
        if ontvangen_op < h.verzocht_op or ontvangen_op > tijd.vandaag():
            raise ValidationError(
                {"ontvangen_op": _("Kies een datum tussen het verzoek en vandaag.")}
            )
        h.ontvangen_op = ontvangen_op
        h.save(update_fields=["ontvangen_op"])
        if not aanvraag.hersteltermijnen.filter(ontvangen_op=None).exists():
            aanvraag.status = AanvraagStatus.INGEDIEND
        _herbereken_termijn(aanvraag)
        aanvraag.save(update_fields=["status", "beslissen_uiterlijk", "gewijzigd_op"])
        _journaal(aanvraag.dossier, _("Gevraagde stukken ontvangen."), door)
        _log("stukken_ontvangen", aanvraag, door, ["aanvraag"])
    return h


def beoordeel_checklist(
    *, aanvraag: Aanvraag, code: str, uitkomst: str, door: User, toelichting: str = ""
) -> Aanvraag:
    """Record one item of the rechtmatigheid checklist (who, when, with what note)."""
    if code not in CHECKLIST_CODES:
        raise ValidationError({"code": _("Onbekend onderdeel van de controle.")})
    if uitkomst not in (Uitkomst.AKKOORD, Uitkomst.NIET_AKKOORD):
        raise ValidationError({"uitkomst": _("Kies 'in orde' of 'niet in orde'.")})
    if len(toelichting) > 2000:
        raise ValidationError({"toelichting": _("Gebruik hoogstens 2000 tekens.")})
    if uitkomst == Uitkomst.NIET_AKKOORD and not toelichting.strip():
        raise ValidationError({"toelichting": _("Leg uit wat niet in orde is.")})
    with transaction.atomic():
        aanvraag = _vergrendel(aanvraag)
        _is_behandelaar(aanvraag, door)
        _moet_te_beslissen(aanvraag)
        lijst = dict(aanvraag.checklist)
        lijst[code] = {
            "uitkomst": uitkomst,
            "toelichting": toelichting.strip(),
            "door": door.pk,
            "door_naam": str(door),
            "op": timezone.now().isoformat(),
        }
        aanvraag.checklist = lijst
        aanvraag.save(update_fields=["checklist", "gewijzigd_op"])
        _log("beoordeel_checklist", aanvraag, door, ["aanvraag"])
    return aanvraag


def registreer_ingebrekestelling(*, aanvraag: Aanvraag, ontvangen_op: date, door: User) -> Aanvraag:
    """A received ingebrekestelling (4:17): the dwangsom runs 2 weeks after it."""
    with transaction.atomic():
        aanvraag = _vergrendel(aanvraag)
        if getattr(door, "rol", None) != Rol.INKOMENSCONSULENT:
            raise ValidationError(_("Alleen een inkomensconsulent registreert dit."))
        _moet_te_beslissen(aanvraag)
        if ontvangen_op > tijd.vandaag() or (
            aanvraag.ontvangen_op and ontvangen_op < aanvraag.ontvangen_op
        ):
            raise ValidationError(
                {"ontvangen_op": _("Kies een datum tussen de aanvraag en vandaag.")}
            )
        aanvraag.ingebrekestelling_op = ontvangen_op
        aanvraag.save(update_fields=["ingebrekestelling_op", "gewijzigd_op"])
        _journaal(
            aanvraag.dossier,
            _("Ingebrekestelling ontvangen op %(datum)s; beslis uiterlijk %(uiterlijk)s.")
            % {
                "datum": date_format(ontvangen_op, "j F Y"),
                "uiterlijk": date_format(termijnen.dwangsom_vanaf(ontvangen_op), "j F Y"),
            },
            door,
        )
        _log("registreer_ingebrekestelling", aanvraag, door, ["aanvraag"])
    return aanvraag


# --------------------------------------------------------------------------------------------
# besluit


def _controleer_toekenning(aanvraag: Aanvraag, ingangsdatum: date | None, motivering: str) -> None:
    fouten: dict[str, list[str]] = {}
    if aanvraag.status != AanvraagStatus.INGEDIEND:
        fouten["status"] = [_("Er staan nog gevraagde stukken open.")]
    open_items = [
        code
        for code in CHECKLIST_CODES
        if aanvraag.checklist.get(code, {}).get("uitkomst") != Uitkomst.AKKOORD
    ]
    if open_items:
        fouten["checklist"] = [
            _("Rond eerst de controle af (alles 'in orde'): %(items)s.")
            % {"items": ", ".join(open_items)}
        ]
    if ingangsdatum is None:
        fouten["ingangsdatum"] = [_("Vul de ingangsdatum in.")]
    else:
        if ingangsdatum > tijd.vandaag():
            fouten["ingangsdatum"] = [_("De ingangsdatum ligt niet in de toekomst.")]
        elif ingangsdatum < aanvraag.melddatum:
            vroegst = tijd.plus_maanden(aanvraag.melddatum, -MAX_MAANDEN_VOOR_MELDING)
            if ingangsdatum < vroegst:
                fouten["ingangsdatum"] = [
                    _("De ingangsdatum ligt hoogstens 3 maanden voor de melding (%(datum)s).")
                    % {"datum": date_format(vroegst, "j F Y")}
                ]
            elif not motivering.strip():
                fouten["motivering"] = [
                    _(
                        "Een ingangsdatum voor de melding kan alleen met een motivering "
                        "(art. 44 lid 5 Participatiewet)."
                    )
                ]
    if fouten:
        raise ValidationError(fouten)


def neem_besluit(
    *,
    aanvraag: Aanvraag,
    soort: str,
    door: User,
    ingangsdatum: date | None = None,
    motivering: str = "",
) -> Besluit:
    """Decide the aanvraag (module docstring, step 4). One besluit per aanvraag: a second
    request for the same aanvraag is refused (the first one stands)."""
    motivering = (motivering or "").strip()
    if soort not in BesluitSoort.values:
        raise ValidationError({"soort": _("Kies toekennen, afwijzen of buiten behandeling.")})
    if len(motivering) > 5000:
        raise ValidationError({"motivering": _("Gebruik hoogstens 5000 tekens.")})
    vandaag = tijd.vandaag()
    from . import beschikking, voorschot

    with transaction.atomic():
        aanvraag = _vergrendel(aanvraag)
        if Besluit.objects.filter(aanvraag=aanvraag).exists():
            raise ValidationError(_("Op deze aanvraag is al besloten."))
        _is_behandelaar(aanvraag, door)
        _moet_te_beslissen(aanvraag)
        dossier = Dossier.objects.select_for_update().get(pk=aanvraag.dossier_id)
        if soort == BesluitSoort.TOEKENNING:
            _controleer_toekenning(aanvraag, ingangsdatum, motivering)
            assert ingangsdatum is not None
            inkomen_services.start_uitkering(dossier=dossier, ingangsdatum=ingangsdatum, door=door)
            if dossier.startdatum != ingangsdatum:
                dossier.startdatum = ingangsdatum
                dossier.save(update_fields=["startdatum"])
            dossier_services.wijzig_status(dossier=dossier, naar=DossierStatus.LOPEND, door=door)
            aanvraag.status = AanvraagStatus.TOEGEKEND
        else:
            if not motivering:
                raise ValidationError({"motivering": _("Schrijf de reden van het besluit op.")})
            if soort == BesluitSoort.BUITEN_BEHANDELING:
                verlopen = (
                    aanvraag.hersteltermijnen.filter(ontvangen_op=None, termijn_tot__lt=vandaag)
                    .order_by("-termijn_tot")
                    .first()
                )
                if verlopen is None:
                    raise ValidationError(
                        _(
                            "Buiten behandeling kan alleen als een hersteltermijn ongebruikt is "
                            "verlopen (art. 4:5 Awb)."
                        )
                    )
                if vandaag > termijnen.buiten_behandeling_uiterlijk(verlopen.termijn_tot):
                    raise ValidationError(
                        _(
                            "De hersteltermijn is meer dan 4 weken geleden verlopen; beslis nu "
                            "inhoudelijk op de aanvraag."
                        )
                    )
                aanvraag.status = AanvraagStatus.BUITEN_BEHANDELING
                reden = Beeindigingsreden.BUITEN_BEHANDELING
            else:
                aanvraag.status = AanvraagStatus.AFGEWEZEN
                reden = Beeindigingsreden.AFGEWEZEN
            Hersteltermijn.objects.filter(aanvraag=aanvraag, ontvangen_op=None).update(
                ontvangen_op=vandaag
            )
            dossier_services.wijzig_status(
                dossier=dossier,
                naar=DossierStatus.BEEINDIGD,
                reden=reden,
                einddatum=vandaag,
                door=door,
            )
        aanvraag.save(update_fields=["status", "gewijzigd_op"])
        besluit = Besluit.objects.create(
            aanvraag=aanvraag,
            soort=soort,
            ingangsdatum=ingangsdatum if soort == BesluitSoort.TOEKENNING else None,
            motivering=motivering,
            genomen_door=door,
            verzendwijze=Verzendwijze.ELEKTRONISCH if aanvraag.elektronisch else Verzendwijze.POST,
        )
        if soort == BesluitSoort.TOEKENNING:
            voorschot.verreken_bij_toekenning(aanvraag=aanvraag, door=door)
        else:
            voorschot.vorder_terug(aanvraag=aanvraag, door=door)
        beschikking.maak_en_verzend(besluit=besluit, door=door)
        _journaal(
            dossier,
            _("Besluit op de aanvraag: %(soort)s.") % {"soort": besluit.get_soort_display()},
            door,
        )
        _log("neem_besluit", aanvraag, door, ["aanvraag", "besluit"])
    return besluit
