"""View plumbing shared by the apps' screens: the "form -> service -> message -> redirect" run.

A screen that changes something validates a form, calls one service (which owns the rules and
raises a ValidationError with a Dutch message when it refuses), shows a success message and
redirects; on invalid input or a refusal it renders the form again with the errors on it.
`verwerk_formulier` is that run, so the view keeps only what differs::

    form = NormForm(request.POST or None, initial=...)
    antwoord = verwerk_formulier(
        request,
        form,
        lambda f: services.stel_norm_vast(traject=traject, door=request.user, **f.cleaned_data),
        succes=_("De norm is vastgelegd."),
        doorsturen=_tab_url(dossier),
    )
    if antwoord is not None:
        return antwoord
    return render(request, "...", {"form": form})
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .forms import voeg_servicefout_toe

F = TypeVar("F", bound=forms.BaseForm)
T = TypeVar("T")


def verwerk_formulier(
    request: HttpRequest,
    form: F,
    actie: Callable[[F], T],
    *,
    succes: str | Callable[[T], str],
    doorsturen: str | Callable[[T], str],
    veldnamen: Mapping[str, str] | None = None,
) -> HttpResponse | None:
    """Run `actie(form)` on a POST with a valid form; the redirect on success, else None.

    - not a POST, or the form is invalid: None (the view renders the form with its errors);
    - `actie` raises a ValidationError: its messages go onto the form (`voeg_servicefout_toe`,
      with `veldnamen` mapping service field names to form fields) and None;
    - otherwise: `succes` as a success message and a redirect to `doorsturen` (a URL or a URL
      pattern name). Either may be a function of what `actie` returned.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        resultaat = actie(form)
    except ValidationError as exc:
        voeg_servicefout_toe(form, exc, veldnamen)
        return None
    messages.success(request, succes(resultaat) if callable(succes) else succes)
    return redirect(doorsturen(resultaat) if callable(doorsturen) else doorsturen)
