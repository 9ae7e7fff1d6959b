"""Instrumentenhuis: the catalogue of instruments and providers, and the inzet per dossier.

The catalogue uses the shared categorisation of ``perspectief`` (leefgebieden with a ZRM level
range, participatieladder treden from -> to, beroepen, certificate codes), so that matching a
profile against the instruments is a query plus a little arithmetic (``instrumentenhuis.matching``).

Budget and capacity are enforced in the database: one ``InstrumentJaar`` row per instrument per
year holds the reserved money and places, guarded by check constraints and locked with
``select_for_update`` when a request is approved (``services.keur_goed``).

Status changes of an ``Inzet`` follow ``TOEGESTANE_OVERGANGEN``; each one is a row in
``InzetOvergang`` and a line in the journaal of the dossier.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from bijstand.accounts.models import SysteemClient
from bijstand.core.history import history_user
from bijstand.dossiers.models import Dossier, Taalniveau
from perspectief.models import Beroep, Leefgebied

GELD = {"max_digits": 12, "decimal_places": 2}
NUL = Decimal("0.00")


class Categorie(models.TextChoices):
    """The categories of the instrumentenhuis (domain §4)."""

    WERKGEVERSINSTRUMENTEN = "werkgeversinstrumenten", _("Werkgeversinstrumenten")
    WERKPLEKKEN = "werkplekken", _("Werkplekken met behoud van uitkering")
    BESCHUT_BEGELEID = "beschut_begeleid", _("Beschut en begeleid werk")
    SCHOLING = "scholing", _("Scholing")
    TAAL = "taal", _("Taal")
    SCHULDEN = "schulden", _("Schulden en bestaanszekerheid")
    ZORG = "zorg", _("Zorg en gezondheid")
    ACTIVERING = "activering", _("Activering en participatie")
    RANDVOORWAARDEN = "randvoorwaarden", _("Randvoorwaarden")


class WerkgeversinstrumentSoort(models.TextChoices):
    """Which employer instrument a catalogue entry is (only for that category)."""

    LOONKOSTENSUBSIDIE = "loonkostensubsidie", _("Loonkostensubsidie")
    NO_RISKPOLIS = "no_riskpolis", _("No-riskpolis")
    PROEFPLAATSING = "proefplaatsing", _("Proefplaatsing")
    JOBCOACHING = "jobcoaching", _("Jobcoaching")
    WERKPLEKVOORZIENING = "werkplekvoorziening", _("Werkplekvoorziening")


# --------------------------------------------------------------------------------------------
# providers


class Aanbieder(models.Model):
    """A provider of instruments. Its systems report through the API with their own token.

    ``systeemclient`` is the provider's token (a ``SysteemClient`` with the scope
    ``instrumentenhuis:rapporteren``; only the SHA-256 of the token is stored), the same
    approach as the payroll token of ``inkomen.Werkgever``.
    """

    naam = models.CharField(_("naam"), max_length=200, unique=True)
    kvk_nummer = models.CharField(_("KvK-nummer"), max_length=8, blank=True)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    telefoon = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    systeemclient = models.OneToOneField(
        SysteemClient,
        verbose_name=_("systeemkoppeling (API-token)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="aanbieder",
    )
    actief = models.BooleanField(_("actief"), default=True)

    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("aanbieder")
        verbose_name_plural = _("aanbieders")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class AanbiederContact(models.Model):
    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.CASCADE, related_name="contacten")
    naam = models.CharField(_("naam"), max_length=200)
    functie = models.CharField(_("functie"), max_length=200, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    telefoon = models.CharField(_("telefoonnummer"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


# --------------------------------------------------------------------------------------------
# catalogue


class Instrument(models.Model):
    """One instrument of the catalogue (domain §4, "suggested record")."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    naam = models.CharField(_("naam"), max_length=200, unique=True)
    categorie = models.CharField(_("categorie"), max_length=24, choices=Categorie.choices)
    werkgeversinstrument = models.CharField(
        _("soort werkgeversinstrument"),
        max_length=20,
        choices=WerkgeversinstrumentSoort.choices,
        blank=True,
        help_text=_("Alleen bij de categorie werkgeversinstrumenten."),
    )
    aanbieder = models.ForeignKey(
        Aanbieder,
        verbose_name=_("aanbieder"),
        on_delete=models.PROTECT,
        related_name="instrumenten",
    )
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    doelgroep = models.CharField(_("doelgroep"), max_length=300, blank=True)
    minimum_leeftijd = models.PositiveSmallIntegerField(
        _("minimumleeftijd"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(67)],
        help_text=_("Bijvoorbeeld 27 voor een participatieplaats (art. 10a)."),
    )
    trede_van = models.PositiveSmallIntegerField(
        _("vanaf trede"), default=1, validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    trede_tot = models.PositiveSmallIntegerField(
        _("tot en met trede"), default=6, validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    beroepen = models.ManyToManyField(
        Beroep, verbose_name=_("beroepen"), blank=True, related_name="instrumenten"
    )
    certificaten = models.JSONField(
        _("certificaten die het oplevert"),
        default=list,
        blank=True,
        help_text=_('Codes, bijvoorbeeld ["vca"].'),
    )
    taalniveau_doel = models.CharField(
        _("leidt op tot taalniveau"),
        max_length=10,
        choices=Taalniveau.choices,
        blank=True,
        help_text=_("Bij taalinstrumenten: het niveau waartoe het opleidt."),
    )
    uren_per_week = models.PositiveSmallIntegerField(
        _("uren per week"), default=0, validators=[MaxValueValidator(40)]
    )
    max_duur_weken = models.PositiveSmallIntegerField(
        _("maximale duur (weken)"), null=True, blank=True
    )
    wettelijke_grondslag = models.CharField(_("wettelijke grondslag"), max_length=300, blank=True)
    kosten_per_deelnemer = models.DecimalField(
        _("kosten per deelnemer"), default=NUL, validators=[MinValueValidator(NUL)], **GELD
    )
    jaarbudget = models.DecimalField(
        _("jaarbudget"),
        null=True,
        blank=True,
        validators=[MinValueValidator(NUL)],
        help_text=_("Leeg: geen budgetgrens. Startwaarde voor elk nieuw jaar."),
        **GELD,
    )
    capaciteit_per_jaar = models.PositiveIntegerField(
        _("capaciteit per jaar (plaatsen)"),
        null=True,
        blank=True,
        help_text=_("Leeg: geen grens. Startwaarde voor elk nieuw jaar."),
    )
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    actief = models.BooleanField(_("actief"), default=True)

    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instrumenten")
        ordering = ["categorie", "naam"]
        indexes = [models.Index(fields=["categorie", "actief"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(trede_van__gte=1, trede_tot__lte=6, trede_van__lte=F("trede_tot")),
                name="ih_instrument_treden_1_tot_6",
                violation_error_message=_(
                    "De treden liggen tussen 1 en 6 en 'vanaf' is niet hoger dan 'tot en met'."
                ),
            ),
            models.CheckConstraint(
                condition=Q(werkgeversinstrument="") | Q(categorie="werkgeversinstrumenten"),
                name="ih_werkgeversinstrument_alleen_in_categorie",
                violation_error_message=_(
                    "Een soort werkgeversinstrument hoort alleen bij de categorie "
                    "werkgeversinstrumenten."
                ),
            ),
            models.CheckConstraint(
                condition=Q(kosten_per_deelnemer__gte=0), name="ih_instrument_kosten_niet_negatief"
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class InstrumentLeefgebied(models.Model):
    """A leefgebied the instrument addresses, with the ZRM level range it is meant for."""

    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="leefgebied_bereiken"
    )
    leefgebied = models.ForeignKey(
        Leefgebied, verbose_name=_("leefgebied"), on_delete=models.PROTECT, related_name="+"
    )
    niveau_van = models.PositiveSmallIntegerField(
        _("vanaf niveau"), default=1, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    niveau_tot = models.PositiveSmallIntegerField(
        _("tot en met niveau"), default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = _("leefgebied van een instrument")
        verbose_name_plural = _("leefgebieden van een instrument")
        ordering = ["leefgebied__nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "leefgebied"], name="ih_instrument_leefgebied_uniek"
            ),
            models.CheckConstraint(
                condition=Q(niveau_van__gte=1, niveau_tot__lte=5, niveau_van__lte=F("niveau_tot")),
                name="ih_instrument_niveau_1_tot_5",
                violation_error_message=_(
                    "Het niveau ligt tussen 1 en 5 en 'vanaf' is niet hoger dan 'tot en met'."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.leefgebied_id}: {self.niveau_van}-{self.niveau_tot}"


class InstrumentJaar(models.Model):
    """Budget and capacity of one instrument in one year, and what is reserved of them.

    ``besteed`` and ``bezet`` grow when a request is approved (under a row lock) and shrink when
    an approved inzet is stopped before it started. The check constraints are the last line of
    defence: no code path can reserve beyond the budget or the capacity.
    """

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="jaren")
    jaar = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    budget = models.DecimalField(
        _("budget"), null=True, blank=True, help_text=_("Leeg: geen grens."), **GELD
    )
    capaciteit = models.PositiveIntegerField(
        _("capaciteit (plaatsen)"), null=True, blank=True, help_text=_("Leeg: geen grens.")
    )
    besteed = models.DecimalField(_("gereserveerd bedrag"), default=NUL, **GELD)
    bezet = models.PositiveIntegerField(_("bezette plaatsen"), default=0)

    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("budget en capaciteit per jaar")
        verbose_name_plural = _("budgetten en capaciteit per jaar")
        ordering = ["instrument", "-jaar"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "jaar"], name="ih_een_budget_per_jaar"),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(besteed__lte=F("budget")),
                name="ih_budget_niet_overschreden",
                violation_error_message=_("Het gereserveerde bedrag is hoger dan het budget."),
            ),
            models.CheckConstraint(
                condition=Q(capaciteit__isnull=True) | Q(bezet__lte=F("capaciteit")),
                name="ih_capaciteit_niet_overschreden",
                violation_error_message=_("Er zijn meer plaatsen bezet dan de capaciteit."),
            ),
            models.CheckConstraint(
                condition=Q(besteed__gte=0) & Q(bezet__gte=0), name="ih_reservering_niet_negatief"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} {self.jaar}"

    @property
    def budget_over(self) -> Decimal | None:
        return None if self.budget is None else self.budget - self.besteed

    @property
    def plaatsen_over(self) -> int | None:
        return None if self.capaciteit is None else self.capaciteit - self.bezet


class Minimumloon(models.Model):
    """The statutory minimum wage per hour (WML) from a date, and the LKS cap (art. 10d).

    Data, not code: a functioneel beheerder adds a row for each change (twice a year).
    """

    geldig_vanaf = models.DateField(_("geldig vanaf"), unique=True)
    per_uur = models.DecimalField(
        _("minimumloon per uur"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    lks_maximum_pct = models.DecimalField(
        _("maximale loonkostensubsidie (% van het WML)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("70.00"),
        validators=[MinValueValidator(NUL), MaxValueValidator(Decimal("100"))],
    )
    bron = models.CharField(_("bron"), max_length=300, blank=True)

    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("wettelijk minimumloon")
        verbose_name_plural = _("wettelijk minimumloon")
        ordering = ["-geldig_vanaf"]

    def __str__(self) -> str:
        return _("WML vanaf %(datum)s") % {"datum": self.geldig_vanaf.strftime("%d-%m-%Y")}


# --------------------------------------------------------------------------------------------
# inzet per dossier


class InzetStatus(models.TextChoices):
    AANVRAAG = "aanvraag", _("Aangevraagd")
    WACHTLIJST = "wachtlijst", _("Op de wachtlijst")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")
    GESTART = "gestart", _("Gestart")
    AFGEROND = "afgerond", _("Afgerond")
    GESTOPT = "gestopt", _("Gestopt")


# Allowed transitions (from -> {to}); every change is an InzetOvergang and a journaal line.
TOEGESTANE_OVERGANGEN: dict[str, frozenset[str]] = {
    InzetStatus.AANVRAAG: frozenset(
        {InzetStatus.GOEDGEKEURD, InzetStatus.WACHTLIJST, InzetStatus.GESTOPT}
    ),
    InzetStatus.WACHTLIJST: frozenset({InzetStatus.GOEDGEKEURD, InzetStatus.GESTOPT}),
    InzetStatus.GOEDGEKEURD: frozenset({InzetStatus.GESTART, InzetStatus.GESTOPT}),
    InzetStatus.GESTART: frozenset({InzetStatus.AFGEROND, InzetStatus.GESTOPT}),
    InzetStatus.AFGEROND: frozenset(),
    InzetStatus.GESTOPT: frozenset(),
}

# A person has at most one of these per instrument at the same time (database constraint).
ACTIEVE_INZET_STATUSSEN = (
    InzetStatus.AANVRAAG,
    InzetStatus.WACHTLIJST,
    InzetStatus.GOEDGEKEURD,
    InzetStatus.GESTART,
)
# These hold a reservation on the budget and capacity of their year.
RESERVERENDE_STATUSSEN = (InzetStatus.GOEDGEKEURD, InzetStatus.GESTART, InzetStatus.AFGEROND)


class Resultaat(models.TextChoices):
    CERTIFICAAT = "certificaat", _("Certificaat behaald")
    TREDE_OMHOOG = "trede_omhoog", _("Trede omhoog op de participatieladder")
    WERK = "werk", _("Werk gevonden")
    DEELNAME = "deelname", _("Deelgenomen, zonder formeel resultaat")


class Stopreden(models.TextChoices):
    AFGEWEZEN = "afgewezen", _("Aanvraag afgewezen")
    INGETROKKEN = "ingetrokken", _("Aanvraag ingetrokken")
    UITVAL = "uitval", _("Uitgevallen (niet meer gekomen)")
    GEZONDHEID = "gezondheid", _("Gezondheid")
    WERK = "werk", _("Werk gevonden")
    NIET_PASSEND = "niet_passend", _("Bleek niet passend")
    VERHUISD = "verhuisd", _("Verhuisd")
    OVERIG = "overig", _("Overig")


class Inzet(models.Model):
    """One instrument deployed for one dossier (several can run at once)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="inzetten")
    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="inzetten"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=InzetStatus.choices, default=InzetStatus.AANVRAAG
    )
    toelichting = models.TextField(_("motivatie"), blank=True)
    uren_per_week = models.PositiveSmallIntegerField(
        _("uren per week"), default=0, validators=[MaxValueValidator(40)]
    )
    begindatum = models.DateField(_("beoogde startdatum"), default=timezone.localdate)
    einddatum = models.DateField(_("geplande einddatum"), null=True, blank=True)
    gestart_op = models.DateField(_("gestart op"), null=True, blank=True)
    beeindigd_op = models.DateField(_("beëindigd op"), null=True, blank=True)
    # Reservation on InstrumentJaar (set at approval, released when stopped before the start).
    budgetjaar = models.PositiveSmallIntegerField(_("budgetjaar"), null=True, blank=True)
    gereserveerd = models.DecimalField(_("gereserveerd bedrag"), null=True, blank=True, **GELD)
    wachtlijst_sinds = models.DateTimeField(_("op de wachtlijst sinds"), null=True, blank=True)
    resultaat = models.CharField(
        _("resultaat"), max_length=14, choices=Resultaat.choices, blank=True
    )
    resultaat_certificaat = models.CharField(_("behaald certificaat"), max_length=40, blank=True)
    resultaat_trede = models.PositiveSmallIntegerField(
        _("nieuwe trede"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
    )
    stopreden = models.CharField(
        _("reden van stoppen"), max_length=14, choices=Stopreden.choices, blank=True
    )
    # Werkgeversinstrumenten: the placement is owned by the vacatures app; referred to by id
    # only (no foreign key, so that instrumentenhuis does not import vacatures).
    werkgever_naam = models.CharField(_("werkgever"), max_length=200, blank=True)
    plaatsing_id = models.PositiveIntegerField(_("plaatsing (nummer)"), null=True, blank=True)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    gewijzigd_op = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("inzet")
        verbose_name_plural = _("inzetten")
        ordering = ["-aangemaakt_op", "-id"]
        indexes = [
            models.Index(fields=["dossier", "status"]),
            models.Index(fields=["instrument", "budgetjaar", "status", "wachtlijst_sinds"]),
            models.Index(fields=["status", "begindatum"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "instrument"],
                condition=Q(status__in=["aanvraag", "wachtlijst", "goedgekeurd", "gestart"]),
                name="ih_een_actieve_inzet_per_instrument",
            ),
            models.CheckConstraint(
                condition=~Q(status="afgerond") | Q(resultaat__gt=""),
                name="ih_afgerond_met_resultaat",
            ),
            models.CheckConstraint(
                condition=~Q(status="gestopt") | Q(stopreden__gt=""),
                name="ih_gestopt_met_reden",
            ),
            models.CheckConstraint(
                condition=~Q(status="wachtlijst") | Q(wachtlijst_sinds__isnull=False),
                name="ih_wachtlijst_met_datum",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["goedgekeurd", "gestart", "afgerond"])
                | Q(budgetjaar__isnull=False, gereserveerd__isnull=False),
                name="ih_goedgekeurd_met_reservering",
            ),
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=F("begindatum")),
                name="ih_inzet_eind_na_begin",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} ({self.get_status_display()})"

    @property
    def is_actief(self) -> bool:
        return self.status in ACTIEVE_INZET_STATUSSEN

    @property
    def volgende_statussen(self) -> frozenset[str]:
        return TOEGESTANE_OVERGANGEN.get(self.status, frozenset())


class JobcoachSoort(models.TextChoices):
    INTERN = "intern", _("Interne jobcoach (bij de werkgever)")
    EXTERN = "extern", _("Externe jobcoach")
    GEMEENTELIJK = "gemeentelijk", _("Jobcoach van de gemeente")


class Bron(models.TextChoices):
    WERKCOACH = "werkcoach", _("Werkcoach")
    AANBIEDER = "aanbieder", _("Aanbieder (via de API)")
    AANBIEDER_VIA_WERKCOACH = "aanbieder_werkcoach", _("Aanbieder (vastgelegd door werkcoach)")


class InzetOvergang(models.Model):
    """One recorded status change of an inzet (append-only)."""

    inzet = models.ForeignKey(Inzet, on_delete=models.CASCADE, related_name="overgangen")
    van = models.CharField(max_length=12, choices=InzetStatus.choices, blank=True)
    naar = models.CharField(max_length=12, choices=InzetStatus.choices)
    toelichting = models.TextField(blank=True)
    bron = models.CharField(max_length=20, choices=Bron.choices, default=Bron.WERKCOACH)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("statuswijziging van een inzet")
        verbose_name_plural = _("statuswijzigingen van inzetten")
        ordering = ["op", "id"]

    def __str__(self) -> str:
        return f"{self.van or '-'} -> {self.naar}"


class RapportageSoort(models.TextChoices):
    VOORTGANG = "voortgang", _("Voortgang")
    GESTART = "gestart", _("Deelnemer is gestart")
    AFGEROND = "afgerond", _("Afgerond")
    GESTOPT = "gestopt", _("Gestopt")


class Rapportage(models.Model):
    """A provider's report on an inzet: progress, or its start or outcome (append-only).

    From the provider's system (``bron`` aanbieder, ``externe_referentie`` makes a repeated
    delivery harmless) or recorded by the werkcoach on the provider's behalf.
    """

    inzet = models.ForeignKey(Inzet, on_delete=models.CASCADE, related_name="rapportages")
    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.PROTECT, related_name="rapportages")
    soort = models.CharField(_("soort"), max_length=10, choices=RapportageSoort.choices)
    datum = models.DateField(_("datum"), default=timezone.localdate)
    aanwezigheid_pct = models.PositiveSmallIntegerField(
        _("aanwezigheid (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    tekst = models.TextField(_("rapportage"), blank=True)
    resultaat = models.CharField(
        _("resultaat"), max_length=14, choices=Resultaat.choices, blank=True
    )
    certificaat = models.CharField(_("certificaat"), max_length=40, blank=True)
    stopreden = models.CharField(
        _("reden van stoppen"), max_length=14, choices=Stopreden.choices, blank=True
    )
    bron = models.CharField(max_length=20, choices=Bron.choices)
    externe_referentie = models.CharField(_("kenmerk aanbieder"), max_length=100, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ontvangen_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("rapportage van een aanbieder")
        verbose_name_plural = _("rapportages van aanbieders")
        ordering = ["-datum", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["aanbieder", "externe_referentie"],
                condition=~Q(externe_referentie=""),
                name="ih_rapportage_kenmerk_uniek",
            ),
            models.CheckConstraint(
                condition=Q(aanwezigheid_pct__isnull=True) | Q(aanwezigheid_pct__lte=100),
                name="ih_aanwezigheid_tot_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.datum}"


class Werkgeversafspraak(models.Model):
    """The employer instrument on a placement: LKS, no-riskpolis, proefplaatsing, jobcoaching.

    For a loonkostensubsidie the computed subsidy is stored with its inputs (WML per hour,
    hours, loonwaarde, cap) and the rule lines that produced it (``berekening``).
    """

    inzet = models.OneToOneField(Inzet, on_delete=models.CASCADE, related_name="werkgeversafspraak")
    soort = models.CharField(_("soort"), max_length=20, choices=WerkgeversinstrumentSoort.choices)
    ingangsdatum = models.DateField(_("ingangsdatum"))
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    # proefplaatsing
    beoogd_contract_maanden = models.PositiveSmallIntegerField(
        _("beoogd contract (maanden)"), null=True, blank=True
    )
    # jobcoaching
    jobcoach_soort = models.CharField(
        _("soort jobcoaching"), max_length=20, choices=JobcoachSoort.choices, blank=True
    )
    # loonkostensubsidie: inputs and outcome
    loonwaarde_pct = models.DecimalField(
        _("loonwaarde (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(NUL), MaxValueValidator(Decimal("100"))],
    )
    loonwaardemeting_datum = models.DateField(_("datum loonwaardemeting"), null=True, blank=True)
    uren_per_week = models.DecimalField(
        _("contracturen per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    wml_per_uur = models.DecimalField(
        _("WML per uur"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    wml_geldig_vanaf = models.DateField(_("WML geldig vanaf"), null=True, blank=True)
    lks_maximum_pct = models.DecimalField(
        _("maximum (% WML)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    wml_maand = models.DecimalField(_("WML per maand"), null=True, blank=True, **GELD)
    subsidie_maand = models.DecimalField(
        _("loonkostensubsidie per maand"), null=True, blank=True, **GELD
    )
    berekening = models.JSONField(_("berekening"), default=list, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("werkgeversafspraak")
        verbose_name_plural = _("werkgeversafspraken")
        constraints = [
            models.CheckConstraint(
                condition=~Q(soort="proefplaatsing")
                | Q(beoogd_contract_maanden__gte=6, einddatum__isnull=False),
                name="ih_proefplaatsing_met_contract_van_6_maanden",
            ),
            models.CheckConstraint(
                condition=~Q(soort="loonkostensubsidie")
                | Q(loonwaarde_pct__isnull=False, subsidie_maand__isnull=False),
                name="ih_lks_met_loonwaarde_en_subsidie",
            ),
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=F("ingangsdatum")),
                name="ih_afspraak_eind_na_begin",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} bij inzet {self.inzet_id}"
