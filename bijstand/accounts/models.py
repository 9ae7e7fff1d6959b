"""Users, roles, teams, formal substitution and API clients."""

from __future__ import annotations

import hashlib
import secrets

from digid_eherkenning.managers import BaseDigidManager
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bijstand.core.crypto import bsn_hash

from .scopes import bereikt_persoonsgegevens, persoonsgegevens_scopes


class Rol(models.TextChoices):
    WERKCONSULENT = "werkconsulent", _("Werkconsulent (werkcoach)")
    INKOMENSCONSULENT = "inkomensconsulent", _("Inkomensconsulent")
    TEAMLEIDER = "teamleider", _("Teamleider / manager")
    BEHEERDER = "beheerder", _("Functioneel beheerder")
    PRIVACY = "privacy", _("Privacy officer")
    # Financial administration: the payment runs and their SEPA file; no case content.
    BETAALRUN = "betaalrun", _("Medewerker betaalruns")
    BURGER = "burger", _("Burger (werkzoekende)")


STAFF_ROLLEN = (
    Rol.WERKCONSULENT,
    Rol.INKOMENSCONSULENT,
    Rol.TEAMLEIDER,
    Rol.BEHEERDER,
    Rol.PRIVACY,
    Rol.BETAALRUN,
)


class Team(models.Model):
    naam = models.CharField(_("naam"), max_length=100, unique=True)
    teamleider = models.ForeignKey(
        "accounts.User",
        verbose_name=_("teamleider"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="geleide_teams",
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class DigidUserManager(BaseDigidManager):
    """Used by django-digid-eherkenning: a burger account is found by the keyed BSN hash."""

    def get_by_bsn(self, bsn: str) -> User:
        return self.get(bsn_hash=bsn_hash(bsn), rol=Rol.BURGER)

    def digid_create(self, bsn: str, **kwargs) -> User:
        h = bsn_hash(bsn)
        user = self.model(username=f"burger-{h[:20]}", bsn_hash=h, rol=Rol.BURGER, **kwargs)
        user.set_unusable_password()
        user.save()
        return user


class User(AbstractUser):
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices, default=Rol.WERKCONSULENT)
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="leden",
    )
    # Only for burger accounts (DigiD): keyed hash of the BSN, never the BSN itself.
    bsn_hash = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)

    objects = UserManager()
    digid_objects = DigidUserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        indexes = [models.Index(fields=["rol", "team"])]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_burger(self) -> bool:
        return self.rol == Rol.BURGER

    @property
    def is_medewerker(self) -> bool:
        return self.rol in STAFF_ROLLEN


class Vervanging(models.Model):
    """Formal substitution: `vervanger` may work on `afwezige`'s caseload for a period."""

    afwezige = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="vervangingen_als_afwezige"
    )
    vervanger = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="vervangingen_als_vervanger"
    )
    van = models.DateField(_("van"))
    tot = models.DateField(_("tot en met"))
    reden = models.CharField(_("reden"), max_length=200)
    vastgelegd_door = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    vastgelegd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("vervanging")
        verbose_name_plural = _("vervangingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__gte=models.F("van")), name="vervanging_periode"
            ),
            models.CheckConstraint(
                condition=~Q(afwezige=models.F("vervanger")), name="vervanging_niet_zichzelf"
            ),
        ]
        indexes = [models.Index(fields=["vervanger", "van", "tot"])]

    def __str__(self) -> str:
        return _("%(vervanger)s vervangt %(afwezige)s (%(van)s t/m %(tot)s)") % {
            "vervanger": self.vervanger,
            "afwezige": self.afwezige,
            "van": self.van,
            "tot": self.tot,
        }


class SysteemClient(models.Model):
    """A system client of the API (payroll system, provider); authenticates with a token.

    Only the SHA-256 of the token is stored. ``scopes`` are what the functioneel beheerder
    granted (requested); a scope that reaches personal data (``accounts.scopes``) takes effect
    only once a privacy officer approved it for this client *and this token*: approval stores
    the approved scopes and the hash of the token it was given for, so a new token (or a newly
    requested personal-data scope) needs a new approval. Until then only the approved set
    works (``effectieve_scopes``). Scopes without personal data work without approval.
    """

    naam = models.CharField(_("naam"), max_length=200)
    scopes = models.JSONField(_("scopes"), default=list)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    actief = models.BooleanField(_("actief"), default=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    aangemaakt_door = models.ForeignKey(
        User,
        verbose_name=_("aangemaakt door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    goedgekeurde_scopes = models.JSONField(
        _("goedgekeurde scopes met persoonsgegevens"), default=list, blank=True, editable=False
    )
    goedgekeurd_door = models.ForeignKey(
        User,
        verbose_name=_("goedgekeurd door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    goedgekeurd_op = models.DateTimeField(
        _("goedgekeurd op"), null=True, blank=True, editable=False
    )
    # The token the approval was given for; another token has no approved personal-data scopes.
    goedgekeurd_token_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("systeemkoppeling")
        verbose_name_plural = _("systeemkoppelingen")

    def __str__(self) -> str:
        return self.naam

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def maak(
        cls, *, naam: str, scopes: list[str], aangemaakt_door: User | None = None
    ) -> tuple[SysteemClient, str]:
        """Create a client with a new token; personal-data scopes still need approval."""
        token = secrets.token_urlsafe(32)
        client = cls.objects.create(
            naam=naam,
            scopes=scopes,
            token_hash=cls.hash_token(token),
            aangemaakt_door=aangemaakt_door,
        )
        return client, token

    def vernieuw_token(self) -> str:
        """Set a new token (the old one stops working) and return it; the caller saves.

        The plain token exists only in the return value: show it once, never store it.
        Approved personal-data scopes do not carry over to the new token."""
        token = secrets.token_urlsafe(32)
        self.token_hash = self.hash_token(token)
        return token

    # --- approval of personal-data scopes (classification: accounts.scopes) ---------------

    def _goedgekeurd_voor_deze_token(self) -> set[str]:
        if not self.goedgekeurd_token_hash or self.goedgekeurd_token_hash != self.token_hash:
            return set()
        return set(self.goedgekeurde_scopes or [])

    @property
    def effectieve_scopes(self) -> list[str]:
        """The requested scopes that work now: without personal data, or approved."""
        goedgekeurd = self._goedgekeurd_voor_deze_token()
        return sorted(
            s for s in set(self.scopes or []) if not bereikt_persoonsgegevens(s) or s in goedgekeurd
        )

    @property
    def gevraagde_persoonsgegevens_scopes(self) -> list[str]:
        return persoonsgegevens_scopes(self.scopes or [])

    @property
    def wachtende_scopes(self) -> list[str]:
        """Requested personal-data scopes that do not work yet (they wait for approval)."""
        goedgekeurd = self._goedgekeurd_voor_deze_token()
        return [s for s in self.gevraagde_persoonsgegevens_scopes if s not in goedgekeurd]

    @property
    def wacht_op_goedkeuring(self) -> bool:
        return bool(self.wachtende_scopes)

    # DRF treats request.user as this object for system clients.
    is_authenticated = True
    is_active = True
    is_anonymous = False
    rol = "systeem"
    is_burger = False
    is_medewerker = False

    def has_scope(self, scope: str) -> bool:
        return scope in self.effectieve_scopes
