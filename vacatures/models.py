"""Werkgeversdienstverlening: werkgevers, vacatures, voordrachten and plaatsingen (ADR 0004).

A vacancy is matched against every ``perspectief.Profiel`` (one row per dossier) with
``perspectief.matching.beoordeel``; see ``vacatures.selectors.match_vacature``. A werkcoach
proposes (voordracht) candidates from their own caseload; a proposal goes through an
allowed-transition table (``TOEGESTANE_OVERGANGEN``) to an interview (gesprek) and ends in a
placement (plaatsing) or a rejection (afgewezen), every step recorded in ``VoordrachtWijziging``
and in the dossier's journaal.

The vacatures ``Werkgever`` is account management (contacts, SROI, inclusive employer); the
inkomen ``Werkgever`` is a payroll connection. They are separate records for now (ADR 0004).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from bijstand.core.history import history_user
from bijstand.dossiers.models import Dossier, Taalniveau, Wijk
from perspectief.models import Beroep, FysiekeBelasting

from .validators import validate_kvk_nummer


class Werkgever(models.Model):
    naam = models.CharField(_("naam"), max_length=200)
    kvk_nummer = models.CharField(
        _("KvK-nummer"), max_length=8, unique=True, validators=[validate_kvk_nummer]
    )
    sector = models.CharField(_("sector"), max_length=100, blank=True)
    plaats = models.CharField(_("plaats"), max_length=100, default="Rotterdam")
    inclusief = models.BooleanField(
        _("inclusieve werkgever"),
        default=False,
        help_text=_(
            "Organiseert werk voor de doelgroep, betaalt naar vermogen, zet loonkostensubsidie "
            "en garantiebanen in en begeleidt op de werkvloer."
        ),
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    actief = models.BooleanField(_("actief"), default=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("werkgever")
        verbose_name_plural = _("werkgevers")
        ordering = ["naam", "pk"]
        indexes = [models.Index(fields=["naam"])]

    def __str__(self) -> str:
        return self.naam


class Contactpersoon(models.Model):
    """A contact at the employer (not a werkzoekende: no dataverwerkingen log)."""

    werkgever = models.ForeignKey(
        Werkgever, on_delete=models.CASCADE, related_name="contactpersonen"
    )
    naam = models.CharField(_("naam"), max_length=200)
    functie = models.CharField(_("functie"), max_length=100, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    telefoon = models.CharField(_("telefoonnummer"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        ordering = ["naam", "pk"]

    def __str__(self) -> str:
        return self.naam


class SroiAfspraak(models.Model):
    """Social return (SROI) agreed in a municipal contract: placements the employer owes."""

    werkgever = models.ForeignKey(
        Werkgever, on_delete=models.CASCADE, related_name="sroi_afspraken"
    )
    omschrijving = models.CharField(_("opdracht of afspraak"), max_length=300)
    aantal_plaatsingen = models.PositiveSmallIntegerField(
        _("afgesproken aantal plaatsingen"), validators=[MinValueValidator(1)]
    )
    van = models.DateField(_("van"))
    tot = models.DateField(_("tot en met"))

    class Meta:
        verbose_name = _("SROI-afspraak")
        verbose_name_plural = _("SROI-afspraken")
        ordering = ["-tot", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(tot__gte=F("van")), name="sroi_periode"),
            models.CheckConstraint(condition=Q(aantal_plaatsingen__gte=1), name="sroi_minstens_1"),
        ]

    def __str__(self) -> str:
        return self.omschrijving


class VacatureStatus(models.TextChoices):
    OPEN = "open", _("Open")
    VERVULD = "vervuld", _("Vervuld")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class Vacature(models.Model):
    """A vacancy with the requirements matching compares with each Profiel.

    ``certificaten`` and ``rijbewijzen`` are code lists of ``perspectief.referentie``
    (the same codes as Beroep and Profiel).
    """

    werkgever = models.ForeignKey(Werkgever, on_delete=models.PROTECT, related_name="vacatures")
    titel = models.CharField(_("titel"), max_length=200)
    beroep = models.ForeignKey(
        Beroep, verbose_name=_("beroep"), on_delete=models.PROTECT, related_name="+"
    )
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    aantal_plaatsen = models.PositiveSmallIntegerField(
        _("aantal plaatsen"), default=1, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
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
    uren_per_week_min = models.PositiveSmallIntegerField(
        _("uren per week (minimaal)"), default=24, validators=[MaxValueValidator(40)]
    )
    uren_per_week_max = models.PositiveSmallIntegerField(
        _("uren per week (maximaal)"), default=36, validators=[MaxValueValidator(40)]
    )
    wijk = models.ForeignKey(
        Wijk, verbose_name=_("wijk"), null=True, blank=True, on_delete=models.PROTECT
    )
    locatie = models.CharField(
        _("werklocatie"),
        max_length=200,
        blank=True,
        help_text=_("Vul dit in als de werkplek niet in een Rotterdamse wijk ligt."),
    )
    garantiebaan = models.BooleanField(_("geschikt als garantiebaan"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=VacatureStatus.choices, default=VacatureStatus.OPEN
    )
    sluitdatum = models.DateField(_("sluitdatum"), null=True, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("vacature")
        verbose_name_plural = _("vacatures")
        ordering = ["-aangemaakt_op", "-pk"]
        indexes = [
            models.Index(fields=["status", "sluitdatum"]),
            models.Index(fields=["beroep", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(uren_per_week_max__gte=F("uren_per_week_min")),
                name="vacature_uren_bereik",
            ),
            models.CheckConstraint(condition=Q(aantal_plaatsen__gte=1), name="vacature_plaatsen"),
        ]

    def __str__(self) -> str:
        return f"{self.titel} ({self.werkgever})"

    @property
    def werklocatie(self) -> str:
        return str(self.wijk) if self.wijk_id else self.locatie


class VoordrachtStatus(models.TextChoices):
    VOORGEDRAGEN = "voorgedragen", _("Voorgedragen")
    GESPREK = "gesprek", _("Gesprek gepland")
    GEPLAATST = "geplaatst", _("Geplaatst")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


# Allowed transitions (from -> {to}); a second interview is a new gesprek.
TOEGESTANE_OVERGANGEN: dict[str, frozenset[str]] = {
    VoordrachtStatus.VOORGEDRAGEN: frozenset(
        {VoordrachtStatus.GESPREK, VoordrachtStatus.AFGEWEZEN}
    ),
    VoordrachtStatus.GESPREK: frozenset(
        {VoordrachtStatus.GESPREK, VoordrachtStatus.GEPLAATST, VoordrachtStatus.AFGEWEZEN}
    ),
    VoordrachtStatus.GEPLAATST: frozenset(),
    VoordrachtStatus.AFGEWEZEN: frozenset(),
}
LOPENDE_STATUSSEN = (VoordrachtStatus.VOORGEDRAGEN, VoordrachtStatus.GESPREK)


class Afwijzingsreden(models.TextChoices):
    WERKGEVER_KIEST_ANDER = "werkgever_kiest_ander", _("Werkgever kiest een andere kandidaat")
    PAST_NIET = "past_niet", _("Kandidaat past niet bij de functie")
    KANDIDAAT_ZIET_AF = "kandidaat_ziet_af", _("Kandidaat ziet af")
    GEEN_REACTIE = "geen_reactie", _("Geen reactie van de werkgever")
    VACATURE_GESLOTEN = "vacature_gesloten", _("Vacature vervuld of ingetrokken")
    OVERIG = "overig", _("Overig")


class Voordracht(models.Model):
    """A candidate proposed for a vacancy by the dossier's werkcoach.

    ``score``, ``tekorten`` and ``pluspunten`` are the fit at the moment of proposing (the
    profile changes later; the proposal keeps what it was based on).
    """

    vacature = models.ForeignKey(Vacature, on_delete=models.PROTECT, related_name="voordrachten")
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="voordrachten")
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=VoordrachtStatus.choices,
        default=VoordrachtStatus.VOORGEDRAGEN,
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    score = models.PositiveSmallIntegerField(_("match-score bij voordracht"))
    tekorten = models.JSONField(_("tekorten bij voordracht"), default=list, blank=True)
    pluspunten = models.JSONField(_("pluspunten bij voordracht"), default=list, blank=True)
    gesprek_op = models.DateTimeField(_("gesprek op"), null=True, blank=True)
    afwijzingsreden = models.CharField(
        _("reden afwijzing"), max_length=24, choices=Afwijzingsreden.choices, blank=True
    )
    voorgedragen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    voorgedragen_op = models.DateTimeField(default=timezone.now)
    gewijzigd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("voordracht")
        verbose_name_plural = _("voordrachten")
        ordering = ["-voorgedragen_op", "-pk"]
        indexes = [
            models.Index(fields=["vacature", "status"]),
            models.Index(fields=["dossier", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["vacature", "dossier"],
                condition=Q(status__in=["voorgedragen", "gesprek", "geplaatst"]),
                name="een_lopende_voordracht_per_vacature",
            ),
            models.CheckConstraint(
                condition=Q(status="afgewezen", afwijzingsreden__gt="") | ~Q(status="afgewezen"),
                name="afgewezen_met_reden",
            ),
        ]

    def __str__(self) -> str:
        return f"Voordracht {self.pk}"

    @property
    def is_lopend(self) -> bool:
        return self.status in LOPENDE_STATUSSEN


class VoordrachtWijziging(models.Model):
    """One recorded transition of a Voordracht (who, when, from, to, why)."""

    voordracht = models.ForeignKey(Voordracht, on_delete=models.CASCADE, related_name="wijzigingen")
    van = models.CharField(max_length=12, choices=VoordrachtStatus.choices, blank=True)
    naar = models.CharField(max_length=12, choices=VoordrachtStatus.choices)
    toelichting = models.TextField(blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("wijziging van een voordracht")
        verbose_name_plural = _("wijzigingen van voordrachten")
        ordering = ["-op", "-pk"]

    def __str__(self) -> str:
        return f"{self.van or '-'} -> {self.naar}"


class Plaatsing(models.Model):
    """A placement: the candidate starts working. Moves the dossier toward uitstroom naar werk.

    ``contract_maanden`` None means a contract for an indefinite period.
    """

    voordracht = models.OneToOneField(
        Voordracht, on_delete=models.CASCADE, related_name="plaatsing"
    )
    vacature = models.ForeignKey(Vacature, on_delete=models.PROTECT, related_name="plaatsingen")
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="plaatsingen")
    startdatum = models.DateField(_("startdatum"))
    contracturen = models.PositiveSmallIntegerField(
        _("contracturen per week"), validators=[MinValueValidator(1), MaxValueValidator(40)]
    )
    contract_maanden = models.PositiveSmallIntegerField(
        _("duur van het contract (maanden)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Leeg laten bij een contract voor onbepaalde tijd."),
    )
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    geregistreerd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("plaatsing")
        verbose_name_plural = _("plaatsingen")
        ordering = ["-startdatum", "-pk"]
        indexes = [
            models.Index(fields=["startdatum"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(contracturen__gte=1, contracturen__lte=40),
                name="plaatsing_contracturen",
            ),
        ]

    def __str__(self) -> str:
        return f"Plaatsing {self.pk}"
