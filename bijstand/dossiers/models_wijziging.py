"""Wijzigingen: a change in the burger's situation, reported in the portal or phoned in.

The burger (portal) or a consulent (a phone call, a visit) records what changed and from which
day; the dossier's werkcoach or inkomensconsulent handles it from the worklist: in behandeling,
verwerkt, or afgewezen with a reason. A household change (medebewoner erbij/weg, samenwonen)
is recalculated by inkomen (herziening art. 54 lid 3), which reads this record; the hub never
imports inkomen. Writes in ``bijstand.dossiers.wijzigingen``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WijzigingSoort(models.TextChoices):
    VERHUIZING = "verhuizing", _("Ik ga verhuizen of ben verhuisd")
    SAMENWONEN = "samenwonen", _("Ik ga samenwonen of trouwen")
    MEDEBEWONER_ERBIJ = "medebewoner_erbij", _("Er komt iemand bij mij wonen")
    MEDEBEWONER_WEG = "medebewoner_weg", _("Er gaat iemand bij mij weg")
    WERK_GEVONDEN = "werk_gevonden", _("Ik heb werk gevonden")
    OPNAME = "opname", _("Ik word opgenomen of ga naar de gevangenis")
    BUITENLAND = "buitenland", _("Ik ga naar het buitenland")
    GEBOORTE = "geboorte", _("Er is een kind geboren")


# Changes in who lives in the household: inkomen recalculates the months from ingangsdatum.
HUISHOUDENSWIJZIGINGEN = (
    WijzigingSoort.SAMENWONEN,
    WijzigingSoort.MEDEBEWONER_ERBIJ,
    WijzigingSoort.MEDEBEWONER_WEG,
)


class WijzigingStatus(models.TextChoices):
    NIEUW = "nieuw", _("Nieuw")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    VERWERKT = "verwerkt", _("Verwerkt")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class GemeldDoor(models.TextChoices):
    BURGER = "burger", _("Burger (portaal)")
    CONSULENT = "consulent", _("Consulent")


class Wijziging(models.Model):
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.CASCADE, related_name="wijzigingen"
    )
    soort = models.CharField(_("soort"), max_length=20, choices=WijzigingSoort.choices)
    ingangsdatum = models.DateField(_("ingangsdatum"))
    toelichting = models.TextField(_("toelichting"), blank=True)
    gemeld_door = models.CharField(_("gemeld door"), max_length=10, choices=GemeldDoor.choices)
    kanaal = models.CharField(_("kanaal"), max_length=12)
    status = models.CharField(
        _("status"), max_length=16, choices=WijzigingStatus.choices, default=WijzigingStatus.NIEUW
    )
    afwijsreden = models.TextField(_("reden van afwijzen"), blank=True)
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    gemeld_op = models.DateTimeField(_("gemeld op"), default=timezone.now)
    behandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    behandeld_op = models.DateTimeField(_("behandeld op"), null=True, blank=True)
    idempotentiesleutel = models.CharField(_("idempotentiesleutel"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("wijziging")
        verbose_name_plural = _("wijzigingen")
        ordering = ["-gemeld_op", "-id"]
        indexes = [models.Index(fields=["status", "-gemeld_op"])]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "idempotentiesleutel"],
                condition=~Q(idempotentiesleutel=""),
                name="wijziging_idempotentiesleutel_uniek",
            ),
            models.CheckConstraint(
                condition=~Q(status="afgewezen", afwijsreden=""),
                name="wijziging_afgewezen_met_reden",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} per {self.ingangsdatum:%d-%m-%Y}"

    @property
    def is_open(self) -> bool:
        return self.status in (WijzigingStatus.NIEUW, WijzigingStatus.IN_BEHANDELING)

    @property
    def is_huishoudenswijziging(self) -> bool:
        return self.soort in HUISHOUDENSWIJZIGINGEN
