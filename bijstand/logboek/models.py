"""Register of processing activities, the append-only dataverwerkingen log, and the audit log.

Modelled on Logius "Logboek Dataverwerkingen": one line per operation per data subject, the
subject stored as a keyed pseudonym; the acting user is kept in a separate audit log linked by
operation id. Lines are never updated or deleted through the application.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Vertrouwelijkheid(models.TextChoices):
    NORMAAL = "normaal", _("Normaal")
    VERTROUWELIJK = "vertrouwelijk", _("Vertrouwelijk")


class Verwerkingsactiviteit(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    naam = models.CharField(_("naam"), max_length=200)
    doel = models.TextField(_("doel"))
    rechtsgrond = models.CharField(_("rechtsgrond"), max_length=300)
    bewaartermijn_jaren = models.PositiveSmallIntegerField(_("bewaartermijn (jaren)"))
    vertrouwelijkheid = models.CharField(
        max_length=20, choices=Vertrouwelijkheid.choices, default=Vertrouwelijkheid.NORMAAL
    )

    class Meta:
        verbose_name = _("verwerkingsactiviteit")
        verbose_name_plural = _("verwerkingsactiviteiten")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Logregels zijn onveranderlijk.")

    def delete(self):
        raise PermissionError("Logregels worden niet verwijderd via de applicatie.")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Logregels zijn onveranderlijk.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Logregels worden niet verwijderd via de applicatie.")


class Verwerking(AppendOnlyModel):
    """One line per operation per data subject (no user identity here)."""

    class Status(models.TextChoices):
        OK = "ok", _("Gelukt")
        FOUT = "error", _("Fout")

    trace_id = models.CharField(max_length=64, db_index=True)
    operation_id = models.UUIDField(default=uuid.uuid4, db_index=True)
    parent_operation_id = models.UUIDField(null=True, blank=True)
    operatie = models.CharField(_("operatie"), max_length=100)
    activiteit = models.ForeignKey(
        Verwerkingsactiviteit, on_delete=models.PROTECT, related_name="verwerkingen"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OK)
    start = models.DateTimeField(default=timezone.now)
    eind = models.DateTimeField(default=timezone.now)
    soorten_gegevens = models.JSONField(_("soorten gegevens"), default=list)
    betrokkene = models.CharField(_("betrokkene (pseudoniem)"), max_length=64)
    vertrouwelijk = models.BooleanField(_("vertrouwelijk"), default=False)

    class Meta:
        verbose_name = _("verwerking")
        verbose_name_plural = _("verwerkingen")
        indexes = [models.Index(fields=["betrokkene", "-start"])]

    def __str__(self) -> str:
        return f"{self.operatie} ({self.start:%Y-%m-%d %H:%M})"


class AuditRegel(AppendOnlyModel):
    """Who acted: linked to Verwerking lines by operation_id."""

    operation_id = models.UUIDField(db_index=True)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    systeem = models.CharField(max_length=200, blank=True)
    rol = models.CharField(max_length=20, blank=True)
    actie = models.CharField(max_length=100)
    op = models.DateTimeField(default=timezone.now)
    ip_adres = models.GenericIPAddressField(null=True, blank=True)
    # For an action by a system client (API token): who created the client and who approved its
    # personal-data scopes, as they stood at the time of the action.
    koppeling_aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("koppeling aangemaakt door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    koppeling_goedgekeurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("koppeling goedgekeurd door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A short, person-free explanation of an audit-only action (e.g. which scopes were approved).
    toelichting = models.CharField(_("toelichting"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditregels")
        indexes = [models.Index(fields=["gebruiker", "-op"])]

    def __str__(self) -> str:
        return f"{self.actie} ({self.op:%Y-%m-%d %H:%M})"
