"""Staff login/logout, two-factor authentication, formal substitutions and the privacy
officer's approval of system clients."""

from __future__ import annotations

from urllib.parse import urlencode

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import FormView, ListView

from bijstand.core.pagination import pagineer

from . import otp, selectors, services
from .forms import OTPSetupForm, OTPTokenForm, StaffAuthenticationForm, VervangingForm
from .models import Rol, SysteemClient
from .scopes import omschrijving

# Landing page per role after login (URL names); others go to settings.LOGIN_REDIRECT_URL.
ROL_STARTPAGINA = {
    Rol.BEHEERDER: "admin:index",
    Rol.PRIVACY: "logboek:overzicht",
    Rol.BETAALRUN: "inkomen:betaalruns",
}


def startpagina(user) -> str:
    for naam in (ROL_STARTPAGINA.get(getattr(user, "rol", None)), settings.LOGIN_REDIRECT_URL):
        if naam:
            try:
                return reverse(naam)
            except NoReverseMatch:
                continue
    return "/"


def _veilige_next(request, default: str) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default


def _is_verified(user) -> bool:
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def _met_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


class StaffLoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = StaffAuthenticationForm

    def get_success_url(self):
        url = self.get_redirect_url() or startpagina(self.request.user)
        # The freshly logged-in user object has no is_verified() yet (OTPMiddleware ran before).
        if settings.TWO_FACTOR_REQUIRED and not _is_verified(self.request.user):
            return _met_next(reverse("accounts:otp"), url)
        return url


class StaffLogoutView(auth_views.LogoutView):
    """POST only (Django's LogoutView refuses GET)."""

    next_page = reverse_lazy("accounts:login")


TE_VEEL_POGINGEN = _lazy(
    "U heeft te vaak een verkeerde code ingevuld. Wacht even en probeer het dan opnieuw."
)


def _alleen_medewerkers(request):
    if not getattr(request.user, "is_medewerker", False):
        raise PermissionDenied


@never_cache
@sensitive_post_parameters("code")
@login_required
def otp_verifieren(request):
    """Second step of the login: a TOTP code (or a backup code)."""
    _alleen_medewerkers(request)
    next_url = _veilige_next(request, startpagina(request.user))
    if _is_verified(request.user):
        return redirect(next_url)
    if not services.heeft_totp(request.user):
        return redirect(_met_next(reverse("accounts:otp_setup"), next_url))

    form = OTPTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        geblokkeerd = services.otp_geblokkeerd(request.user)
        device = (
            None if geblokkeerd else django_otp.match_token(request.user, form.cleaned_data["code"])
        )
        if device is not None:
            django_otp.login(request, device)
            request.session.cycle_key()
            if device.name == services.HERSTELCODES_NAAM:
                messages.warning(
                    request,
                    _(
                        "U bent ingelogd met een herstelcode. Elke code werkt maar één keer. "
                        "Maak nieuwe herstelcodes als u er bijna geen meer heeft."
                    ),
                )
            return redirect(next_url)
        if geblokkeerd:
            form.add_error("code", TE_VEEL_POGINGEN)
        else:
            form.add_error("code", _("Deze code is niet juist of verlopen. Probeer het opnieuw."))
        form._nlds_widget_attrs()
    return render(request, "accounts/otp.html", {"form": form, "next": next_url})


@never_cache
@sensitive_post_parameters("code")
@login_required
def otp_instellen(request):
    """First-time enrolment of an authenticator app (only while none is confirmed)."""
    _alleen_medewerkers(request)
    next_url = _veilige_next(request, startpagina(request.user))
    if services.heeft_totp(request.user):
        # Re-enrolling would let a password alone replace the second factor.
        return redirect(_met_next(reverse("accounts:otp"), next_url))

    device = services.onbevestigd_totp_apparaat(request.user)
    form = OTPSetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error("code", TE_VEEL_POGINGEN)
        elif services.bevestig_totp_apparaat(device=device, code=form.cleaned_data["code"]):
            django_otp.login(request, device)
            request.session.cycle_key()
            codes = services.maak_herstelcodes(request.user)
            return render(
                request,
                "accounts/herstelcodes.html",
                {"codes": codes, "next": next_url, "eerste_keer": True},
            )
        else:
            form.add_error(
                "code", _("Deze code is niet juist. Controleer of de tijd op uw telefoon klopt.")
            )
        form._nlds_widget_attrs()
    context = {
        "form": form,
        "next": next_url,
        "geheim": otp.geheim_als_tekst(device),
        "qr_svg": otp.qr_svg(device),
    }
    return render(request, "accounts/otp_setup.html", context)


@never_cache
@login_required
def herstelcodes(request):
    """Generate a new set of backup codes (shown once). Requires a verified session."""
    _alleen_medewerkers(request)
    if not _is_verified(request.user):
        return redirect(_met_next(reverse("accounts:otp"), reverse("accounts:herstelcodes")))
    if request.method == "POST":
        codes = services.maak_herstelcodes(request.user)
        return render(
            request,
            "accounts/herstelcodes.html",
            {"codes": codes, "next": startpagina(request.user), "eerste_keer": False},
        )
    return render(request, "accounts/herstelcodes_vernieuwen.html")


class VervangingListView(LoginRequiredMixin, PermissionRequiredMixin, ListView):
    permission_required = "accounts.beheer_vervangingen"
    template_name = "accounts/vervangingen.html"
    context_object_name = "vervangingen"
    paginate_by = 25

    def get_queryset(self):
        return selectors.vervangingen_voor_teamleider(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context.get("page_obj")
        if page is not None:
            context["paginabereik"] = page.paginator.get_elided_page_range(
                page.number, on_each_side=2, on_ends=1
            )
        return context


@method_decorator(never_cache, name="dispatch")
class VervangingCreateView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "accounts.beheer_vervangingen"
    template_name = "accounts/vervanging_form.html"
    form_class = VervangingForm
    success_url = reverse_lazy("accounts:vervangingen")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["medewerkers"] = selectors.vervangbare_teamleden(self.request.user)
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            vervanging = services.registreer_vervanging(
                afwezige=data["afwezige"],
                vervanger=data["vervanger"],
                van=data["van"],
                tot=data["tot"],
                reden=data["reden"],
                door=self.request.user,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
            form._nlds_widget_attrs()
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Vervanging vastgelegd: %(vervanger)s vervangt %(afwezige)s.")
            % {"vervanger": vervanging.vervanger, "afwezige": vervanging.afwezige},
        )
        return super().form_valid(form)


# --- the privacy officer's approval of system clients -----------------------------------------

KOPPELINGEN_PER_PAGINA = 20
BESLUITEN_PER_PAGINA = 20
AUDIT_ACTIES = {
    "systeemkoppeling_aangemaakt": _lazy("Aangemaakt"),
    "systeemkoppeling_gewijzigd": _lazy("Gewijzigd"),
    "systeemkoppeling_token_vernieuwd": _lazy("Nieuwe token"),
    "systeemkoppeling_goedgekeurd": _lazy("Goedgekeurd"),
    "systeemkoppeling_afgewezen": _lazy("Afgewezen"),
    "systeemkoppeling_ingetrokken": _lazy("Ingetrokken"),
}


def _mag_koppelingen_goedkeuren(request) -> None:
    if not request.user.has_perm("accounts.keur_koppelingen_goed"):
        raise PermissionDenied


def _met_omschrijving(scopes: list[str]) -> list[tuple[str, str]]:
    return [(s, omschrijving(s)) for s in scopes]


@never_cache
@login_required
@require_http_methods(["GET", "HEAD"])
def koppelingen(request):
    """System clients whose personal-data scopes wait for approval, the approved ones, and
    the audit trail of every client (created, changed, new token, decisions)."""
    _mag_koppelingen_goedkeuren(request)
    wachtend = pagineer(
        request, selectors.koppelingen_wachtend(), "wachtend", KOPPELINGEN_PER_PAGINA
    )
    for client in wachtend:
        client.wachtend_met_omschrijving = _met_omschrijving(client.wachtende_scopes)
        client.zelf_aangemaakt = client.aangemaakt_door_id == request.user.pk
    besluiten = pagineer(
        request, selectors.koppeling_besluiten(), "besluiten", BESLUITEN_PER_PAGINA
    )
    for regel in besluiten:
        regel.actie_label = AUDIT_ACTIES.get(regel.actie, regel.actie)
    context = {
        "actieve_sectie": "koppelingen",
        "wachtend": wachtend,
        "goedgekeurd": pagineer(
            request, selectors.koppelingen_goedgekeurd(), "goedgekeurd", KOPPELINGEN_PER_PAGINA
        ),
        "besluiten": besluiten,
    }
    return render(request, "accounts/koppelingen.html", context)


@never_cache
@login_required
@require_POST
def koppeling_besluit(request, pk: int):
    """Approve or reject the waiting personal-data scopes of one client (POST)."""
    _mag_koppelingen_goedkeuren(request)
    client = get_object_or_404(SysteemClient, pk=pk)
    actie = request.POST.get("besluit")
    dienst = {
        "goedkeuren": services.keur_koppeling_goed,
        "afwijzen": services.wijs_koppeling_af,
    }.get(actie)
    if dienst is None:
        messages.error(request, _("Kies goedkeuren of afwijzen."))
        return redirect("accounts:koppelingen")
    try:
        client = dienst(
            client=client,
            scopes=request.POST.getlist("scopes"),
            door=request.user,
            request=request,
        )
    except ValidationError as exc:
        for melding in exc.messages:
            messages.error(request, melding)
        return redirect("accounts:koppelingen")
    if actie == "goedkeuren":
        messages.success(
            request,
            _("De koppeling %(naam)s is goedgekeurd. De scopes werken vanaf nu.")
            % {"naam": client.naam},
        )
    else:
        messages.success(
            request,
            _("De gevraagde scopes van %(naam)s zijn afgewezen.") % {"naam": client.naam},
        )
    return redirect("accounts:koppelingen")
