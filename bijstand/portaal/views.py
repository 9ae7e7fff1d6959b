"""Burgerportaal views: thin; reads via selectors (which log), writes via services."""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from digid_eherkenning.mock.views.digid import DigiDAssertionConsumerServiceMockView
from django.conf import settings
from django.contrib import auth, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bijstand.accounts.models import Rol

from . import selectors, services
from .backends import DigiDMockBackend
from .middleware import idle_timeout, markeer_activiteit, resterende_seconden

MOCK_BACKEND_PATH = "bijstand.portaal.backends.DigiDMockBackend"
SESSIE_MARGE_SECONDEN = 120


def weigering_tekst(reden: str) -> str:
    telefoon = settings.PORTAAL_TELEFOON
    if reden == services.DigiDWeigering.ONGELDIG_BSN:
        return _(
            "Inloggen is niet gelukt. Uw burgerservicenummer (BSN) klopt niet. Probeer het opnieuw."
        )
    return _(
        "U kunt nu niet inloggen. Bel ons op %(telefoon)s. Dan zoeken we samen uit wat er "
        "aan de hand is."
    ) % {"telefoon": telefoon}


def _veilige_next(request, url: str | None) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("portaal:overzicht")


def burger_ingelogd(view):
    """A logged-in burger, with or without a dossier (``request.werkzoekende`` may be None):
    the pages "Bijstand aanvragen" and the session endpoints. Staff get 403, anonymous a login."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect(f"{reverse('portaal:login')}?next={request.path}")
        if getattr(user, "rol", None) != Rol.BURGER:
            raise PermissionDenied
        request.werkzoekende = selectors.werkzoekende_van_burger(user)
        return view(request, *args, **kwargs)

    return wrapper


def burger_vereist(view):
    """Only a logged-in burger with a linked werkzoekende; staff get 403, anonymous a login.
    A burger without a dossier yet (DigiD without a Werkzoekende) goes to "Bijstand aanvragen":
    that is the only thing such an account can do."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect(f"{reverse('portaal:login')}?next={request.path}")
        if getattr(user, "rol", None) != Rol.BURGER:
            raise PermissionDenied
        werkzoekende = selectors.werkzoekende_van_burger(user)
        if werkzoekende is None:
            messages.info(
                request,
                _(
                    "U heeft nog geen dossier bij Werk & Inkomen. Daarom kunt u alleen "
                    "bijstand aanvragen."
                ),
            )
            return redirect("portaal:aanvraag_start")
        request.werkzoekende = werkzoekende
        return view(request, *args, **kwargs)

    return wrapper


# --- DigiD --------------------------------------------------------------------------------


@require_GET
def inloggen(request):
    """Landing page with the "Inloggen met DigiD" button."""
    if getattr(request.user, "rol", None) == Rol.BURGER and request.user.is_authenticated:
        return redirect(_veilige_next(request, request.GET.get("next")))
    next_url = request.GET.get("next")
    digid_url = reverse("digid:login")
    if next_url:
        digid_url += "?" + urlencode({"next": _veilige_next(request, next_url)})
    return render(
        request,
        "portaal/inloggen.html",
        {"digid_url": digid_url, "medewerker": getattr(request.user, "is_medewerker", False)},
    )


class DigiDMockAcsView(DigiDAssertionConsumerServiceMockView):
    """The mock's assertion consumer service with clear B1 messages.

    The mock IdP passes the BSN in the query string; it is taken out of request.GET before
    anything else sees the request data. The backend is called directly (DigiD itself
    authenticates the person; our check is whether we know them), so a refusal is not a
    failed password attempt for django-axes.
    """

    def get(self, request):
        query = request.GET.copy()
        bsn = query.pop("bsn", [None])[-1]
        request.GET = query
        user = DigiDMockBackend().authenticate(request, bsn=bsn)
        if user is None:
            reden = getattr(request, "digid_weigering", services.DigiDWeigering.GEBLOKKEERD)
            messages.error(request, weigering_tekst(reden))
            return HttpResponseRedirect(reverse("portaal:login"))
        auth.login(request, user, backend=MOCK_BACKEND_PATH)
        zonder_dossier = selectors.werkzoekende_van_burger(user) is None
        # DigiD: at most 15 minutes idle, enforced by BurgerSessieMiddleware. The session
        # itself also ends shortly after, as a safety net; a bit later, so that the middleware
        # can still tell the person why they were logged out.
        request.session.set_expiry(idle_timeout() + SESSIE_MARGE_SECONDEN)
        markeer_activiteit(request)
        if zonder_dossier:  # nothing else to see yet: straight to "Bijstand aanvragen"
            return HttpResponseRedirect(reverse("portaal:aanvraag_start"))
        return HttpResponseRedirect(_veilige_next(request, request.GET.get("next")))


@require_http_methods(["GET", "POST"])
def uitloggen(request):
    """Log out (POST). A GET shows a confirmation button instead of logging out."""
    if request.method == "GET":
        if not request.user.is_authenticated:
            return redirect("portaal:login")
        return render(request, "portaal/uitloggen.html")
    auth.logout(request)
    messages.success(request, _("U bent uitgelogd. Tot ziens!"))
    return redirect("portaal:login")


# --- Session ------------------------------------------------------------------------------


@require_GET
@burger_ingelogd
def sessie_status(request):
    """Seconds left in the session; does not count as activity (see the middleware)."""
    return JsonResponse({"resterend": resterende_seconden(request)})


@require_POST
@burger_ingelogd
def sessie_verlengen(request):
    """Keep-alive: the middleware has already recorded this request as activity."""
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"resterend": resterende_seconden(request)})
    messages.success(request, _("U blijft ingelogd."))
    return redirect(_veilige_next(request, request.POST.get("next")))


# --- Pages --------------------------------------------------------------------------------


@require_GET
@burger_vereist
def overzicht(request):
    data = selectors.overzicht_voor_burger(
        user=request.user, werkzoekende=request.werkzoekende, request=request
    )
    kaart = selectors.aanvraag_kaart(user=request.user)
    return render(
        request,
        # an open aanvraag: the same page with its card on top (templates/portaal/aanvraag/)
        "portaal/aanvraag/overzicht.html" if kaart else "portaal/overzicht.html",
        {"overzicht": data, "dossier": data.dossier, "nav": "overzicht", "kaart": kaart},
    )


@require_GET
@burger_vereist
def inzage(request):
    ook_eigen = request.GET.get("ook_eigen") == "1"
    page, regels = selectors.inzage_pagina(
        user=request.user,
        werkzoekende=request.werkzoekende,
        pagina=request.GET.get("pagina", 1),
        ook_eigen=ook_eigen,
        request=request,
    )
    return render(
        request,
        "portaal/inzage.html",
        {"page": page, "regels": regels, "ook_eigen": ook_eigen, "nav": "inzage"},
    )
