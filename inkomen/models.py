"""Uitkering, rules as data, inkomstenopgaven, berekeningen and the ledger (Boeking).

Money is ``DecimalField(max_digits=12, decimal_places=2)``, never float. Writes go through
:mod:`inkomen.services`; the booking rules are documented there.
"""

from __future__ import annotations

import os
from decimal import Decimal

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from bijstand.accounts.models import SysteemClient
from bijstand.dossiers.models import Dossier, Werkzoekende

from .validators import validate_kvk_nummer, validate_loonheffingennummer

GELD = {"max_digits": 12, "decimal_places": 2}
NUL = Decimal("0.00")


# --------------------------------------------------------------------------------------------
# private storage for payslips (outside MEDIA_ROOT and the web root; served via views only)


class PriveOpslag(FileSystemStorage):
    """FileSystemStorage rooted at ``settings.PRIVATE_MEDIA_ROOT`` (read at use, so tests can
    point it elsewhere). It has no public URL: files are served by permission-checked views."""

    def __init__(self) -> None:
        super().__init__(base_url=None)

    @property
    def base_location(self) -> str:  # type: ignore[override]
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:  # type: ignore[override]
        return os.path.abspath(self.base_location)

    def url(self, name):  # pragma: no cover - guard
        raise ValueError("Loonstroken hebben geen publieke URL.")


_prive_opslag = PriveOpslag()


def prive_opslag() -> PriveOpslag:
    return _prive_opslag


def loonstrook_pad(instance: Inkomstenopgave, filename: str) -> str:
    # Never the original name (may contain personal data); the extension follows the content.
    ext = {"pdf": "pdf", "png": "png", "jpeg": "jpg"}.get(instance.loonstrook_type, "bin")
    return f"loonstroken/{instance.maand:%Y/%m}/{instance.dossier_id}/{os.urandom(12).hex()}.{ext}"


# --------------------------------------------------------------------------------------------
# rules as data


class GeldigVanafVersie(models.Model):
    """A version of date-effective data (rules, policy) that a functioneel beheerder edits in
    the admin: one per ``geldig_vanaf``, with who created it and an explanation."""

    geldig_vanaf = models.DateField(_("geldig vanaf"), unique=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        abstract = True
        ordering = ["geldig_vanaf"]


class Regelset(GeldigVanafVersie):
    """One :class:`inkomen.rekenregels.Regelset` (norms, caps, percentages) as plain data.

    ``data`` holds exactly ``Regelset.als_dict()``; edited by a functioneel beheerder in the
    admin, validated by round-tripping through ``Regelset.van_dict``.
    """

    data = models.JSONField(_("regels"))
    history = HistoricalRecords()

    class Meta(GeldigVanafVersie.Meta):
        verbose_name = _("regelset")
        verbose_name_plural = _("regelsets")

    def __str__(self) -> str:
        return _("Regelset vanaf %(datum)s") % {"datum": self.geldig_vanaf.strftime("%d-%m-%Y")}


class Beleidsinstelling(GeldigVanafVersie):
    """Versioned policy choices P1-P7 (§6.2): ``data`` holds ``Beleid.als_dict()``."""

    data = models.JSONField(_("beleidskeuzes"))
    history = HistoricalRecords()

    class Meta(GeldigVanafVersie.Meta):
        verbose_name = _("beleidsinstelling")
        verbose_name_plural = _("beleidsinstellingen")

    def __str__(self) -> str:
        return _("Beleid vanaf %(datum)s") % {"datum": self.geldig_vanaf.strftime("%d-%m-%Y")}


# --------------------------------------------------------------------------------------------
# uitkering, werkgevers and dienstverbanden


class UitkeringStatus(models.TextChoices):
    LOPEND = "lopend", _("Lopend")
    OPGESCHORT = "opgeschort", _("Opgeschort")
    BEEINDIGD = "beeindigd", _("Beëindigd")


UITKERING_OVERGANGEN: dict[str, frozenset[str]] = {
    UitkeringStatus.LOPEND: frozenset({UitkeringStatus.OPGESCHORT, UitkeringStatus.BEEINDIGD}),
    UitkeringStatus.OPGESCHORT: frozenset({UitkeringStatus.LOPEND, UitkeringStatus.BEEINDIGD}),
    UitkeringStatus.BEEINDIGD: frozenset({UitkeringStatus.LOPEND}),
}


class Uitkering(models.Model):
    """The algemene bijstand of one dossier. Its row is the lock of every dossier-month
    recalculation and payment (``select_for_update``), so they serialise per dossier.

    The household (partner, children, medebewoners) comes from ``bijstand.dossiers``; the
    facts only the uitkering needs (medisch urenbeperkt, loonkostensubsidie) live here per role.
    """

    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="uitkering")
    ingangsdatum = models.DateField(_("ingangsdatum"))
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=UitkeringStatus.choices, default=UitkeringStatus.LOPEND
    )
    aanvrager_medisch_urenbeperkt = models.BooleanField(
        _("aanvrager medisch urenbeperkt (art. 31 lid 2 onder y)"), default=False
    )
    partner_medisch_urenbeperkt = models.BooleanField(
        _("partner medisch urenbeperkt (art. 31 lid 2 onder y)"), default=False
    )
    aanvrager_doelgroep_loonkostensubsidie = models.BooleanField(
        _("aanvrager doelgroep loonkostensubsidie (art. 31 lid 2 onder z)"), default=False
    )
    partner_doelgroep_loonkostensubsidie = models.BooleanField(
        _("partner doelgroep loonkostensubsidie (art. 31 lid 2 onder z)"), default=False
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("uitkering")
        verbose_name_plural = _("uitkeringen")
        constraints = [
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=F("ingangsdatum")),
                name="uitkering_periode",
            )
        ]

    def __str__(self) -> str:
        return _("Uitkering bij dossier %(pk)s") % {"pk": self.dossier_id}


class Werkgever(models.Model):
    """An employer that may deliver payroll data with its own system-client token."""

    naam = models.CharField(_("naam"), max_length=200)
    kvk_nummer = models.CharField(
        _("KvK-nummer"), max_length=8, unique=True, validators=[validate_kvk_nummer]
    )
    loonheffingennummer = models.CharField(
        _("loonheffingennummer"),
        max_length=12,
        blank=True,
        validators=[validate_loonheffingennummer],
    )
    systeemclient = models.OneToOneField(
        SysteemClient,
        verbose_name=_("systeemkoppeling (salarissysteem)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="werkgever",
    )
    actief = models.BooleanField(_("actief"), default=True)
    # Added from a burger's "werk gevonden" report: beheer checks it before connecting it.
    aangemeld_door_burger = models.BooleanField(_("aangemeld door burger"), default=False)

    class Meta:
        verbose_name = _("werkgever")
        verbose_name_plural = _("werkgevers")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Dienstverband(models.Model):
    """A registered employment: the payroll API accepts data only for these."""

    werkzoekende = models.ForeignKey(
        Werkzoekende, on_delete=models.PROTECT, related_name="dienstverbanden"
    )
    werkgever = models.ForeignKey(
        Werkgever, on_delete=models.PROTECT, related_name="dienstverbanden"
    )
    van = models.DateField(_("van"))
    tot = models.DateField(_("tot en met"), null=True, blank=True)
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    geregistreerd_op = models.DateTimeField(default=timezone.now)
    uren_per_week = models.DecimalField(
        _("uren per week"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    verwacht_netto_loon = models.DecimalField(
        _("verwacht netto loon per maand"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    gemeld_door_burger = models.BooleanField(_("gemeld door burger (portaal)"), default=False)

    class Meta:
        verbose_name = _("dienstverband")
        verbose_name_plural = _("dienstverbanden")
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__isnull=True) | Q(tot__gte=F("van")), name="dienstverband_periode"
            )
        ]
        indexes = [models.Index(fields=["werkgever", "werkzoekende"])]

    def __str__(self) -> str:
        return _("Dienstverband bij %(werkgever)s") % {"werkgever": self.werkgever}


# --------------------------------------------------------------------------------------------
# inkomstenopgaven


class Persoon(models.TextChoices):
    AANVRAGER = "aanvrager", _("Aanvrager")
    PARTNER = "partner", _("Partner")


class InkomstenSoort(models.TextChoices):
    ARBEID = "arbeid", _("Inkomsten uit arbeid")
    OVERIG = "overig", _("Overige inkomsten")


class InkomstenPeriode(models.TextChoices):
    MAAND = "maand", _("Per maand")
    VIER_WEKEN = "vier_weken", _("Per vier weken")


class OpgaveStatus(models.TextChoices):
    GESCHAT = "geschat", _("Geschat")
    DEFINITIEF = "definitief", _("Definitief")


class Bron(models.TextChoices):
    BURGER = "burger", _("Burger (portaal)")
    CONSULENT = "consulent", _("Consulent")
    WERKGEVER = "werkgever", _("Werkgever (salarissysteem)")


class Beoordeling(models.TextChoices):
    OPEN = "open", _("Nog niet beoordeeld")
    GEACCEPTEERD = "geaccepteerd", _("Geaccepteerd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class LoonstrookType(models.TextChoices):
    PDF = "pdf", "PDF"
    PNG = "png", "PNG"
    JPEG = "jpeg", "JPEG"


class OnveranderlijkError(Exception):
    """Raised when code tries to change the content of an immutable record."""


class Inkomstenopgave(models.Model):
    """An immutable report of income for one person and month.

    Only the beoordeling fields change after creation (via ``services.beoordeel_opgave``);
    a correction is a new opgave with ``vervangt`` set (each opgave is superseded at most once,
    enforced by the one-to-one). ``bedrag`` is the netto amount excluding the vakantiegeld
    component, which is stored separately and counted as income from work too.
    """

    MUTABLE_FIELDS = frozenset(
        {"beoordeling", "beoordeling_reden", "beoordeeld_door", "beoordeeld_op"}
    )

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="inkomstenopgaven")
    maand = models.DateField(_("maand"), help_text=_("Eerste dag van de maand."))
    persoon = models.CharField(_("persoon"), max_length=10, choices=Persoon.choices)
    soort = models.CharField(_("soort"), max_length=10, choices=InkomstenSoort.choices)
    bedrag = models.DecimalField(_("netto bedrag"), **GELD)
    periode = models.CharField(
        _("periode"),
        max_length=10,
        choices=InkomstenPeriode.choices,
        default=InkomstenPeriode.MAAND,
    )
    betaaldata = models.JSONField(_("betaaldata"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=OpgaveStatus.choices)
    bron = models.CharField(_("bron"), max_length=10, choices=Bron.choices)
    vakantiegeld = models.DecimalField(_("netto vakantiegeld"), default=NUL, **GELD)
    uren = models.DecimalField(_("uren"), max_digits=6, decimal_places=2, null=True, blank=True)
    loonstrook = models.FileField(
        _("loonstrook"), storage=prive_opslag, upload_to=loonstrook_pad, blank=True, max_length=200
    )
    loonstrook_type = models.CharField(max_length=4, choices=LoonstrookType.choices, blank=True)
    beoordeling = models.CharField(
        _("beoordeling"), max_length=12, choices=Beoordeling.choices, default=Beoordeling.OPEN
    )
    beoordeling_reden = models.TextField(_("reden"), blank=True)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    beoordeeld_op = models.DateTimeField(null=True, blank=True)
    vervangt = models.OneToOneField(
        "self",
        verbose_name=_("vervangt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="vervangen_door",
    )
    # Payroll idempotency key: (werkgever, werkzoekende, loonperiode, versie).
    werkgever = models.ForeignKey(
        Werkgever, null=True, blank=True, on_delete=models.PROTECT, related_name="opgaven"
    )
    werkzoekende = models.ForeignKey(
        Werkzoekende, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    loonperiode = models.CharField(max_length=20, blank=True)
    versie = models.PositiveIntegerField(null=True, blank=True)
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ingediend_door_systeem = models.ForeignKey(
        SysteemClient, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ingediend_op = models.DateTimeField(_("ingediend op"), default=timezone.now)
    # Idempotency key of the form or API request (issue 13 §1): a resubmission or a retry with
    # the same key for the same dossier stores nothing new and returns this opgave.
    idempotentiesleutel = models.CharField(_("idempotentiesleutel"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("inkomstenopgave")
        verbose_name_plural = _("inkomstenopgaven")
        ordering = ["maand", "ingediend_op", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(bedrag__gte=0), name="opgave_bedrag_niet_negatief"),
            models.CheckConstraint(
                condition=Q(vakantiegeld__gte=0), name="opgave_vakantiegeld_niet_negatief"
            ),
            models.CheckConstraint(condition=Q(maand__day=1), name="opgave_maand_eerste_dag"),
            models.CheckConstraint(
                condition=~Q(beoordeling="afgewezen") | ~Q(beoordeling_reden=""),
                name="opgave_afwijzing_met_reden",
            ),
            models.UniqueConstraint(
                fields=["werkgever", "werkzoekende", "loonperiode", "versie"],
                condition=Q(bron="werkgever"),
                name="opgave_loongegevens_idempotent",
            ),
            models.UniqueConstraint(
                fields=["dossier", "idempotentiesleutel"],
                condition=~Q(idempotentiesleutel=""),
                name="opgave_idempotentiesleutel_uniek",
            ),
        ]
        indexes = [models.Index(fields=["dossier", "maand"])]

    def __str__(self) -> str:
        return _("Opgave %(pk)s (%(maand)s)") % {"pk": self.pk, "maand": f"{self.maand:%Y-%m}"}

    def save(self, *args, **kwargs):
        """Insert freely; an update may only touch the beoordeling fields."""
        if self.pk is not None and not self._state.adding:
            velden = kwargs.get("update_fields")
            if velden is None or not set(velden) <= self.MUTABLE_FIELDS:
                raise OnveranderlijkError(
                    "Een inkomstenopgave is onveranderlijk: leg een correctie vast met 'vervangt'."
                )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise OnveranderlijkError("Een inkomstenopgave wordt nooit verwijderd.")

    @property
    def telt_bedrag(self) -> Decimal:
        """The amount counted as income: netto wage plus the vakantiegeld component."""
        return self.bedrag + self.vakantiegeld


class BeoordelingWijziging(models.Model):
    """Each beoordeling transition of an opgave (who, when, why)."""

    opgave = models.ForeignKey(
        Inkomstenopgave, on_delete=models.CASCADE, related_name="beoordelingswijzigingen"
    )
    van = models.CharField(max_length=12, choices=Beoordeling.choices)
    naar = models.CharField(max_length=12, choices=Beoordeling.choices)
    reden = models.TextField(blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("beoordeling van een opgave")
        verbose_name_plural = _("beoordelingen van opgaven")
        ordering = ["op", "pk"]

    def __str__(self) -> str:
        return f"{self.van} -> {self.naar}"


# Allowed beoordeling transitions (from -> {to}).
BEOORDELING_OVERGANGEN: dict[str, frozenset[str]] = {
    Beoordeling.OPEN: frozenset({Beoordeling.GEACCEPTEERD, Beoordeling.AFGEWEZEN}),
    Beoordeling.GEACCEPTEERD: frozenset({Beoordeling.AFGEWEZEN}),
    Beoordeling.AFGEWEZEN: frozenset({Beoordeling.GEACCEPTEERD}),
}


# --------------------------------------------------------------------------------------------
# berekeningen


class Berekening(models.Model):
    """One version of the calculation of a dossier-month, with its inputs and explanation.

    Exactly one version per dossier-month is ``actueel``. Versions are only added when the
    result or the opgaven used differ (``vingerafdruk``), so recalculating twice is a no-op.
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="berekeningen")
    maand = models.DateField(_("maand"))
    versie = models.PositiveIntegerField(_("versie"))
    actueel = models.BooleanField(_("actueel"), default=True)
    invoer = models.JSONField(_("invoer"))
    resultaat = models.JSONField(_("resultaat"))  # Resultaat.als_dict(), incl. regels
    vrijlatingen = models.JSONField(_("toegepaste vrijlatingen"), default=list)
    regelset_geldig_vanaf = models.DateField(_("regelset geldig vanaf"))
    beleid_geldig_vanaf = models.DateField(_("beleid geldig vanaf"))
    regels_versie = models.CharField(_("versie van de regels"), max_length=64)
    vingerafdruk = models.CharField(max_length=64)
    op_schatting = models.BooleanField(_("(deels) op geschat inkomen"), default=False)
    norm = models.DecimalField(_("norm"), **GELD)
    kostendelers = models.PositiveSmallIntegerField(_("kostendelers"), default=1)
    inkomsten = models.DecimalField(_("inkomsten"), **GELD)
    vrijlating = models.DecimalField(_("vrijlating"), **GELD)
    bijstand = models.DecimalField(_("bijstand incl. vakantietoeslag"), **GELD)
    vakantietoeslag = models.DecimalField(_("vakantietoeslag"), **GELD)
    uitbetaling = models.DecimalField(_("uitbetaling"), **GELD)
    correctie = models.DecimalField(_("correctie"), null=True, blank=True, **GELD)
    opgaven = models.ManyToManyField(Inkomstenopgave, related_name="berekeningen", blank=True)
    aanleiding = models.CharField(_("aanleiding"), max_length=200, blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("berekening")
        verbose_name_plural = _("berekeningen")
        ordering = ["dossier", "maand", "versie"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "maand", "versie"], name="berekening_versie_uniek"
            ),
            models.UniqueConstraint(
                fields=["dossier", "maand"],
                condition=Q(actueel=True),
                name="berekening_een_actuele_per_maand",
            ),
        ]
        # No index on (maand, actueel): every read has the dossier, and that index made the
        # planner scan the whole month for the payment run's lookups of a chunk.

    def __str__(self) -> str:
        return _("Berekening %(maand)s versie %(versie)s") % {
            "maand": f"{self.maand:%Y-%m}",
            "versie": self.versie,
        }


class VrijlatingToepassing(models.Model):
    """A vrijlating applied in a berekening: the counters (n: 6, r: 30 months) are derived by
    counting these on the actuele berekeningen of earlier months (policy P5)."""

    berekening = models.ForeignKey(
        Berekening, on_delete=models.CASCADE, related_name="vrijlating_toepassingen"
    )
    # denormalised for the counter query
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="+")
    maand = models.DateField()
    actueel = models.BooleanField(default=True)
    persoon = models.CharField(max_length=10, choices=Persoon.choices)
    soort = models.CharField(max_length=4)
    bedrag = models.DecimalField(**GELD)
    maandnummer = models.PositiveSmallIntegerField()
    max_maanden = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("toegepaste vrijlating")
        verbose_name_plural = _("toegepaste vrijlatingen")
        indexes = [models.Index(fields=["dossier", "actueel", "maand"])]

    def __str__(self) -> str:
        return f"{self.soort} {self.maand:%Y-%m} ({self.persoon})"


# --------------------------------------------------------------------------------------------
# the ledger


class BoekingSoort(models.TextChoices):
    UITBETALING_VOORLOPIG = "uitbetaling_voorlopig", _("Uitbetaling (betaalrun)")
    NABETALING = "nabetaling", _("Nabetaling")
    VERREKENINGSSCHULD = "verrekeningsschuld", _("Verrekeningsschuld")
    INHOUDING = "inhouding", _("Inhouding verrekeningsschuld")
    VORDERING = "vordering", _("Vordering")
    VAKANTIETOESLAG_UITBETALING = "vakantietoeslag_uitbetaling", _("Uitbetaling vakantietoeslag")
    # art. 52 PW (inkomen.voorschot): cash paid before the besluit, never bijstand of a month
    VOORSCHOT = "voorschot", _("Voorschot")
    VOORSCHOT_VERREKENING = "voorschot_verrekening", _("Verrekening voorschot")
    VOORSCHOT_VORDERING = "voorschot_vordering", _("Terugvordering voorschot")


# The bookings whose sum is the open voorschot of a dossier (inkomen.voorschot; derived).
VOORSCHOT_SOORTEN = (
    BoekingSoort.VOORSCHOT,
    BoekingSoort.VOORSCHOT_VERREKENING,
    BoekingSoort.VOORSCHOT_VORDERING,
)


# The bookings that make up the bijstand recognised for a month (see services docstring).
RECHT_SOORTEN = (
    BoekingSoort.UITBETALING_VOORLOPIG,
    BoekingSoort.NABETALING,
    BoekingSoort.VERREKENINGSSCHULD,
    BoekingSoort.VORDERING,
)


class RedenCode(models.TextChoices):
    ART_58_LID_1 = "art_58_lid_1", _("art. 58 lid 1 Participatiewet (schending inlichtingenplicht)")
    ART_58_LID_2 = "art_58_lid_2", _("art. 58 lid 2 onder f Participatiewet (later middelen)")
    ART_58_LID_4 = "art_58_lid_4", _("art. 58 lid 4 Participatiewet (verrekening binnen 6 maanden)")
    ART_58_LID_2_E = (
        "art_58_lid_2_e",
        _("art. 58 lid 2 onder e Participatiewet (voorschot, nadien geen of lager recht)"),
    )


class Boeking(models.Model):
    """One ledger line of a dossier. Append-only.

    Sign convention: ``bedrag`` is bijstand **including** vakantietoeslag, seen from the burger
    (+ in his favour, - against him). ``vakantietoeslag`` is the part of ``bedrag`` that goes
    to (or comes from) the VT reservation; the cash effect is ``bedrag - vakantietoeslag``.
    ``betaalmaand`` is the payment run (month) whose payment carries the cash effect; ``None``
    = still to be paid or withheld in the next run (a later Betaling model can reference the
    Boeking through a foreign key to it).
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="boekingen")
    maand = models.DateField(_("maand"))
    soort = models.CharField(_("soort"), max_length=28, choices=BoekingSoort.choices)
    bedrag = models.DecimalField(_("bedrag"), **GELD)
    vakantietoeslag = models.DecimalField(_("waarvan vakantietoeslag"), default=NUL, **GELD)
    reden_code = models.CharField(_("reden"), max_length=14, choices=RedenCode.choices, blank=True)
    # The app never deletes a berekening (versions are kept); SET_NULL only lets the demo
    # removal (which deletes per related model, berekeningen before bookings) run. The
    # ledger itself stays protected by ``dossier`` (PROTECT).
    berekening = models.ForeignKey(
        Berekening, null=True, blank=True, on_delete=models.SET_NULL, related_name="boekingen"
    )
    betaalmaand = models.DateField(_("betaald in maand"), null=True, blank=True)
    uiterlijk_verrekend = models.DateField(
        _("uiterlijk verrekend in"), null=True, blank=True
    )  # verrekeningsschuld: last month of the art. 58 lid 4 window
    omschrijving = models.CharField(_("omschrijving"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("geboekt op"), default=timezone.now)

    class Meta:
        verbose_name = _("boeking")
        verbose_name_plural = _("boekingen")
        ordering = ["dossier", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "maand"],
                condition=Q(soort="uitbetaling_voorlopig"),
                name="boeking_een_uitbetaling_per_maand",
            ),
            models.CheckConstraint(
                condition=~Q(soort__in=["vordering", "verrekeningsschuld", "voorschot_vordering"])
                | ~Q(reden_code=""),
                name="boeking_vordering_met_reden",
            ),
            # The voorschot lines (inkomen.voorschot): cash only (no VT part); the set-off is
            # carried by a payment run (betaalmaand), the voorschot and its claim never are.
            models.CheckConstraint(
                condition=~Q(soort__in=list(VOORSCHOT_SOORTEN)) | Q(vakantietoeslag=0),
                name="boeking_voorschot_zonder_vakantietoeslag",
            ),
            models.CheckConstraint(
                condition=~Q(soort="voorschot_verrekening")
                | Q(bedrag__lt=0, betaalmaand__isnull=False),
                name="boeking_voorschot_verrekening_in_betaling",
            ),
            models.CheckConstraint(
                condition=~Q(soort__in=["voorschot", "voorschot_vordering"])
                | Q(betaalmaand__isnull=True),
                name="boeking_voorschot_buiten_betaalrun",
            ),
            models.CheckConstraint(
                condition=~Q(soort="voorschot_vordering") | Q(bedrag__lt=0),
                name="boeking_voorschot_vordering_negatief",
            ),
        ]
        indexes = [
            models.Index(fields=["dossier", "maand", "soort"]),
            models.Index(fields=["dossier", "soort", "betaalmaand"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.maand:%Y-%m} {self.bedrag}"

    @property
    def kasbedrag(self) -> Decimal:
        return self.bedrag - self.vakantietoeslag


# --------------------------------------------------------------------------------------------
# the monthly payment run (inkomen.betaalrun)


class BetaalrunStatus(models.TextChoices):
    GEPLAND = "gepland", _("Gepland")
    BEZIG = "bezig", _("Bezig")
    KLAAR = "klaar", _("Klaar")
    MISLUKT = "mislukt", _("Mislukt")


# Allowed transitions (from -> {to}). A failed run is resumed (mislukt -> bezig); a finished
# run is final: rerunning the month returns it unchanged.
BETAALRUN_OVERGANGEN: dict[str, frozenset[str]] = {
    BetaalrunStatus.GEPLAND: frozenset({BetaalrunStatus.BEZIG, BetaalrunStatus.MISLUKT}),
    BetaalrunStatus.BEZIG: frozenset({BetaalrunStatus.KLAAR, BetaalrunStatus.MISLUKT}),
    BetaalrunStatus.MISLUKT: frozenset({BetaalrunStatus.BEZIG}),
    BetaalrunStatus.KLAAR: frozenset(),
}


def betaalbestand_pad(instance: Betaalrun, filename: str) -> str:
    return f"betaalbestanden/{instance.maand:%Y}/pain001-{instance.maand:%Y%m}.xml"


class Betaalrun(models.Model):
    """The payment run of one month: one per month, processed in chunks by Celery workers.

    The pain.001 file lives in private storage (``PRIVATE_MEDIA_ROOT``, never web-served).
    Progress: ``chunks_klaar`` of ``chunks_totaal`` (updated with F() expressions).
    """

    maand = models.DateField(_("maand"), unique=True, help_text=_("Eerste dag van de maand."))
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=BetaalrunStatus.choices,
        default=BetaalrunStatus.GEPLAND,
    )
    betaaldatum = models.DateField(_("uitvoeringsdatum"))
    aantal_betalingen = models.PositiveIntegerField(_("aantal betalingen"), default=0)
    totaal_bedrag = models.DecimalField(_("totaal bedrag"), default=NUL, **GELD)
    aantal_niet_betaald = models.PositiveIntegerField(_("aantal niet betaald"), default=0)
    chunks_totaal = models.PositiveIntegerField(_("delen totaal"), default=0)
    chunks_klaar = models.PositiveIntegerField(_("delen klaar"), default=0)
    bericht_id = models.CharField(_("bericht-id (MsgId)"), max_length=35, blank=True)
    bestand = models.FileField(
        _("betaalbestand"),
        storage=prive_opslag,
        upload_to=betaalbestand_pad,
        blank=True,
        max_length=200,
    )
    bestand_sha256 = models.CharField(_("SHA-256 van het bestand"), max_length=64, blank=True)
    foutmelding = models.TextField(_("foutmelding"), blank=True)
    gestart_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    gestart_op = models.DateTimeField(_("gestart op"), null=True, blank=True)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)
    # Stall detection (issue 13 §1): the last progress (a chunk done, a dispatch), how often the
    # watchdog resumed the run, and the alert when it could not (shown on the screen, logged).
    laatste_voortgang_op = models.DateTimeField(_("laatste voortgang"), null=True, blank=True)
    hervattingen = models.PositiveIntegerField(_("automatisch hervat"), default=0)
    alarm = models.TextField(_("alarm"), blank=True)
    alarm_op = models.DateTimeField(_("alarm gegeven op"), null=True, blank=True)

    class Meta:
        verbose_name = _("betaalrun")
        verbose_name_plural = _("betaalruns")
        ordering = ["-maand"]
        constraints = [
            models.CheckConstraint(condition=Q(maand__day=1), name="betaalrun_maand_eerste_dag"),
        ]

    def __str__(self) -> str:
        return _("Betaalrun %(maand)s") % {"maand": f"{self.maand:%Y-%m}"}


class BetaalrunWijziging(models.Model):
    """Each status transition of a Betaalrun (who/what, when, why)."""

    betaalrun = models.ForeignKey(Betaalrun, on_delete=models.CASCADE, related_name="wijzigingen")
    van = models.CharField(max_length=8, choices=BetaalrunStatus.choices)
    naar = models.CharField(max_length=8, choices=BetaalrunStatus.choices)
    toelichting = models.TextField(blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("statuswijziging betaalrun")
        verbose_name_plural = _("statuswijzigingen betaalrun")
        ordering = ["op", "pk"]

    def __str__(self) -> str:
        return f"{self.van} -> {self.naar}"


class BetaalrunDeel(models.Model):
    """A processed chunk of a run: makes the progress counter idempotent (a chunk delivered
    twice counts once)."""

    betaalrun = models.ForeignKey(Betaalrun, on_delete=models.CASCADE, related_name="delen")
    nummer = models.PositiveIntegerField()
    aantal_dossiers = models.PositiveIntegerField(default=0)
    verwerkt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("verwerkt deel van een betaalrun")
        verbose_name_plural = _("verwerkte delen van betaalruns")
        constraints = [
            models.UniqueConstraint(fields=["betaalrun", "nummer"], name="betaalrun_deel_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.betaalrun} deel {self.nummer}"


class BetalingStatus(models.TextChoices):
    OPGENOMEN = "opgenomen", _("In betaalbestand")
    NIET_BETAALD = "niet_betaald", _("Niet betaald")


class NietBetaaldReden(models.TextChoices):
    NIHIL = "nihil", _("Te betalen bedrag is nihil")
    GEEN_IBAN = "geen_iban", _("Geen geldig IBAN bekend")
    BEREKENING = "berekening", _("Berekening niet mogelijk (gegevens onvolledig)")
    OPGESCHORT = "opgeschort", _("Uitkering opgeschort (art. 54 lid 2 PW)")


class Betaling(models.Model):
    """Exactly one payment per dossier and month (the unique constraint is the guarantee).

    ``iban`` and ``naam`` are the creditor's data at the time of the run; never a BSN.
    ``end_to_end_id`` is deterministic (``WI-<yyyymm>-<dossier id>``), so a regenerated file
    and bank returns (pain.002 / camt.054) reconcile. A dossier that cannot be paid gets a
    ``niet_betaald`` row with its reason (for the consulent), not a line in the file. The
    ledger lines the payment carries are the dossier's Boekingen with ``betaalmaand = maand``.
    """

    betaalrun = models.ForeignKey(Betaalrun, on_delete=models.PROTECT, related_name="betalingen")
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="betalingen")
    maand = models.DateField(_("maand"))
    bedrag = models.DecimalField(_("bedrag"), **GELD)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    naam = models.CharField(_("naam"), max_length=70, blank=True)
    end_to_end_id = models.CharField(_("end-to-end-id"), max_length=35, unique=True)
    status = models.CharField(_("status"), max_length=12, choices=BetalingStatus.choices)
    reden = models.CharField(
        _("reden niet betaald"), max_length=12, choices=NietBetaaldReden.choices, blank=True
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("betaling")
        verbose_name_plural = _("betalingen")
        ordering = ["maand", "dossier_id"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "maand"], name="betaling_een_per_maand"),
            models.CheckConstraint(condition=Q(bedrag__gte=0), name="betaling_niet_negatief"),
            models.CheckConstraint(
                condition=~Q(status="niet_betaald") | ~Q(reden=""),
                name="betaling_niet_betaald_met_reden",
            ),
        ]
        indexes = [models.Index(fields=["betaalrun", "status"])]

    def __str__(self) -> str:
        return self.end_to_end_id


# --------------------------------------------------------------------------------------------
# voorschotten (art. 52 PW) paid outside the monthly run (inkomen.voorschot)


class VoorschotbatchStatus(models.TextChoices):
    AANGEMAAKT = "aangemaakt", _("Klaar om te downloaden")
    GEDOWNLOAD = "gedownload", _("Gedownload")


def voorschotbestand_pad(instance: Voorschotbatch, filename: str) -> str:
    return f"voorschotbestanden/{instance.datum:%Y}/pain001-{instance.bericht_id}.xml"


class Voorschotbatch(models.Model):
    """The SEPA pain.001 file of the voorschotten collected at one moment (usually daily).

    The file lives in private storage and is reproducible from the rows (``bericht_id`` and
    ``aangemaakt_op`` fix MsgId, PmtInfId and CreDtTm). Only the medewerker betaalruns
    downloads it; the first download is recorded.
    """

    datum = models.DateField(_("datum"))
    uitvoeringsdatum = models.DateField(_("uitvoeringsdatum"))
    bericht_id = models.CharField(_("bericht-id (MsgId)"), max_length=35, unique=True)
    aantal = models.PositiveIntegerField(_("aantal betalingen"), default=0)
    totaal = models.DecimalField(_("totaal bedrag"), default=NUL, **GELD)
    bestand = models.FileField(
        _("betaalbestand"),
        storage=prive_opslag,
        upload_to=voorschotbestand_pad,
        blank=True,
        max_length=200,
    )
    bestand_sha256 = models.CharField(_("SHA-256 van het bestand"), max_length=64, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=VoorschotbatchStatus.choices,
        default=VoorschotbatchStatus.AANGEMAAKT,
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    gedownload_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    gedownload_op = models.DateTimeField(_("eerst gedownload op"), null=True, blank=True)

    class Meta:
        verbose_name = _("betaalbestand voorschotten")
        verbose_name_plural = _("betaalbestanden voorschotten")
        ordering = ["-aangemaakt_op", "-pk"]

    def __str__(self) -> str:
        return self.bericht_id


class Voorschotbetaling(models.Model):
    """One voorschot paid to the burger outside the monthly run (art. 52 PW).

    ``iban`` and ``naam`` are the creditor's data at the time (checked, never a BSN);
    ``end_to_end_id`` is deterministic (``VS-<dossier id>-<n>``). ``boeking`` is the ledger's
    ``voorschot`` line (+bedrag). ``batch`` is the SEPA file that carries it: ``None`` = not
    sent yet. An aanvraag refused before the file was made cancels the payment instead
    (``geannuleerd_op``, ``annulering`` = the reversing ``voorschot`` line): no money left.
    """

    dossier = models.ForeignKey(
        Dossier, on_delete=models.PROTECT, related_name="voorschotbetalingen"
    )
    bedrag = models.DecimalField(_("bedrag"), **GELD)
    iban = models.CharField(_("IBAN"), max_length=34)
    naam = models.CharField(_("naam"), max_length=70)
    end_to_end_id = models.CharField(_("end-to-end-id"), max_length=35, unique=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=140)
    boeking = models.OneToOneField(
        Boeking, on_delete=models.PROTECT, related_name="voorschotbetaling"
    )
    batch = models.ForeignKey(
        Voorschotbatch,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="betalingen",
    )
    geannuleerd_op = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    annulering = models.OneToOneField(
        Boeking, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("voorschotbetaling")
        verbose_name_plural = _("voorschotbetalingen")
        ordering = ["aangemaakt_op", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(bedrag__gt=0), name="voorschotbetaling_positief"),
            models.CheckConstraint(
                condition=Q(batch__isnull=True) | Q(geannuleerd_op__isnull=True),
                name="voorschotbetaling_niet_geannuleerd_in_batch",
            ),
            models.CheckConstraint(
                condition=Q(geannuleerd_op__isnull=True, annulering__isnull=True)
                | Q(geannuleerd_op__isnull=False, annulering__isnull=False),
                name="voorschotbetaling_annulering_met_boeking",
            ),
        ]
        indexes = [models.Index(fields=["batch", "geannuleerd_op"])]

    def __str__(self) -> str:
        return self.end_to_end_id


# The models of the durable recalculation (outbox, rule-set recalculation runs) and of periods
# (opschorting, signalen): in their own modules, part of this app's models.
from .models_herberekening import (  # noqa: E402,F401
    Herberekeningsrun,
    HerberekeningsrunDeel,
    HerberekeningsrunStatus,
    HerberekenVerzoek,
)
from .models_perioden import Opschorting, OpschortingAfloop, Signaal, SignaalSoort  # noqa: E402,F401
