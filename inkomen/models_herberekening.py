"""The durable recalculation (issue 13 §1, §3): the outbox of dossier-months to recalculate
and the bulk recalculation runs after a new or corrected rule set.

A :class:`HerberekenVerzoek` is written in the same transaction as the change that needs it (an
opgave, a beoordeling, a period change), so a broker outage or a worker that dies delays the
recalculation but never loses it: the immediate Celery task and the reconciliation beat task
both work from these rows (:mod:`inkomen.herberekening`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bijstand.dossiers.models import Dossier


class HerberekenVerzoek(models.Model):
    """One dossier-month whose inputs changed; open until a recalculation that started after
    it was written has run (``verwerkt_op``). Append-only: every change writes its own row."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="+")
    maand = models.DateField(_("maand"))
    aanleiding = models.CharField(_("aanleiding"), max_length=100)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    verwerkt_op = models.DateTimeField(_("verwerkt op"), null=True, blank=True)
    pogingen = models.PositiveIntegerField(_("pogingen"), default=0)
    fout = models.CharField(_("laatste fout"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("herberekenverzoek")
        verbose_name_plural = _("herberekenverzoeken")
        ordering = ["aangemaakt_op", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(maand__day=1), name="herberekenverzoek_maand"),
        ]
        indexes = [
            models.Index(
                fields=["aangemaakt_op"],
                condition=Q(verwerkt_op__isnull=True),
                name="herberekenverzoek_open",
            ),
            models.Index(fields=["dossier", "maand"], name="herberekenverzoek_dossiermaand"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.maand:%Y-%m} ({self.aanleiding})"


class HerberekeningsrunStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    BEZIG = "bezig", _("Bezig")
    KLAAR = "klaar", _("Klaar")
    MISLUKT = "mislukt", _("Mislukt")


class Herberekeningsrun(models.Model):
    """The bulk recalculation of every calculated dossier-month a new or corrected rule set
    (or policy version) applies to, in chunks by Celery workers; progress is visible."""

    aanleiding = models.CharField(_("aanleiding"), max_length=200)
    vanaf = models.DateField(_("vanaf maand"))
    tot = models.DateField(_("tot en met maand"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=HerberekeningsrunStatus.choices,
        default=HerberekeningsrunStatus.GEPLAND,
    )
    aantal_maanden = models.PositiveIntegerField(_("dossiermaanden"), default=0)
    aantal_verwerkt = models.PositiveIntegerField(_("verwerkt"), default=0)
    aantal_gewijzigd = models.PositiveIntegerField(_("gewijzigd"), default=0)
    aantal_geboekt = models.PositiveIntegerField(_("met een boeking"), default=0)
    aantal_fouten = models.PositiveIntegerField(_("niet te berekenen"), default=0)
    chunks_totaal = models.PositiveIntegerField(_("delen totaal"), default=0)
    chunks_klaar = models.PositiveIntegerField(_("delen klaar"), default=0)
    foutmelding = models.TextField(_("foutmelding"), blank=True)
    gestart_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    laatste_voortgang_op = models.DateTimeField(_("laatste voortgang"), null=True, blank=True)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        verbose_name = _("herberekeningsrun")
        verbose_name_plural = _("herberekeningsruns")
        ordering = ["-aangemaakt_op", "-pk"]

    def __str__(self) -> str:
        return str(self.aanleiding)


class HerberekeningsrunDeel(models.Model):
    """A processed chunk of a run (a chunk delivered twice counts once)."""

    run = models.ForeignKey(Herberekeningsrun, on_delete=models.CASCADE, related_name="delen")
    nummer = models.PositiveIntegerField()
    aantal = models.PositiveIntegerField(default=0)
    verwerkt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("verwerkt deel van een herberekeningsrun")
        verbose_name_plural = _("verwerkte delen van herberekeningsruns")
        constraints = [
            models.UniqueConstraint(fields=["run", "nummer"], name="herberekeningsrun_deel_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.run_id} deel {self.nummer}"
