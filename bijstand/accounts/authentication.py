"""Token authentication for system clients (payroll systems, providers).

A system client authenticates with ``Authorization: Token <token>``. ``request.user`` is then a
:class:`SysteemGebruiker`, a small stand-in that is *not* a ``User`` model instance, and
``request.auth`` is the ``SysteemClient``:

- ``pk`` is None, so django-simple-history (HistoryRequestMiddleware reads request.user)
  records no history_user, instead of silently attributing a change to the User whose id
  happens to equal the client's id (what returning the SysteemClient itself would do);
- ``has_perm()`` is always False, so every django-rules / ``user.has_perm`` check fails closed;
- assigning it to a ForeignKey to User raises, so no code records it as a person by mistake;
- ``rol`` is "systeem", which ``dossiers.scope`` treats as "no case content";
- ``is_systeem`` is True: what ``bijstand.core.api.is_systeem`` and ``HeeftScope`` look at;
- ``str()`` names the client: what ``log_verwerking(actor=...)`` records as ``systeem``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .models import SysteemClient


class SysteemGebruiker:
    """request.user for a system client (see module docstring)."""

    is_authenticated = True
    is_active = True
    is_anonymous = False
    is_staff = False
    is_superuser = False
    is_burger = False
    is_medewerker = False
    is_systeem = True
    rol = "systeem"
    pk = None
    id = None

    def __init__(self, client: SysteemClient):
        self.client = client

    def __str__(self) -> str:
        return f"{self.client.naam} (systeemkoppeling {self.client.pk})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SysteemGebruiker) and other.client.pk == self.client.pk

    def __hash__(self) -> int:
        return hash(("systeem", self.client.pk))

    def has_scope(self, scope: str) -> bool:
        return self.client.actief and self.client.has_scope(scope)

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return False

    def has_perms(self, perms, obj: Any = None) -> bool:
        return False

    def get_all_permissions(self, obj: Any = None) -> set[str]:
        return set()

    def get_username(self) -> str:
        return str(self)

    def is_verified(self) -> bool:  # django-otp: not applicable to tokens
        return False


class SysteemTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Token <token>`` -> (``SysteemGebruiker(client)``, ``client``)."""

    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Ongeldige token-header."))
        token = header[1].decode(errors="ignore")
        try:
            client = SysteemClient.objects.get(
                token_hash=SysteemClient.hash_token(token), actief=True
            )
        except SysteemClient.DoesNotExist as exc:
            raise exceptions.AuthenticationFailed(_("Ongeldige of ingetrokken token.")) from exc
        return SysteemGebruiker(client), client

    def authenticate_header(self, request):
        return self.keyword


class SysteemTokenScheme(OpenApiAuthenticationExtension):
    target_class = "bijstand.accounts.authentication.SysteemTokenAuthentication"
    name = "systeemToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'Systeemkoppelingen: "Token <token>". Scopes bepalen de toegang.',
        }
