"""THE case record: Werkzoekende, Huishouden, Dossier, werkcoach-toewijzing, journaal.

This app is the hub: every domain app may import it; it imports none of them.
Writes go through `services.py`, reads of personal data through `selectors.py` (which log).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from bijstand.core import crypto
from bijstand.core.history import history_user
from bijstand.core.validators import validate_bsn, validate_iban, validate_postcode


class Wijk(models.Model):
    code = models.CharField(_("code"), max_length=10, unique=True)
    naam = models.CharField(_("naam"), max_length=100)
    gebied = models.CharField(_("gebied"), max_length=100)
    # Four-digit postcode areas of the wijk, comma-separated (reference data, beheer corrects it)
    postcodes = models.CharField(_("postcodegebieden (PC4)"), max_length=200, blank=True)
    # The team whose werkcoaches take new meldingen from this wijk (set by beheer)
    team = models.ForeignKey(
        "accounts.Team",
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="wijken",
    )

    class Meta:
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Taalniveau(models.TextChoices):
    ONBEKEND = "onbekend", _("Onbekend")
    ONDER_1F = "onder_1f", _("Onder 1F (A0-A2)")
    NIVEAU_1F = "1f", _("1F (ongeveer A2/B1)")
    NIVEAU_2F = "2f", _("2F (B1)")
    HOGER = "hoger", _("Hoger dan 2F")


class Inburgering(models.TextChoices):
    NVT = "nvt", _("Niet van toepassing")
    INBURGERINGSPLICHTIG = "plichtig", _("Inburgeringsplichtig, nog bezig")
    VOLDAAN = "voldaan", _("Inburgering voldaan")
    ONTHEFFING = "ontheffing", _("Ontheffing")


class Werkzoekende(models.Model):
    """A person. The BSN is stored encrypted plus a keyed hash for lookup (ADR 0002)."""

    publiek_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bsn_versleuteld = models.TextField(editable=False)
    bsn_hash = models.CharField(max_length=64, unique=True, editable=False)
    voornamen = models.CharField(_("voornamen"), max_length=200)
    tussenvoegsel = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    achternaam = models.CharField(_("achternaam"), max_length=200)
    geboortedatum = models.DateField(_("geboortedatum"))
    email = models.EmailField(_("e-mailadres"), blank=True)
    telefoon = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    straat = models.CharField(_("straat"), max_length=200, blank=True)
    huisnummer = models.CharField(_("huisnummer"), max_length=20, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[validate_postcode]
    )
    woonplaats = models.CharField(_("woonplaats"), max_length=100, default="Rotterdam")
    wijk = models.ForeignKey(
        Wijk, verbose_name=_("wijk"), null=True, blank=True, on_delete=models.PROTECT
    )
    iban = models.CharField(_("IBAN"), max_length=34, blank=True, validators=[validate_iban])
    taalniveau = models.CharField(
        _("taalniveau"), max_length=10, choices=Taalniveau.choices, default=Taalniveau.ONBEKEND
    )
    statushouder = models.BooleanField(_("statushouder"), default=False)
    inburgering = models.CharField(
        _("inburgering"), max_length=12, choices=Inburgering.choices, default=Inburgering.NVT
    )
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="werkzoekende",
    )

    history = HistoricalRecords(
        excluded_fields=["bsn_versleuteld", "bsn_hash"], get_user=history_user
    )

    class Meta:
        verbose_name = _("werkzoekende")
        verbose_name_plural = _("werkzoekenden")
        indexes = [models.Index(fields=["achternaam", "voornamen"])]

    def __str__(self) -> str:
        return self.naam

    @property
    def naam(self) -> str:
        return " ".join(p for p in (self.voornamen, self.tussenvoegsel, self.achternaam) if p)

    @property
    def bsn(self) -> str:
        return crypto.decrypt(self.bsn_versleuteld) if self.bsn_versleuteld else ""

    def set_bsn(self, bsn: str) -> None:
        validate_bsn(bsn)
        bsn = bsn.strip().zfill(9)
        self.bsn_versleuteld = crypto.encrypt(bsn)
        self.bsn_hash = crypto.bsn_hash(bsn)

    @property
    def log_subject(self) -> str:
        return f"werkzoekende:{self.publiek_id}"


class Leefvorm(models.TextChoices):
    ALLEENSTAAND = "alleenstaand", _("Alleenstaand")
    ALLEENSTAANDE_OUDER = "alleenstaande_ouder", _("Alleenstaande ouder")
    GEHUWD = "gehuwd", _("Gehuwd of samenwonend")


class Huishouden(models.Model):
    werkzoekende = models.OneToOneField(
        Werkzoekende, on_delete=models.CASCADE, related_name="huishouden"
    )
    leefvorm = models.CharField(
        _("leefvorm"), max_length=24, choices=Leefvorm.choices, default=Leefvorm.ALLEENSTAAND
    )
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("huishouden")
        verbose_name_plural = _("huishoudens")

    def __str__(self) -> str:
        return f"Huishouden van {self.werkzoekende}"


class HuishoudenLid(models.Model):
    """Partner, child ten laste or medebewoner, with the facts the kostendelersnorm needs."""

    class Rol(models.TextChoices):
        PARTNER = "partner", _("Partner")
        KIND = "kind", _("Kind ten laste")
        MEDEBEWONER = "medebewoner", _("Medebewoner")

    huishouden = models.ForeignKey(Huishouden, on_delete=models.CASCADE, related_name="leden")
    rol = models.CharField(_("rol"), max_length=12, choices=Rol.choices)
    naam = models.CharField(_("naam"), max_length=200)
    geboortedatum = models.DateField(_("geboortedatum"))
    student = models.BooleanField(
        _("student met (mogelijk) recht op studiefinanciering, WTOS of BBL"), default=False
    )
    commerciele_huur = models.BooleanField(
        _("schriftelijke overeenkomst met commerciële prijs"), default=False
    )
    familie_eerste_of_tweede_graad = models.BooleanField(
        _("bloed- of aanverwant in de 1e of 2e graad"), default=False
    )
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("huishoudlid")
        verbose_name_plural = _("huishoudleden")
        constraints = [
            models.UniqueConstraint(
                fields=["huishouden"], condition=Q(rol="partner"), name="een_partner_per_huishouden"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_rol_display()}: {self.naam}"


class Route(models.TextChoices):
    """Dienstverleningsroute (seed 000 §3.1: differentiated service intensity)."""

    KANSRIJK = "kansrijk", _("Kansrijk: lichte, digitale ondersteuning")
    INTENSIEF = "intensief", _("Grotere afstand, haalbaar perspectief: intensief")
    ONTDEKKEN = "ontdekken", _("Perspectief ontdekken")
    GEEN_ARBEID = "geen_arbeid", _("Geen arbeidsperspectief: activering en ondersteuning")
    ONBEPAALD = "onbepaald", _("Nog niet bepaald")


class Doelgroep(models.TextChoices):
    ALGEMEEN = "algemeen", _("Algemeen")
    JONGERE = "jongere", _("Jongere (tot 27)")
    STATUSHOUDER = "statushouder", _("Statushouder")
    NA_WW = "na_ww", _("Instroom na WW")
    LANGDURIG = "langdurig", _("Langdurig in de bijstand")


class Instroombron(models.TextChoices):
    """How the person came in (entry point of the brede intake; dashboards: instroom by source)."""

    LOKET = "loket", _("Aanvraag aan het loket")
    ONLINE = "online", _("Aanvraag online")
    JONGERENLOKET = "jongerenloket", _("Jongerenloket (schoolverlaters)")
    WW_EINDE = "ww_einde", _("Einde WW (via UWV)")
    STATUSHOUDER = "statushouder", _("Statushouder")


class DossierStatus(models.TextChoices):
    AANVRAAG = "aanvraag", _("Aanvraag")
    LOPEND = "lopend", _("Lopend")
    BEEINDIGD = "beeindigd", _("Beëindigd")
    HEROPEND = "heropend", _("Heropend")


class Beeindigingsreden(models.TextChoices):
    WERK = "werk", _("Werk")
    VERHUIZING = "verhuizing", _("Verhuizing")
    AFGEWEZEN = "afgewezen", _("Aanvraag afgewezen")
    INGETROKKEN = "ingetrokken", _("Aanvraag ingetrokken")
    BUITEN_BEHANDELING = "buiten_beh", _("Aanvraag buiten behandeling gesteld")
    OVERIG = "overig", _("Overig")


# Allowed transitions (from -> {to}); every change is recorded in StatusWijziging + journaal.
TOEGESTANE_OVERGANGEN: dict[str, frozenset[str]] = {
    DossierStatus.AANVRAAG: frozenset({DossierStatus.LOPEND, DossierStatus.BEEINDIGD}),
    DossierStatus.LOPEND: frozenset({DossierStatus.BEEINDIGD}),
    DossierStatus.BEEINDIGD: frozenset({DossierStatus.HEROPEND}),
    DossierStatus.HEROPEND: frozenset({DossierStatus.LOPEND, DossierStatus.BEEINDIGD}),
}

ACTIEVE_STATUSSEN = (DossierStatus.AANVRAAG, DossierStatus.LOPEND, DossierStatus.HEROPEND)


class Dossier(models.Model):
    werkzoekende = models.ForeignKey(
        Werkzoekende, on_delete=models.PROTECT, related_name="dossiers"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=DossierStatus.choices, default=DossierStatus.AANVRAAG
    )
    beeindigingsreden = models.CharField(
        _("reden beëindiging"), max_length=12, choices=Beeindigingsreden.choices, blank=True
    )
    route = models.CharField(
        _("dienstverleningsroute"), max_length=12, choices=Route.choices, default=Route.ONBEPAALD
    )
    doelgroep = models.CharField(
        _("doelgroep"), max_length=12, choices=Doelgroep.choices, default=Doelgroep.ALGEMEEN
    )
    # Exactly one active werkcoach: NOT NULL here; history of handovers in Overdracht.
    werkcoach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("werkcoach"),
        on_delete=models.PROTECT,
        related_name="caseload",
    )
    inkomensconsulent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inkomensconsulent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inkomensdossiers",
    )
    instroombron = models.CharField(
        _("instroombron"), max_length=16, choices=Instroombron.choices, default=Instroombron.LOKET
    )
    aanvraagdatum = models.DateField(_("aanvraagdatum"), default=timezone.localdate)
    startdatum = models.DateField(_("startdatum uitkering"), null=True, blank=True)
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    # Maintained by journaal services (contact moments) for fast caseload filtering.
    laatste_contact = models.DateTimeField(_("laatste contact"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        constraints = [
            models.UniqueConstraint(
                fields=["werkzoekende"],
                condition=~Q(status="beeindigd"),
                name="een_actief_dossier_per_persoon",
            ),
            models.CheckConstraint(
                condition=Q(status="beeindigd", beeindigingsreden__gt="") | ~Q(status="beeindigd"),
                name="beeindigd_met_reden",
            ),
        ]
        indexes = [
            models.Index(fields=["werkcoach", "status"]),
            models.Index(fields=["inkomensconsulent", "status"]),
            models.Index(fields=["status", "route"]),
        ]

    def __str__(self) -> str:
        return f"Dossier {self.pk}"

    @property
    def is_actief(self) -> bool:
        return self.status in ACTIEVE_STATUSSEN


class StatusWijziging(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="statuswijzigingen")
    van = models.CharField(max_length=12, choices=DossierStatus.choices, blank=True)
    naar = models.CharField(max_length=12, choices=DossierStatus.choices)
    reden = models.CharField(max_length=12, choices=Beeindigingsreden.choices, blank=True)
    toelichting = models.TextField(blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")
        ordering = ["-op"]

    def __str__(self) -> str:
        return f"{self.van or '-'} -> {self.naar}"


class Overdracht(models.Model):
    """A recorded werkcoach handover (the first assignment has van_werkcoach = None)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="overdrachten")
    van_werkcoach = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    naar_werkcoach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reden = models.CharField(_("reden"), max_length=300)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("overdracht")
        verbose_name_plural = _("overdrachten")
        ordering = ["-op"]
        indexes = [models.Index(fields=["dossier", "-op"])]

    def __str__(self) -> str:
        return f"Overdracht {self.van_werkcoach_id} -> {self.naar_werkcoach_id}"


class JournaalSoort(models.TextChoices):
    CONTACT = "contact", _("Contactmoment")
    NOTITIE = "notitie", _("Notitie")
    STATUS = "status", _("Statuswijziging")
    OVERDRACHT = "overdracht", _("Overdracht werkcoach")
    BERICHT = "bericht", _("Bericht")
    SYSTEEM = "systeem", _("Systeem")


class Kanaal(models.TextChoices):
    TELEFOON = "telefoon", _("Telefoon")
    BALIE = "balie", _("Gesprek op kantoor")
    HUISBEZOEK = "huisbezoek", _("Huisbezoek")
    VIDEO = "video", _("Videobellen")
    EMAIL = "email", _("E-mail")
    PORTAAL = "portaal", _("Burgerportaal")
    POST = "post", _("Post")


class Richting(models.TextChoices):
    INKOMEND = "inkomend", _("Inkomend")
    UITGAAND = "uitgaand", _("Uitgaand")


class Zichtbaarheid(models.TextChoices):
    INTERN = "intern", _("Intern")
    EXTERN = "extern", _("Extern (zichtbaar voor de burger)")


class JournaalRegel(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="journaal")
    soort = models.CharField(_("soort"), max_length=12, choices=JournaalSoort.choices)
    kanaal = models.CharField(_("kanaal"), max_length=12, choices=Kanaal.choices, blank=True)
    richting = models.CharField(_("richting"), max_length=10, choices=Richting.choices, blank=True)
    zichtbaarheid = models.CharField(
        _("zichtbaarheid"),
        max_length=8,
        choices=Zichtbaarheid.choices,
        default=Zichtbaarheid.INTERN,
    )
    vertrouwelijk = models.BooleanField(_("vertrouwelijk"), default=False)
    onderwerp = models.CharField(_("onderwerp"), max_length=200, blank=True)
    tekst = models.TextField(_("tekst"))
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    op = models.DateTimeField(default=timezone.now)
    gelezen_op = models.DateTimeField(null=True, blank=True)
    # Berichten: a reply points to the first message of its thread (bijstand.dossiers.berichten).
    antwoord_op = models.ForeignKey(
        "self",
        verbose_name=_("antwoord op"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="antwoorden",
    )
    # Random key of the form that sent a message: a double submit stores it once.
    idempotentiesleutel = models.CharField(_("idempotentiesleutel"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("journaalregel")
        verbose_name_plural = _("journaalregels")
        ordering = ["-op", "-id"]
        indexes = [
            models.Index(fields=["dossier", "-op"]),
            models.Index(fields=["dossier", "soort", "-op"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(vertrouwelijk=True, zichtbaarheid="extern"),
                name="vertrouwelijk_niet_extern",
            ),
            models.UniqueConstraint(
                fields=["dossier", "idempotentiesleutel"],
                condition=~Q(idempotentiesleutel=""),
                name="journaal_idempotentiesleutel_uniek",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.op:%Y-%m-%d}"


class StandaardTekst(models.Model):
    titel = models.CharField(_("titel"), max_length=200)
    tekst = models.TextField(_("tekst"))
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("standaardtekst")
        verbose_name_plural = _("standaardteksten")
        ordering = ["titel"]

    def __str__(self) -> str:
        return self.titel


# Wijzigingen live in their own module (issue 14); imported here so Django finds the model.
from .models_wijziging import Wijziging  # noqa: E402, F401
