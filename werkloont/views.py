"""The werkcoach's agenda screens: the "Agenda" tab of the dossier page and its actions, the
training groups, the signals and the catalogue of werkactiviteiten.

Access, in this order (a 403 never reveals whether a dossier exists):

1. anonymous -> login page;
2. a role without agenda screens -> 403 (``werkloont.view_agenda_scherm``: werkconsulent and
   teamleider);
3. the dossier outside the user's scope -> 404 (``dossier_voor_gebruiker``, which writes the
   dataverwerkingen log line, activiteit ``reintegratie``);
4. a change needs ``werkloont.plan_agenda`` (the dossier's werkcoach or substitute) -> 403.

Confidential details (health activities) are shown to the own werkcoach only
(``dossiers.view_vertrouwelijk``) and logged separately as vertrouwelijk.
Views are thin: reads through ``werkloont.selectors``, writes through ``werkloont.services``.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bijstand.core import tijd
from bijstand.core.views import verwerk_formulier
from bijstand.dossiers.models import Dossier
from bijstand.dossiers.views import dossier_context, dossier_voor_scherm
from bijstand.logboek.services import log_verwerking

from . import forms, selectors, services, uren
from .models import Afspraak, TrajectStatus

ACTIVITEIT = "reintegratie"
SOORTEN = ("identificatie", "agenda")
PAGINA_GROOTTE = 25


def _laad(request: HttpRequest, pk: int, *, operatie: str, schrijven: bool = False) -> Dossier:
    """Role (403), scope (404, logged read), object permission (403); planning needs more."""
    rechten = ("werkloont.view_agenda",) + (("werkloont.plan_agenda",) if schrijven else ())
    return dossier_voor_scherm(
        request,
        pk,
        scherm="werkloont.view_agenda_scherm",
        rechten=rechten,
        operatie=operatie,
        activiteit=ACTIVITEIT,
        soorten_gegevens=SOORTEN,
    )


def _tab_url(dossier: Dossier, week: datetime.date | None = None) -> str:
    url = reverse("dossiers:tab", args=[dossier.pk, "agenda"])
    if week is not None:
        url += f"?week={selectors.week_tekst(uren.maandag(week))}"
    return url + "#week"


def _context(request: HttpRequest, dossier: Dossier, **extra: Any) -> dict[str, Any]:
    context = dossier_context(request, dossier, "agenda")
    context["mag_plannen"] = request.user.has_perm("werkloont.plan_agenda", dossier)
    context.update(extra)
    return context


def _toon_vertrouwelijk(request: HttpRequest, dossier: Dossier) -> bool:
    return request.user.has_perm("dossiers.view_vertrouwelijk", dossier)


# --- the Agenda tab: week view ----------------------------------------------------------


@login_required
@require_GET
def agenda_tab(request: HttpRequest, pk: int) -> HttpResponse:
    """The werkweekagenda of one person: a week with its days, hours against the norm."""
    dossier = _laad(request, pk, operatie="bekijk_agenda")
    vandaag = tijd.vandaag()
    ma = selectors.week_uit_tekst(request.GET.get("week"), standaard=vandaag)
    trajecten = list(selectors.trajecten_van(dossier_id=dossier.pk))
    week = selectors.week_van(
        dossier=dossier,
        ma=ma,
        toon_vertrouwelijk=_toon_vertrouwelijk(request, dossier),
        trajecten=trajecten,
    )
    if week.vertrouwelijk_getoond:
        selectors.log_vertrouwelijke_inzage(
            dossier=dossier, user=request.user, request=request, operatie="bekijk_agenda"
        )
    actief = next((t for t in trajecten if t.status == TrajectStatus.ACTIEF), None)
    context = _context(
        request,
        dossier,
        tab_titel=_("Agenda"),
        week=week,
        vandaag=vandaag,
        trajecten=trajecten,
        actief=actief,
        signalen=list(selectors.signalen_van_dossier(dossier_id=dossier.pk)[:10]),
        kan_goedkeuren=(week.zo < vandaag and not week.afgesloten and week.open_registraties == 0),
        week_voorbij=week.zo < vandaag,
    )
    return render(request, "werkloont/tab.html", context)


@login_required
@require_GET
def agenda_lijst(request: HttpRequest, pk: int) -> HttpResponse:
    """The accessible list view: every occurrence in a period as one table, paginated."""
    dossier = _laad(request, pk, operatie="bekijk_agenda_lijst")
    vandaag = tijd.vandaag()
    form = forms.LijstFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_valid():
        filters = form.cleaned_data
    van = filters.get("van") or uren.maandag(vandaag) - datetime.timedelta(weeks=2)
    tot = filters.get("tot") or van + datetime.timedelta(weeks=8)
    if tot < van:
        van, tot = tot, van
    qs = selectors.afspraken_lijst(
        dossier_id=dossier.pk,
        van=van,
        tot=tot,
        soort=filters.get("soort") or "",
        aanwezigheid=filters.get("aanwezigheid") or "",
    )
    pagina = Paginator(qs, PAGINA_GROOTTE).get_page(request.GET.get("pagina", 1))
    if selectors.markeer_verborgen(
        pagina.object_list, toon_vertrouwelijk=_toon_vertrouwelijk(request, dossier)
    ):
        selectors.log_vertrouwelijke_inzage(
            dossier=dossier, user=request.user, request=request, operatie="bekijk_agenda_lijst"
        )
    query = request.GET.copy()
    query.pop("pagina", None)
    context = _context(
        request,
        dossier,
        form=form,
        pagina=pagina,
        van=van,
        tot=tot,
        query=query.urlencode(),
    )
    return render(request, "werkloont/lijst.html", context)


# --- programmes --------------------------------------------------------------------------


def _formulier(
    request: HttpRequest,
    dossier: Dossier,
    *,
    form,
    titel: str,
    knop: str,
    actie: str,
    uitleg: str = "",
    details: list[tuple[str, str]] | None = None,
) -> HttpResponse:
    return render(
        request,
        "werkloont/formulier.html",
        _context(
            request,
            dossier,
            form=form,
            formulier_titel=titel,
            knop=knop,
            actie=actie,
            uitleg=uitleg,
            details=details or [],
            terug=_tab_url(dossier),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def traject_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _laad(request, pk, operatie="start_traject", schrijven=True)
    form = forms.TrajectForm(request.POST or None, initial={"startdatum": tijd.vandaag()})
    antwoord = verwerk_formulier(
        request,
        form,
        lambda f: services.start_traject(
            dossier=dossier, door=request.user, request=request, **f.cleaned_data
        ),
        succes=lambda traject: (
            _("%(programma)s is gestart op %(datum)s.")
            % {"programma": traject.get_soort_display(), "datum": uren.datum_nl(traject.startdatum)}
        ),
        doorsturen=lambda traject: _tab_url(dossier, traject.startdatum),
    )
    if antwoord is not None:
        return antwoord
    normen = selectors.normen_op(tijd.vandaag())
    return _formulier(
        request,
        dossier,
        form=form,
        titel=_("Programma starten"),
        knop=_("Programma starten"),
        actie=reverse("werkloont:traject_nieuw", args=[dossier.pk]),
        uitleg=_(
            "Werkloont duurt maximaal %(weken)s weken, met minstens %(werk)s werken en "
            "%(training)s training per week. Iedereen doet mee: %(idm)s per week (%(soort)s) "
            "of een persoonlijke norm naar vermogen."
        )
        % {
            "weken": normen.werkloont_max_weken,
            "werk": uren.uren_tekst(uren.minuten(normen.werkloont_werk_min)),
            "training": uren.uren_tekst(uren.minuten(normen.werkloont_training_min)),
            "idm": uren.uren_tekst(uren.minuten(normen.idm_standaard)),
            "soort": _("minimum") if normen.idm_soort == "minimum" else _("maximum"),
        },
    )


def _traject_of_404(dossier: Dossier, traject_pk: int):
    traject = selectors.trajecten_van(dossier_id=dossier.pk).filter(pk=traject_pk).first()
    if traject is None:
        raise Http404
    return traject


@login_required
@require_http_methods(["GET", "POST"])
def traject_norm(request: HttpRequest, pk: int, traject_pk: int) -> HttpResponse:
    dossier = _laad(request, pk, operatie="stel_persoonlijke_norm_vast", schrijven=True)
    traject = _traject_of_404(dossier, traject_pk)
    form = forms.NormForm(
        request.POST or None,
        initial={"uren_per_week": traject.persoonlijke_norm_uren, "reden": traject.norm_reden},
    )
    antwoord = verwerk_formulier(
        request,
        form,
        lambda f: services.stel_persoonlijke_norm_vast(
            traject=traject,
            uren_per_week=f.cleaned_data.get("uren_per_week"),
            reden=f.cleaned_data.get("reden") or "",
            door=request.user,
            request=request,
        ),
        succes=_("De norm is vastgelegd."),
        doorsturen=_tab_url(dossier),
    )
    if antwoord is not None:
        return antwoord
    return _formulier(
        request,
        dossier,
        form=form,
        titel=_("Persoonlijke norm naar vermogen"),
        knop=_("Norm vastleggen"),
        actie=reverse("werkloont:traject_norm", args=[dossier.pk, traject.pk]),
        details=[(_("Programma"), str(traject))],
    )


@login_required
@require_http_methods(["GET", "POST"])
def traject_beeindigen(request: HttpRequest, pk: int, traject_pk: int) -> HttpResponse:
    dossier = _laad(request, pk, operatie="beeindig_traject", schrijven=True)
    traject = _traject_of_404(dossier, traject_pk)
    form = forms.BeeindigForm(request.POST or None, initial={"datum": tijd.vandaag()})
    antwoord = verwerk_formulier(
        request,
        form,
        lambda f: services.beeindig_traject(
            traject=traject, door=request.user, request=request, **f.cleaned_data
        ),
        succes=_("Het programma is beëindigd."),
        doorsturen=_tab_url(dossier),
    )
    if antwoord is not None:
        return antwoord
    return _formulier(
        request,
        dossier,
        form=form,
        titel=_("Programma beëindigen"),
        knop=_("Programma beëindigen"),
        actie=reverse("werkloont:traject_beeindigen", args=[dossier.pk, traject.pk]),
        details=[(_("Programma"), str(traject))],
    )


# --- planning ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def activiteit_nieuw(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _laad(request, pk, operatie="plan_activiteit", schrijven=True)
    start = request.GET.get("datum") or tijd.vandaag().isoformat()
    form = forms.ActiviteitForm(request.POST or None, initial={"startdatum": start})
    antwoord = verwerk_formulier(
        request,
        form,
        lambda f: services.plan_activiteit(
            dossier=dossier, door=request.user, request=request, **f.service_kwargs()
        ),
        succes=lambda activiteit: (
            _("'%(titel)s' staat in de agenda.") % {"titel": activiteit.titel}
        ),
        doorsturen=lambda activiteit: _tab_url(dossier, activiteit.startdatum),
        veldnamen=forms.ACTIVITEIT_VELDEN,
    )
    if antwoord is not None:
        return antwoord
    return _formulier(
        request,
        dossier,
        form=form,
        titel=_("Activiteit plannen"),
        knop=_("Activiteit plannen"),
        actie=reverse("werkloont:activiteit_nieuw", args=[dossier.pk]),
        uitleg=_(
            "Activiteiten mogen niet overlappen en op één dag staat hoogstens 24 uur. Het "
            "werkonderdeel van Werkloont moet passen bij het uitstroomperspectief, of u legt "
            "vast waarom niet."
        ),
    )


def _activiteit_of_404(dossier: Dossier, activiteit_pk: int):
    activiteit = selectors.activiteit_van_dossier(dossier_id=dossier.pk, pk=activiteit_pk)
    if activiteit is None:
        raise Http404
    return activiteit


@login_required
@require_http_methods(["GET", "POST"])
def activiteit_stoppen(request: HttpRequest, pk: int, activiteit_pk: int) -> HttpResponse:
    dossier = _laad(request, pk, operatie="stop_activiteit", schrijven=True)
    activiteit = _activiteit_of_404(dossier, activiteit_pk)
    form = forms.StopForm(request.POST or None, initial={"per": tijd.vandaag()})
    antwoord = verwerk_formulier(
        request,
        form,
        lambda f: services.stop_activiteit(
            activiteit=activiteit, per=f.cleaned_data["per"], door=request.user, request=request
        ),
        succes=lambda aantal: (
            _("'%(titel)s' is gestopt; %(aantal)s afspraken gaan niet door.")
            % {"titel": activiteit.titel, "aantal": aantal}
        ),
        doorsturen=_tab_url(dossier),
    )
    if antwoord is not None:
        return antwoord
    return _formulier(
        request,
        dossier,
        form=form,
        titel=_("Activiteit stoppen"),
        knop=_("Activiteit stoppen"),
        actie=reverse("werkloont:activiteit_stoppen", args=[dossier.pk, activiteit.pk]),
        details=[(_("Activiteit"), activiteit.titel)],
    )


def _afspraak_of_404(dossier: Dossier, afspraak_pk: int) -> Afspraak:
    afspraak = selectors.afspraak_van_dossier(dossier_id=dossier.pk, pk=afspraak_pk)
    if afspraak is None:
        raise Http404
    return afspraak


def _afspraak_details(request, dossier, afspraak: Afspraak) -> list[tuple[str, str]]:
    from .templatetags.werkloont_ui import tijdvak

    verborgen = afspraak.activiteit.vertrouwelijk and not _toon_vertrouwelijk(request, dossier)
    return [
        (
            _("Activiteit"),
            _("Afspraak (vertrouwelijk)") if verborgen else afspraak.activiteit.titel,
        ),
        (_("Datum"), uren.datum_nl(afspraak.datum)),
        (_("Tijd"), tijdvak(afspraak)),
        (_("Aanwezigheid nu"), afspraak.get_aanwezigheid_display()),
    ]


@login_required
@require_http_methods(["GET", "POST"])
def aanwezigheid(request: HttpRequest, pk: int, afspraak_pk: int) -> HttpResponse:
    dossier = _laad(request, pk, operatie="registreer_aanwezigheid", schrijven=True)
    afspraak = _afspraak_of_404(dossier, afspraak_pk)
    form = forms.AanwezigheidForm(
        request.POST or None,
        initial={
            "aanwezigheid": afspraak.aanwezigheid if afspraak.aanwezigheid != "onbekend" else None,
            "reden": afspraak.aanwezigheid_reden,
        },
    )
    antwoord = verwerk_formulier(
        request,
        form,
        lambda f: services.registreer_aanwezigheid(
            afspraak=afspraak, door=request.user, request=request, **f.service_kwargs()
        ),
        succes=_("De aanwezigheid is vastgelegd."),
        doorsturen=_tab_url(dossier, afspraak.datum),
        veldnamen={"gerealiseerde_minuten": "gerealiseerde_uren", "datum": "aanwezigheid"},
    )
    if antwoord is not None:
        return antwoord
    return _formulier(
        request,
        dossier,
        form=form,
        titel=_("Aanwezigheid registreren"),
        knop=_("Aanwezigheid opslaan"),
        actie=reverse("werkloont:aanwezigheid", args=[dossier.pk, afspraak.pk]),
        details=_afspraak_details(request, dossier, afspraak),
    )


@login_required
@require_http_methods(["GET", "POST"])
def afspraak_annuleren(request: HttpRequest, pk: int, afspraak_pk: int) -> HttpResponse:
    dossier = _laad(request, pk, operatie="annuleer_afspraak", schrijven=True)
    afspraak = _afspraak_of_404(dossier, afspraak_pk)
    form = forms.AnnuleerForm(request.POST or None)
    antwoord = verwerk_formulier(
        request,
        form,
        lambda f: services.annuleer_afspraak(
            afspraak=afspraak, reden=f.cleaned_data["reden"], door=request.user, request=request
        ),
        succes=_("De afspraak is geannuleerd."),
        doorsturen=_tab_url(dossier, afspraak.datum),
        veldnamen={"datum": "reden"},
    )
    if antwoord is not None:
        return antwoord
    return _formulier(
        request,
        dossier,
        form=form,
        titel=_("Afspraak annuleren"),
        knop=_("Afspraak annuleren"),
        actie=reverse("werkloont:afspraak_annuleren", args=[dossier.pk, afspraak.pk]),
        details=_afspraak_details(request, dossier, afspraak),
    )


@login_required
@require_POST
def week_goedkeuren(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _laad(request, pk, operatie="keur_week_goed", schrijven=True)
    ma = selectors.week_uit_tekst(request.POST.get("week"), standaard=tijd.vandaag())
    try:
        services.keur_week_goed(dossier=dossier, week=ma, door=request.user, request=request)
    except ValidationError as exc:
        for melding in exc.messages:
            messages.error(request, melding)
    else:
        messages.success(
            request,
            _("%(week)s is goedgekeurd en kan niet meer worden gewijzigd.")
            % {"week": uren.week_label(ma).capitalize()},
        )
    return redirect(_tab_url(dossier, ma))


@login_required
@require_http_methods(["GET", "POST"])
def competenties(request: HttpRequest, pk: int, activiteit_pk: int) -> HttpResponse:
    """Translate volunteer work into competences for the uitstroomperspectief."""
    dossier = _laad(request, pk, operatie="vertaal_vrijwilligerswerk", schrijven=True)
    activiteit = _activiteit_of_404(dossier, activiteit_pk)
    form = forms.CompetentiesForm(request.POST or None)
    antwoord = verwerk_formulier(
        request,
        form,
        lambda f: services.vertaal_vrijwilligerswerk(
            activiteit=activiteit, door=request.user, request=request, **f.service_kwargs()
        ),
        succes=lambda nieuw: (
            _("%(aantal)s nieuwe competenties vastgelegd in het perspectief.") % {"aantal": nieuw}
        ),
        doorsturen=_tab_url(dossier),
    )
    if antwoord is not None:
        return antwoord
    return _formulier(
        request,
        dossier,
        form=form,
        titel=_("Vrijwilligerswerk vertalen naar competenties"),
        knop=_("Competenties vastleggen"),
        actie=reverse("werkloont:competenties", args=[dossier.pk, activiteit.pk]),
        details=[
            (_("Vrijwilligerswerk"), activiteit.titel),
            (_("Beroep"), str(activiteit.beroep) if activiteit.beroep else _("geen")),
        ],
    )


# --- training groups ---------------------------------------------------------------------


def _vereis(request: HttpRequest, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


@login_required
@require_GET
def groepen(request: HttpRequest) -> HttpResponse:
    _vereis(request, "werkloont.view_groepen")
    alle = request.GET.get("alle") == "1"
    pagina = Paginator(selectors.trainingsgroepen(alleen_actief=not alle), PAGINA_GROOTTE).get_page(
        request.GET.get("pagina", 1)
    )
    return render(
        request,
        "werkloont/groepen.html",
        {"pagina": pagina, "alle": alle, "actieve_sectie": "werkloont_groepen"},
    )


@login_required
@require_GET
def groep(request: HttpRequest, groep_pk: int) -> HttpResponse:
    """Participants and attendance of a Werkloont training cohort (names only in scope)."""
    _vereis(request, "werkloont.view_groepen")
    groep_obj = selectors.trainingsgroepen(alleen_actief=False).filter(pk=groep_pk).first()
    if groep_obj is None:
        raise Http404
    vandaag = tijd.vandaag()
    tot = min(groep_obj.einddatum, vandaag + datetime.timedelta(weeks=1))
    van = max(groep_obj.startdatum, tot - datetime.timedelta(weeks=8))
    overzicht = selectors.groepsoverzicht(groep=groep_obj, user=request.user, van=van, tot=tot)
    if overzicht.zichtbare:
        log_verwerking(
            activiteit=ACTIVITEIT,
            operatie="bekijk_trainingsgroep",
            subjects=[d.traject.dossier.werkzoekende.log_subject for d in overzicht.zichtbare],
            soorten_gegevens=["identificatie", "aanwezigheid"],
            actor=request.user,
            request=request,
        )
    return render(
        request,
        "werkloont/groep.html",
        {
            "groep": groep_obj,
            "overzicht": overzicht,
            "van": van,
            "tot": tot,
            "actieve_sectie": "werkloont_groepen",
        },
    )


# --- signals -----------------------------------------------------------------------------


@login_required
@require_GET
def signalen(request: HttpRequest) -> HttpResponse:
    """Signals of the weekly check for the werkcoach's caseload (a teamleider: the team's)."""
    _vereis(request, "werkloont.view_signalen")
    alle = request.GET.get("alle") == "1"
    pagina = Paginator(
        selectors.signalen_voor(user=request.user, open_=not alle), PAGINA_GROOTTE
    ).get_page(request.GET.get("pagina", 1))
    if pagina.object_list:
        log_verwerking(
            activiteit=ACTIVITEIT,
            operatie="bekijk_agendasignalen",
            subjects=[s.dossier.werkzoekende.log_subject for s in pagina.object_list],
            soorten_gegevens=["identificatie", "agenda"],
            actor=request.user,
            request=request,
        )
    return render(
        request,
        "werkloont/signalen.html",
        {"pagina": pagina, "alle": alle, "actieve_sectie": "werkloont_signalen"},
    )


@login_required
@require_POST
def signaal_afhandelen(request: HttpRequest, signaal_pk: int) -> HttpResponse:
    _vereis(request, "werkloont.view_signalen")
    signaal = selectors.signalen_voor(user=request.user, open_=False).filter(pk=signaal_pk).first()
    if signaal is None:
        raise Http404
    if not request.user.has_perm("werkloont.plan_agenda", signaal.dossier):
        raise PermissionDenied
    services.handel_signaal_af(signaal=signaal, door=request.user, request=request)
    messages.success(request, _("Het signaal is afgehandeld."))
    terug = request.POST.get("terug")
    if terug == "dossier":
        return redirect(_tab_url(signaal.dossier))
    return redirect("werkloont:signalen")


# --- catalogue ---------------------------------------------------------------------------


@login_required
@require_GET
def werkactiviteiten(request: HttpRequest) -> HttpResponse:
    """The catalogue of municipal werkactiviteiten (no personal data)."""
    _vereis(request, "werkloont.view_groepen")
    return render(
        request,
        "werkloont/werkactiviteiten.html",
        {
            "werkactiviteiten": selectors.werkactiviteiten(),
            "actieve_sectie": "werkloont_groepen",
        },
    )
