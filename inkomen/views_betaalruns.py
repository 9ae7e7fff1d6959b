"""The payment-run screens: the list of runs, one run with its parts, its progress (htmx
partial, polled while the run is busy) and the download of its pain.001 file.

Access (``inkomen/rules.py``):

- ``inkomen.view_betaalruns`` (inkomensconsulent, medewerker betaalruns, beheerder): list,
  detail and progress. These show no person's data: counts, totals, parts, status changes;
- ``inkomen.view_niet_betaald`` (inkomensconsulent): on the detail page also the dossiers in
  their own scope the run could not pay (to pay by hand); each person shown is logged;
- ``inkomen.download_betaalbestand`` (medewerker betaalruns only): the file itself (names and
  IBANs of everyone paid, never a BSN); the download writes one dataverwerkingen line per
  person in it. The detail page shows the download link only to that role.

A run the watchdog (:mod:`inkomen.betaalrun_bewaking`) could not resume carries an alarm: the
list shows a banner with every open alarm, the run's progress block an error alert (announced
with ``role="alert"`` when it first appears, not again at every poll), the number of automatic
resumes and the last progress; a run without progress that the watchdog will resume gets a
warning.

Anonymous users go to the login page; other roles get 403; an unknown run 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from bijstand.core.pagination import pagineer
from bijstand.logboek.services import log_verwerking

from . import betaalrun as betaalrun_module
from . import betaalrun_bewaking, selectors
from .models import Betaalrun, BetaalrunStatus

ACTIVITEIT = "uitkering"
RUNS_PER_PAGINA = 12
DELEN_PER_PAGINA = 20
NIET_BETAALD_PER_PAGINA = 20


def _controleer(request: HttpRequest, perm: str = "inkomen.view_betaalruns") -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _run_of_404(pk: int) -> Betaalrun:
    run = selectors.betaalrun(pk=pk)
    if run is None:
        raise Http404
    return run


@login_required
@require_GET
def betaalruns(request: HttpRequest) -> HttpResponse:
    """All runs (newest month first), optionally filtered on status, paginated."""
    _controleer(request)
    status = request.GET.get("status", "")
    qs = selectors.betaalruns()
    if status in BetaalrunStatus.values:
        qs = qs.filter(status=status)
    else:
        status = ""
    pagina = pagineer(request, qs, "pagina", RUNS_PER_PAGINA)
    return render(
        request,
        "inkomen/betaalruns.html",
        {
            "pagina": pagina,
            "rijen": [(run, betaalrun_module.percentage(run)) for run in pagina],
            "stil": {run.pk for run in pagina if betaalrun_module.stil_sinds(run)},
            "alarmen": betaalrun_bewaking.runs_met_alarm(),
            "statussen": BetaalrunStatus.choices,
            "status": status,
            "actieve_sectie": "betaalruns",
        },
    )


def _voortgang_context(run: Betaalrun, request: HttpRequest) -> dict[str, Any]:
    voortgang = betaalrun_module.betaalrun_voortgang(run)
    # The polled block carries the alarm it shows (``?alarm=<timestamp>``): an alarm the page
    # already shows is not announced again (role="alert") at every poll.
    alarm = f"{voortgang['alarm_op'].timestamp():.0f}" if voortgang["alarm_op"] else ""
    return {
        "run": run,
        "voortgang": voortgang,
        "loopt": voortgang["status"] in (BetaalrunStatus.GEPLAND, BetaalrunStatus.BEZIG),
        "alarm_kenmerk": alarm,
        "alarm_nieuw": bool(voortgang["alarm"]) and request.GET.get("alarm", "") != alarm,
    }


@login_required
@require_GET
def betaalrun_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One run: facts, live progress, status changes, unpaid dossiers, parts, the file."""
    _controleer(request)
    run = _run_of_404(pk)
    context = _voortgang_context(run, request)
    context.update(
        {
            "wijzigingen": selectors.wijzigingen_van_betaalrun(betaalrun_id=run.pk),
            "niet_per_reden": selectors.niet_betaald_per_reden(betaalrun_id=run.pk),
            "delen": pagineer(
                request,
                selectors.delen_van_betaalrun(betaalrun_id=run.pk),
                "delen",
                DELEN_PER_PAGINA,
            ),
            "mag_downloaden": request.user.has_perm("inkomen.download_betaalbestand"),
            "actieve_sectie": "betaalruns",
        }
    )
    context["toon_niet_betaald"] = request.user.has_perm("inkomen.view_niet_betaald")
    if context["toon_niet_betaald"]:
        niet_betaald = pagineer(
            request,
            selectors.niet_betaald_in_scope(betaalrun_id=run.pk, user=request.user),
            "niet_betaald",
            NIET_BETAALD_PER_PAGINA,
        )
        if niet_betaald.object_list:
            log_verwerking(
                activiteit=ACTIVITEIT,
                operatie="bekijk_niet_betaald",
                subjects=[b.dossier.werkzoekende.log_subject for b in niet_betaald],
                soorten_gegevens=["identificatie", "uitkering"],
                actor=request.user,
                request=request,
            )
        context["niet_betaald"] = niet_betaald
    return render(request, "inkomen/betaalrun_detail.html", context)


@login_required
@require_GET
def betaalrun_voortgang(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress block alone: htmx polls it every few seconds while the run is busy (the
    answer stops the polling once the run is finished or failed)."""
    _controleer(request)
    run = _run_of_404(pk)
    response = render(
        request, "inkomen/_betaalrun_voortgang.html", _voortgang_context(run, request)
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def betaalbestand(request: HttpRequest, pk: int) -> FileResponse:
    """Stream the run's pain.001 file from the private storage after the permission check,
    logging every person whose payment it holds (names and IBANs; no BSN is ever in it)."""
    _controleer(request, "inkomen.download_betaalbestand")
    run = _run_of_404(pk)
    if run.status != BetaalrunStatus.KLAAR or not run.bestand:
        raise Http404
    try:
        bestand = run.bestand.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    log_verwerking(
        activiteit=ACTIVITEIT,
        operatie="download_betaalbestand",
        subjects=selectors.log_subjects_van_betaalbestand(betaalrun_id=run.pk),
        soorten_gegevens=["identificatie", "bankrekening", "uitkering"],
        actor=request.user,
        request=request,
    )
    response = FileResponse(
        bestand,
        as_attachment=True,
        filename=f"betaalbestand-{run.maand:%Y-%m}.xml",
        content_type="application/xml",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
