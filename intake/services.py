"""Writes of the brede intake. One transaction per use case; keyword-only arguments.

- ``start_intake``: a new concept (aanvraag or heronderzoek; a heronderzoek starts from the
  answers of the last definitive intake);
- ``sla_stap_op``: the consulent saves one step (a concept may be incomplete);
- ``bereid_intake_voor``: the burger prepares their parts in the portal;
- ``rond_intake_af``: make the intake definitive and write the ontwikkelperspectief through
  ``perspectief.services`` (measurement, barriers, skills, work profile) plus a journaal line.
  Idempotent: a definitive intake is returned as it is.

Callers check permissions (views, API); the services check the rules of the intake itself.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bijstand.accounts.models import User
from bijstand.core import tijd
from bijstand.dossiers.models import Dossier, Instroombron, JournaalSoort
from bijstand.dossiers.services import (
    voeg_journaalregel_toe,
    wijzig_instroombron,
    wijzig_taalniveau,
)
from bijstand.logboek.services import log_verwerking
from perspectief import services as perspectief_services
from perspectief.models import Belemmering, MetingBron
from plan import services as plan_services

from .models import Intake, IntakeSoort, IntakeStatus, StapBron
from .stappen import (
    STAP_PER_SLUG,
    Referentie,
    Stap,
    laad_referentie,
)

SOORTEN_GEGEVENS = ["intake"]


# --- reading helpers (also used by selectors and views) -----------------------------------


def antwoorden_van_stap(intake: Intake, stap: Stap, *, vertrouwelijk: bool) -> dict[str, Any]:
    """The step's answers; with ``vertrouwelijk`` including the confidential part."""
    open_ = intake.antwoorden.get(stap.slug) or {}
    if not vertrouwelijk:
        return {} if stap.vertrouwelijk else dict(open_)
    geheim = intake.vertrouwelijke_antwoorden.get(stap.slug) or {}
    return stap.form_class.voeg_samen(open_, geheim)


def initial_voor_stap(
    stap: Stap, opgeslagen: Mapping[str, Any], dossier: Dossier, intake: Intake | None = None
) -> dict:
    """Initial form values: prefill from the dossier, the stored answers, and the read-only
    (disabled) fields always fresh from the dossier."""
    prefill = stap.form_class.prefill(dossier)
    if intake is not None and "instroombron" in prefill:
        prefill["instroombron"] = intake.instroombron  # chosen when the intake started
    velden = stap.form_class.base_fields
    vast = {k: v for k, v in prefill.items() if k in velden and velden[k].disabled}
    return {**prefill, **stap.form_class.als_initial(opgeslagen), **vast}


def _valideer(
    stap: Stap, antwoorden: Mapping[str, Any], *, ref: Referentie, dossier: Dossier, burger: bool
) -> dict[str, Any]:
    """Validate a step's answers (plain values, e.g. JSON from the API); return the clean
    answers or raise a ValidationError naming each field."""
    if not isinstance(antwoorden, Mapping):
        raise ValidationError({"antwoorden": [_("Geef de antwoorden als object met velden.")]})
    data = stap.form_class.als_data(antwoorden)
    initial = initial_voor_stap(stap, {}, dossier)
    if burger:
        form = stap.burger_form(data=data, initial=initial, ref=ref)
    else:
        form = stap.form(data=data, initial=initial, ref=ref)
    onbekend = form.onbekende_velden(antwoorden)
    if onbekend:
        raise ValidationError(
            {
                veld: [_("Onbekend veld in deze stap: %(veld)s.") % {"veld": veld}]
                for veld in onbekend
            }
        )
    if not form.is_valid():
        raise ValidationError(form.fout_dict())
    return form.antwoorden()


def _meta(bron: str, door: User | None) -> dict[str, Any]:
    return {
        "bron": bron,
        "door": (door.get_full_name() or door.username) if door is not None else "",
        "door_id": door.pk if door is not None else None,
        "op": timezone.now().isoformat(),
    }


def _schrijf(intake: Intake, stap: Stap, antwoorden: Mapping[str, Any], ref: Referentie) -> bool:
    """Put a step's answers in the open and confidential columns; True if confidential."""
    open_, geheim = stap.form_class.splits(antwoorden, ref, stap_vertrouwelijk=stap.vertrouwelijk)
    if stap.vertrouwelijk:
        intake.antwoorden.pop(stap.slug, None)
    else:
        intake.antwoorden[stap.slug] = open_
    if geheim:
        intake.vertrouwelijke_antwoorden[stap.slug] = geheim
    else:
        intake.vertrouwelijke_antwoorden.pop(stap.slug, None)
    return bool(geheim)


def _stap(slug: str) -> Stap:
    try:
        return STAP_PER_SLUG[slug]
    except KeyError:
        raise ValidationError(
            {"stap": [_("Onbekende stap van de intake: %(stap)s.") % {"stap": slug}]}
        ) from None


def _vergrendel_concept(intake: Intake) -> Intake:
    intake = (
        Intake.objects.select_for_update()
        .select_related("dossier", "dossier__werkzoekende")
        .get(pk=intake.pk)
    )
    if intake.status != IntakeStatus.CONCEPT:
        raise ValidationError(
            {"status": [_("Deze intake is definitief en kan niet meer worden gewijzigd.")]}
        )
    return intake


# --- use cases -----------------------------------------------------------------------------


def laatste_definitieve(*, dossier: Dossier) -> Intake | None:
    return (
        Intake.objects.filter(dossier=dossier, status=IntakeStatus.DEFINITIEF)
        .order_by("-afgerond_op", "-id")
        .first()
    )


def start_intake(
    *,
    dossier: Dossier,
    soort: str,
    door: User | None,
    instroombron: str | None = None,
    request: Any = None,
) -> Intake:
    """Start a concept intake. A heronderzoek is prefilled from the last definitive intake.

    One concept per dossier at a time (continue it instead of starting another).
    """
    if soort not in IntakeSoort.values:
        raise ValidationError({"soort": [_("Kies aanvraag of heronderzoek.")]})
    instroombron = instroombron or dossier.instroombron
    if instroombron not in Instroombron.values:
        raise ValidationError({"instroombron": [_("Kies hoe de aanvraag binnenkwam.")]})
    with transaction.atomic():
        Dossier.objects.select_for_update().filter(pk=dossier.pk).first()
        if Intake.objects.filter(dossier=dossier, status=IntakeStatus.CONCEPT).exists():
            raise ValidationError(
                _("Er is al een intake in concept voor dit dossier. Ga daarmee verder.")
            )
        vorige = laatste_definitieve(dossier=dossier) if soort == IntakeSoort.HERONDERZOEK else None
        intake = Intake(
            dossier=dossier,
            soort=soort,
            instroombron=instroombron,
            gestart_door=door,
            vorige=vorige,
        )
        if vorige is not None:
            intake.antwoorden = copy.deepcopy(vorige.antwoorden)
            intake.vertrouwelijke_antwoorden = copy.deepcopy(vorige.vertrouwelijke_antwoorden)
            meta = _meta(StapBron.VORIGE, None)
            slugs = set(intake.antwoorden) | set(intake.vertrouwelijke_antwoorden)
            intake.stappen_meta = {slug: dict(meta) for slug in slugs}
        try:
            with transaction.atomic():
                intake.save()
        except IntegrityError as exc:  # a concurrent start won the unique constraint
            raise ValidationError(
                _("Er is al een intake in concept voor dit dossier. Ga daarmee verder.")
            ) from exc
        geheim = bool(intake.vertrouwelijke_antwoorden)
        log_verwerking(
            activiteit="gezondheid" if geheim else "intake",
            operatie="start_intake",
            subjects=[dossier.werkzoekende.log_subject],
            soorten_gegevens=SOORTEN_GEGEVENS,
            actor=door,
            request=request,
            vertrouwelijk=geheim,
        )
    return intake


def sla_stap_op(
    *,
    intake: Intake,
    stap: str,
    antwoorden: Mapping[str, Any],
    door: User,
    request: Any = None,
) -> Intake:
    """Save one step of a concept intake (replaces that step's answers; may be incomplete)."""
    definitie = _stap(stap)
    ref = laad_referentie()
    with transaction.atomic():
        intake = _vergrendel_concept(intake)
        schoon = _valideer(definitie, antwoorden, ref=ref, dossier=intake.dossier, burger=False)
        if definitie.slug == "persoon" and schoon.get("instroombron"):
            intake.instroombron = schoon["instroombron"]
        geheim = _schrijf(intake, definitie, schoon, ref)
        meta = _meta(StapBron.CONSULENT, door)
        burger_op = (intake.stappen_meta.get(definitie.slug) or {}).get("burger_op")
        if burger_op:
            meta["burger_op"] = burger_op
        intake.stappen_meta[definitie.slug] = meta
        intake.bijgewerkt_op = timezone.now()
        intake.save()
        log_verwerking(
            activiteit="gezondheid" if geheim else "intake",
            operatie="sla_intakestap_op",
            subjects=[intake.dossier.werkzoekende.log_subject],
            soorten_gegevens=["intake", *(["gezondheid"] if geheim else [])],
            actor=door,
            request=request,
            vertrouwelijk=geheim,
        )
    return intake


def kan_burger_voorbereiden(*, dossier: Dossier) -> bool:
    """A burger prepares an open concept, or the first intake of a new dossier."""
    return (
        Intake.objects.filter(dossier=dossier, status=IntakeStatus.CONCEPT).exists()
        or not Intake.objects.filter(dossier=dossier).exists()
    )


def bereid_intake_voor(
    *,
    dossier: Dossier,
    stap: str,
    antwoorden: Mapping[str, Any],
    burger: User,
    request: Any = None,
) -> Intake:
    """The burger fills in a part meant for them, before the conversation (portal).

    Stored as sent in ``burger_antwoorden``. It becomes the step's answer as long as the
    consulent has not saved that step; otherwise the consulent sees it beside their own.
    Creates the concept (soort aanvraag) when the dossier has no intake yet.
    """
    definitie = _stap(stap)
    if not definitie.voor_burger:
        raise ValidationError({"stap": [_("Dit deel van de intake vult uw werkcoach in.")]})
    ref = laad_referentie()
    with transaction.atomic():
        Dossier.objects.select_for_update().filter(pk=dossier.pk).first()
        intake = (
            Intake.objects.select_for_update()
            .filter(dossier=dossier, status=IntakeStatus.CONCEPT)
            .first()
        )
        if intake is None:
            if Intake.objects.filter(dossier=dossier).exists():
                raise ValidationError(
                    _("Er is nu geen gesprek om voor te bereiden. Uw werkcoach laat het u weten.")
                )
            intake = Intake.objects.create(
                dossier=dossier,
                soort=IntakeSoort.AANVRAAG,
                instroombron=dossier.instroombron,
                gestart_door=burger,
            )
        schoon = _valideer(definitie, antwoorden, ref=ref, dossier=dossier, burger=True)
        intake.burger_antwoorden[definitie.slug] = schoon
        meta = intake.stappen_meta.get(definitie.slug) or {}
        if meta.get("bron") != StapBron.CONSULENT:
            huidig = intake.antwoorden.get(definitie.slug) or {}
            _schrijf(intake, definitie, {**huidig, **schoon}, ref)
            meta = _meta(StapBron.BURGER, burger)
        meta["burger_op"] = timezone.now().isoformat()
        intake.stappen_meta[definitie.slug] = meta
        intake.bijgewerkt_op = timezone.now()
        intake.save()
        log_verwerking(
            activiteit="portaal",
            operatie="bereid_intake_voor",
            subjects=[dossier.werkzoekende.log_subject],
            soorten_gegevens=SOORTEN_GEGEVENS,
            actor=burger,
            request=request,
        )
    return intake


def controleer_volledig(intake: Intake, ref: Referentie) -> dict[str, list[str]]:
    """What is missing before the intake can be made definitive (empty: complete).

    Every one of the 13 leefgebieden scored (1-5, explanation at 1 and 2) and the trede.
    """
    scores_stap = STAP_PER_SLUG["scores"]
    antwoorden = antwoorden_van_stap(intake, scores_stap, vertrouwelijk=True)
    scores = {}
    for lg in ref.leefgebieden:
        score = antwoorden.get(f"score_{lg.code}")
        if score is not None:
            scores[lg.code] = (score, antwoorden.get(f"toelichting_{lg.code}") or "")
    fouten: dict[str, list[str]] = {}
    try:
        perspectief_services.valideer_scores(scores, volledig=True)
    except ValidationError as exc:
        fouten.update(exc.message_dict)
    if not antwoorden.get("trede"):
        fouten["trede"] = [_("Kies de trede op de participatieladder.")]
    return fouten


def profielvelden(intake: Intake) -> dict[str, Any]:
    """What the intake says about the matching facts (only steps that were filled in)."""

    def stap(slug: str) -> dict[str, Any]:
        return antwoorden_van_stap(intake, STAP_PER_SLUG[slug], vertrouwelijk=True)

    velden: dict[str, Any] = {}
    taal, cert, werk = stap("taal"), stap("certificaten"), stap("werkervaring")
    wensen, beschikbaar, mobiel = stap("wensen"), stap("beschikbaarheid"), stap("mobiliteit")
    if taal.get("taalniveau"):
        velden["taalniveau"] = taal["taalniveau"]
    if "certificaten" in intake.antwoorden:
        velden["certificaten"] = list(cert.get("certificaten") or [])
        velden["rijbewijzen"] = list(cert.get("rijbewijzen") or [])
    if beschikbaar.get("uren_per_week") is not None:
        velden["uren_per_week"] = beschikbaar["uren_per_week"]
    if beschikbaar.get("max_fysieke_belasting"):
        velden["max_fysieke_belasting"] = beschikbaar["max_fysieke_belasting"]
    if mobiel.get("max_reistijd_minuten") is not None:
        velden["max_reistijd_minuten"] = mobiel["max_reistijd_minuten"]
    if "werkervaring" in intake.antwoorden:
        velden["beroepen_ervaring"] = list(werk.get("beroepen_ervaring") or [])
    if "wensen" in intake.antwoorden:
        velden["gewenste_beroepen"] = list(wensen.get("gewenste_beroepen") or [])
    return velden


def vaardigheden_van(intake: Intake) -> list[tuple[str, str]]:
    werk = antwoorden_van_stap(intake, STAP_PER_SLUG["werkervaring"], vertrouwelijk=True)
    eigen = antwoorden_van_stap(intake, STAP_PER_SLUG["vaardigheden"], vertrouwelijk=True)
    paren = [(naam, _("Brede intake")) for naam in eigen.get("vaardigheden") or []]
    bron = (werk.get("vrijwilligerswerk") or "").strip()
    bron = (
        _("Werk en vrijwilligerswerk: %(bron)s") % {"bron": bron[:150]}
        if bron
        else _("Werkervaring")
    )
    paren += [(naam, bron) for naam in werk.get("competenties") or []]
    return paren


def _belemmering_items(intake: Intake) -> list[dict[str, Any]]:
    return (
        antwoorden_van_stap(intake, STAP_PER_SLUG["belemmeringen"], vertrouwelijk=True).get(
            "belemmeringen"
        )
        or []
    )


def _sleutel(leefgebied: str, omschrijving: str) -> tuple[str, str]:
    """A barrier is "the same" in the same leefgebied with the same text (case, spaces)."""
    return (leefgebied, omschrijving.strip().lower())


def _nieuwe_belemmeringen(intake: Intake) -> list[dict[str, Any]]:
    """Barriers of the intake that the dossier does not have yet (active, same text)."""
    bestaand = {
        _sleutel(code, tekst)
        for code, tekst in Belemmering.objects.filter(
            dossier_id=intake.dossier_id, actief=True
        ).values_list("leefgebied__code", "omschrijving")
    }
    nieuw, gezien = [], set()
    for b in _belemmering_items(intake):
        sleutel = _sleutel(b["leefgebied"], b["omschrijving"])
        if sleutel in bestaand or sleutel in gezien:
            continue
        gezien.add(sleutel)
        nieuw.append(b)
    return nieuw


def _belemmering_sleutels(intake: Intake) -> set[tuple[str, str]]:
    return {_sleutel(b["leefgebied"], b["omschrijving"]) for b in _belemmering_items(intake)}


def _vervallen_belemmeringen(intake: Intake) -> list[Belemmering]:
    """Active barriers that the previous intake named and this heronderzoek no longer does.

    A heronderzoek starts from the previous answers; a barrier the consulent removed from the
    list is resolved. Barriers recorded elsewhere (the perspective tab) are left alone.
    """
    if not intake.is_heronderzoek or intake.vorige_id is None:
        return []
    weg = _belemmering_sleutels(intake.vorige) - _belemmering_sleutels(intake)
    if not weg:
        return []
    return [
        b
        for b in Belemmering.objects.filter(dossier_id=intake.dossier_id, actief=True)
        .select_related("leefgebied")
        .order_by("pk")
        if _sleutel(b.leefgebied.code, b.omschrijving) in weg
    ]


def rond_intake_af(*, intake: Intake, door: User, request: Any = None) -> Intake:
    """Make the intake definitive; write measurement, barriers, skills, profile, journaal.

    Also: barriers dropped at a heronderzoek are resolved, the entry point and the language
    level go to the case record, and an active dossier gets its plan van aanpak (empty, for
    the werkcoach to fill) if it has none yet.

    All in one transaction: either everything is written or nothing. Finalising an intake that
    is already definitive changes nothing and returns it (no second measurement).
    """
    ref = laad_referentie()
    with transaction.atomic():
        intake = (
            Intake.objects.select_for_update()
            .select_related("dossier", "dossier__werkzoekende")
            .get(pk=intake.pk)
        )
        if intake.status == IntakeStatus.DEFINITIEF:
            return intake
        fouten = controleer_volledig(intake, ref)
        if fouten:
            raise ValidationError(fouten)
        dossier = intake.dossier
        scores_antw = antwoorden_van_stap(intake, STAP_PER_SLUG["scores"], vertrouwelijk=True)
        scores = {
            lg.code: (
                scores_antw[f"score_{lg.code}"],
                scores_antw.get(f"toelichting_{lg.code}") or "",
            )
            for lg in ref.leefgebieden
        }
        vandaag = tijd.vandaag()
        bron = MetingBron.HERONDERZOEK if intake.is_heronderzoek else MetingBron.INTAKE
        meting = perspectief_services.registreer_meting(
            dossier=dossier,
            bron=bron,
            scores=scores,
            trede=scores_antw["trede"],
            door=door,
            datum=vandaag,
            toelichting=_("Brede intake (%(soort)s)") % {"soort": intake.get_soort_display()},
        )
        opgelost = _vervallen_belemmeringen(intake)
        for b in opgelost:
            perspectief_services.los_belemmering_op(
                belemmering=b, door=door, toelichting=_("Niet meer genoemd bij het heronderzoek.")
            )
        belemmeringen = _nieuwe_belemmeringen(intake)
        if belemmeringen:
            perspectief_services.leg_belemmeringen_vast(
                dossier=dossier, belemmeringen=belemmeringen, door=door
            )
        vaardigheden = vaardigheden_van(intake)
        if vaardigheden:
            perspectief_services.leg_vaardigheden_vast(
                dossier=dossier, vaardigheden=vaardigheden, door=door
            )
        velden = profielvelden(intake)
        if velden:
            perspectief_services.werk_profiel_bij(dossier=dossier, door=door, **velden)
        if velden.get("taalniveau"):
            wijzig_taalniveau(
                werkzoekende=dossier.werkzoekende, taalniveau=velden["taalniveau"], door=door
            )
        if not intake.is_heronderzoek:
            wijzig_instroombron(dossier=dossier, instroombron=intake.instroombron, door=door)
        tekst = _(
            "Brede intake afgerond (%(soort)s, instroom: %(bron)s). Participatieladder: trede "
            "%(trede)s. Zelfredzaamheid gescoord op %(aantal)s leefgebieden; %(belem)s nieuwe "
            "belemmering(en) vastgelegd."
        ) % {
            "soort": intake.get_soort_display().lower(),
            "bron": intake.get_instroombron_display().lower(),
            "trede": scores_antw["trede"],
            "aantal": len(scores),
            "belem": len(belemmeringen),
        }
        if opgelost:
            tekst += " " + _("%(aantal)s belemmering(en) opgelost.") % {"aantal": len(opgelost)}
        voeg_journaalregel_toe(
            dossier=dossier,
            auteur=door,
            soort=JournaalSoort.NOTITIE,
            onderwerp=_("Brede intake"),
            tekst=tekst,
            activiteit="intake",
        )
        intake.status = IntakeStatus.DEFINITIEF
        intake.afgerond_door = door
        intake.afgerond_op = timezone.now()
        intake.bijgewerkt_op = intake.afgerond_op
        intake.meting = meting
        intake.save()
        geheim = bool(intake.vertrouwelijke_antwoorden)
        log_verwerking(
            activiteit="gezondheid" if geheim else "intake",
            operatie="rond_intake_af",
            subjects=[dossier.werkzoekende.log_subject],
            soorten_gegevens=["intake", "leefgebieden", "participatieladder"],
            actor=door,
            request=request,
            vertrouwelijk=geheim,
        )
        if dossier.is_actief:
            plan_services.zorg_voor_plan(dossier=dossier, door=door)
    return intake
