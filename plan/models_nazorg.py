"""Nazorg after uitstroom naar werk (issue 14).

- ``NazorgBeleid``: policy data with ``geldig_vanaf``: how long nazorg lasts and when the
  werkcoach plans a contact moment (offsets after the last day with recht, e.g. ``2w`` = two
  weeks, ``3m`` = three months). A change is a new row with a later ``geldig_vanaf``; an ending
  uses the row valid on its end date, so earlier endings keep their plan.
- ``Nazorg``: one period per ending with reason werk, with the policy row it was planned with.
- ``NazorgContact``: a planned contact moment or a help request of the burger (``hulpvraag``);
  open until the werkcoach records "contact gehad" (with a note) or skips it.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bijstand.dossiers.models import Dossier

MOMENT_RE = re.compile(r"^([1-9][0-9]?)([wm])$")


def valideer_momenten(waarde: object) -> None:
    if not isinstance(waarde, list) or not waarde:
        raise ValidationError(_('Geef minstens één contactmoment, bijvoorbeeld ["2w", "3m"].'))
    for item in waarde:
        if not isinstance(item, str) or not MOMENT_RE.match(item):
            raise ValidationError(
                _("'%(item)s' is geen contactmoment: gebruik bijvoorbeeld 2w of 3m."),
                params={"item": item},
            )


class NazorgBeleid(models.Model):
    geldig_vanaf = models.DateField(_("geldig vanaf"), unique=True)
    duur_maanden = models.PositiveSmallIntegerField(_("duur in maanden"))
    contactmomenten = models.JSONField(
        _("contactmomenten"),
        validators=[valideer_momenten],
        help_text=_("Na het einde: 2w = twee weken, 3m = drie maanden."),
    )
    toelichting = models.CharField(_("toelichting"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("nazorgbeleid")
        verbose_name_plural = _("nazorgbeleid")
        ordering = ["-geldig_vanaf"]

    def __str__(self) -> str:
        return f"{self.geldig_vanaf}: {self.duur_maanden} mnd"


class Nazorg(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="nazorg")
    beleid = models.ForeignKey(NazorgBeleid, on_delete=models.PROTECT, related_name="+")
    startdatum = models.DateField(_("start nazorg"))
    einddatum = models.DateField(_("einde nazorg"))
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("nazorg")
        verbose_name_plural = _("nazorg")
        indexes = [models.Index(fields=["dossier", "einddatum"])]

    def __str__(self) -> str:
        return f"Nazorg {self.dossier_id} {self.startdatum}-{self.einddatum}"


class ContactSoort(models.TextChoices):
    GEPLAND = "gepland", _("Gepland contactmoment")
    HULPVRAAG = "hulpvraag", _("Hulpvraag van de burger")


class ContactStatus(models.TextChoices):
    OPEN = "open", _("Open")
    GEHAD = "gehad", _("Contact gehad")
    OVERGESLAGEN = "overgeslagen", _("Overgeslagen")


class NazorgContact(models.Model):
    nazorg = models.ForeignKey(Nazorg, on_delete=models.CASCADE, related_name="contacten")
    soort = models.CharField(_("soort"), max_length=10, choices=ContactSoort.choices)
    gepland_op = models.DateField(_("gepland op"))
    vraag = models.TextField(_("vraag van de burger"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ContactStatus.choices, default=ContactStatus.OPEN
    )
    notitie = models.TextField(_("notitie"), max_length=2000, blank=True)
    afgehandeld_op = models.DateTimeField(null=True, blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("nazorgcontact")
        verbose_name_plural = _("nazorgcontacten")
        ordering = ["gepland_op", "id"]
        indexes = [models.Index(fields=["status", "gepland_op"])]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.gepland_op}"


class TerugkeerReden(models.TextChoices):
    CONTRACT = "contract", _("Contract beëindigd")
    UREN = "uren", _("Minder uren")
    SCHULDEN = "schulden", _("Schulden")
    ZORG = "zorg", _("Zorg (gezondheid of mantelzorg)")
    KINDEROPVANG = "kinderopvang", _("Kinderopvang")
    TAAL = "taal", _("Taal")
    OVERIG = "overig", _("Anders")


class Terugkeer(models.Model):
    """Draaideur: a new dossier within 12 months after an ending with reason werk, with the
    reason the werkcoach records (one per new dossier)."""

    werkzoekende = models.ForeignKey(
        "dossiers.Werkzoekende", on_delete=models.PROTECT, related_name="+"
    )
    eerder_dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="+")
    nieuw_dossier = models.OneToOneField(
        Dossier, on_delete=models.PROTECT, related_name="terugkeer"
    )
    reden = models.CharField(_("reden"), max_length=12, choices=TerugkeerReden.choices)
    toelichting = models.TextField(_("toelichting"), max_length=2000, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("terugkeer binnen 12 maanden")
        verbose_name_plural = _("terugkeer binnen 12 maanden")

    def __str__(self) -> str:
        return f"Terugkeer {self.nieuw_dossier_id}: {self.reden}"
