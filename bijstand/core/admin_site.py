"""The admin ("beheer") for the functioneel beheerder: Dutch header, staff login reused.

Only active functioneel beheerders (and superusers) get in; the admin has no login page of its
own: it sends people to the staff login (with two-factor authentication and lockout).
"""

from __future__ import annotations

from functools import update_wrapper

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class BeheerAdminSite(admin.AdminSite):
    site_header = _("Beheer Werk & Inkomen")
    site_title = _("Beheer Werk & Inkomen")
    index_title = _("Functioneel beheer")
    enable_nav_sidebar = True

    def has_permission(self, request) -> bool:
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        if not (user.is_superuser or getattr(user, "rol", None) == "beheerder"):
            return False
        if settings.TWO_FACTOR_REQUIRED:
            is_verified = getattr(user, "is_verified", None)
            return bool(is_verified and is_verified())
        return True

    def admin_view(self, view, cacheable=False):
        """Logged in without beheer rights: 403 at once, not a detour via the login page."""
        inner = super().admin_view(view, cacheable)

        def wrapper(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return update_wrapper(wrapper, inner)

    def login(self, request, extra_context=None):
        if self.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        if request.user.is_authenticated:
            # Logged in, but not a beheerder: no second login form, just "no access".
            raise PermissionDenied
        next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        return redirect_to_login(next_url, reverse("accounts:login"))
