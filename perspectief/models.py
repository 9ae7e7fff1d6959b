"""Ontwikkel- and uitstroomperspectief, and the shared categorisation.

`perspectief` owns the categorisation that intake, plan, instrumentenhuis, vacatures and
werkloont reuse: the 13 leefgebieden of the ZRM 2017, the 6 treden of the participatieladder and
the beroepen (ISCO-08). It imports none of those apps.

Measurements (Meting + LeefgebiedScore) are the ontwikkelperspectief over time; Belemmering and
Vaardigheid complete it. `Profiel` is one denormalised row per dossier with what matching needs
(latest scores, trede, language level, certificates, licences, hours, physical limits,
experience), kept current by `perspectief.services`, so that matching 37,500 profiles is one
query.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from bijstand.core.history import history_user
from bijstand.dossiers.models import Dossier, Route, Taalniveau

# Ordered language levels, low to high: compare with TAALNIVEAU_RANG[a] >= TAALNIVEAU_RANG[b].
TAALNIVEAU_RANG: dict[str, int] = {
    Taalniveau.ONBEKEND: 0,
    Taalniveau.ONDER_1F: 1,
    Taalniveau.NIVEAU_1F: 2,
    Taalniveau.NIVEAU_2F: 3,
    Taalniveau.HOGER: 4,
}


class Leefgebied(models.Model):
    """One of the 13 ZRM 2017 domains (seeded by migration; labels editable by beheer)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    nummer = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    naam = models.CharField(_("naam (professioneel)"), max_length=100)
    burger_label = models.CharField(_("naam voor de burger (B1)"), max_length=100)
    vertrouwelijk = models.BooleanField(
        _("vertrouwelijk"),
        default=False,
        help_text=_("Gezondheid, verslaving en justitie: alleen de eigen werkcoach ziet details."),
    )

    class Meta:
        verbose_name = _("leefgebied")
        verbose_name_plural = _("leefgebieden")
        ordering = ["nummer"]

    def __str__(self) -> str:
        return self.naam


class ZrmNiveau(models.IntegerChoices):
    ACUUT = 1, _("1 - Acute problematiek")
    NIET_ZELFREDZAAM = 2, _("2 - Niet zelfredzaam")
    BEPERKT = 3, _("3 - Beperkt zelfredzaam")
    VOLDOENDE = 4, _("4 - Voldoende zelfredzaam")
    VOLLEDIG = 5, _("5 - Volledig zelfredzaam")


class Trede(models.Model):
    """A step of the participatieladder (1 geïsoleerd .. 6 betaald werk); seeded by migration."""

    nummer = models.PositiveSmallIntegerField(
        _("trede"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    naam = models.CharField(_("naam"), max_length=100)
    omschrijving = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        verbose_name = _("trede van de participatieladder")
        verbose_name_plural = _("treden van de participatieladder")
        ordering = ["nummer"]

    def __str__(self) -> str:
        return f"{self.nummer}. {self.naam}"


class FysiekeBelasting(models.TextChoices):
    LICHT = "licht", _("Licht")
    MIDDEL = "middel", _("Middelzwaar")
    ZWAAR = "zwaar", _("Zwaar")


FYSIEK_RANG: dict[str, int] = {
    FysiekeBelasting.LICHT: 1,
    FysiekeBelasting.MIDDEL: 2,
    FysiekeBelasting.ZWAAR: 3,
}


class BeroepBron(models.TextChoices):
    """Where an occupation comes from (``manage.py importeer_beroepen`` sets cbs / esco)."""

    CURATED = "curated", _("Vaste lijst kansrijke beroepen")
    CBS = "cbs", _("CBS BRC 2014 / ISCO-08")
    ESCO = "esco", _("ESCO")
    BEHEER = "beheer", _("Ingevoerd door beheer")


class Beroep(models.Model):
    """An occupation (ISCO-08 unit group, BRC 2014 group) with its requirements.

    ``certificaten`` and ``rijbewijzen`` are lists of codes (e.g. ["vca"], ["C", "code95"]);
    the codes are the same as those in ``Profiel``. ``externe_id`` is the key in the source
    file of an import (ESCO concept URI, or ``isco:<code>`` for CBS), so that a second import
    updates instead of duplicating. Only occupations with ``in_uitstroomperspectief`` (and
    ``actief``) are ranked per person: imported occupations start without it, until a beheerder
    has checked their requirements.
    """

    isco_code = models.CharField(_("ISCO-08 code"), max_length=4, db_index=True)
    naam = models.CharField(_("naam"), max_length=200, unique=True)
    brc_groep = models.CharField(_("BRC 2014 beroepsgroep"), max_length=200, blank=True)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    certificaten = models.JSONField(_("vereiste certificaten"), default=list, blank=True)
    rijbewijzen = models.JSONField(_("vereiste rijbewijzen"), default=list, blank=True)
    taalniveau = models.CharField(
        _("vereist taalniveau"),
        max_length=10,
        choices=Taalniveau.choices,
        default=Taalniveau.NIVEAU_1F,
    )
    fysieke_belasting = models.CharField(
        _("fysieke belasting"),
        max_length=8,
        choices=FysiekeBelasting.choices,
        default=FysiekeBelasting.MIDDEL,
    )
    uren_per_week_min = models.PositiveSmallIntegerField(_("uren per week (minimaal)"), default=16)
    uren_per_week_typisch = models.PositiveSmallIntegerField(
        _("uren per week (gebruikelijk)"), default=32
    )
    kansrijk = models.BooleanField(_("kansrijk"), default=False)
    kansrijk_bron = models.CharField(_("bron kansrijk"), max_length=300, blank=True)
    kansrijk_datum = models.DateField(_("datum bron"), null=True, blank=True)
    actief = models.BooleanField(_("actief"), default=True)
    in_uitstroomperspectief = models.BooleanField(
        _("in het uitstroomperspectief"),
        default=True,
        help_text=_(
            "Alleen deze beroepen worden per persoon gerangschikt. Zet dit pas aan als de eisen "
            "(certificaten, taalniveau, fysieke belasting, uren) kloppen."
        ),
    )
    bron = models.CharField(
        _("herkomst"), max_length=8, choices=BeroepBron.choices, default=BeroepBron.BEHEER
    )
    externe_id = models.CharField(
        _("sleutel in het bronbestand"),
        max_length=300,
        blank=True,
        help_text=_("ESCO-URI of isco:<code> (CBS); leeg bij de vaste lijst en handwerk."),
    )

    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("beroep")
        verbose_name_plural = _("beroepen")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["externe_id"], condition=~Q(externe_id=""), name="beroep_externe_id_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.isco_code})"


class MetingBron(models.TextChoices):
    INTAKE = "intake", _("Brede intake")
    HERONDERZOEK = "heronderzoek", _("Heronderzoek")
    WERKCOACH = "werkcoach", _("Meting door werkcoach")
    ZELFBEOORDELING = "zelfbeoordeling", _("Zelfbeoordeling door de burger")


class Meting(models.Model):
    """One measurement of the ontwikkelperspectief: ZRM scores and the ladder trede on a date.

    Immutable once stored (a new measurement is a new row); the latest professional measurement
    (not a zelfbeoordeling) is the current position.
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="metingen")
    datum = models.DateField(_("datum"), default=timezone.localdate)
    bron = models.CharField(_("bron"), max_length=16, choices=MetingBron.choices)
    trede = models.PositiveSmallIntegerField(
        _("trede participatieladder"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("meting")
        verbose_name_plural = _("metingen")
        ordering = ["-datum", "-id"]
        indexes = [models.Index(fields=["dossier", "bron", "-datum"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(trede__isnull=True) | Q(trede__gte=1, trede__lte=6),
                name="meting_trede_1_tot_6",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_bron_display()} {self.datum}"


class LeefgebiedScore(models.Model):
    meting = models.ForeignKey(Meting, on_delete=models.CASCADE, related_name="scores")
    leefgebied = models.ForeignKey(Leefgebied, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        _("score"),
        choices=ZrmNiveau.choices,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    toelichting = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("score op een leefgebied")
        verbose_name_plural = _("scores op leefgebieden")
        constraints = [
            models.UniqueConstraint(fields=["meting", "leefgebied"], name="een_score_per_gebied"),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="zrm_score_1_tot_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.leefgebied_id}: {self.score}"


class Belemmering(models.Model):
    """A barrier to work, tied to a leefgebied; ``blokkeert_werk`` = it blocks work now."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="belemmeringen")
    leefgebied = models.ForeignKey(Leefgebied, on_delete=models.PROTECT, related_name="+")
    omschrijving = models.TextField(_("omschrijving"))
    blokkeert_werk = models.BooleanField(_("blokkeert werk op dit moment"), default=False)
    actief = models.BooleanField(_("actief"), default=True)
    sinds = models.DateField(_("sinds"), default=timezone.localdate)
    opgelost_op = models.DateField(_("opgelost op"), null=True, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("belemmering")
        verbose_name_plural = _("belemmeringen")
        indexes = [models.Index(fields=["dossier", "actief"])]

    def __str__(self) -> str:
        return self.omschrijving[:60]


class Vaardigheid(models.Model):
    """A skill or competence (also translated from volunteer work: ``bron``)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="vaardigheden")
    naam = models.CharField(_("vaardigheid"), max_length=200)
    bron = models.CharField(
        _("bron"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: vrijwilligerswerk bij de voedselbank."),
    )
    vastgesteld_op = models.DateField(_("vastgesteld op"), default=timezone.localdate)

    class Meta:
        verbose_name = _("vaardigheid")
        verbose_name_plural = _("vaardigheden")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "naam"], name="vaardigheid_uniek")
        ]

    def __str__(self) -> str:
        return self.naam


class Segment(models.TextChoices):
    """Perspective segment (seed 000 §3.1); it proposes a dienstverleningsroute."""

    KANSRIJK = "kansrijk", _("Kansrijk")
    GROTERE_AFSTAND = "grotere_afstand", _("Grotere afstand met haalbaar perspectief")
    ONTDEKKEN = "ontdekken", _("Perspectief ontdekken")
    GEEN_ARBEID = "geen_arbeid", _("Geen arbeidsperspectief")
    ONBEPAALD = "onbepaald", _("Nog niet bepaald")


class Profiel(models.Model):
    """What matching needs about one dossier, in one row (denormalised, kept by services).

    ``scores`` maps leefgebied code -> latest professional score (1-5); ``certificaten`` and
    ``rijbewijzen`` are code lists like Beroep's; ``beroepen_ervaring`` is a list of ISCO codes
    in which the person has experience (paid or volunteer work); ``gewenste_beroepen`` ISCO
    codes the person wants.
    """

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="profiel")
    trede = models.PositiveSmallIntegerField(_("trede"), null=True, blank=True)
    scores = models.JSONField(_("scores per leefgebied"), default=dict, blank=True)
    taalniveau = models.CharField(
        _("taalniveau"), max_length=10, choices=Taalniveau.choices, default=Taalniveau.ONBEKEND
    )
    certificaten = models.JSONField(_("certificaten"), default=list, blank=True)
    rijbewijzen = models.JSONField(_("rijbewijzen"), default=list, blank=True)
    uren_per_week = models.PositiveSmallIntegerField(_("beschikbare uren per week"), default=0)
    max_fysieke_belasting = models.CharField(
        _("maximale fysieke belasting"),
        max_length=8,
        choices=FysiekeBelasting.choices,
        default=FysiekeBelasting.ZWAAR,
    )
    max_reistijd_minuten = models.PositiveSmallIntegerField(_("maximale reistijd"), default=45)
    beroepen_ervaring = models.JSONField(_("werkervaring (ISCO)"), default=list, blank=True)
    gewenste_beroepen = models.JSONField(_("gewenste beroepen (ISCO)"), default=list, blank=True)
    blokkerende_belemmeringen = models.PositiveSmallIntegerField(default=0)
    segment = models.CharField(
        _("segment"), max_length=16, choices=Segment.choices, default=Segment.ONBEPAALD
    )
    zichtbaar_voor_werkgevers = models.BooleanField(
        _("werkprofiel zichtbaar voor werkgevers"), default=False
    )
    bijgewerkt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("profiel")
        verbose_name_plural = _("profielen")
        indexes = [models.Index(fields=["segment", "trede"])]

    def __str__(self) -> str:
        return f"Profiel bij dossier {self.dossier_id}"


class Doelscore(models.Model):
    """The target level on one leefgebied for a date, set by the werkcoach with the burger.

    One current target per dossier and leefgebied (a new target replaces the old one; the
    history keeps every earlier target).
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="doelscores")
    leefgebied = models.ForeignKey(Leefgebied, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        _("doelscore"),
        choices=ZrmNiveau.choices,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    streefdatum = models.DateField(_("streefdatum"))
    toelichting = models.TextField(_("toelichting"), blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    bijgewerkt_op = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("doelscore")
        verbose_name_plural = _("doelscores")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "leefgebied"], name="een_doel_per_gebied"),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="doelscore_1_tot_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.leefgebied_id}: {self.score} op {self.streefdatum}"


class RouteBesluit(models.Model):
    """The werkcoach's decision on segment and dienstverleningsroute, with the reason.

    Immutable: every decision is a new row (the latest is current). The proposal that the
    werkcoach saw (``voorgesteld_segment`` with its ``voorstel_redenen``) is stored beside it.
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="routebesluiten")
    voorgesteld_segment = models.CharField(
        _("voorgesteld segment"), max_length=16, choices=Segment.choices
    )
    voorstel_redenen = models.JSONField(_("redenen van het voorstel"), default=list, blank=True)
    segment = models.CharField(_("segment"), max_length=16, choices=Segment.choices)
    route = models.CharField(_("dienstverleningsroute"), max_length=12, choices=Route.choices)
    reden = models.TextField(_("reden"))
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    besloten_op = models.DateTimeField(_("besloten op"), default=timezone.now)

    class Meta:
        verbose_name = _("besluit over segment en route")
        verbose_name_plural = _("besluiten over segment en route")
        ordering = ["-besloten_op", "-id"]
        indexes = [models.Index(fields=["dossier", "-besloten_op"])]

    def __str__(self) -> str:
        return f"{self.get_segment_display()} / {self.get_route_display()}"

    @property
    def wijkt_af(self) -> bool:
        """The werkcoach chose another segment than proposed."""
        return self.segment != self.voorgesteld_segment
