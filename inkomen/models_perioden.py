"""Periods of an uitkering (issue 13 §2): the opschorting (art. 54 lid 2 PW) and the signals
on the consulent's worklist when a period change leaves something to decide or to explain."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from bijstand.dossiers.models import Dossier


class OpschortingAfloop(models.TextChoices):
    OPEN = "open", _("Loopt")
    OPGEHEVEN = "opgeheven", _("Opgeheven: gegevens ontvangen")
    INGETROKKEN = "ingetrokken", _("Recht ingetrokken (art. 54 lid 4 PW)")


class Opschorting(models.Model):
    """The suspension of the payment (art. 54 lid 2 PW) from ``vanaf`` while the person is
    asked to supply data or cooperate within the hersteltermijn. Months it covers are not paid
    (recorded with this reason); lifting it pays them as nabetaling; when the term has expired
    the consulent decides on intrekking (lid 4)."""

    uitkering = models.ForeignKey(
        "inkomen.Uitkering", on_delete=models.PROTECT, related_name="opschortingen"
    )
    vanaf = models.DateField(_("opgeschort vanaf"))
    reden = models.TextField(_("reden"))
    hersteltermijn_tot = models.DateField(_("hersteltermijn tot en met"))
    afloop = models.CharField(
        _("afloop"),
        max_length=12,
        choices=OpschortingAfloop.choices,
        default=OpschortingAfloop.OPEN,
    )
    afloop_toelichting = models.TextField(_("toelichting bij de afloop"), blank=True)
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("opschorting")
        verbose_name_plural = _("opschortingen")
        ordering = ["-vanaf", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["uitkering"],
                condition=Q(afloop="open"),
                name="opschorting_een_open_per_uitkering",
            ),
            models.CheckConstraint(
                condition=Q(hersteltermijn_tot__gte=models.F("vanaf")),
                name="opschorting_termijn_na_begin",
            ),
        ]

    def __str__(self) -> str:
        return _("Opschorting vanaf %(datum)s") % {"datum": self.vanaf.strftime("%d-%m-%Y")}


class SignaalSoort(models.TextChoices):
    VORDERING_PERIODE = "vordering_periode", _("Terugvordering na een wijziging van de periode")
    HERSTELTERMIJN_VERLOPEN = "termijn_verlopen", _("Hersteltermijn opschorting verlopen")
    HERBEREKENING_MISLUKT = "herberekening", _("Herberekening niet mogelijk")


class Signaal(models.Model):
    """An item on the inkomensconsulent's worklist: something the system booked or found that
    a person must look at (never silence). ``sleutel`` makes raising it idempotent."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="+")
    soort = models.CharField(_("soort"), max_length=20, choices=SignaalSoort.choices)
    tekst = models.CharField(_("omschrijving"), max_length=300)
    maand = models.DateField(_("maand"), null=True, blank=True)
    sleutel = models.CharField(max_length=120, unique=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["aangemaakt_op", "pk"]
        indexes = [
            models.Index(
                fields=["dossier", "aangemaakt_op"],
                condition=Q(afgehandeld_op__isnull=True),
                name="signaal_open",
            )
        ]

    def __str__(self) -> str:
        return str(self.tekst)
