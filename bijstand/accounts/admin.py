"""Admin for the functioneel beheerder: users and roles, teams, substitutions, API clients.

Roles drive rights: is_staff and the "Functioneel beheer" group follow from `rol`
(services.pas_rol_rechten_toe). A beheerder cannot see or edit superusers or burger accounts
and cannot hand out raw permissions.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Rol, SysteemClient, Team, User, Vervanging
from .scopes import SCOPES

MEDEWERKER_ROL_KEUZES = [(value, label) for value, label in Rol.choices if value != Rol.BURGER]


@admin.register(User)
class GebruikerAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "rol", "team", "is_active", "last_login")
    list_filter = ("rol", "team", "is_active")
    list_select_related = ("team",)
    search_fields = ("username", "first_name", "last_name", "email")
    ordering = ("username",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Persoonsgegevens"), {"fields": ("first_name", "last_name", "email")}),
        (_("Rol en team"), {"fields": ("rol", "team", "is_active")}),
        (
            _("Technische rechten"),
            {
                "classes": ("collapse",),
                "fields": ("is_staff", "is_superuser", "groups", "user_permissions"),
            },
        ),
        (_("Datums"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "rol",
                    "team",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    filter_horizontal = ("groups", "user_permissions")

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if not request.user.is_superuser:
            # Burger accounts are created by DigiD only; superusers are out of reach.
            qs = qs.exclude(is_superuser=True).exclude(rol=Rol.BURGER)
        return qs

    def get_readonly_fields(self, request, obj=None):
        readonly = ["is_staff", "last_login", "date_joined"]
        if not request.user.is_superuser:
            readonly += ["is_superuser", "groups", "user_permissions"]
        return readonly

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "rol" and not request.user.is_superuser:
            kwargs["choices"] = MEDEWERKER_ROL_KEUZES
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.pas_rol_rechten_toe(form.instance)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("naam", "teamleider", "aantal_leden")
    search_fields = ("naam",)
    list_select_related = ("teamleider",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_aantal_leden=Count("leden"))

    @admin.display(description=_("aantal leden"), ordering="_aantal_leden")
    def aantal_leden(self, obj: Team) -> int:
        return obj._aantal_leden

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "teamleider":
            kwargs["queryset"] = User.objects.filter(rol=Rol.TEAMLEIDER, is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class VervangingAdminForm(forms.ModelForm):
    class Meta:
        model = Vervanging
        fields = ("afwezige", "vervanger", "van", "tot", "reden")

    def clean(self):
        cleaned = super().clean()
        afwezige, vervanger = cleaned.get("afwezige"), cleaned.get("vervanger")
        van, tot = cleaned.get("van"), cleaned.get("tot")
        if afwezige and vervanger and van and tot:
            try:
                services._valideer_vervanging(
                    afwezige=afwezige, vervanger=vervanger, van=van, tot=tot, door=None
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    for error in errors:
                        self.add_error(field if field in self.fields else None, error)
        return cleaned


@admin.register(Vervanging)
class VervangingAdmin(admin.ModelAdmin):
    form = VervangingAdminForm
    list_display = ("afwezige", "vervanger", "van", "tot", "reden", "vastgelegd_door")
    list_filter = ("van", "tot")
    list_select_related = ("afwezige", "vervanger", "vastgelegd_door")
    search_fields = ("afwezige__username", "afwezige__last_name", "vervanger__username")
    date_hierarchy = "van"
    readonly_fields = ("vastgelegd_door", "vastgelegd_op")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in ("afwezige", "vervanger"):
            kwargs["queryset"] = User.objects.filter(
                rol__in=services.VERVANGBARE_ROLLEN
            ).select_related("team")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.vastgelegd_door = request.user
        super().save_model(request, obj, form, change)


def _scope_keuzes() -> list[tuple[str, str]]:
    return [
        (
            scope.code,
            f"{scope.code}: {scope.omschrijving}"
            + (
                f" ({_('persoonsgegevens: goedkeuring privacy officer nodig')})"
                if scope.persoonsgegevens
                else ""
            ),
        )
        for scope in SCOPES.values()
    ]


class SysteemClientForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        required=False,
        choices=_scope_keuzes,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Wat deze koppeling mag doen. Scopes met persoonsgegevens werken pas als een "
            "privacy officer ze heeft goedgekeurd (menu Koppelingen)."
        ),
    )

    class Meta:
        model = SysteemClient
        fields = ("naam", "scopes", "actief")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance and self.instance.pk:
            # A scope no longer listed (older data) stays visible, so saving does not drop it.
            bekend = {code for code, _label in self.fields["scopes"].choices}
            extra = [(s, s) for s in self.instance.scopes or [] if s not in bekend]
            self.fields["scopes"].choices = [*self.fields["scopes"].choices, *extra]
            self.initial["scopes"] = list(self.instance.scopes or [])

    def clean_scopes(self) -> list[str]:
        return sorted(set(self.cleaned_data.get("scopes") or []))


@admin.register(SysteemClient)
class SysteemClientAdmin(admin.ModelAdmin):
    """The token is generated here and shown once; only its SHA-256 is stored.

    Creating, changing, renewing and revoking go through the services (audit log). Personal-
    data scopes wait for a privacy officer's approval (accounts:koppelingen), which is shown
    here read-only: the beheerder cannot approve."""

    form = SysteemClientForm
    list_display = ("naam", "toon_scopes", "toon_wachtend", "actief", "aangemaakt_op")
    list_filter = ("actief",)
    list_select_related = ("aangemaakt_door", "goedgekeurd_door")
    search_fields = ("naam",)
    readonly_fields = (
        "aangemaakt_op",
        "aangemaakt_door",
        "toon_werkende_scopes",
        "toon_wachtend",
        "goedgekeurd_door",
        "goedgekeurd_op",
    )
    actions = ("vernieuw_token", "deactiveer")

    @admin.display(description=_("scopes"))
    def toon_scopes(self, obj: SysteemClient) -> str:
        return ", ".join(obj.scopes or []) or "-"

    @admin.display(description=_("werkt nu"))
    def toon_werkende_scopes(self, obj: SysteemClient) -> str:
        return ", ".join(obj.effectieve_scopes) or "-"

    @admin.display(description=_("wacht op goedkeuring privacy officer"))
    def toon_wachtend(self, obj: SysteemClient) -> str:
        return ", ".join(obj.wachtende_scopes) or "-"

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            client = services.wijzig_systeemclient(
                client=obj,
                naam=data["naam"],
                scopes=data["scopes"],
                actief=data["actief"],
                door=request.user,
                request=request,
            )
        else:
            client, obj._nieuwe_token = services.maak_systeemclient(
                naam=data["naam"],
                scopes=data["scopes"],
                actief=data["actief"],
                door=request.user,
                request=request,
            )
            # The admin goes on with its own instance (change message, redirect): make it the
            # saved row.
            obj.pk = client.pk
            obj._state.adding = False
            obj._state.db = client._state.db
        obj.refresh_from_db()

    def response_add(self, request, obj, post_url_continue=None):
        token = getattr(obj, "_nieuwe_token", None)
        if token:
            return self._toon_token(request, obj, token)
        return super().response_add(request, obj, post_url_continue)

    def _toon_token(self, request, obj: SysteemClient, token: str):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "client": obj,
            "token": token,
            "title": _("Token voor %(naam)s") % {"naam": obj.naam},
        }
        response = TemplateResponse(request, "admin/accounts/systeemclient/token.html", context)
        add_never_cache_headers(response)
        return response

    @admin.action(
        description=_("Nieuwe token maken (de oude werkt dan niet meer)"), permissions=["change"]
    )
    def vernieuw_token(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request,
                _("Kies precies één koppeling om een nieuwe token te maken."),
                messages.ERROR,
            )
            return None
        client = queryset.get()
        token = services.vernieuw_token_systeemclient(
            client=client, door=request.user, request=request
        )
        client.refresh_from_db()
        return self._toon_token(request, client, token)

    @admin.action(description=_("Koppelingen intrekken (deactiveren)"), permissions=["change"])
    def deactiveer(self, request, queryset):
        aantal = services.trek_systeemclients_in(
            clients=queryset, door=request.user, request=request
        )
        self.message_user(request, _("%(aantal)d koppeling(en) ingetrokken.") % {"aantal": aantal})
