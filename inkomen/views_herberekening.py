"""The screens "Herberekeningen": the bulk recalculation runs after a new or corrected rule set
or policy version (:mod:`inkomen.herberekeningsrun`), their progress, and "Herbereken vanaf ..."
started by hand.

Access (``inkomen/rules.py``):

- ``inkomen.view_herberekeningen`` (functioneel beheerder, medewerker betaalruns): the list,
  a run's detail and its progress (htmx partial, polled while the run is busy). They show no
  person's data: ranges, counts, chunks, who started it;
- ``inkomen.start_herberekening`` (functioneel beheerder, who edits the rules in the admin):
  "Herbereken vanaf ..." (POST, then a confirmation with the number of months, then POST
  again) and "Opnieuw starten" of a stopped run.

Anonymous users go to the login page; other roles get 403; an unknown run 404. Confirming twice
(back button, double click) starts one run: the confirmation carries a one-time key kept in the
session, and a run for an overlapping range that still waits is widened, not duplicated.
"""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from bijstand.core.pagination import pagineer

from . import herberekeningsrun as runs
from . import selectors_herberekening
from .models_herberekening import Herberekeningsrun, HerberekeningsrunStatus

RUNS_PER_PAGINA = 12
DELEN_PER_PAGINA = 20
PERM_ZIEN = "inkomen.view_herberekeningen"
PERM_STARTEN = "inkomen.start_herberekening"
_SESSIE = "herberekening_sleutels"
_MAAND = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


def _controleer(request: HttpRequest, perm: str = PERM_ZIEN) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _run_of_404(pk: int) -> Herberekeningsrun:
    run = selectors_herberekening.herberekeningsrun(pk=pk)
    if run is None:
        raise Http404
    return run


class MaandVeld(forms.CharField):
    """A month as ``jjjj-mm`` (``<input type="month">``; typed by hand where unsupported)."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "jjjj-mm"})

    def to_python(self, value: Any) -> date | None:  # type: ignore[override]
        tekst = super().to_python(value)
        if not tekst:
            return None
        m = _MAAND.match(tekst)
        if not m or not 1 <= int(m.group(2)) <= 12 or not 2000 <= int(m.group(1)) <= 2100:
            raise ValidationError(
                _("Vul een maand in als jjjj-mm, bijvoorbeeld 2026-01."), code="maand"
            )
        return date(int(m.group(1)), int(m.group(2)), 1)


class StartForm(forms.Form):
    vanaf = MaandVeld(
        label=gettext_lazy("Herbereken vanaf maand"),
        help_text=gettext_lazy("De eerste maand die opnieuw wordt berekend, bijvoorbeeld 2026-01."),
        error_messages={"required": gettext_lazy("Vul de eerste maand in.")},
    )
    tot = MaandVeld(
        label=gettext_lazy("Tot en met maand (niet verplicht)"),
        required=False,
        help_text=gettext_lazy("Leeg: alle maanden vanaf de eerste maand."),
    )
    aanleiding = forms.CharField(
        label=gettext_lazy("Reden"),
        max_length=150,
        help_text=gettext_lazy("Bijvoorbeeld: normen januari gecorrigeerd. Komt in de lijst."),
        error_messages={
            "required": gettext_lazy("Vul de reden in."),
            "max_length": gettext_lazy("Gebruik hoogstens %(limit_value)d tekens."),
        },
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        vanaf, tot = cleaned.get("vanaf"), cleaned.get("tot")
        if vanaf and tot and tot < vanaf:
            self.add_error("tot", _("De laatste maand ligt voor de eerste maand."))
        return cleaned


def _lijst(request: HttpRequest, form: StartForm | None = None, status_code: int = 200):
    status = request.GET.get("status", "")
    qs = selectors_herberekening.herberekeningsruns()
    if status in HerberekeningsrunStatus.values:
        qs = qs.filter(status=status)
    else:
        status = ""
    pagina = pagineer(request, qs, "pagina", RUNS_PER_PAGINA, anker="runs")
    mag_starten = request.user.has_perm(PERM_STARTEN)
    return render(
        request,
        "inkomen/herberekeningen.html",
        {
            "pagina": pagina,
            "rijen": [(run, runs.percentage(run)) for run in pagina],
            "statussen": HerberekeningsrunStatus.choices,
            "status": status,
            "mag_starten": mag_starten,
            "form": form if form is not None else (StartForm() if mag_starten else None),
            "actieve_sectie": "herberekeningen",
        },
        status=status_code,
    )


@login_required
@require_GET
def herberekeningen(request: HttpRequest) -> HttpResponse:
    """All runs (newest first), filtered on status, paginated; the start form for the
    beheerder."""
    _controleer(request)
    return _lijst(request)


@login_required
@require_POST
def starten(request: HttpRequest) -> HttpResponse:
    """Step 1 (no ``sleutel``): check the form and ask for confirmation with the number of
    calculated months in the range. Step 2 (``sleutel``): start the run, show its progress."""
    _controleer(request, PERM_STARTEN)
    form = StartForm(request.POST)
    if not form.is_valid():
        return _lijst(request, form, status_code=400)
    vanaf, tot = form.cleaned_data["vanaf"], form.cleaned_data["tot"]
    aanleiding = form.cleaned_data["aanleiding"]
    sleutel = str(request.POST.get("sleutel", ""))[:64]
    if not sleutel:
        return render(
            request,
            "inkomen/herberekening_bevestigen.html",
            {
                "form": form,
                "vanaf": vanaf,
                "tot": tot,
                "aanleiding": aanleiding,
                "bereik": runs.bereik_tekst(vanaf, tot),
                "aantal": selectors_herberekening.aantal_dossiermaanden_met_berekening(
                    vanaf=vanaf, tot=tot
                ),
                "sleutel": uuid.uuid4().hex,
                "actieve_sectie": "herberekeningen",
            },
        )
    gebruikt: dict[str, int] = request.session.get(_SESSIE, {})
    if sleutel in gebruikt:
        messages.info(request, _("Deze herberekening was al gestart."))
        return redirect("inkomen:herberekeningsrun", gebruikt[sleutel])
    run = runs.start_herberekeningsrun(
        vanaf=vanaf,
        tot=tot,
        aanleiding=_("Handmatig: %(reden)s") % {"reden": aanleiding},
        door=request.user,
    )
    request.session[_SESSIE] = {**dict(list(gebruikt.items())[-20:]), sleutel: run.pk}
    messages.success(request, _start_melding(run))
    return redirect("inkomen:herberekeningsrun", run.pk)


def _start_melding(run: Herberekeningsrun) -> str:
    bereik = runs.bereik_tekst(run.vanaf, run.tot)
    if getattr(run, "wacht_op", None) is not None:
        return _(
            "De herberekening %(bereik)s wacht op herberekening %(nr)s, die nog bezig is, en "
            "start daarna vanzelf."
        ) % {"bereik": bereik, "nr": run.wacht_op.pk}
    return _("De herberekening %(bereik)s is gestart.") % {"bereik": bereik}


def _voortgang_context(run: Herberekeningsrun, request: HttpRequest) -> dict[str, Any]:
    run = Herberekeningsrun.objects.get(pk=run.pk)  # fresh: the workers update it
    loopt = run.status in (HerberekeningsrunStatus.GEPLAND, HerberekeningsrunStatus.BEZIG)
    stil = runs.stilgevallen(run)
    return {
        "run": run,
        "procent": runs.percentage(run),
        "loopt": loopt and not stil,
        "stil": stil,
        "mag_herstarten": request.user.has_perm(PERM_STARTEN)
        and (run.status == HerberekeningsrunStatus.MISLUKT or stil),
        "bereik": runs.bereik_tekst(run.vanaf, run.tot),
    }


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One run: its facts, live progress and processed chunks."""
    _controleer(request)
    run = _run_of_404(pk)
    context = _voortgang_context(run, request)
    context.update(
        {
            "delen": pagineer(
                request,
                selectors_herberekening.delen_van_herberekeningsrun(run_id=run.pk),
                "delen",
                DELEN_PER_PAGINA,
            ),
            "gestart_door": run.gestart_door,
            "actieve_sectie": "herberekeningen",
        }
    )
    return render(request, "inkomen/herberekening_detail.html", context)


@login_required
@require_GET
def voortgang(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress block alone (htmx polls it while the run is busy)."""
    _controleer(request)
    run = _run_of_404(pk)
    response = render(
        request, "inkomen/herberekening_voortgang.html", _voortgang_context(run, request)
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def herstarten(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Opnieuw starten" of a stopped run: a new run over the same range."""
    _controleer(request, PERM_STARTEN)
    run = _run_of_404(pk)
    try:
        nieuw = runs.herstart(run_id=run.pk, door=request.user)
    except ValidationError as exc:
        messages.warning(request, " ".join(exc.messages))
        return redirect("inkomen:herberekeningsrun", run.pk)
    messages.success(request, _start_melding(nieuw))
    return redirect(reverse("inkomen:herberekeningsrun", args=[nieuw.pk]))
