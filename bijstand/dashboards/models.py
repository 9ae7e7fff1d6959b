"""The daily snapshot of the management figures, and the targets and baselines as data.

A ``Peildag`` is one build of the snapshot (one per date; rebuilding a date replaces it). Its
``Kengetal`` rows are aggregates only: a figure, a period (month or quarter), the dimension
values (team, wijk, route, doelgroep), a category, and the measures (``personen``, ``aantal``,
``som``). No row identifies a person; see ``snapshot.py`` for how the rows are built and
``selectors.py`` for how the pages read them.

``Doeltraject`` (the target trajectory of the bestand) and ``Referentiewaarde`` (baselines and
goals: draaideur 20 %, langdurig 46 %, Werkloont 36 %, the pre-automation numbers of
terugvorderingen) are data with a ``geldig_vanaf``, edited by the functioneel beheerder.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PeildagStatus(models.TextChoices):
    BEZIG = "bezig", _("Bezig")
    KLAAR = "klaar", _("Klaar")
    MISLUKT = "mislukt", _("Mislukt")


class Peildag(models.Model):
    """One build of the snapshot. Pages read the latest ``klaar`` one.

    Rebuilding a date makes a new Peildag and then removes the older one of that date: the
    pages never read half a build, and the new rows do not share index ranges with the rows
    being deleted.
    """

    peildatum = models.DateField(_("peildatum"), db_index=True)
    status = models.CharField(
        _("status"), max_length=8, choices=PeildagStatus.choices, default=PeildagStatus.BEZIG
    )
    van = models.DateField(_("eerste maand"), null=True, blank=True)
    gestart_op = models.DateTimeField(_("gestart op"), default=timezone.now)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)
    seconden = models.FloatField(_("duur (seconden)"), null=True, blank=True)
    rijen = models.PositiveIntegerField(_("aantal rijen"), default=0)
    # the figures of the apps that were built, and figure (or app) -> message for those an
    # app could not deliver (the rest is still built)
    figuren = models.JSONField(_("berekende cijfers"), default=list, blank=True)
    fouten = models.JSONField(_("ontbrekende cijfers"), default=dict, blank=True)
    gestart_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gestart door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("peildag van de dashboards")
        verbose_name_plural = _("peildagen van de dashboards")
        ordering = ["-peildatum", "-klaar_op"]

    def __str__(self) -> str:
        return _("Cijfers van %(datum)s") % {"datum": self.peildatum.strftime("%d-%m-%Y")}


DIMENSIES = ("team", "wijk", "route", "doelgroep")


class Niveau:
    """Which dimensions a row keeps (the others are summed over): ``""`` for the total, a
    dimension name (``"team"``), ``"route+doelgroep"``, or ``"alle"`` for the full cube."""

    TOTAAL = ""
    ALLE = "alle"

    @staticmethod
    def van(dimensies) -> str:
        """The level to read for these filters: the total, one dimension, the pair route and
        doelgroep, or else the cube (which has indexes on team and on wijk: every other
        combination of filters contains one of them)."""
        gekozen = [d for d in DIMENSIES if d in dimensies]
        if len(gekozen) <= 1 or gekozen == ["route", "doelgroep"]:
            return "+".join(gekozen)
        return Niveau.ALLE


class PeriodeSoort(models.TextChoices):
    MAAND = "m", _("Maand")
    KWARTAAL = "k", _("Kwartaal")


class Kengetal(models.Model):
    """One aggregate cell of the snapshot.

    ``personen``: distinct dossiers (people) in the cell - the number small-cell suppression
    looks at; ``aantal``: events (or the summed ``aantal`` of the facts); ``som``: the summed
    ``bedrag`` (euros, days, steps). ``team`` and ``wijk`` are plain ids, not foreign keys:
    an aggregate outlives a renamed or removed team.
    """

    # No index of its own: the indexes below start with peildag.
    peildag = models.ForeignKey(Peildag, on_delete=models.CASCADE, related_name="+", db_index=False)
    figuur = models.CharField(max_length=64)
    niveau = models.CharField(max_length=20, blank=True)
    periode_soort = models.CharField(max_length=1, choices=PeriodeSoort.choices)
    periode = models.DateField()
    team = models.IntegerField(null=True, blank=True)
    wijk = models.IntegerField(null=True, blank=True)
    route = models.CharField(max_length=12, blank=True)
    doelgroep = models.CharField(max_length=12, blank=True)
    categorie = models.CharField(max_length=64, blank=True)
    subcategorie = models.CharField(max_length=64, blank=True)
    personen = models.IntegerField(default=0)
    aantal = models.IntegerField(default=0)
    som = models.DecimalField(max_digits=18, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("kengetal")
        verbose_name_plural = _("kengetallen")
        indexes = [
            models.Index(
                fields=["peildag", "niveau", "periode_soort", "figuur", "periode"],
                name="kengetal_lezen",
            ),
            # Three or four filters read the cube; one of them is always team or wijk.
            models.Index(
                fields=["peildag", "figuur", "team", "periode"],
                condition=Q(niveau="alle"),
                name="kengetal_kubus_team",
            ),
            models.Index(
                fields=["peildag", "figuur", "wijk", "periode"],
                condition=Q(niveau="alle"),
                name="kengetal_kubus_wijk",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.figuur} {self.periode:%Y-%m} {self.categorie}"


class Doeltraject(models.Model):
    """The target trajectory of the bestand: a straight line from (startdatum, startwaarde)
    to (einddatum, eindwaarde), the end value after that. The latest one whose
    ``geldig_vanaf`` has passed applies."""

    naam = models.CharField(_("naam"), max_length=200)
    startdatum = models.DateField(_("startdatum"))
    startwaarde = models.PositiveIntegerField(_("aantal mensen op de startdatum"))
    einddatum = models.DateField(_("einddatum"))
    eindwaarde = models.PositiveIntegerField(_("doel: aantal mensen op de einddatum"))
    geldig_vanaf = models.DateField(_("geldig vanaf"), default=timezone.localdate)
    toelichting = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("doeltraject bestand")
        verbose_name_plural = _("doeltrajecten bestand")
        ordering = ["-geldig_vanaf", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einddatum__gt=F("startdatum")), name="doeltraject_periode"
            )
        ]

    def __str__(self) -> str:
        return self.naam

    def clean(self) -> None:
        if self.startdatum and self.einddatum and self.einddatum <= self.startdatum:
            raise ValidationError({"einddatum": _("De einddatum moet na de startdatum liggen.")})

    def waarde_op(self, dag: date) -> int | None:
        """The target on ``dag`` (None before the start: there is no target yet)."""
        if dag < self.startdatum:
            return None
        if dag >= self.einddatum:
            return self.eindwaarde
        deel = (dag - self.startdatum).days / (self.einddatum - self.startdatum).days
        return round(self.startwaarde + (self.eindwaarde - self.startwaarde) * deel)


class ReferentieCode(models.TextChoices):
    DRAAIDEUR = "draaideur", _("Terugkeer binnen 12 maanden na uitstroom naar werk (%)")
    LANGDURIG = "langdurig", _("Aandeel langer dan 5 jaar in de bijstand (%)")
    WERKLOONT = "werkloont_werk", _("Werkloont: aandeel naar betaald werk (%)")
    REDUCTIE_VORDERINGEN = (
        "reductie_vorderingen",
        _("Doel: minder terugvorderingen en verrekeningsschulden dan de nulmeting (%)"),
    )
    VORDERINGEN_AANTAL = (
        "nulmeting_vorderingen",
        _("Nulmeting: terugvorderingen per maand (aantal)"),
    )
    VORDERINGEN_BEDRAG = (
        "nulmeting_vorderingen_bedrag",
        _("Nulmeting: terugvorderingen per maand (bedrag in euro)"),
    )
    SCHULDEN_AANTAL = (
        "nulmeting_verrekeningsschulden",
        _("Nulmeting: verrekeningsschulden per maand (aantal)"),
    )
    SCHULDEN_BEDRAG = (
        "nulmeting_verrekeningsschulden_bedrag",
        _("Nulmeting: verrekeningsschulden per maand (bedrag in euro)"),
    )


class Referentiewaarde(models.Model):
    """A baseline or goal the dashboards compare with (percentages as 0-100)."""

    code = models.CharField(_("kengetal"), max_length=40, choices=ReferentieCode.choices)
    waarde = models.DecimalField(_("waarde"), max_digits=14, decimal_places=2)
    geldig_vanaf = models.DateField(_("geldig vanaf"), default=timezone.localdate)
    bron = models.CharField(_("bron"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("referentiewaarde")
        verbose_name_plural = _("referentiewaarden")
        ordering = ["code", "-geldig_vanaf"]
        constraints = [
            models.UniqueConstraint(fields=["code", "geldig_vanaf"], name="referentie_uniek"),
            models.CheckConstraint(condition=Q(waarde__gte=0), name="referentie_niet_negatief"),
        ]

    def __str__(self) -> str:
        return f"{self.get_code_display()}: {self.waarde}"

    def clean(self) -> None:
        procent = self.code in (
            ReferentieCode.DRAAIDEUR,
            ReferentieCode.LANGDURIG,
            ReferentieCode.WERKLOONT,
            ReferentieCode.REDUCTIE_VORDERINGEN,
        )
        if procent and self.waarde is not None and self.waarde > Decimal(100):
            raise ValidationError({"waarde": _("Een percentage ligt tussen 0 en 100.")})
