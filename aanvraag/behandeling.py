"""Writes of the aanvraag team and the besluit (levensloop.md §1-2; ``services`` holds the
melding and the steps). Keyword-only arguments, one transaction per use case, logged.

- :func:`neem_in_behandeling`, :func:`vraag_stukken_op` / :func:`stukken_ontvangen` (the
  hersteltermijn suspends the beslistermijn, Awb 4:5/4:15), :func:`beoordeel_checklist`,
  :func:`registreer_ingebrekestelling` (4:17);
- :func:`neem_besluit`: toekenning (starts the uitkering at the ingangsdatum, dossier
  ``lopend``), afwijzing or buiten behandeling (the dossier ends); the beschikking is made and
  sent in the same transaction (:mod:`aanvraag.beschikking`).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bijstand.accounts.models import Rol, User
from bijstand.core import tijd
from bijstand.dossiers import services as dossier_services
from bijstand.dossiers.models import Beeindigingsreden, Dossier, DossierStatus
from inkomen import services as inkomen_services

from . import beleid as aanvraagbeleid
from . import herstelbrief, termijnen
from .models import (
    TE_BESLISSEN,
    Aanvraag,
    AanvraagStatus,
    Besluit,
    BesluitSoort,
    Hersteltermijn,
    Verzendwijze,
)
from .services import _herbereken_termijn, _journaal, _log, _vergrendel
from .stappen import CHECKLIST_CODES, Uitkomst

# art. 44 lid 5 PW (since 1-1-2026): in individual cases up to 3 months before the melding
MAX_MAANDEN_VOOR_MELDING = 3


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
        # the letter (art. 4:5 Awb), by post or in the portal (2:14): same transaction
        herstelbrief.maak_en_verzend_herstelbrief(hersteltermijn=hersteltermijn, door=door)
        aanvraag.status = AanvraagStatus.OPGESCHORT
        _herbereken_termijn(aanvraag)
        aanvraag.save(update_fields=["status", "beslissen_uiterlijk", "gewijzigd_op"])
        tekst = _(
            "Wij hebben meer gegevens nodig om uw aanvraag te beoordelen:\n%(gevraagd)s\n\n"
            "Stuur deze uiterlijk %(datum)s via 'Mijn aanvraag'. Krijgen wij ze niet op tijd, "
            "dan kunnen wij uw aanvraag niet verder behandelen."
        ) % {"gevraagd": gevraagd, "datum": date_format(termijn_tot, "j F Y")}
        if hersteltermijn.verzendwijze == Verzendwijze.ELEKTRONISCH:
            tekst += "\n\n" + _("De brief met dit verzoek staat voor u klaar in 'Mijn aanvraag'.")
        dossier_services.stuur_bericht_aan_burger(
            dossier=aanvraag.dossier,
            afzender=door,
            onderwerp=_("Wij hebben meer gegevens nodig"),
            tekst=tekst,
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


def haal_bewoners_op(*, aanvraag: Aanvraag, door: User) -> Aanvraag:
    """The household check: read who else the BRP registers at the applicant's address
    (Haal Centraal, purpose ``aanvraag_bijstand``, every read logged) and keep their names and
    birth dates with the aanvraag (no BSNs) beside what the burger declared."""
    from bijstand.brp.client import BrpFout, bewoners_op_adres

    with transaction.atomic():
        aanvraag = _vergrendel(aanvraag)
        _is_behandelaar(aanvraag, door)
        _moet_te_beslissen(aanvraag)
        aoi = (aanvraag.brp or {}).get("adresseerbaar_object_id")
        if not aoi:
            raise ValidationError(
                _("Het adres komt niet uit de BRP; controleer de bewoners op een andere manier.")
            )
        try:
            personen = bewoners_op_adres(aoi, doel="aanvraag_bijstand", actor=door)
        except BrpFout as exc:
            raise ValidationError(str(exc)) from exc
        eigen = aanvraag.dossier.werkzoekende.bsn
        brp = dict(aanvraag.brp)
        brp["bewoners"] = [
            {
                "naam": p.naam,
                "geboortedatum": p.geboortedatum.isoformat() if p.geboortedatum else None,
            }
            for p in personen
            if p.bsn != eigen
        ]
        brp["bewoners_opgehaald_op"] = timezone.now().isoformat()
        aanvraag.brp = brp
        aanvraag.save(update_fields=["brp", "gewijzigd_op"])
        _log("haal_bewoners_op", aanvraag, door, ["huishouden"])
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
