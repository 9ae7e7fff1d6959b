"""DigiD authentication backends for the burgerportaal, and where the BSN of the login is kept.

Both the mock (development, tests, demo) and the real SAML backend use
`services.burger_voor_digid`: 11-proef, match on a known Werkzoekende (link the account on the
first login) or, for a valid BSN without a dossier, a burger account that may only apply for
bijstand (issue 12). The reason for a refusal is left on `request.digid_weigering` so the view
can explain it.

Where the BSN is kept. A burger account stores only the keyed hash of the BSN (``bsn_hash``),
like django-digid-eherkenning's ``get_or_create_user_from_bsn`` does through our
``DigidUserManager``; a Werkzoekende stores it encrypted (ADR 0002). Someone without a dossier
has no Werkzoekende yet, but the melding needs the plain BSN (to read the BRP and to register the
person), and a hash cannot be turned back. So for that login only, the BSN that DigiD confirmed
is kept **encrypted** (``bijstand.core.crypto.encrypt``, the Fernet keys of the BSN at rest) in
the server-side session under ``SESSIE_BSN``: never in a cookie, URL, form or log line. It is
written after ``auth.login`` (the ``user_logged_in`` signal: a login may flush the session), read
back only when its hash matches the logged-in account (:func:`digid_bsn`), dropped as soon as
the melding linked the account (:func:`vergeet_digid_bsn`), and gone with the session at logout
or after the 15 minutes idle timeout. After that the BSN comes from the Werkzoekende.
"""

from __future__ import annotations

from typing import Any

from cryptography.fernet import InvalidToken
from digid_eherkenning.backends import DigiDBackend as SamlDigiDBackend
from digid_eherkenning.mock.backends import DigiDBackend as MockDigiDBackend
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest

from bijstand.accounts.models import Rol
from bijstand.core import crypto

from .services import DigiDWeigering, burger_voor_digid, normaliseer_digid_bsn

SESSIE_BSN = "portaal_digid_bsn"
_VERZOEK_BSN = "_portaal_digid_bsn"


def _burger(backend, request, bsn):
    try:
        user = burger_voor_digid(bsn=bsn, request=request)
    except DigiDWeigering as weigering:
        if request is not None:
            request.digid_weigering = weigering.reden
        backend.log_auth_failed(request, f"{backend.service_name} login refused: {weigering.reden}")
        return None
    if request is not None and not hasattr(user, "werkzoekende"):
        # no dossier yet: keep the BSN for the melding (module docstring); stored on login
        setattr(request, _VERZOEK_BSN, crypto.encrypt(normaliseer_digid_bsn(bsn)))
    return user


def _bewaar_na_inloggen(sender, request: HttpRequest | None, user: Any, **kwargs) -> None:
    versleuteld = getattr(request, _VERZOEK_BSN, None) if request is not None else None
    if versleuteld and getattr(user, "rol", None) == Rol.BURGER and hasattr(request, "session"):
        request.session[SESSIE_BSN] = versleuteld


user_logged_in.connect(_bewaar_na_inloggen, dispatch_uid="portaal_digid_bsn")


def digid_bsn(request: HttpRequest) -> str | None:
    """The BSN of this DigiD login (plain, 9 digits), or None when the session has none or it
    does not belong to the logged-in account."""
    versleuteld = request.session.get(SESSIE_BSN)
    user = request.user
    if not versleuteld or getattr(user, "rol", None) != Rol.BURGER:
        return None
    try:
        bsn = crypto.decrypt(versleuteld)
    except (InvalidToken, ValueError):  # a rotated-out key or a tampered value: log in again
        return None
    return bsn if crypto.bsn_hash(bsn) == user.bsn_hash else None


def vergeet_digid_bsn(request: HttpRequest) -> None:
    request.session.pop(SESSIE_BSN, None)


class DigiDMockBackend(MockDigiDBackend):
    """The package's mock backend, refined: 11-proef and our account rules."""

    def authenticate(self, request, bsn=None):
        if bsn is None or not getattr(settings, "DIGID_MOCK", False):
            return None
        return _burger(self, request, bsn)


class DigiDSamlBackend(SamlDigiDBackend):
    """Real DigiD (SAML artifact binding) with the same account rules as the mock."""

    def get_or_create_user_from_bsn(self, request, bsn):
        return _burger(self, request, bsn)
