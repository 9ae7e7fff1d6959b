"""DigiD authentication backends for the burgerportaal.

Both the mock (development, tests, demo) and the real SAML backend use
`services.burger_voor_digid`: 11-proef, match on a known Werkzoekende, link the account on
first login. Unlike the package defaults they never create an account for an unknown BSN.
The reason for a refusal is left on `request.digid_weigering` so the view can explain it.
"""

from __future__ import annotations

from digid_eherkenning.backends import DigiDBackend as SamlDigiDBackend
from digid_eherkenning.mock.backends import DigiDBackend as MockDigiDBackend
from django.conf import settings

from .services import DigiDWeigering, burger_voor_digid


def _burger(backend, request, bsn):
    try:
        return burger_voor_digid(bsn=bsn, request=request)
    except DigiDWeigering as weigering:
        if request is not None:
            request.digid_weigering = weigering.reden
        backend.log_auth_failed(request, f"{backend.service_name} login refused: {weigering.reden}")
        return None


class DigiDMockBackend(MockDigiDBackend):
    """The package's mock backend, refined: 11-proef and only known werkzoekenden."""

    def authenticate(self, request, bsn=None):
        if bsn is None or not getattr(settings, "DIGID_MOCK", False):
            return None
        return _burger(self, request, bsn)


class DigiDSamlBackend(SamlDigiDBackend):
    """Real DigiD (SAML artifact binding) with the same matching rules as the mock."""

    def get_or_create_user_from_bsn(self, request, bsn):
        return _burger(self, request, bsn)
