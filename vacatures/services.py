"""Writes of the werkgeversdienstverlening. One transaction per use case; keyword-only arguments.

Employer and vacancy data hold no werkzoekende's personal data (history only). Every step of
a voordracht is a transition along ``TOEGESTANE_OVERGANGEN``, recorded in
``VoordrachtWijziging`` and in the dossier's journaal, and logged as processing of the person's
data (activity "reintegratie").
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bijstand.accounts.models import User
from bijstand.dossiers.models import ACTIEVE_STATUSSEN, Dossier, JournaalSoort
from bijstand.dossiers.scope import is_werkcoach_van
from bijstand.dossiers.services import voeg_journaalregel_toe
from bijstand.logboek.services import log_verwerking
from perspectief.models import Beroep, Profiel
from perspectief.referentie import CERTIFICATEN, RIJBEWIJZEN

from .matching import beoordeel_profiel
from .models import (
    LOPENDE_STATUSSEN,
    TOEGESTANE_OVERGANGEN,
    Afwijzingsreden,
    Contactpersoon,
    Plaatsing,
    SroiAfspraak,
    Vacature,
    VacatureStatus,
    Voordracht,
    VoordrachtStatus,
    VoordrachtWijziging,
    Werkgever,
)
from .validators import normaliseer_kvk

WERKGEVER_VELDEN = {"naam", "kvk_nummer", "sector", "plaats", "inclusief", "toelichting", "actief"}
VACATURE_VELDEN = {
    "titel",
    "beroep",
    "omschrijving",
    "aantal_plaatsen",
    "certificaten",
    "rijbewijzen",
    "taalniveau",
    "fysieke_belasting",
    "uren_per_week_min",
    "uren_per_week_max",
    "wijk",
    "locatie",
    "garantiebaan",
    "sluitdatum",
}


def _zet_history_user(obj: Any, door: User | None) -> None:
    if door is not None and getattr(door, "pk", None):
        obj._history_user = door


def _onbekend(velden: dict, toegestaan: set[str]) -> None:
    onbekend = set(velden) - toegestaan
    if onbekend:
        raise ValueError(f"Unknown fields: {sorted(onbekend)}")


def _full_clean(obj: Any, exclude: list[str] | None = None) -> None:
    """full_clean with Dutch messages for the KvK-nummer (one clear message per problem)."""
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        fouten = exc.message_dict
        if "kvk_nummer" in fouten:
            if any("bestaat al" in m for m in fouten["kvk_nummer"]):
                fouten["kvk_nummer"] = [_("Er staat al een werkgever met dit KvK-nummer.")]
            else:
                fouten["kvk_nummer"] = [_("Een KvK-nummer bestaat uit 8 cijfers.")]
        raise ValidationError(fouten) from exc


# --- werkgevers ---------------------------------------------------------------------------


def maak_werkgever(*, door: User | None, **gegevens: Any) -> Werkgever:
    """Register an employer (KvK-nummer: 8 digits, unique)."""
    _onbekend(gegevens, WERKGEVER_VELDEN)
    gegevens["kvk_nummer"] = normaliseer_kvk(gegevens.get("kvk_nummer", ""))
    werkgever = Werkgever(**gegevens)
    _full_clean(werkgever)
    _zet_history_user(werkgever, door)
    with transaction.atomic():
        werkgever.save()
    return werkgever


def wijzig_werkgever(*, werkgever: Werkgever, door: User | None, **gegevens: Any) -> Werkgever:
    _onbekend(gegevens, WERKGEVER_VELDEN)
    if "kvk_nummer" in gegevens:
        gegevens["kvk_nummer"] = normaliseer_kvk(gegevens["kvk_nummer"])
    with transaction.atomic():
        werkgever = Werkgever.objects.select_for_update().get(pk=werkgever.pk)
        for naam, waarde in gegevens.items():
            setattr(werkgever, naam, waarde)
        _full_clean(werkgever)
        _zet_history_user(werkgever, door)
        werkgever.save()
    return werkgever


def verwijder_werkgever(*, werkgever: Werkgever, door: User | None) -> None:
    """Delete an employer that has no vacancies (otherwise: set it inactive)."""
    with transaction.atomic():
        if Vacature.objects.filter(werkgever=werkgever).exists():
            raise ValidationError(
                {
                    "werkgever": _(
                        "Deze werkgever heeft vacatures en kan niet worden verwijderd. "
                        "Zet de werkgever op niet actief."
                    )
                }
            )
        _zet_history_user(werkgever, door)
        werkgever.delete()


def voeg_contactpersoon_toe(
    *, werkgever: Werkgever, door: User | None, naam: str, functie: str = "", email: str = "",
    telefoon: str = "",
) -> Contactpersoon:  # fmt: skip
    contact = Contactpersoon(
        werkgever=werkgever,
        naam=(naam or "").strip(),
        functie=(functie or "").strip(),
        email=(email or "").strip(),
        telefoon=(telefoon or "").strip(),
    )
    _full_clean(contact, exclude=["werkgever"])
    if not contact.email and not contact.telefoon:
        raise ValidationError({"email": _("Vul een e-mailadres of een telefoonnummer in.")})
    with transaction.atomic():
        contact.save()
    return contact


def voeg_sroi_afspraak_toe(
    *, werkgever: Werkgever, door: User | None, omschrijving: str, aantal_plaatsingen: int,
    van: date, tot: date,
) -> SroiAfspraak:  # fmt: skip
    afspraak = SroiAfspraak(
        werkgever=werkgever,
        omschrijving=(omschrijving or "").strip(),
        aantal_plaatsingen=aantal_plaatsingen,
        van=van,
        tot=tot,
    )
    if van and tot and tot < van:
        raise ValidationError({"tot": _("De einddatum ligt voor de begindatum.")})
    _full_clean(afspraak, exclude=["werkgever"])
    with transaction.atomic():
        afspraak.save()
    return afspraak


# --- vacatures ----------------------------------------------------------------------------


def _valideer_vacature(vacature: Vacature) -> None:
    """Field checks plus the rules across fields, each error under the field it concerns."""
    fouten: dict[str, list[str]] = {}
    try:
        vacature.full_clean(
            exclude=["werkgever", "beroep", "aangemaakt_door"], validate_constraints=False
        )
    except ValidationError as exc:
        fouten.update(exc.message_dict)
    onbekend = [c for c in vacature.certificaten or [] if c not in CERTIFICATEN]
    if onbekend:
        fouten["certificaten"] = [
            _("Onbekend certificaat: %(codes)s.") % {"codes": ", ".join(onbekend)}
        ]
    onbekend = [c for c in vacature.rijbewijzen or [] if c not in RIJBEWIJZEN]
    if onbekend:
        fouten["rijbewijzen"] = [
            _("Onbekend rijbewijs: %(codes)s.") % {"codes": ", ".join(onbekend)}
        ]
    if (
        "uren_per_week_min" not in fouten
        and "uren_per_week_max" not in fouten
        and (vacature.uren_per_week_max or 0) < (vacature.uren_per_week_min or 0)
    ):
        fouten["uren_per_week_max"] = [
            _("Het maximale aantal uren is lager dan het minimale aantal uren.")
        ]
    if not vacature.wijk_id and not (vacature.locatie or "").strip():
        fouten["wijk"] = [_("Kies een wijk of vul de werklocatie in.")]
    if fouten:
        raise ValidationError(fouten)


def maak_vacature(
    *, werkgever: Werkgever, beroep: Beroep, door: User | None, **gegevens: Any
) -> Vacature:
    """Register an open vacancy. Certificates, licences and language level default to those of
    the occupation when not given."""
    _onbekend(gegevens, VACATURE_VELDEN - {"beroep"})
    if not werkgever.actief:
        raise ValidationError({"werkgever": _("Deze werkgever is niet actief.")})
    gegevens.setdefault("certificaten", list(beroep.certificaten or []))
    gegevens.setdefault("rijbewijzen", list(beroep.rijbewijzen or []))
    gegevens.setdefault("taalniveau", beroep.taalniveau)
    gegevens.setdefault("fysieke_belasting", beroep.fysieke_belasting)
    vacature = Vacature(
        werkgever=werkgever,
        beroep=beroep,
        aangemaakt_door=door if getattr(door, "pk", None) else None,
        **gegevens,
    )
    if vacature.sluitdatum and vacature.sluitdatum < timezone.localdate():
        raise ValidationError({"sluitdatum": _("De sluitdatum ligt in het verleden.")})
    _valideer_vacature(vacature)
    _zet_history_user(vacature, door)
    with transaction.atomic():
        vacature.save()
    return vacature


def wijzig_vacature(*, vacature: Vacature, door: User | None, **gegevens: Any) -> Vacature:
    """Change a vacancy's data (not its status). More places on a filled vacancy reopen it;
    fewer places than already filled are refused."""
    _onbekend(gegevens, VACATURE_VELDEN)
    with transaction.atomic():
        vacature = Vacature.objects.select_for_update().get(pk=vacature.pk)
        if vacature.status == VacatureStatus.INGETROKKEN:
            raise ValidationError(
                {"status": _("Een ingetrokken vacature kan niet meer worden gewijzigd.")}
            )
        for naam, waarde in gegevens.items():
            setattr(vacature, naam, waarde)
        _valideer_vacature(vacature)
        geplaatst = vacature.plaatsingen.count()
        if vacature.aantal_plaatsen < geplaatst:
            raise ValidationError(
                {
                    "aantal_plaatsen": _(
                        "Er zijn al %(n)s kandidaten geplaatst; het aantal plaatsen kan niet "
                        "lager zijn."
                    )
                    % {"n": geplaatst}
                }
            )
        if vacature.status == VacatureStatus.VERVULD and vacature.aantal_plaatsen > geplaatst:
            vacature.status = VacatureStatus.OPEN
        _zet_history_user(vacature, door)
        vacature.save()
    return vacature


def trek_vacature_in(*, vacature: Vacature, door: User | None, reden: str) -> Vacature:
    """Withdraw an open vacancy; running proposals end (afgewezen, vacature gesloten)."""
    if not (reden or "").strip():
        raise ValidationError({"reden": _("Geef een reden waarom de vacature vervalt.")})
    with transaction.atomic():
        vacature = Vacature.objects.select_for_update().get(pk=vacature.pk)
        if vacature.status != VacatureStatus.OPEN:
            raise ValidationError({"status": _("Alleen een open vacature kan worden ingetrokken.")})
        vacature.status = VacatureStatus.INGETROKKEN
        _zet_history_user(vacature, door)
        vacature.save(update_fields=["status"])
        _sluit_lopende_voordrachten(vacature, reden=reden.strip())
    return vacature


def heropen_vacature(*, vacature: Vacature, door: User | None) -> Vacature:
    """Reopen a withdrawn vacancy (a filled one reopens by adding places)."""
    with transaction.atomic():
        vacature = Vacature.objects.select_for_update().get(pk=vacature.pk)
        if vacature.status != VacatureStatus.INGETROKKEN:
            raise ValidationError(
                {"status": _("Alleen een ingetrokken vacature kan worden heropend.")}
            )
        vacature.status = VacatureStatus.OPEN
        _zet_history_user(vacature, door)
        vacature.save(update_fields=["status"])
    return vacature


def verwijder_vacature(*, vacature: Vacature, door: User | None) -> None:
    """Delete a vacancy that nobody was proposed for (otherwise: withdraw it)."""
    with transaction.atomic():
        if Voordracht.objects.filter(vacature=vacature).exists():
            raise ValidationError(
                {
                    "vacature": _(
                        "Voor deze vacature zijn kandidaten voorgedragen. Trek de vacature in "
                        "in plaats van haar te verwijderen."
                    )
                }
            )
        _zet_history_user(vacature, door)
        vacature.delete()


# --- voordrachten -------------------------------------------------------------------------


def _journaal(dossier: Dossier, door: User | None, onderwerp: str, tekst: str) -> None:
    voeg_journaalregel_toe(
        dossier=dossier,
        auteur=door if getattr(door, "pk", None) else None,
        soort=JournaalSoort.NOTITIE if getattr(door, "pk", None) else JournaalSoort.SYSTEEM,
        onderwerp=onderwerp,
        tekst=tekst,
        activiteit="reintegratie",
    )


def _log(dossier: Dossier, operatie: str, door: User | None, request: Any = None) -> None:
    log_verwerking(
        activiteit="reintegratie",
        operatie=operatie,
        subjects=[dossier.werkzoekende.log_subject],
        soorten_gegevens=["werkprofiel", "voordracht"],
        actor=door,
        request=request,
    )


def _bij(vacature: Vacature) -> str:
    return _("%(titel)s bij %(werkgever)s") % {
        "titel": vacature.titel,
        "werkgever": vacature.werkgever.naam,
    }


def draag_voor(
    *,
    vacature: Vacature,
    dossier: Dossier,
    door: User,
    toelichting: str = "",
    request: Any = None,
) -> Voordracht:
    """The dossier's werkcoach proposes the person for an open vacancy.

    The fit at this moment (score, gaps, strengths) is stored with the proposal.
    """
    if not is_werkcoach_van(door, dossier):
        raise ValidationError(
            {"dossier": _("U kunt alleen kandidaten uit uw eigen caseload voordragen.")}
        )
    with transaction.atomic():
        vacature = (
            Vacature.objects.select_for_update(of=("self",))
            .select_related("werkgever")
            .get(pk=vacature.pk)
        )
        dossier = Dossier.objects.select_related("werkzoekende").get(pk=dossier.pk)
        if vacature.status != VacatureStatus.OPEN:
            raise ValidationError({"vacature": _("Deze vacature is niet meer open.")})
        if vacature.sluitdatum and vacature.sluitdatum < timezone.localdate():
            raise ValidationError({"vacature": _("De sluitdatum van deze vacature is voorbij.")})
        if dossier.status not in ACTIEVE_STATUSSEN:
            raise ValidationError({"dossier": _("Dit dossier is niet actief.")})
        profiel = Profiel.objects.filter(dossier=dossier).first()
        if profiel is None:
            raise ValidationError(
                {"dossier": _("Er is nog geen werkprofiel. Vul eerst het perspectief in.")}
            )
        if Voordracht.objects.filter(
            vacature=vacature, dossier=dossier, status__in=[*LOPENDE_STATUSSEN, "geplaatst"]
        ).exists():
            raise ValidationError(
                {"dossier": _("Deze kandidaat is al voorgedragen voor deze vacature.")}
            )
        fit = beoordeel_profiel(profiel, vacature)
        nu = timezone.now()
        voordracht = Voordracht.objects.create(
            vacature=vacature,
            dossier=dossier,
            toelichting=(toelichting or "").strip(),
            score=fit.score,
            tekorten=list(fit.tekorten),
            pluspunten=list(fit.pluspunten),
            voorgedragen_door=door,
            voorgedragen_op=nu,
            gewijzigd_op=nu,
        )
        VoordrachtWijziging.objects.create(
            voordracht=voordracht,
            van="",
            naar=VoordrachtStatus.VOORGEDRAGEN,
            toelichting=voordracht.toelichting,
            door=door,
            op=nu,
        )
        tekst = _("Voorgedragen voor de vacature %(vacature)s (match %(score)s).") % {
            "vacature": _bij(vacature),
            "score": fit.score,
        }
        if fit.tekorten:
            tekst += " " + _("Nog nodig: %(tekorten)s.") % {"tekorten": "; ".join(fit.tekorten)}
        if voordracht.toelichting:
            tekst += " " + voordracht.toelichting
        _journaal(dossier, door, _("Voordracht vacature"), tekst)
        _log(dossier, "draag_voor", door, request)
    return voordracht


def _overgang(
    voordracht: Voordracht, naar: str, door: User | None, toelichting: str = ""
) -> Voordracht:
    """Lock the proposal, check the transition table, record it. Caller is in a transaction."""
    voordracht = (
        Voordracht.objects.select_for_update(of=("self",))
        .select_related("vacature__werkgever", "dossier__werkzoekende")
        .get(pk=voordracht.pk)
    )
    van = voordracht.status
    if naar not in TOEGESTANE_OVERGANGEN.get(van, frozenset()):
        raise ValidationError(
            {
                "status": _("Van '%(van)s' naar '%(naar)s' is geen toegestane stap.")
                % {
                    "van": VoordrachtStatus(van).label,
                    "naar": VoordrachtStatus(naar).label
                    if naar in VoordrachtStatus.values
                    else naar,
                }
            }
        )
    nu = timezone.now()
    voordracht.status = naar
    voordracht.gewijzigd_op = nu
    VoordrachtWijziging.objects.create(
        voordracht=voordracht,
        van=van,
        naar=naar,
        toelichting=(toelichting or "").strip(),
        door=door if getattr(door, "pk", None) else None,
        op=nu,
    )
    return voordracht


def _vereis_werkcoach(voordracht: Voordracht, door: User) -> None:
    if not is_werkcoach_van(door, voordracht.dossier):
        raise ValidationError(
            {"dossier": _("Alleen de werkcoach van de kandidaat kan deze voordracht bijwerken.")}
        )


def plan_gesprek(
    *,
    voordracht: Voordracht,
    op: datetime,
    door: User,
    toelichting: str = "",
    request: Any = None,
) -> Voordracht:
    """Record a job interview (also a second one) for a running proposal."""
    _vereis_werkcoach(voordracht, door)
    if op is None:
        raise ValidationError({"gesprek_op": _("Vul de datum en tijd van het gesprek in.")})
    with transaction.atomic():
        voordracht = _overgang(voordracht, VoordrachtStatus.GESPREK, door, toelichting)
        voordracht.gesprek_op = op
        voordracht.save(update_fields=["status", "gesprek_op", "gewijzigd_op"])
        moment = timezone.localtime(op) if timezone.is_aware(op) else op
        tekst = _("Sollicitatiegesprek voor %(vacature)s op %(moment)s.") % {
            "vacature": _bij(voordracht.vacature),
            "moment": date_format(moment, "j F Y, H:i"),
        }
        if toelichting.strip():
            tekst += " " + toelichting.strip()
        _journaal(voordracht.dossier, door, _("Sollicitatiegesprek"), tekst)
        _log(voordracht.dossier, "plan_gesprek", door, request)
    return voordracht


def registreer_plaatsing(
    *,
    voordracht: Voordracht,
    startdatum: date,
    contracturen: int,
    contract_maanden: int | None,
    door: User,
    toelichting: str = "",
    request: Any = None,
) -> Plaatsing:
    """The candidate gets the job. The vacancy is filled when all its places are taken (the
    vacancy row is locked, so two werkcoaches cannot fill the last place twice); the dossier
    moves toward uitstroom naar werk: the consulent ends it with reason "werk" on its status
    page."""
    _vereis_werkcoach(voordracht, door)
    fouten: dict[str, list[str]] = {}
    if startdatum is None:
        fouten["startdatum"] = [_("Vul de startdatum in.")]
    if not isinstance(contracturen, int) or not 1 <= contracturen <= 40:
        fouten["contracturen"] = [_("Het aantal contracturen ligt tussen 1 en 40 per week.")]
    if contract_maanden is not None and (
        not isinstance(contract_maanden, int) or not 1 <= contract_maanden <= 120
    ):
        fouten["contract_maanden"] = [
            _("De duur van het contract ligt tussen 1 en 120 maanden, of laat het veld leeg.")
        ]
    if fouten:
        raise ValidationError(fouten)
    with transaction.atomic():
        vacature = (
            Vacature.objects.select_for_update(of=("self",))
            .select_related("werkgever")
            .get(pk=voordracht.vacature_id)
        )
        if vacature.status != VacatureStatus.OPEN:
            raise ValidationError(
                {"vacature": _("Deze vacature is niet meer open: alle plaatsen zijn vervuld.")}
            )
        voordracht = _overgang(voordracht, VoordrachtStatus.GEPLAATST, door, toelichting)
        voordracht.save(update_fields=["status", "gewijzigd_op"])
        plaatsing = Plaatsing.objects.create(
            voordracht=voordracht,
            vacature=vacature,
            dossier=voordracht.dossier,
            startdatum=startdatum,
            contracturen=contracturen,
            contract_maanden=contract_maanden,
            geregistreerd_door=door,
        )
        duur = (
            _("%(n)s maanden") % {"n": contract_maanden}
            if contract_maanden
            else _("onbepaalde tijd")
        )
        tekst = _(
            "Plaatsing bij %(werkgever)s per %(datum)s als %(titel)s: %(uren)s uur per week, "
            "contract voor %(duur)s."
        ) % {
            "werkgever": vacature.werkgever.naam,
            "datum": date_format(startdatum, "j F Y"),
            "titel": vacature.titel,
            "uren": contracturen,
            "duur": duur,
        }
        if toelichting.strip():
            tekst += " " + toelichting.strip()
        _journaal(voordracht.dossier, door, _("Plaatsing"), tekst)
        _log(voordracht.dossier, "registreer_plaatsing", door, request)
        if vacature.plaatsingen.count() >= vacature.aantal_plaatsen:
            vacature.status = VacatureStatus.VERVULD
            _zet_history_user(vacature, door)
            vacature.save(update_fields=["status"])
            _sluit_lopende_voordrachten(vacature, reden=_("Alle plaatsen zijn vervuld."))
    return plaatsing


def wijs_af(
    *,
    voordracht: Voordracht,
    reden: str,
    door: User,
    toelichting: str = "",
    request: Any = None,
) -> Voordracht:
    """End a running proposal without a placement (the reason is required)."""
    _vereis_werkcoach(voordracht, door)
    if reden not in Afwijzingsreden.values:
        raise ValidationError({"reden": _("Kies de reden van de afwijzing.")})
    if reden == Afwijzingsreden.OVERIG and not (toelichting or "").strip():
        raise ValidationError({"toelichting": _("Licht de reden toe.")})
    with transaction.atomic():
        voordracht = _overgang(voordracht, VoordrachtStatus.AFGEWEZEN, door, toelichting)
        voordracht.afwijzingsreden = reden
        voordracht.save(update_fields=["status", "afwijzingsreden", "gewijzigd_op"])
        tekst = _("Voordracht voor %(vacature)s beëindigd: %(reden)s.") % {
            "vacature": _bij(voordracht.vacature),
            "reden": Afwijzingsreden(reden).label,
        }
        if toelichting.strip():
            tekst += " " + toelichting.strip()
        _journaal(voordracht.dossier, door, _("Voordracht vacature"), tekst)
        _log(voordracht.dossier, "wijs_voordracht_af", door, request)
    return voordracht


def _sluit_lopende_voordrachten(vacature: Vacature, *, reden: str) -> int:
    """End every running proposal of a closed vacancy (by the system: no author)."""
    lopend = list(
        Voordracht.objects.filter(vacature=vacature, status__in=LOPENDE_STATUSSEN).values_list(
            "pk", flat=True
        )
    )
    for pk in lopend:
        voordracht = _overgang(Voordracht(pk=pk), VoordrachtStatus.AFGEWEZEN, None, reden)
        voordracht.afwijzingsreden = Afwijzingsreden.VACATURE_GESLOTEN
        voordracht.save(update_fields=["status", "afwijzingsreden", "gewijzigd_op"])
        _journaal(
            voordracht.dossier,
            None,
            _("Voordracht vacature"),
            _("Voordracht voor %(vacature)s beëindigd: %(reden)s %(toelichting)s")
            % {
                "vacature": _bij(voordracht.vacature),
                "reden": Afwijzingsreden.VACATURE_GESLOTEN.label + ".",
                "toelichting": reden,
            },
        )
        _log(voordracht.dossier, "sluit_voordracht", None)
    return len(lopend)
