"""Writes of the ontwikkelperspectief. Other apps (intake, plan, werkloont) call these.

Every write is one transaction, logs the processing, and keeps ``Profiel`` current.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bijstand.accounts.models import User
from bijstand.dossiers.models import Dossier, JournaalSoort, Route
from bijstand.dossiers.services import voeg_journaalregel_toe, wijzig_route
from bijstand.logboek.services import log_verwerking

from .models import (
    Belemmering,
    Doelscore,
    Leefgebied,
    LeefgebiedScore,
    Meting,
    MetingBron,
    Profiel,
    RouteBesluit,
    Segment,
)

PROFIEL_VELDEN = {
    "taalniveau",
    "certificaten",
    "rijbewijzen",
    "uren_per_week",
    "max_fysieke_belasting",
    "max_reistijd_minuten",
    "beroepen_ervaring",
    "gewenste_beroepen",
    "segment",
    "zichtbaar_voor_werkgevers",
}


def _zet_history_user(obj: Any, door: User | None) -> None:
    """Record ``door`` as history user also outside a request (as the hub's services do)."""
    if door is not None:
        obj._history_user = door


def _leefgebieden() -> dict[str, Leefgebied]:
    return {lg.code: lg for lg in Leefgebied.objects.all()}


def valideer_scores(
    scores: Mapping[str, tuple[int, str]], *, volledig: bool, toelichting_verplicht: bool = True
) -> dict[str, Leefgebied]:
    """Check ZRM scores: known domain, level 1-5, explanation required for levels 1 and 2.

    ``volledig``: every one of the 13 domains must be scored. ``toelichting_verplicht``: the
    ZRM rule that levels 1 and 2 are explained (off for a burger's self-assessment). Raises
    ValidationError with one Dutch message per field (``score_<code>`` / ``toelichting_<code>``).
    """
    gebieden = _leefgebieden()
    fouten: dict[str, list[str]] = {}
    for code, (score, toelichting) in scores.items():
        if code not in gebieden:
            fouten[f"score_{code}"] = [_("Onbekend leefgebied: %(code)s.") % {"code": code}]
            continue
        naam = gebieden[code].naam
        if not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5:
            fouten[f"score_{code}"] = [
                _("De score voor %(naam)s moet 1, 2, 3, 4 of 5 zijn.") % {"naam": naam}
            ]
        elif toelichting_verplicht and score <= 2 and not (toelichting or "").strip():
            fouten[f"toelichting_{code}"] = [
                _("Licht de score %(score)s voor %(naam)s toe.") % {"score": score, "naam": naam}
            ]
    if volledig:
        for code, lg in gebieden.items():
            if code not in scores:
                fouten[f"score_{code}"] = [_("Geef een score voor %(naam)s.") % {"naam": lg.naam}]
    if fouten:
        raise ValidationError(fouten)
    return gebieden


def registreer_meting(
    *,
    dossier: Dossier,
    bron: str,
    scores: Mapping[str, tuple[int, str]],
    trede: int | None,
    door: User | None,
    datum: datetime.date | None = None,
    toelichting: str = "",
) -> Meting:
    """Store one measurement (ZRM scores and ladder trede) as a new, immutable row.

    A professional measurement (not a zelfbeoordeling) must score all 13 domains and explain
    levels 1 and 2; it updates the Profiel, and every step up the ladder or on a domain is
    written to the journaal ("every step counts"). A zelfbeoordeling may be partial, needs no
    explanations and changes neither the Profiel nor the journaal.
    """
    if bron not in MetingBron.values:
        raise ValidationError({"bron": _("Onbekende bron van de meting.")})
    if trede is not None and (
        not isinstance(trede, int) or isinstance(trede, bool) or not 1 <= trede <= 6
    ):
        raise ValidationError({"trede": _("De trede moet tussen 1 en 6 liggen.")})
    professioneel = bron != MetingBron.ZELFBEOORDELING
    if not professioneel and not scores:
        raise ValidationError({"scores": _("Geef op minstens één leefgebied een score.")})
    gebieden = valideer_scores(scores, volledig=professioneel, toelichting_verplicht=professioneel)
    with transaction.atomic():
        vorige = (
            huidige_meting(dossier=dossier) if professioneel else None
        )  # before the new one exists
        meting = Meting.objects.create(
            dossier=dossier,
            bron=bron,
            trede=trede,
            datum=datum or timezone.localdate(),
            toelichting=toelichting,
            vastgelegd_door=door,
        )
        LeefgebiedScore.objects.bulk_create(
            LeefgebiedScore(
                meting=meting,
                leefgebied=gebieden[code],
                score=score,
                toelichting=(uitleg or "").strip(),
            )
            for code, (score, uitleg) in scores.items()
        )
        if professioneel:
            nieuwe_scores = {code: score for code, (score, _u) in scores.items()}
            Profiel.objects.update_or_create(
                dossier=dossier,
                defaults={"scores": nieuwe_scores, "trede": trede, "bijgewerkt_op": timezone.now()},
            )
            _journaal_stappen(dossier, vorige, nieuwe_scores, trede, gebieden, door)
        log_verwerking(
            activiteit="gezondheid"
            if any(gebieden[c].vertrouwelijk for c in scores)
            else "reintegratie",
            operatie="registreer_meting",
            subjects=[dossier.werkzoekende.log_subject],
            soorten_gegevens=["leefgebieden", "participatieladder"],
            actor=door,
            vertrouwelijk=any(gebieden[c].vertrouwelijk for c in scores),
        )
    return meting


def _journaal_stappen(dossier, vorige, nieuwe_scores, trede, gebieden, door) -> None:
    if vorige is None:
        return
    oude = {s.leefgebied.code: s.score for s in vorige.scores.all()}
    stappen = []
    if trede and vorige.trede and trede > vorige.trede:
        stappen.append(
            _("Participatieladder: van trede %(van)s naar trede %(naar)s.")
            % {"van": vorige.trede, "naar": trede}
        )
    for code, score in nieuwe_scores.items():
        if code in oude and score > oude[code] and not gebieden[code].vertrouwelijk:
            stappen.append(
                _("%(naam)s: van %(van)s naar %(naar)s.")
                % {"naam": gebieden[code].naam, "van": oude[code], "naar": score}
            )
    if stappen:
        voeg_journaalregel_toe(
            dossier=dossier,
            auteur=door,
            soort=JournaalSoort.NOTITIE,
            onderwerp=_("Stap vooruit"),
            tekst=" ".join(stappen),
            activiteit="reintegratie",
        )


def huidige_meting(*, dossier: Dossier) -> Meting | None:
    """The latest professional measurement (scores prefetched), or None."""
    return (
        Meting.objects.filter(dossier=dossier)
        .exclude(bron=MetingBron.ZELFBEOORDELING)
        .prefetch_related("scores__leefgebied")
        .order_by("-datum", "-id")
        .first()
    )


def werk_profiel_bij(*, dossier: Dossier, door: User | None, **velden: Any) -> Profiel:
    """Update the matching facts of a dossier (certificates, licences, hours, language, ...)."""
    onbekend = set(velden) - PROFIEL_VELDEN
    if onbekend:
        raise ValueError(f"Unknown Profiel fields: {sorted(onbekend)}")
    with transaction.atomic():
        profiel, _nieuw = Profiel.objects.select_for_update().get_or_create(dossier=dossier)
        for naam, waarde in velden.items():
            setattr(profiel, naam, waarde)
        profiel.bijgewerkt_op = timezone.now()
        profiel.full_clean(exclude=["dossier"])
        profiel.save()
        log_verwerking(
            activiteit="reintegratie",
            operatie="werk_profiel_bij",
            subjects=[dossier.werkzoekende.log_subject],
            soorten_gegevens=["werkprofiel"],
            actor=door,
        )
    return profiel


def leg_belemmeringen_vast(
    *,
    dossier: Dossier,
    belemmeringen: Iterable[Mapping[str, Any]],
    door: User | None,
) -> list[Belemmering]:
    """Add barriers: each mapping has leefgebied (code), omschrijving, blokkeert_werk."""
    gebieden = _leefgebieden()
    nieuw = []
    fouten: dict[str, list[str]] = {}
    for i, b in enumerate(belemmeringen):
        if b.get("leefgebied") not in gebieden:
            fouten[f"belemmeringen.{i}.leefgebied"] = [_("Kies het leefgebied.")]
        if not (b.get("omschrijving") or "").strip():
            fouten[f"belemmeringen.{i}.omschrijving"] = [_("Beschrijf de belemmering.")]
        if not fouten:
            nieuw.append(
                Belemmering(
                    dossier=dossier,
                    leefgebied=gebieden[b["leefgebied"]],
                    omschrijving=b["omschrijving"].strip(),
                    blokkeert_werk=bool(b.get("blokkeert_werk")),
                    vastgelegd_door=door,
                )
            )
    if fouten:
        raise ValidationError(fouten)
    with transaction.atomic():
        for b in nieuw:
            b.save()
        _tel_blokkerend(dossier)
        log_verwerking(
            activiteit="gezondheid"
            if any(b.leefgebied.vertrouwelijk for b in nieuw)
            else "reintegratie",
            operatie="leg_belemmeringen_vast",
            subjects=[dossier.werkzoekende.log_subject],
            soorten_gegevens=["belemmeringen"],
            actor=door,
            vertrouwelijk=any(b.leefgebied.vertrouwelijk for b in nieuw),
        )
    return nieuw


def _tel_blokkerend(dossier: Dossier) -> None:
    aantal = Belemmering.objects.filter(dossier=dossier, actief=True, blokkeert_werk=True).count()
    Profiel.objects.update_or_create(
        dossier=dossier, defaults={"blokkerende_belemmeringen": aantal}
    )


def leg_vaardigheden_vast(
    *,
    dossier: Dossier,
    vaardigheden: Iterable[tuple[str, str]],
    door: User | None,
) -> int:
    """Record skills as (naam, bron) pairs, e.g. competences from volunteer work; idempotent."""
    from .models import Vaardigheid

    rijen = [
        Vaardigheid(dossier=dossier, naam=naam.strip()[:200], bron=(bron or "").strip()[:200])
        for naam, bron in vaardigheden
        if naam and naam.strip()
    ]
    with transaction.atomic():
        # A skill named twice (also in other letter case, or already recorded) is kept once:
        # the first source given wins.
        gezien = {
            n.casefold()
            for n in Vaardigheid.objects.filter(dossier=dossier).values_list("naam", flat=True)
        }
        nieuw = []
        for v in rijen:
            if v.naam.casefold() not in gezien:
                gezien.add(v.naam.casefold())
                nieuw.append(v)
        Vaardigheid.objects.bulk_create(nieuw)
        log_verwerking(
            activiteit="reintegratie",
            operatie="leg_vaardigheden_vast",
            subjects=[dossier.werkzoekende.log_subject],
            soorten_gegevens=["vaardigheden"],
            actor=door,
        )
    return len(nieuw)


def stel_doelscores_vast(
    *,
    dossier: Dossier,
    doelen: Mapping[str, int | None],
    streefdatum: datetime.date | None,
    door: User | None,
    toelichting: str = "",
) -> list[Doelscore]:
    """Set target scores (leefgebied code -> level 1-5) for ``streefdatum``.

    The werkcoach sets them with the burger. A target replaces the earlier one of that domain
    (the history keeps it); ``None`` removes the target. The date must lie in the future.
    """
    gebieden = _leefgebieden()
    fouten: dict[str, list[str]] = {}
    if streefdatum is None:
        fouten["streefdatum"] = [_("Kies de datum waarop u de doelen wilt halen.")]
    elif streefdatum <= timezone.localdate():
        fouten["streefdatum"] = [_("De streefdatum moet in de toekomst liggen.")]
    for code, score in doelen.items():
        if code not in gebieden:
            fouten[f"doel_{code}"] = [_("Onbekend leefgebied: %(code)s.") % {"code": code}]
        elif score is not None and (
            not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 5
        ):
            fouten[f"doel_{code}"] = [
                _("Het doel voor %(naam)s moet 1, 2, 3, 4 of 5 zijn.")
                % {"naam": gebieden[code].naam}
            ]
    if not any(score is not None for score in doelen.values()) and not fouten:
        fouten["doelen"] = [_("Geef op minstens één leefgebied een doelscore.")]
    if fouten:
        raise ValidationError(fouten)
    toelichting = (toelichting or "").strip()
    nu = timezone.now()
    opgeslagen: list[Doelscore] = []
    with transaction.atomic():
        bestaand = {
            d.leefgebied_id: d
            for d in Doelscore.objects.select_for_update().filter(dossier=dossier)
        }
        for code, score in doelen.items():
            lg = gebieden[code]
            doel = bestaand.get(lg.pk)
            if score is None:
                if doel is not None:
                    _zet_history_user(doel, door)
                    doel.delete()
                continue
            if doel is None:
                doel = Doelscore(dossier=dossier, leefgebied=lg)
            doel.score = score
            doel.streefdatum = streefdatum
            doel.toelichting = toelichting
            doel.vastgelegd_door = door
            doel.bijgewerkt_op = nu
            _zet_history_user(doel, door)
            doel.save()
            opgeslagen.append(doel)
        openbaar = [d for d in opgeslagen if not d.leefgebied.vertrouwelijk]
        if openbaar:
            voeg_journaalregel_toe(
                dossier=dossier,
                auteur=door,
                soort=JournaalSoort.NOTITIE,
                onderwerp=_("Doelen ontwikkelperspectief"),
                tekst=_("Doelen voor %(datum)s: %(doelen)s.")
                % {
                    "datum": f"{streefdatum:%d-%m-%Y}",
                    "doelen": ", ".join(f"{d.leefgebied.naam} {d.score}" for d in openbaar),
                },
                activiteit="reintegratie",
            )
        vertrouwelijk = any(gebieden[c].vertrouwelijk for c in doelen)
        log_verwerking(
            activiteit="gezondheid" if vertrouwelijk else "reintegratie",
            operatie="stel_doelscores_vast",
            subjects=[dossier.werkzoekende.log_subject],
            soorten_gegevens=["leefgebieden", "doelen"],
            actor=door,
            vertrouwelijk=vertrouwelijk,
        )
    return opgeslagen


def los_belemmering_op(
    *, belemmering: Belemmering, door: User | None, toelichting: str = ""
) -> Belemmering:
    """Mark a barrier as resolved (a step forward: written to the journaal)."""
    with transaction.atomic():
        belemmering = (
            Belemmering.objects.select_for_update()
            .select_related("leefgebied", "dossier__werkzoekende")
            .get(pk=belemmering.pk)
        )
        if not belemmering.actief:
            raise ValidationError({"belemmering": _("Deze belemmering is al opgelost.")})
        belemmering.actief = False
        belemmering.opgelost_op = timezone.localdate()
        _zet_history_user(belemmering, door)
        belemmering.save(update_fields=["actief", "opgelost_op"])
        dossier = belemmering.dossier
        _tel_blokkerend(dossier)
        geheim = belemmering.leefgebied.vertrouwelijk
        tekst = _("Belemmering opgelost (%(gebied)s): %(omschrijving)s") % {
            "gebied": belemmering.leefgebied.naam,
            "omschrijving": belemmering.omschrijving,
        }
        if (toelichting or "").strip():
            tekst += f" {toelichting.strip()}"
        voeg_journaalregel_toe(
            dossier=dossier,
            auteur=door,
            soort=JournaalSoort.NOTITIE,
            onderwerp=_("Stap vooruit"),
            tekst=tekst,
            vertrouwelijk=geheim,
            activiteit="gezondheid" if geheim else "reintegratie",
        )
        log_verwerking(
            activiteit="gezondheid" if geheim else "reintegratie",
            operatie="los_belemmering_op",
            subjects=[dossier.werkzoekende.log_subject],
            soorten_gegevens=["belemmeringen"],
            actor=door,
            vertrouwelijk=geheim,
        )
    return belemmering


def besluit_route(
    *,
    dossier: Dossier,
    segment: str,
    route: str,
    reden: str,
    door: User | None,
) -> RouteBesluit:
    """The werkcoach decides the segment and the dienstverleningsroute, and records why.

    Stores the decision beside the proposal the werkcoach saw
    (``selectors.segment_voorstel``), sets ``Profiel.segment`` and the hub's
    ``Dossier.route`` (``bijstand.dossiers.services.wijzig_route``, which writes the
    journaal line and the history).
    """
    from . import selectors

    fouten: dict[str, list[str]] = {}
    if segment not in Segment.values or segment == Segment.ONBEPAALD:
        fouten["segment"] = [_("Kies een segment.")]
    if route not in Route.values or route == Route.ONBEPAALD:
        fouten["route"] = [_("Kies een dienstverleningsroute.")]
    if not (reden or "").strip():
        fouten["reden"] = [_("Leg uit waarom u voor dit segment en deze route kiest.")]
    if fouten:
        raise ValidationError(fouten)
    with transaction.atomic():
        profiel, _nieuw = Profiel.objects.select_for_update().get_or_create(dossier=dossier)
        voorstel = selectors.segment_voorstel(
            profiel=profiel, fits=selectors.uitstroomperspectief(dossier=dossier, profiel=profiel)
        )
        besluit = RouteBesluit.objects.create(
            dossier=dossier,
            voorgesteld_segment=voorstel.segment,
            voorstel_redenen=list(voorstel.redenen),
            segment=segment,
            route=route,
            reden=reden.strip(),
            besloten_door=door,
        )
        profiel.segment = segment
        profiel.bijgewerkt_op = timezone.now()
        profiel.save(update_fields=["segment", "bijgewerkt_op"])
        uitleg = _("segment %(segment)s; %(reden)s") % {
            "segment": Segment(segment).label,
            "reden": reden.strip(),
        }
        if Dossier.objects.filter(pk=dossier.pk, route=route).exists():
            # The route stays: the hub writes nothing, so the decision goes to the journaal here.
            voeg_journaalregel_toe(
                dossier=dossier,
                auteur=door,
                soort=JournaalSoort.NOTITIE,
                onderwerp=_("Dienstverleningsroute"),
                tekst=_("Route blijft %(route)s. Reden: %(uitleg)s")
                % {"route": Route(route).label, "uitleg": uitleg},
                activiteit="reintegratie",
            )
        else:
            wijzig_route(dossier=dossier, route=route, reden=uitleg, door=door)
        log_verwerking(
            activiteit="reintegratie",
            operatie="besluit_route",
            subjects=[dossier.werkzoekende.log_subject],
            soorten_gegevens=["perspectief", "dossier"],
            actor=door,
        )
    return besluit
