"""Werkloont, Iedereen doet mee naar vermogen, werkactiviteiten and the werkweekagenda.

- ``Urennorm``: every hour norm of the schedules (Werkloont 16 + 12 h/week for at most 15 weeks,
  Iedereen doet mee 20 h/week as minimum or maximum, the 32-hour direction, at most 24 h a day,
  the threshold for repeated unexplained absence) as data with ``geldig_vanaf``; seeded by
  migration, edited by the functioneel beheerder in the admin.
- Catalogue: ``Locatie``, ``Begeleider``, ``Werkactiviteit`` (linked to ``perspectief.Beroep``),
  ``WerkactiviteitPlek`` (an activity at a location with capacity and begeleiders) and
  ``Trainingsgroep`` (a Werkloont training cohort with its weekly ``Groepsmoment`` rows).
- ``Traject``: one enrolment in Werkloont or Iedereen doet mee (one active per dossier).
- ``Agenda``: one per person (dossier); the row every planning change locks, and the holder of
  the hashed iCalendar token.
- ``Activiteit``: what is planned (single or weekly), with location and responsible person;
  ``Afspraak``: its occurrences on dates (what is shown, counted, registered and locked).
  Occurrences of a weekly activity on a Dutch public holiday are kept with status ``feestdag``
  (shown as such, not counted).
- ``Weekafsluiting``: an approved past week; afterwards its occurrences cannot change (service
  check plus a database trigger, see ``werkloont/db.py``).
- ``Signaal``: what the weekly check reports to the werkcoach.

Hours are stored as whole minutes on occurrences; norms are hours (Decimal, one decimal).
Writes go through :mod:`werkloont.services`.
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
from bijstand.dossiers.models import Dossier, Wijk
from perspectief.models import Beroep

UREN = {"max_digits": 4, "decimal_places": 1}
MINUTEN_PER_DAG = 24 * 60


# --------------------------------------------------------------------------------------------
# hour norms as data


class NormSoort(models.TextChoices):
    MINIMUM = "minimum", _("Minimum (minstens)")
    MAXIMUM = "maximum", _("Maximum (hoogstens)")


class Urennorm(models.Model):
    """The hour norms in force from ``geldig_vanaf`` until the next version."""

    geldig_vanaf = models.DateField(_("geldig vanaf"), unique=True)
    werkloont_max_weken = models.PositiveSmallIntegerField(
        _("Werkloont: maximale duur (weken)"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(104)],
    )
    werkloont_werk_min_uren = models.DecimalField(
        _("Werkloont: werkcomponent minimaal (uur per week)"),
        default=Decimal("16.0"),
        validators=[MinValueValidator(Decimal("0"))],
        **UREN,
    )
    werkloont_training_min_uren = models.DecimalField(
        _("Werkloont: trainingscomponent minimaal (uur per week)"),
        default=Decimal("12.0"),
        validators=[MinValueValidator(Decimal("0"))],
        **UREN,
    )
    idm_standaard_uren = models.DecimalField(
        _("Iedereen doet mee: standaardnorm (uur per week)"),
        default=Decimal("20.0"),
        validators=[MinValueValidator(Decimal("0"))],
        **UREN,
    )
    idm_norm_soort = models.CharField(
        _("Iedereen doet mee: de standaardnorm is een"),
        max_length=8,
        choices=NormSoort.choices,
        default=NormSoort.MAXIMUM,
        help_text=_(
            "Het beleid zegt 'tot 20 uur per week' (maximum); de website van de gemeente zegt "
            "'minimaal 20 uur' (minimum). Een persoonlijke norm naar vermogen gaat altijd voor."
        ),
    )
    richting_uren = models.DecimalField(
        _("Werkweekagenda: richting (uur per week)"),
        default=Decimal("32.0"),
        validators=[MinValueValidator(Decimal("1"))],
        **UREN,
    )
    max_uren_per_dag = models.DecimalField(
        _("Werkweekagenda: maximaal per dag (uur)"),
        default=Decimal("24.0"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("24"))],
        **UREN,
    )
    afwezig_signaal_aantal = models.PositiveSmallIntegerField(
        _("Signaal bij ongeoorloofde afwezigheid: aantal keer"),
        default=2,
        validators=[MinValueValidator(1)],
    )
    afwezig_signaal_weken = models.PositiveSmallIntegerField(
        _("Signaal bij ongeoorloofde afwezigheid: binnen (weken)"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("urennorm")
        verbose_name_plural = _("urennormen")
        ordering = ["geldig_vanaf"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_uren_per_dag__gt=0, max_uren_per_dag__lte=24),
                name="urennorm_max_per_dag_1_24",
            ),
            models.CheckConstraint(
                condition=Q(werkloont_max_weken__gte=1), name="urennorm_werkloont_weken_positief"
            ),
        ]

    def __str__(self) -> str:
        return _("Urennormen vanaf %(datum)s") % {"datum": self.geldig_vanaf.strftime("%d-%m-%Y")}


# --------------------------------------------------------------------------------------------
# catalogue: locations, begeleiders, werkactiviteiten, training groups


class Locatie(models.Model):
    naam = models.CharField(_("naam"), max_length=200, unique=True)
    adres = models.CharField(_("adres"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    wijk = models.ForeignKey(
        Wijk, verbose_name=_("wijk"), null=True, blank=True, on_delete=models.SET_NULL
    )
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Begeleider(models.Model):
    """A supervisor or trainer (municipal or of a provider).

    ``systeemclient``: the provider's system that may register presence through the API for
    the occurrences this begeleider is responsible for.
    """

    naam = models.CharField(_("naam"), max_length=200)
    organisatie = models.CharField(_("organisatie"), max_length=200, blank=True)
    telefoon = models.CharField(_("telefoon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    systeemclient = models.ForeignKey(
        SysteemClient,
        verbose_name=_("systeemkoppeling van de aanbieder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("begeleider")
        verbose_name_plural = _("begeleiders")
        ordering = ["naam"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.organisatie})" if self.organisatie else self.naam


class Werkactiviteit(models.Model):
    """A municipal work activity (groenonderhoud, catering, ...) linked to occupations: it fits
    a person's uitstroomperspectief when one of its occupations is among the fitting ones."""

    naam = models.CharField(_("naam"), max_length=200, unique=True)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    beroepen = models.ManyToManyField(
        Beroep, verbose_name=_("beroepen"), blank=True, related_name="werkactiviteiten"
    )
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("werkactiviteit")
        verbose_name_plural = _("werkactiviteiten")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class WerkactiviteitPlek(models.Model):
    """A werkactiviteit at one location, with its capacity (people at once) and begeleiders."""

    werkactiviteit = models.ForeignKey(
        Werkactiviteit, verbose_name=_("werkactiviteit"), on_delete=models.CASCADE,
        related_name="plekken",
    )  # fmt: skip
    locatie = models.ForeignKey(
        Locatie, verbose_name=_("locatie"), on_delete=models.PROTECT, related_name="plekken"
    )
    capaciteit = models.PositiveSmallIntegerField(
        _("capaciteit (deelnemers)"), default=20, validators=[MinValueValidator(1)]
    )
    begeleiders = models.ManyToManyField(
        Begeleider, verbose_name=_("begeleiders"), blank=True, related_name="plekken"
    )
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("werkactiviteit op een locatie")
        verbose_name_plural = _("werkactiviteiten op locaties")
        ordering = ["werkactiviteit__naam", "locatie__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["werkactiviteit", "locatie"], name="werkactiviteit_plek_uniek"
            ),
            models.CheckConstraint(condition=Q(capaciteit__gte=1), name="plek_capaciteit_positief"),
        ]

    def __str__(self) -> str:
        return f"{self.werkactiviteit.naam} - {self.locatie.naam}"


class Trainingsgroep(models.Model):
    """A Werkloont training cohort: trained together (mostly in groups, with homework)."""

    naam = models.CharField(_("naam"), max_length=200, unique=True)
    locatie = models.ForeignKey(
        Locatie, verbose_name=_("locatie"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="trainingsgroepen",
    )  # fmt: skip
    begeleider = models.ForeignKey(
        Begeleider, verbose_name=_("trainer"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="trainingsgroepen",
    )  # fmt: skip
    startdatum = models.DateField(_("startdatum"))
    einddatum = models.DateField(_("einddatum"))
    capaciteit = models.PositiveSmallIntegerField(
        _("capaciteit (deelnemers)"), default=16, validators=[MinValueValidator(1)]
    )
    huiswerk_uren = models.DecimalField(
        _("huiswerk (uur per week)"), default=Decimal("2.0"), **UREN
    )
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("trainingsgroep")
        verbose_name_plural = _("trainingsgroepen")
        ordering = ["-startdatum", "naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einddatum__gte=F("startdatum")), name="trainingsgroep_periode"
            )
        ]

    def __str__(self) -> str:
        return self.naam


class Weekdag(models.IntegerChoices):
    MAANDAG = 0, _("maandag")
    DINSDAG = 1, _("dinsdag")
    WOENSDAG = 2, _("woensdag")
    DONDERDAG = 3, _("donderdag")
    VRIJDAG = 4, _("vrijdag")
    ZATERDAG = 5, _("zaterdag")
    ZONDAG = 6, _("zondag")


class Groepsmoment(models.Model):
    """A weekly session of a training group (e.g. tuesday 9:00-12:30)."""

    groep = models.ForeignKey(Trainingsgroep, on_delete=models.CASCADE, related_name="momenten")
    weekdag = models.PositiveSmallIntegerField(_("weekdag"), choices=Weekdag.choices)
    begintijd = models.TimeField(_("begintijd"))
    eindtijd = models.TimeField(_("eindtijd"))

    class Meta:
        verbose_name = _("groepsmoment")
        verbose_name_plural = _("groepsmomenten")
        ordering = ["weekdag", "begintijd"]
        constraints = [
            models.CheckConstraint(
                condition=Q(eindtijd__gt=F("begintijd")), name="groepsmoment_eind_na_begin"
            ),
            models.CheckConstraint(
                condition=Q(weekdag__gte=0, weekdag__lte=6), name="groepsmoment_weekdag"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekdag_display()} {self.begintijd:%H:%M}-{self.eindtijd:%H:%M}"


# --------------------------------------------------------------------------------------------
# programmes


class TrajectSoort(models.TextChoices):
    WERKLOONT = "werkloont", _("Werkloont")
    IEDEREEN_DOET_MEE = "iedereen_doet_mee", _("Iedereen doet mee naar vermogen")


class TrajectStatus(models.TextChoices):
    ACTIEF = "actief", _("Loopt")
    AFGEROND = "afgerond", _("Afgerond")
    GESTOPT = "gestopt", _("Gestopt")


class Traject(models.Model):
    """One enrolment in a programme. Werkloont: ``einddatum`` = start + the maximum weeks of the
    norm in force at the start (minus a day); it can end earlier, never later."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="trajecten")
    soort = models.CharField(_("programma"), max_length=20, choices=TrajectSoort.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=TrajectStatus.choices, default=TrajectStatus.ACTIEF
    )
    startdatum = models.DateField(_("startdatum"))
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    trainingsgroep = models.ForeignKey(
        Trainingsgroep, verbose_name=_("trainingsgroep"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="trajecten",
    )  # fmt: skip
    persoonlijke_norm_uren = models.DecimalField(
        _("persoonlijke norm naar vermogen (uur per week)"), null=True, blank=True, **UREN
    )
    norm_reden = models.TextField(_("reden van de persoonlijke norm"), blank=True)
    norm_vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    norm_vastgesteld_op = models.DateTimeField(null=True, blank=True)
    beeindigd_op = models.DateField(_("beëindigd op"), null=True, blank=True)
    beeindigingsreden = models.TextField(_("reden van beëindiging"), blank=True)
    # The follow-up action in the plan van aanpak (plan.Actie id) made when Werkloont ended.
    vervolgactie_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        ordering = ["-startdatum", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier"], condition=Q(status="actief"), name="een_actief_traject"
            ),
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=F("startdatum")),
                name="traject_periode",
            ),
            models.CheckConstraint(
                condition=Q(persoonlijke_norm_uren__isnull=True) | ~Q(norm_reden=""),
                name="persoonlijke_norm_met_reden",
            ),
            models.CheckConstraint(
                condition=Q(soort="iedereen_doet_mee") | Q(einddatum__isnull=False),
                name="werkloont_heeft_einddatum",
            ),
        ]
        indexes = [models.Index(fields=["status", "soort", "einddatum"])]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.startdatum:%d-%m-%Y}"

    @property
    def is_werkloont(self) -> bool:
        return self.soort == TrajectSoort.WERKLOONT


# --------------------------------------------------------------------------------------------
# the werkweekagenda


class Agenda(models.Model):
    """One per person. ``ical_token_hash``: SHA-256 of the personal feed token (never the
    token itself); empty = no feed (revoked or never made)."""

    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="agenda")
    ical_token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    ical_sinds = models.DateTimeField(null=True, blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("werkweekagenda")
        verbose_name_plural = _("werkweekagenda's")

    def __str__(self) -> str:
        return f"Agenda bij dossier {self.dossier_id}"


class Component(models.TextChoices):
    WERK = "werk", _("Werkcomponent (Werkloont)")
    TRAINING = "training", _("Trainingscomponent (Werkloont)")
    IDM = "idm", _("Iedereen doet mee")
    OVERIG = "overig", _("Overig")


class ActiviteitSoort(models.TextChoices):
    BETAALD_WERK = "betaald_werk", _("Betaald werk (deeltijd)")
    WERKACTIVITEIT = "werkactiviteit", _("Werkactiviteit van de gemeente")
    VRIJWILLIGERSWERK = "vrijwilligerswerk", _("Vrijwilligerswerk")
    TRAINING = "training", _("Training")
    HUISWERK = "huiswerk", _("Huiswerk")
    TAAL = "taal", _("Taalcursus")
    SCHULDHULP = "schuldhulp", _("Schuldhulp")
    INBURGERING = "inburgering", _("Inburgering")
    MANTELZORG = "mantelzorg", _("Mantelzorg")
    GEZONDHEID = "gezondheid", _("Gezondheid")
    PERSOONLIJK = "persoonlijk", _("Werken aan persoonlijke problemen")
    AFSPRAAK_WERKCOACH = "afspraak_werkcoach", _("Afspraak met de werkcoach")
    OVERIG = "overig", _("Overig")


# Which kinds of activity fill which component.
WERK_SOORTEN = frozenset(
    {
        ActiviteitSoort.BETAALD_WERK,
        ActiviteitSoort.WERKACTIVITEIT,
        ActiviteitSoort.VRIJWILLIGERSWERK,
    }
)
TRAINING_SOORTEN = frozenset({ActiviteitSoort.TRAINING, ActiviteitSoort.HUISWERK})
IDM_SOORTEN = frozenset(
    {
        ActiviteitSoort.VRIJWILLIGERSWERK,
        ActiviteitSoort.MANTELZORG,
        ActiviteitSoort.TAAL,
        ActiviteitSoort.GEZONDHEID,
        ActiviteitSoort.PERSOONLIJK,
        ActiviteitSoort.WERKACTIVITEIT,
    }
)
# Health details are special personal data: always confidential.
ALTIJD_VERTROUWELIJK = frozenset({ActiviteitSoort.GEZONDHEID})


class Herhaling(models.TextChoices):
    EENMALIG = "eenmalig", _("Eenmalig")
    WEKELIJKS = "wekelijks", _("Elke week")


class Activiteit(models.Model):
    """What is planned: single (one date) or weekly on ``weekdagen`` from ``startdatum`` to
    ``einddatum``; at fixed times (``begintijd``-``eindtijd``) or as a number of ``minuten``
    without a fixed time (homework, flexible volunteer work). Its occurrences are ``Afspraak``.
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="activiteiten")
    traject = models.ForeignKey(
        Traject, null=True, blank=True, on_delete=models.CASCADE, related_name="activiteiten"
    )
    component = models.CharField(
        _("onderdeel"), max_length=10, choices=Component.choices, default=Component.OVERIG
    )
    soort = models.CharField(_("soort"), max_length=20, choices=ActiviteitSoort.choices)
    titel = models.CharField(_("titel"), max_length=200)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    plek = models.ForeignKey(
        WerkactiviteitPlek, verbose_name=_("werkactiviteit en locatie"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="activiteiten",
    )  # fmt: skip
    beroep = models.ForeignKey(
        Beroep, verbose_name=_("beroep"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    past_bij_perspectief = models.BooleanField(
        _("past bij het uitstroomperspectief"), null=True, blank=True
    )
    afwijkingsreden = models.TextField(_("reden (past niet bij het perspectief)"), blank=True)
    trainingsgroep = models.ForeignKey(
        Trainingsgroep, null=True, blank=True, on_delete=models.PROTECT,
        related_name="activiteiten",
    )  # fmt: skip
    in_groep = models.BooleanField(_("in een groep"), default=False)
    huiswerk = models.TextField(_("huiswerk"), blank=True)
    locatie = models.CharField(_("locatie"), max_length=200, blank=True)
    verantwoordelijke = models.CharField(_("verantwoordelijke"), max_length=200, blank=True)
    begeleider = models.ForeignKey(
        Begeleider, null=True, blank=True, on_delete=models.SET_NULL, related_name="activiteiten"
    )
    herhaling = models.CharField(
        _("herhaling"), max_length=10, choices=Herhaling.choices, default=Herhaling.EENMALIG
    )
    weekdagen = models.JSONField(_("weekdagen"), default=list, blank=True)
    startdatum = models.DateField(_("datum of eerste datum"))
    einddatum = models.DateField(_("laatste datum"))
    begintijd = models.TimeField(_("begintijd"), null=True, blank=True)
    eindtijd = models.TimeField(_("eindtijd"), null=True, blank=True)
    minuten = models.PositiveSmallIntegerField(_("duur (minuten)"))
    vertrouwelijk = models.BooleanField(_("vertrouwelijk"), default=False)
    gestopt_op = models.DateField(_("gestopt per"), null=True, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["startdatum", "begintijd", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einddatum__gte=F("startdatum")), name="activiteit_periode"
            ),
            models.CheckConstraint(
                condition=(Q(begintijd__isnull=True) & Q(eindtijd__isnull=True))
                | Q(eindtijd__gt=F("begintijd")),
                name="activiteit_eind_na_begin",
            ),
            models.CheckConstraint(
                condition=Q(minuten__gte=1, minuten__lte=MINUTEN_PER_DAG),
                name="activiteit_minuten_1_tot_1440",
            ),
            models.CheckConstraint(
                condition=~Q(past_bij_perspectief=False) | ~Q(afwijkingsreden=""),
                name="activiteit_afwijking_met_reden",
            ),
        ]
        indexes = [models.Index(fields=["dossier", "startdatum"])]

    def __str__(self) -> str:
        return self.titel

    @property
    def heeft_tijd(self) -> bool:
        return self.begintijd is not None


class AfspraakStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    FEESTDAG = "feestdag", _("Vervalt (feestdag)")
    GEANNULEERD = "geannuleerd", _("Geannuleerd")


class Aanwezigheid(models.TextChoices):
    ONBEKEND = "onbekend", _("Nog niet geregistreerd")
    AANWEZIG = "aanwezig", _("Aanwezig")
    AFWEZIG_MET_REDEN = "afwezig_met_reden", _("Afwezig met reden")
    AFWEZIG_ZONDER_REDEN = "afwezig_zonder_reden", _("Afwezig zonder reden")
    ZIEK = "ziek", _("Ziek")


class Afspraak(models.Model):
    """One occurrence of an Activiteit on a date. ``dossier`` repeats the activity's dossier so
    that the database can refuse overlaps per person (see werkloont/db.py)."""

    activiteit = models.ForeignKey(Activiteit, on_delete=models.CASCADE, related_name="afspraken")
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="afspraken")
    datum = models.DateField(_("datum"))
    begintijd = models.TimeField(_("begintijd"), null=True, blank=True)
    eindtijd = models.TimeField(_("eindtijd"), null=True, blank=True)
    minuten = models.PositiveSmallIntegerField(_("geplande minuten"))
    status = models.CharField(
        _("status"), max_length=12, choices=AfspraakStatus.choices, default=AfspraakStatus.GEPLAND
    )
    feestdag = models.CharField(_("feestdag"), max_length=100, blank=True)
    annuleringsreden = models.CharField(_("reden annulering"), max_length=300, blank=True)
    aanwezigheid = models.CharField(
        _("aanwezigheid"),
        max_length=20,
        choices=Aanwezigheid.choices,
        default=Aanwezigheid.ONBEKEND,
    )
    aanwezigheid_reden = models.TextField(_("reden"), blank=True)
    gerealiseerde_minuten = models.PositiveSmallIntegerField(
        _("gerealiseerde minuten"), null=True, blank=True
    )
    gemeld_door_burger = models.BooleanField(_("gemeld door de burger"), default=False)
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    geregistreerd_door_systeem = models.CharField(max_length=200, blank=True)
    geregistreerd_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["datum", "begintijd", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["activiteit", "datum"], name="afspraak_een_per_dag"),
            models.CheckConstraint(
                condition=Q(minuten__gte=1, minuten__lte=MINUTEN_PER_DAG),
                name="afspraak_minuten_1_tot_1440",
            ),
            models.CheckConstraint(
                condition=(Q(begintijd__isnull=True) & Q(eindtijd__isnull=True))
                | Q(eindtijd__gt=F("begintijd")),
                name="afspraak_eind_na_begin",
            ),
            models.CheckConstraint(
                condition=Q(gerealiseerde_minuten__isnull=True)
                | Q(gerealiseerde_minuten__lte=F("minuten")),
                name="afspraak_gerealiseerd_niet_meer_dan_gepland",
            ),
            models.CheckConstraint(
                condition=~Q(aanwezigheid="afwezig_met_reden") | ~Q(aanwezigheid_reden=""),
                name="afspraak_afwezig_met_reden",
            ),
            models.CheckConstraint(
                condition=~Q(status="feestdag") | ~Q(feestdag=""),
                name="afspraak_feestdag_met_naam",
            ),
        ]
        indexes = [
            models.Index(fields=["dossier", "datum"]),
            models.Index(fields=["datum", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.activiteit_id} {self.datum}"

    @property
    def telt(self) -> bool:
        return self.status == AfspraakStatus.GEPLAND


class Weekafsluiting(models.Model):
    """An approved past week of one person's agenda (``week`` = its monday). Locks the week."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="weekafsluitingen")
    week = models.DateField(_("week (maandag)"))
    gepland_minuten = models.PositiveIntegerField(default=0)
    gerealiseerd_minuten = models.PositiveIntegerField(default=0)
    goedgekeurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    goedgekeurd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("goedgekeurde week")
        verbose_name_plural = _("goedgekeurde weken")
        ordering = ["-week"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "week"], name="week_een_keer_goedgekeurd"),
            models.CheckConstraint(condition=Q(week__week_day=2), name="week_begint_op_maandag"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.week}"


class SignaalSoort(models.TextChoices):
    ONDER_NORM = "onder_norm", _("Minder uren gepland dan de norm")
    AFWEZIGHEID = "afwezigheid", _("Herhaald afwezig zonder reden")
    WERKLOONT_AFGELOPEN = "werkloont_afgelopen", _("Werkloont afgelopen")


class Signaal(models.Model):
    """A notification for the werkcoach (from the weekly check). One per dossier, kind and week:
    running the check twice adds nothing. ``tekst`` never holds confidential details."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="agendasignalen")
    werkcoach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="agendasignalen"
    )
    soort = models.CharField(_("soort"), max_length=20, choices=SignaalSoort.choices)
    week = models.DateField(_("week (maandag)"))
    tekst = models.CharField(_("tekst"), max_length=500)
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["-week", "-aangemaakt_op", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "soort", "week"], name="signaal_een_per_week"
            )
        ]
        indexes = [models.Index(fields=["werkcoach", "afgehandeld_op", "-week"])]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.week})"
