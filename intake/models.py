"""The brede intake: one instrument for a first application and for a heronderzoek.

One ``Intake`` row holds the answers of every step as JSON (``intake.stappen`` defines the
steps and their fields). Confidential answers (health, addiction, justice and the ZRM scores on
those leefgebieden) are kept apart in ``vertrouwelijke_antwoorden``, so that a query for a user
who may not see them can leave the column out (``.defer``) and no serializer or template can
show them by accident. What the burger prepared in the portal is kept as it was sent
(``burger_antwoorden``), beside the current answers, so the consulent sees what came from the
burger.

A concept may be incomplete; ``intake.services.rond_intake_af`` makes it definitive and writes
the measurement, barriers, skills and work profile through ``perspectief.services``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from bijstand.core.history import history_user
from bijstand.dossiers.models import Dossier, Instroombron


class IntakeSoort(models.TextChoices):
    AANVRAAG = "aanvraag", _("Aanvraag")
    HERONDERZOEK = "heronderzoek", _("Heronderzoek")


class IntakeStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    DEFINITIEF = "definitief", _("Definitief")


class StapBron(models.TextChoices):
    """Who filled in a step last (``Intake.stappen_meta[stap]["bron"]``)."""

    CONSULENT = "consulent", _("Consulent")
    BURGER = "burger", _("Ingevuld door burger")
    VORIGE = "vorige", _("Overgenomen uit de vorige intake")


class Intake(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="intakes")
    soort = models.CharField(_("soort"), max_length=12, choices=IntakeSoort.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=IntakeStatus.choices, default=IntakeStatus.CONCEPT
    )
    instroombron = models.CharField(
        _("instroombron"), max_length=16, choices=Instroombron.choices, default=Instroombron.LOKET
    )
    # The definitive intake this heronderzoek started from (prefill and "what changed").
    vorige = models.ForeignKey(
        "self",
        verbose_name=_("vorige intake"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # {stap: {veld: waarde}}; see intake.stappen. Confidential parts live in the next field.
    antwoorden = models.JSONField(_("antwoorden"), default=dict, blank=True)
    vertrouwelijke_antwoorden = models.JSONField(
        _("vertrouwelijke antwoorden"), default=dict, blank=True
    )
    # What the burger sent from the portal, per step, unchanged by later edits of the consulent.
    burger_antwoorden = models.JSONField(_("antwoorden van de burger"), default=dict, blank=True)
    # {stap: {"bron": StapBron, "door": naam, "door_id": id, "op": ISO datetime}}
    stappen_meta = models.JSONField(default=dict, blank=True)
    gestart_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gestart door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    gestart_op = models.DateTimeField(_("gestart op"), default=timezone.now)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), default=timezone.now)
    afgerond_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgerond door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    afgerond_op = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    # The measurement written when the intake was made definitive (perspectief.Meting).
    meting = models.ForeignKey(
        "perspectief.Meting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # Confidential answers stay out of the history tables.
    history = HistoricalRecords(
        excluded_fields=["vertrouwelijke_antwoorden"], get_user=history_user
    )

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        ordering = ["-gestart_op", "-id"]
        indexes = [models.Index(fields=["dossier", "-gestart_op"])]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier"],
                condition=Q(status="concept"),
                name="een_concept_intake_per_dossier",
            ),
            models.CheckConstraint(
                condition=Q(status="concept") | Q(afgerond_op__isnull=False),
                name="definitieve_intake_met_datum",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_soort_display()} {self.gestart_op:%d-%m-%Y} ({self.get_status_display()})"
        )

    @property
    def is_concept(self) -> bool:
        return self.status == IntakeStatus.CONCEPT

    @property
    def is_heronderzoek(self) -> bool:
        return self.soort == IntakeSoort.HERONDERZOEK
