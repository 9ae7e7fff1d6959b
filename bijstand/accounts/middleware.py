"""Staff must have passed TOTP verification when TWO_FACTOR_REQUIRED is on."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

# Only what a user needs to *reach* verification is exempt. Everything else under /accounts/
# (e.g. the substitution screens) is protected like any other staff page.
EXEMPT_PREFIXES = (
    "/accounts/login/",
    "/accounts/logout/",
    "/accounts/otp/",
    "/static/",
    "/portaal/",
    "/digid/",
    "/gezondheid/",
)
API_PREFIX = "/api/"


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.TWO_FACTOR_REQUIRED
            and user is not None
            and user.is_authenticated
            and getattr(user, "is_medewerker", False)
            and not user.is_verified()
            and not request.path.startswith(EXEMPT_PREFIXES)
        ):
            if request.path.startswith(API_PREFIX):
                # Session-authenticated API calls by staff need a verified session too.
                # (System clients authenticate with a token inside DRF and are not affected.)
                return JsonResponse({"detail": _("Tweestapsverificatie is vereist.")}, status=403)
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:otp')}?{query}")
        return self.get_response(request)
