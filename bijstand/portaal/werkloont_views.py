"""Burgerportaal: "Mijn week" (own werkweekagenda and hours, report absence or illness) and the
personal iCalendar feed, in B1 Dutch.

Only the burger's own dossier: it is never named in a URL; every page reads it through
``dossier_voor_gebruiker`` (scope + dataverwerkingen log, activiteit "portaal"). Writes go
through ``werkloont.services``. The feed is reached without a login, by a long random token
that the burger can renew or switch off; only the token's hash is stored, and a switched-off
or unknown token answers 404. The feed holds no BSN, no name and no confidential details.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from bijstand.core import tijd
from bijstand.logboek.services import log_verwerking
from bijstand.portaal.eigen import eigen_dossier
from werkloont import ical, selectors, services, uren
from werkloont.models import Aanwezigheid, AfspraakStatus

from .views import burger_vereist

ACTIVITEIT = "portaal"


_eigen_dossier = partial(eigen_dossier, activiteit=ACTIVITEIT, soorten_gegevens=("agenda",))


def _kan_afmelden(afspraak, vandaag, afgesloten: bool) -> bool:
    return (
        not afgesloten
        and afspraak.status == AfspraakStatus.GEPLAND
        and afspraak.datum >= vandaag
        and (afspraak.aanwezigheid == Aanwezigheid.ONBEKEND or afspraak.gemeld_door_burger)
    )


# --- Mijn week ----------------------------------------------------------------------------


@require_GET
@burger_vereist
def mijn_week(request):
    context: dict[str, Any] = {"nav": "mijn_week"}
    dossier = _eigen_dossier(request, "portaal_bekijk_mijn_week")
    context["dossier"] = dossier
    if dossier is None:
        return render(request, "portaal/werkloont/mijn_week.html", context)
    vandaag = tijd.vandaag()
    ma = selectors.week_uit_tekst(request.GET.get("week"), standaard=vandaag)
    week = selectors.week_van(dossier=dossier, ma=ma, toon_vertrouwelijk=True)
    if week.vertrouwelijk_getoond:
        log_verwerking(
            activiteit=ACTIVITEIT,
            operatie="portaal_bekijk_mijn_week",
            subjects=[dossier.werkzoekende.log_subject],
            soorten_gegevens=["agenda", "gezondheid"],
            actor=request.user,
            request=request,
            vertrouwelijk=True,
        )
    for a in week.afspraken:
        a.kan_afmelden = _kan_afmelden(a, vandaag, week.afgesloten)
    context.update({"week": week, "vandaag": vandaag})
    return render(request, "portaal/werkloont/mijn_week.html", context)


class AfmeldForm(forms.Form):
    wat = forms.ChoiceField(
        label=gettext_lazy("Wat is er?"),
        choices=[
            ("ziek", gettext_lazy("Ik ben ziek")),
            ("afwezig", gettext_lazy("Ik kan niet komen om een andere reden")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Kies of u ziek bent of niet kunt komen.")},
    )
    reden = forms.CharField(
        label=gettext_lazy("Waarom kunt u niet komen?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Bent u ziek? Dan hoeft u niet te vertellen wat u heeft. Schrijf wel op wanneer u "
            "denkt weer te kunnen komen."
        ),
    )


@require_http_methods(["GET", "POST"])
@burger_vereist
def afmelden(request, afspraak_pk: int):
    dossier = _eigen_dossier(request, "portaal_bekijk_afspraak")
    if dossier is None:
        raise Http404
    afspraak = selectors.afspraak_van_dossier(dossier_id=dossier.pk, pk=afspraak_pk)
    if afspraak is None:
        raise Http404
    form = AfmeldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meld_afwezig(
                afspraak=afspraak,
                ziek=form.cleaned_data["wat"] == "ziek",
                reden=form.cleaned_data.get("reden") or "",
                door=request.user,
                request=request,
            )
        except ValidationError as exc:
            for veld, fouten in exc.message_dict.items():
                form.add_error(veld if veld in form.fields else None, fouten)
        else:
            messages.success(request, _("Dank u. Uw werkcoach weet nu dat u niet komt."))
            url = reverse("portaal:mijn_week")
            return redirect(f"{url}?week={selectors.week_tekst(uren.maandag(afspraak.datum))}")
    context = {
        "nav": "mijn_week",
        "dossier": dossier,
        "afspraak": afspraak,
        "form": form,
        "terug": f"{reverse('portaal:mijn_week')}?week="
        f"{selectors.week_tekst(uren.maandag(afspraak.datum))}",
    }
    return render(request, "portaal/werkloont/afmelden.html", context)


# --- the calendar feed --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@burger_vereist
def agenda_koppelen(request):
    """Make, renew or switch off the personal calendar link. A new link is shown once."""
    dossier = _eigen_dossier(request, "portaal_bekijk_agenda_koppelen")
    context: dict[str, Any] = {"nav": "mijn_week", "dossier": dossier, "link": None}
    if dossier is None:
        return render(request, "portaal/werkloont/agenda_koppelen.html", context)
    if request.method == "POST":
        actie = request.POST.get("actie")
        if actie == "maken":
            token = services.vernieuw_ical_token(
                dossier=dossier, door=request.user, request=request
            )
            pad = reverse("portaal:agenda_feed", args=[token])
            context["link"] = request.build_absolute_uri(pad)
            context["webcal"] = "webcal://" + context["link"].split("://", 1)[1]
            messages.success(request, _("Uw agenda-link is klaar. Kopieer hem nu."))
        elif actie == "stoppen":
            services.trek_ical_token_in(dossier=dossier, door=request.user, request=request)
            messages.success(request, _("De agenda-link werkt niet meer."))
            return redirect("portaal:agenda_koppelen")
    agenda = getattr(dossier, "agenda", None)
    context["actief_sinds"] = agenda.ical_sinds if agenda and agenda.ical_token_hash else None
    response = render(request, "portaal/werkloont/agenda_koppelen.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def ical_feed(request, token: str):
    """The feed: 404 for an unknown, renewed or switched-off token (nothing reveals which)."""
    agenda = selectors.agenda_voor_token(token)
    if agenda is None:
        raise Http404
    van, tot = ical.periode(tijd.vandaag())
    afspraken = list(selectors.feed_afspraken(dossier_id=agenda.dossier_id, van=van, tot=tot))
    log_verwerking(
        activiteit=ACTIVITEIT,
        operatie="agenda_feed",
        subjects=[agenda.dossier.werkzoekende.log_subject],
        soorten_gegevens=["agenda"],
        actor=_("Agenda-abonnement van de burger"),
        request=request,
    )
    response = HttpResponse(ical.maak_feed(afspraken=afspraken), content_type="text/calendar")
    response["Content-Type"] = "text/calendar; charset=utf-8"
    response["Content-Disposition"] = 'inline; filename="werkweek.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
