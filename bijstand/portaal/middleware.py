"""Idle timeout for burger (DigiD) sessions.

DigiD requires a citizen session to end after at most 15 minutes without activity. The time of
the last request is kept in the session; a burger whose last request is older than
settings.DIGID_IDLE_TIMEOUT_SECONDS is logged out. Staff sessions are left alone.

`portaal:sessie_status` reads the remaining time without counting as activity, so the warning
script can ask without keeping the session alive.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import auth, messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from bijstand.accounts.models import Rol

SESSIE_SLEUTEL = "portaal_laatste_activiteit"


def idle_timeout() -> int:
    return int(settings.DIGID_IDLE_TIMEOUT_SECONDS)


def resterende_seconden(request) -> int:
    """Seconds left before the burger's session ends for inactivity (0 if it has)."""
    laatste = request.session.get(SESSIE_SLEUTEL)
    if laatste is None:
        return idle_timeout()
    return max(0, int(laatste + idle_timeout() - time.time()))


def markeer_activiteit(request) -> None:
    request.session[SESSIE_SLEUTEL] = int(time.time())


def _is_json_request(request) -> bool:
    return request.path in (
        reverse("portaal:sessie_status"),
        reverse("portaal:sessie_verlengen"),
    ) and "application/json" in request.headers.get("Accept", "")


class BurgerSessieMiddleware:
    """Logs a burger out after DIGID_IDLE_TIMEOUT_SECONDS without requests."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "rol", None) == Rol.BURGER:
            laatste = request.session.get(SESSIE_SLEUTEL)
            if laatste is not None and time.time() - laatste > idle_timeout():
                return self._verlopen(request)
            if laatste is None or request.path != reverse("portaal:sessie_status"):
                markeer_activiteit(request)
        return self.get_response(request)

    def _verlopen(self, request):
        json = _is_json_request(request)
        auth.logout(request)
        minuten = max(1, idle_timeout() // 60)
        messages.info(
            request,
            _(
                "U was %(minuten)s minuten niet actief. Daarom bent u uitgelogd. "
                "Zo blijven uw gegevens veilig. Log opnieuw in om verder te gaan."
            )
            % {"minuten": minuten},
        )
        if json:
            return JsonResponse(
                {"verlopen": True, "login_url": reverse("portaal:login")}, status=401
            )
        return redirect("portaal:login")
