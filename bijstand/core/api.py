"""Shared API plumbing: structured errors, system-client identity, the scope permission.

Errors
    Every error response is ``{"code": "...", "detail": "...", "fouten": {"veld": [...]}}``.

System clients
    Their token authentication and ``request.user`` stand-in (``SysteemGebruiker``) live in
    ``bijstand.accounts.authentication``; the core recognises one by ``user.is_systeem`` and
    imports nothing of accounts (the core is the bottom layer).

Permissions
    `HeeftScope` is the one permission class of the API views. Each view declares per HTTP
    method the scope a system client needs (`vereiste_scope`) and the permission a person needs
    (`vereiste_permissie`: a django-rules permission name or predicate). Undeclared = denied.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions
from rest_framework.permissions import BasePermission

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


# Descriptions of the error responses in the OpenAPI schema, one per status code; an app passes
# its own wording where a code means something more specific there (`foutresponses`).
FOUTRESPONSES: dict[int, str] = {
    400: "Ongeldige invoer: {code, detail, fouten}",
    401: "Niet ingelogd of ongeldige token",
    403: "Geen toegang (rol of scope)",
    404: "Bestaat niet of valt buiten uw werkvoorraad",
}


def foutresponses(
    *codes: int,
    ongeldig: str | None = None,
    geen_toegang: str | None = None,
    niet_gevonden: str | None = None,
) -> dict[int, OpenApiResponse]:
    """The error responses of an operation for ``extend_schema(responses={...})``.

    `ongeldig`, `geen_toegang` and `niet_gevonden` replace the description of 400, 403 and 404.
    Example: ``responses={200: S, **foutresponses(401, 403, 404, niet_gevonden="Dossier ...")}``.
    """
    eigen = {400: ongeldig, 403: geen_toegang, 404: niet_gevonden}
    return {
        code: OpenApiResponse(description=eigen.get(code) or FOUTRESPONSES[code]) for code in codes
    }


def api_activiteit(user: Any, *, medewerker: str) -> str:
    """The dataverwerkingen activiteit of an API call: "api" for a system client, "portaal"
    for a burger, otherwise `medewerker` (the app's activity for staff)."""
    if is_systeem(user):
        return "api"
    if getattr(user, "is_burger", False):
        return "portaal"
    return medewerker


# --- system clients ------------------------------------------------------------------------

# HEAD and OPTIONS are answered like GET.
_ALIAS = {"HEAD": "GET", "OPTIONS": "GET"}


def is_systeem(user: Any) -> bool:
    """Whether ``request.user`` is a system client (``accounts.authentication.SysteemGebruiker``;
    duck-typed, so the core imports no accounts)."""
    return getattr(user, "is_systeem", False) is True


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
