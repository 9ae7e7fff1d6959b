"""Writes of the plan van aanpak. One transaction per use case; keyword-only arguments.

Other apps write to the plan only through this module (ADR 0004): ``maak_vervolgactie`` is the
public entry point for werkloont (a follow-up action at the end of a Werkloont period), and
intake may call ``maak_plan`` / ``voeg_doel_toe`` / ``voeg_actie_toe``.

Rules kept here:
- one plan per dossier; only an active dossier's plan changes;
- after the burger's akkoord, a new or changed goal or action starts the next version (the
  agreed version stays as a snapshot); a status change of an action does not;
- an action's status changes only along ``models.OVERGANGEN``; every change is an
  ``ActieOvergang`` row and a journaal line;
- every write logs the processing (``reintegratie``, or ``gezondheid`` for a goal on a
  confidential leefgebied).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bijstand.accounts.models import Rol, User
from bijstand.dossiers.models import Dossier, JournaalSoort
from bijstand.dossiers.scope import is_werkcoach_van
from bijstand.dossiers.services import voeg_journaalregel_toe
from bijstand.logboek.services import log_verwerking
from perspectief.models import Beroep, Leefgebied

from .models import (
    OVERGANGEN,
    Actie,
    ActieBron,
    ActieOvergang,
    ActieStatus,
    Actor,
    Doel,
    DoelSoort,
    Eigenaar,
    EmailStatus,
    Melding,
    MeldingSoort,
    Plan,
    PlanSjabloon,
    PlanVersie,
)
from .versies import maak_snapshot

ONDERWERP = gettext_lazy("Plan van aanpak")
TITEL_MAX = 200


# --- helpers ------------------------------------------------------------------------------


def _check_actief(dossier: Dossier) -> None:
    if not dossier.is_actief:
        raise ValidationError(
            _("Het dossier is beëindigd. Het plan van aanpak kan niet meer worden gewijzigd.")
        )


def _tekst(waarde: str | None, veld: str, melding: str, max_length: int = TITEL_MAX) -> str:
    waarde = (waarde or "").strip()
    if not waarde:
        raise ValidationError({veld: melding})
    if len(waarde) > max_length:
        raise ValidationError({veld: _("Gebruik hoogstens %(max)s tekens.") % {"max": max_length}})
    return waarde


def _activiteit(vertrouwelijk: bool, door: User | None) -> str:
    if vertrouwelijk:
        return "gezondheid"
    if getattr(door, "rol", None) == Rol.BURGER:
        return "portaal"
    return "reintegratie"


def _log(dossier: Dossier, operatie: str, door: User | None, *, vertrouwelijk: bool = False):
    log_verwerking(
        activiteit=_activiteit(vertrouwelijk, door),
        operatie=operatie,
        subjects=[dossier.werkzoekende.log_subject],
        soorten_gegevens=["plan van aanpak"],
        actor=door,
        vertrouwelijk=vertrouwelijk,
    )


def _journaal(dossier: Dossier, door: User | None, tekst: str, *, vertrouwelijk: bool) -> None:
    voeg_journaalregel_toe(
        dossier=dossier,
        auteur=door,
        soort=JournaalSoort.SYSTEEM,
        onderwerp=str(ONDERWERP),
        tekst=tekst,
        vertrouwelijk=vertrouwelijk,
        activiteit="portaal" if getattr(door, "rol", None) == Rol.BURGER else "reintegratie",
    )


def _vergrendel(plan: Plan) -> Plan:
    return Plan.objects.select_for_update().get(pk=plan.pk)


def _markeer_wijziging(plan: Plan) -> None:
    """A goal or action changed: after an akkoord this starts the next version."""
    velden = ["gewijzigd_op"]
    if plan.akkoord_versie is not None and plan.akkoord_versie == plan.versie:
        plan.versie += 1
        velden.append("versie")
    plan.gewijzigd_op = timezone.now()
    plan.save(update_fields=velden)


def _deadline(deadline: Any, *, veld: str = "deadline", oud: datetime.date | None = None):
    if not isinstance(deadline, datetime.date) or isinstance(deadline, datetime.datetime):
        raise ValidationError({veld: _("Vul een geldige deadline in.")})
    if deadline != oud and deadline < timezone.localdate():
        raise ValidationError({veld: _("De deadline mag niet in het verleden liggen.")})
    return deadline


def _eigenaar(eigenaar: str, partner_naam: str) -> tuple[str, str]:
    if eigenaar not in Eigenaar.values:
        raise ValidationError({"eigenaar": _("Kies wie de actie uitvoert.")})
    partner_naam = (partner_naam or "").strip()
    if eigenaar == Eigenaar.PARTNER:
        partner_naam = _tekst(
            partner_naam, "partner_naam", _("Vul de naam van de partnerorganisatie in.")
        )
    else:
        partner_naam = ""
    return eigenaar, partner_naam


# --- the plan -----------------------------------------------------------------------------


def plan_van(dossier: Dossier) -> Plan | None:
    return Plan.objects.filter(dossier=dossier).first()


def zorg_voor_plan(*, dossier: Dossier, door: User | None) -> Plan:
    """The dossier's plan, started now if it has none (for other apps, e.g. the intake)."""
    bestaand = plan_van(dossier)
    if bestaand is not None:
        return bestaand
    _check_actief(dossier)
    with transaction.atomic():
        plan, nieuw = _maak_of_haal_plan(dossier, door)
        if nieuw:
            _journaal(dossier, door, _("Plan van aanpak gestart."), vertrouwelijk=False)
            _log(dossier, "maak_plan", door)
    return plan


def _maak_of_haal_plan(dossier: Dossier, door: User | None) -> tuple[Plan, bool]:
    """The dossier's plan (locked), created if missing; safe against a concurrent create."""
    try:
        with transaction.atomic():
            plan, nieuw = Plan.objects.select_for_update().get_or_create(
                dossier=dossier, defaults={"aangemaakt_door": door}
            )
    except IntegrityError:  # created by a concurrent transaction just now
        plan, nieuw = Plan.objects.select_for_update().get(dossier=dossier), False
    return plan, nieuw


def maak_plan(
    *,
    dossier: Dossier,
    door: User | None,
    sjabloon: PlanSjabloon | None = None,
    startdatum: datetime.date | None = None,
) -> Plan:
    """Start the plan van aanpak of a dossier, optionally from a template."""
    _check_actief(dossier)
    with transaction.atomic():
        plan, nieuw = _maak_of_haal_plan(dossier, door)
        if not nieuw:
            raise ValidationError(_("Dit dossier heeft al een plan van aanpak."))
        _journaal(dossier, door, _("Plan van aanpak gestart."), vertrouwelijk=False)
        _log(dossier, "maak_plan", door)
        if sjabloon is not None:
            _pas_sjabloon_toe(plan, sjabloon, startdatum or timezone.localdate(), door)
    return plan


def _pas_sjabloon_toe(
    plan: Plan, sjabloon: PlanSjabloon, startdatum: datetime.date, door: User | None
) -> tuple[int, int]:
    if not sjabloon.actief:
        raise ValidationError({"sjabloon": _("Dit sjabloon wordt niet meer gebruikt.")})
    if plan.toegepaste_sjablonen.filter(pk=sjabloon.pk).exists():
        raise ValidationError({"sjabloon": _("Dit sjabloon is al toegepast op dit plan.")})
    nu = timezone.now()
    sjabloon_doelen = list(
        sjabloon.doelen.select_related("leefgebied", "beroep").prefetch_related("acties")
    )
    if not sjabloon_doelen:
        raise ValidationError({"sjabloon": _("Dit sjabloon heeft nog geen doelen.")})
    doelen = Doel.objects.bulk_create(
        Doel(
            plan=plan,
            titel=sd.titel,
            toelichting=sd.toelichting,
            soort=sd.soort,
            leefgebied=sd.leefgebied,
            beroep=sd.beroep,
            uitstroom_tekst=sd.uitstroom_tekst,
            aangemaakt_door=door,
            aangemaakt_op=nu,
            gewijzigd_op=nu,
        )
        for sd in sjabloon_doelen
    )
    acties = [
        Actie(
            plan=plan,
            doel=doel,
            titel=sa.titel,
            toelichting=sa.toelichting,
            eigenaar=sa.eigenaar,
            partner_naam=sa.partner_naam if sa.eigenaar == Eigenaar.PARTNER else "",
            deadline=startdatum + datetime.timedelta(days=sa.dagen_na_start),
            bron=ActieBron.SJABLOON,
            aangemaakt_door=door,
            aangemaakt_op=nu,
            gewijzigd_op=nu,
            status_gewijzigd_op=nu,
        )
        for doel, sd in zip(doelen, sjabloon_doelen, strict=True)
        for sa in sd.acties.all()
    ]
    acties = Actie.objects.bulk_create(acties)
    ActieOvergang.objects.bulk_create(
        ActieOvergang(actie=a, van="", naar=ActieStatus.OPEN, door=door, op=nu) for a in acties
    )
    plan.toegepaste_sjablonen.add(sjabloon)
    _markeer_wijziging(plan)
    vertrouwelijk = any(sd.leefgebied_id and sd.leefgebied.vertrouwelijk for sd in sjabloon_doelen)
    _journaal(
        plan.dossier,
        door,
        _("Sjabloon '%(naam)s' toegepast: %(doelen)s doelen en %(acties)s acties.")
        % {"naam": sjabloon.naam, "doelen": len(doelen), "acties": len(acties)},
        vertrouwelijk=vertrouwelijk,
    )
    _log(plan.dossier, "pas_sjabloon_toe", door, vertrouwelijk=vertrouwelijk)
    return len(doelen), len(acties)


def pas_sjabloon_toe(
    *,
    plan: Plan,
    sjabloon: PlanSjabloon,
    door: User | None,
    startdatum: datetime.date | None = None,
) -> tuple[int, int]:
    """Add a template's goals and actions (due dates relative to ``startdatum``).

    Returns (goals, actions) added. A template is applied to a plan at most once.
    """
    _check_actief(plan.dossier)
    with transaction.atomic():
        vergrendeld = _vergrendel(plan)
        vergrendeld.dossier = plan.dossier
        uitkomst = _pas_sjabloon_toe(
            vergrendeld, sjabloon, startdatum or timezone.localdate(), door
        )
        plan.versie, plan.gewijzigd_op = vergrendeld.versie, vergrendeld.gewijzigd_op
    return uitkomst


# --- goals --------------------------------------------------------------------------------


def _koppeling(
    soort: str,
    leefgebied: Leefgebied | None,
    beroep: Beroep | None,
    uitstroom_tekst: str,
) -> dict[str, Any]:
    uitstroom_tekst = (uitstroom_tekst or "").strip()
    if soort == DoelSoort.LEEFGEBIED:
        if leefgebied is None:
            raise ValidationError({"leefgebied": _("Kies het leefgebied van het doel.")})
        return {"soort": soort, "leefgebied": leefgebied, "beroep": None, "uitstroom_tekst": ""}
    if soort == DoelSoort.UITSTROOM:
        if beroep is None and not uitstroom_tekst:
            raise ValidationError(
                {"beroep": _("Kies een beroep of beschrijf het uitstroomperspectief.")}
            )
        if len(uitstroom_tekst) > TITEL_MAX:
            raise ValidationError(
                {"uitstroom_tekst": _("Gebruik hoogstens %(max)s tekens.") % {"max": TITEL_MAX}}
            )
        return {
            "soort": soort,
            "leefgebied": None,
            "beroep": beroep,
            "uitstroom_tekst": "" if beroep is not None else uitstroom_tekst,
        }
    raise ValidationError({"soort": _("Kies een leefgebied of het uitstroomperspectief.")})


def voeg_doel_toe(
    *,
    plan: Plan,
    titel: str,
    door: User | None,
    soort: str,
    leefgebied: Leefgebied | None = None,
    beroep: Beroep | None = None,
    uitstroom_tekst: str = "",
    toelichting: str = "",
) -> Doel:
    """A new goal, tied to a leefgebied or to the uitstroomperspectief."""
    _check_actief(plan.dossier)
    titel = _tekst(titel, "titel", _("Beschrijf het doel."))
    koppeling = _koppeling(soort, leefgebied, beroep, uitstroom_tekst)
    with transaction.atomic():
        vergrendeld = _vergrendel(plan)
        doel = Doel.objects.create(
            plan=vergrendeld,
            titel=titel,
            toelichting=(toelichting or "").strip(),
            aangemaakt_door=door,
            **koppeling,
        )
        _markeer_wijziging(vergrendeld)
        plan.versie = vergrendeld.versie
        vertrouwelijk = doel.vertrouwelijk
        _journaal(
            plan.dossier,
            door,
            _("Nieuw doel in het plan: %(titel)s (%(koppeling)s).")
            % {"titel": doel.titel, "koppeling": doel.koppeling_label},
            vertrouwelijk=vertrouwelijk,
        )
        _log(plan.dossier, "voeg_doel_toe", door, vertrouwelijk=vertrouwelijk)
    return doel


def wijzig_doel(
    *,
    doel: Doel,
    door: User | None,
    titel: str,
    soort: str,
    leefgebied: Leefgebied | None = None,
    beroep: Beroep | None = None,
    uitstroom_tekst: str = "",
    toelichting: str = "",
) -> Doel:
    """Change a goal. Nothing changed: nothing happens (no new version)."""
    plan = doel.plan
    _check_actief(plan.dossier)
    titel = _tekst(titel, "titel", _("Beschrijf het doel."))
    koppeling = _koppeling(soort, leefgebied, beroep, uitstroom_tekst)
    nieuw = {"titel": titel, "toelichting": (toelichting or "").strip(), **koppeling}
    with transaction.atomic():
        vergrendeld = _vergrendel(plan)
        doel = Doel.objects.select_for_update().get(pk=doel.pk, plan=vergrendeld)
        was_vertrouwelijk = doel.vertrouwelijk
        oud = {
            "titel": doel.titel,
            "toelichting": doel.toelichting,
            "soort": doel.soort,
            "leefgebied": doel.leefgebied_id,
            "beroep": doel.beroep_id,
            "uitstroom_tekst": doel.uitstroom_tekst,
        }
        vergelijkbaar = {
            **nieuw,
            "leefgebied": leefgebied.pk if nieuw["leefgebied"] else None,
            "beroep": beroep.pk if nieuw["beroep"] else None,
        }
        if oud == vergelijkbaar:
            return doel
        for naam, waarde in nieuw.items():
            setattr(doel, naam, waarde)
        doel.gewijzigd_op = timezone.now()
        doel.save()
        _markeer_wijziging(vergrendeld)
        plan.versie = vergrendeld.versie
        vertrouwelijk = was_vertrouwelijk or doel.vertrouwelijk
        _journaal(
            plan.dossier,
            door,
            _("Doel gewijzigd: %(titel)s (%(koppeling)s).")
            % {"titel": doel.titel, "koppeling": doel.koppeling_label},
            vertrouwelijk=vertrouwelijk,
        )
        _log(plan.dossier, "wijzig_doel", door, vertrouwelijk=vertrouwelijk)
    return doel


# --- actions ------------------------------------------------------------------------------


def _check_doel(plan: Plan, doel: Doel | None) -> None:
    if doel is not None and doel.plan_id != plan.pk:
        raise ValidationError({"doel": _("Dit doel hoort niet bij dit plan.")})


def voeg_actie_toe(
    *,
    plan: Plan,
    titel: str,
    deadline: datetime.date,
    door: User | None,
    eigenaar: str = Eigenaar.BURGER,
    partner_naam: str = "",
    doel: Doel | None = None,
    toelichting: str = "",
) -> Actie:
    """A new action (status open) with its owner and due date."""
    _check_actief(plan.dossier)
    _check_doel(plan, doel)
    titel = _tekst(titel, "titel", _("Beschrijf de actie."))
    eigenaar, partner_naam = _eigenaar(eigenaar, partner_naam)
    deadline = _deadline(deadline)
    with transaction.atomic():
        vergrendeld = _vergrendel(plan)
        actie = _maak_actie(
            vergrendeld,
            doel=doel,
            titel=titel,
            toelichting=(toelichting or "").strip(),
            eigenaar=eigenaar,
            partner_naam=partner_naam,
            deadline=deadline,
            bron=ActieBron.HANDMATIG,
            door=door,
        )
        plan.versie = vergrendeld.versie
    return actie


def _maak_actie(plan: Plan, *, door: User | None, **velden: Any) -> Actie:
    nu = timezone.now()
    actie = Actie.objects.create(
        plan=plan,
        aangemaakt_door=door,
        aangemaakt_op=nu,
        gewijzigd_op=nu,
        status_gewijzigd_op=nu,
        **velden,
    )
    ActieOvergang.objects.create(actie=actie, van="", naar=ActieStatus.OPEN, door=door, op=nu)
    _markeer_wijziging(plan)
    vertrouwelijk = actie.vertrouwelijk
    _journaal(
        plan.dossier,
        door,
        _("Nieuwe actie in het plan: %(titel)s. Wie: %(wie)s. Deadline: %(deadline)s.")
        % {
            "titel": actie.titel,
            "wie": actie.eigenaar_label,
            "deadline": actie.deadline.strftime("%d-%m-%Y"),
        },
        vertrouwelijk=vertrouwelijk,
    )
    _log(plan.dossier, "voeg_actie_toe", door, vertrouwelijk=vertrouwelijk)
    return actie


def wijzig_actie(
    *,
    actie: Actie,
    door: User | None,
    titel: str,
    deadline: datetime.date,
    eigenaar: str,
    partner_naam: str = "",
    doel: Doel | None = None,
    toelichting: str = "",
) -> Actie:
    """Change an action's content (not its status: see ``wijzig_actiestatus``)."""
    plan = actie.plan
    _check_actief(plan.dossier)
    _check_doel(plan, doel)
    titel = _tekst(titel, "titel", _("Beschrijf de actie."))
    eigenaar, partner_naam = _eigenaar(eigenaar, partner_naam)
    with transaction.atomic():
        vergrendeld = _vergrendel(plan)
        actie = (
            Actie.objects.select_for_update(of=("self",))
            .select_related("doel__leefgebied")
            .get(pk=actie.pk, plan=vergrendeld)
        )
        if not actie.is_lopend:
            raise ValidationError(
                _("Deze actie is %(status)s en kan niet meer worden gewijzigd.")
                % {"status": actie.get_status_display().lower()}
            )
        deadline = _deadline(deadline, oud=actie.deadline)
        nieuw = {
            "titel": titel,
            "toelichting": (toelichting or "").strip(),
            "eigenaar": eigenaar,
            "partner_naam": partner_naam,
            "deadline": deadline,
            "doel_id": doel.pk if doel is not None else None,
        }
        if all(getattr(actie, k) == v for k, v in nieuw.items()):
            return actie
        was_vertrouwelijk = actie.vertrouwelijk
        for naam, waarde in nieuw.items():
            setattr(actie, naam, waarde)
        actie.doel = doel
        actie.gewijzigd_op = timezone.now()
        actie.save()
        _markeer_wijziging(vergrendeld)
        plan.versie = vergrendeld.versie
        vertrouwelijk = was_vertrouwelijk or actie.vertrouwelijk
        _journaal(
            plan.dossier,
            door,
            _("Actie gewijzigd: %(titel)s. Wie: %(wie)s. Deadline: %(deadline)s.")
            % {
                "titel": actie.titel,
                "wie": actie.eigenaar_label,
                "deadline": actie.deadline.strftime("%d-%m-%Y"),
            },
            vertrouwelijk=vertrouwelijk,
        )
        _log(plan.dossier, "wijzig_actie", door, vertrouwelijk=vertrouwelijk)
    return actie


def maak_vervolgactie(
    *,
    dossier: Dossier,
    titel: str,
    toelichting: str,
    deadline: datetime.date,
    door: User | None,
) -> Actie:
    """A follow-up action owned by the werkcoach (public service for other apps).

    Creates the plan if the dossier has none. Idempotent: the same dossier + titel + deadline
    returns the action made the first time (whatever its status now), also when two calls
    run at the same time (a unique constraint backs the check).
    """
    titel = _tekst(titel, "titel", _("Beschrijf de actie."))
    if not isinstance(deadline, datetime.date) or isinstance(deadline, datetime.datetime):
        raise ValidationError({"deadline": _("Vul een geldige deadline in.")})

    def bestaande() -> Actie | None:
        return Actie.objects.filter(
            plan__dossier=dossier, titel=titel, deadline=deadline, bron=ActieBron.VERVOLG
        ).first()

    gevonden = bestaande()
    if gevonden is not None:
        return gevonden
    _check_actief(dossier)
    try:
        with transaction.atomic():
            plan, nieuw = _maak_of_haal_plan(dossier, door)
            if nieuw:
                _journaal(dossier, door, _("Plan van aanpak gestart."), vertrouwelijk=False)
                _log(dossier, "maak_plan", door)
            gevonden = bestaande()  # checked again under the plan lock
            if gevonden is not None:
                return gevonden
            return _maak_actie(
                plan,
                doel=None,
                titel=titel,
                toelichting=(toelichting or "").strip(),
                eigenaar=Eigenaar.WERKCOACH,
                partner_naam="",
                deadline=deadline,
                bron=ActieBron.VERVOLG,
                door=door,
            )
    except IntegrityError:
        gevonden = bestaande()
        if gevonden is None:
            raise
        return gevonden


# --- status transitions -------------------------------------------------------------------


def actor_van(door: Any, dossier: Dossier) -> str | None:
    """As whom ``door`` acts on this dossier's plan: its burger, its werkcoach, or nobody."""
    if door is None or not getattr(door, "is_authenticated", False):
        return None
    if getattr(door, "rol", None) == Rol.BURGER:
        return Actor.BURGER if dossier.werkzoekende.account_id == door.pk else None
    return Actor.WERKCOACH if is_werkcoach_van(door, dossier) else None


def wijzig_actiestatus(*, actie: Actie, naar: str, door: User | None, reden: str = "") -> Actie:
    """Move an action along the allowed-transition table; recorded with who, when and why."""
    plan = actie.plan
    dossier = plan.dossier
    _check_actief(dossier)
    reden = (reden or "").strip()
    with transaction.atomic():
        actie = (
            Actie.objects.select_for_update(of=("self",))
            .select_related("doel__leefgebied")
            .get(pk=actie.pk)
        )
        van = actie.status
        if naar not in ActieStatus.values:
            raise ValidationError({"status": _("Kies een geldige status.")})
        regel = OVERGANGEN.get((van, naar))
        if regel is None:
            raise ValidationError(
                {
                    "status": _("Van '%(van)s' naar '%(naar)s' is geen toegestane overgang.")
                    % {"van": ActieStatus(van).label, "naar": ActieStatus(naar).label}
                }
            )
        actor = actor_van(door, dossier)
        if actor != regel.actor:
            if regel.actor == Actor.BURGER:
                melding = _("Alleen de burger kan een actie klaar melden.")
            else:
                melding = _("Alleen de werkcoach van dit dossier kan deze status kiezen.")
            raise ValidationError({"status": melding})
        if regel.alleen_eigen_actie and actie.eigenaar != Eigenaar.BURGER:
            raise ValidationError({"status": _("U kunt alleen uw eigen acties klaar melden.")})
        if regel.reden_verplicht and not reden:
            if naar == ActieStatus.OPEN:
                melding = _("Geef aan waarom de actie nog niet klaar is.")
            else:
                melding = _("Geef een reden waarom de actie vervalt.")
            raise ValidationError({"reden": melding})
        nu = timezone.now()
        actie.status = naar
        actie.status_gewijzigd_op = nu
        actie.save(update_fields=["status", "status_gewijzigd_op"])
        ActieOvergang.objects.create(actie=actie, van=van, naar=naar, reden=reden, door=door, op=nu)
        if naar == ActieStatus.ACCORDERING:
            Melding.objects.update_or_create(
                actie=actie,
                soort=MeldingSoort.KLAAR_GEMELD,
                defaults={
                    "dossier": dossier,
                    "ontvanger_id": dossier.werkcoach_id,
                    "aangemaakt_op": nu,
                    "gezien_op": None,
                    "email_status": EmailStatus.NIET_NODIG,
                },
            )
        else:
            # Handled: a "klaar gemeld" notice needs no more attention.
            Melding.objects.filter(
                actie=actie, soort=MeldingSoort.KLAAR_GEMELD, gezien_op__isnull=True
            ).update(gezien_op=nu)
        tekst = _("Actie '%(titel)s': van %(van)s naar %(naar)s.") % {
            "titel": actie.titel,
            "van": ActieStatus(van).label.lower(),
            "naar": ActieStatus(naar).label.lower(),
        }
        if reden:
            tekst += " " + _("Reden: %(reden)s") % {"reden": reden}
        vertrouwelijk = actie.vertrouwelijk
        _journaal(dossier, door, tekst, vertrouwelijk=vertrouwelijk)
        _log(dossier, "wijzig_actiestatus", door, vertrouwelijk=vertrouwelijk)
    actie.plan = plan
    return actie


# --- akkoord ------------------------------------------------------------------------------


def snapshot_van(plan: Plan) -> dict[str, Any]:
    doelen = plan.doelen.select_related("leefgebied", "beroep").order_by("aangemaakt_op", "id")
    acties = plan.acties.order_by("deadline", "id")
    return maak_snapshot(doelen, acties)


def geef_akkoord(*, plan: Plan, versie: int, door: User) -> PlanVersie:
    """The burger agrees to version ``versie`` (the one they saw): recorded with the date.

    Refused when the plan changed in the meantime, when this version was agreed already, when
    the plan is empty, or when ``door`` is not the dossier's burger.
    """
    dossier = plan.dossier
    _check_actief(dossier)
    if getattr(door, "rol", None) != Rol.BURGER or dossier.werkzoekende.account_id != door.pk:
        raise ValidationError(_("Alleen de burger zelf kan akkoord geven op het plan."))
    with transaction.atomic():
        plan = _vergrendel(plan)
        plan.dossier = dossier
        if versie != plan.versie:
            raise ValidationError(
                {
                    "versie": _(
                        "Het plan is net veranderd. Lees de nieuwe versie en geef dan opnieuw "
                        "akkoord."
                    )
                }
            )
        if plan.akkoord_versie == plan.versie:
            raise ValidationError(
                {"versie": _("U heeft al akkoord gegeven op deze versie van het plan.")}
            )
        snapshot = snapshot_van(plan)
        if not snapshot["doelen"] and not snapshot["acties"]:
            raise ValidationError(
                _("Het plan is nog leeg. Er is nog niets om akkoord op te geven.")
            )
        nu = timezone.now()
        plan_versie = PlanVersie.objects.create(
            plan=plan, nummer=plan.versie, snapshot=snapshot, akkoord_op=nu, akkoord_door=door
        )
        plan.akkoord_versie = plan.versie
        plan.akkoord_op = nu
        plan.save(update_fields=["akkoord_versie", "akkoord_op"])
        _journaal(
            dossier,
            door,
            _("De burger gaf akkoord op versie %(versie)s van het plan van aanpak.")
            % {"versie": plan.versie},
            vertrouwelijk=False,
        )
        _log(dossier, "geef_akkoord_plan", door)
    return plan_versie


# --- notifications ------------------------------------------------------------------------


def markeer_melding_gezien(*, melding: Melding, door: User) -> Melding:
    """The werkcoach has seen a notification (it leaves the open list)."""
    if melding.gezien_op is None:
        melding.gezien_op = timezone.now()
        melding.save(update_fields=["gezien_op"])
    return melding
