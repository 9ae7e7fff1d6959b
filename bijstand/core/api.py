"""Shared API plumbing: structured errors, system-client identity, the scope permission.

Errors
    Every error response is ``{"code": "...", "detail": "...", "fouten": {"veld": [...]}}``.

System clients
    A system client authenticates with ``Authorization: Token <token>``
    (`SysteemTokenAuthentication`). `request.user` is then a `SysteemGebruiker`, a small
    stand-in that is *not* a `User` model instance, and `request.auth` is the `SysteemClient`:

    - `pk` is None, so django-simple-history (HistoryRequestMiddleware reads request.user)
      records no history_user, instead of silently attributing a change to the User whose id
      happens to equal the client's id (what returning the SysteemClient itself would do);
    - `has_perm()` is always False, so every django-rules / `user.has_perm` check fails closed;
    - assigning it to a ForeignKey to User raises, so no code records it as a person by mistake;
    - `rol` is "systeem", which `dossiers.scope` treats as "no case content";
    - `str()` names the client: what `log_verwerking(actor=...)` records as `systeem`.

Permissions
    `HeeftScope` is the one permission class of the API views. Each view declares per HTTP
    method the scope a system client needs (`vereiste_scope`) and the permission a person needs
    (`vereiste_permissie`: a django-rules permission name or predicate). Undeclared = denied.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.permissions import BasePermission

from bijstand.accounts.authentication import (
    SysteemTokenAuthentication as _AccountsTokenAuthentication,
)
from bijstand.accounts.models import SysteemClient

# --- errors --------------------------------------------------------------------------------


def exception_handler(exc, context):
    from rest_framework.views import exception_handler as drf_exception_handler

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(data, dict) and "detail" in data and len(data) == 1:
        code = getattr(data["detail"], "code", "fout")
        response.data = {"code": code, "detail": str(data["detail"]), "fouten": {}}
    else:
        fouten = data if isinstance(data, dict) else {"non_field_errors": data}
        response.data = {"code": "ongeldig", "detail": "Ongeldige invoer.", "fouten": fouten}
    return response


def als_drf_fout(exc: DjangoValidationError) -> exceptions.ValidationError:
    """A service's Django ValidationError as a DRF one (-> structured 400)."""
    if hasattr(exc, "error_dict"):
        fouten = {
            ("non_field_errors" if veld == "__all__" else veld): meldingen
            for veld, meldingen in exc.message_dict.items()
        }
        return exceptions.ValidationError(fouten)
    return exceptions.ValidationError({"non_field_errors": exc.messages})


# --- system clients ------------------------------------------------------------------------

# HEAD and OPTIONS are answered like GET.
_ALIAS = {"HEAD": "GET", "OPTIONS": "GET"}


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


def is_systeem(user: Any) -> bool:
    return isinstance(user, SysteemGebruiker)


def _voor_methode(mapping: dict[str, Any] | None, method: str) -> Any:
    if not mapping:
        return None
    return mapping.get(method, mapping.get(_ALIAS.get(method, ""), None))


class HeeftScope(BasePermission):
    """System client: needs `view.vereiste_scope[method]`; person: `view.vereiste_permissie`.

    Example::

        vereiste_scope = {"GET": "dossiers:lezen"}
        vereiste_permissie = {"GET": "accounts.view_caseload", "POST": is_werkconsulent}

    Object-level rules (is this dossier in scope?) stay in the selectors: out of scope is 404.
    """

    message = "U heeft geen toegang tot deze functie."

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        if is_systeem(user):
            scope = _voor_methode(getattr(view, "vereiste_scope", None), request.method)
            return bool(scope) and user.has_scope(scope)
        perm: str | Callable | None = _voor_methode(
            getattr(view, "vereiste_permissie", None), request.method
        )
        if perm is None:
            return False
        if isinstance(perm, str):
            return user.has_perm(perm)
        return bool(perm.test(user) if hasattr(perm, "test") else perm(user))


class SysteemTokenAuthentication(_AccountsTokenAuthentication):
    """The accounts token check, with `request.user` = `SysteemGebruiker(client)`."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        client, _ = result
        return SysteemGebruiker(client), client


class SysteemTokenScheme(OpenApiAuthenticationExtension):
    target_class = "bijstand.core.api.SysteemTokenAuthentication"
    name = "systeemToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'Systeemkoppelingen: "Token <token>". Scopes bepalen de toegang.',
        }
