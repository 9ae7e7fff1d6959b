"""The front door: melding, aanvraag, bewijsstukken, hersteltermijnen, besluit, voorschot.

A melding opens the dossier (with its one werkcoach) and an :class:`Aanvraag` at once; the
burger (portal) or a consulent (loket) fills the aanvraag in steps; the aanvraag team checks it
against the rechtmatigheid checklist and decides. The melding date (art. 44 lid 1 PW: the
earliest ingangsdatum) is stored apart from the date the aanvraag was complete (the beslistermijn
runs from that one, art. 4:13 Awb). Policy settings (zoektermijn for jongeren, voorschot
percentage, vermogensgrens) are data with ``geldig_vanaf``: :class:`Aanvraagbeleid`.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from bijstand.core.history import history_user
from bijstand.dossiers.models import Dossier
from inkomen.models import GELD, GeldigVanafVersie, prive_opslag


class Aanvraagbeleid(GeldigVanafVersie):
    """Policy of the aanvraag as data (ADR 0008): see ``aanvraag.beleid`` for the keys."""

    data = models.JSONField(_("beleidskeuzes"))
    history = HistoricalRecords(get_user=history_user)

    class Meta(GeldigVanafVersie.Meta):
        verbose_name = _("aanvraagbeleid")
        verbose_name_plural = _("aanvraagbeleid")

    def __str__(self) -> str:
        return _("Aanvraagbeleid vanaf %(datum)s") % {"datum": self.geldig_vanaf}


class AanvraagStatus(models.TextChoices):
    CONCEPT = "concept", _("Nog niet ingediend")
    INGEDIEND = "ingediend", _("Ingediend, in behandeling")
    OPGESCHORT = "opgeschort", _("Wacht op gegevens")
    TOEGEKEND = "toegekend", _("Toegekend")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    BUITEN_BEHANDELING = "buiten_behandeling", _("Buiten behandeling gesteld")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


OPEN_STATUSSEN = (AanvraagStatus.CONCEPT, AanvraagStatus.INGEDIEND, AanvraagStatus.OPGESCHORT)
TE_BESLISSEN = (AanvraagStatus.INGEDIEND, AanvraagStatus.OPGESCHORT)


class AanvraagKanaal(models.TextChoices):
    PORTAAL = "portaal", _("Burgerportaal (DigiD)")
    LOKET = "loket", _("Loket")


class Aanvraag(models.Model):
    """One aanvraag algemene bijstand; the dossier it opened is its case record.

    The application never deletes an aanvraag (no screen, no API, read-only in the admin); its
    parts (stukken, hersteltermijnen, besluit, voorschot) cascade only so that the generated
    demo data can be removed (``demo_data --reset``). The dossier is protected."""

    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="aanvraag")
    kanaal = models.CharField(_("kanaal"), max_length=10, choices=AanvraagKanaal.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=AanvraagStatus.choices, default=AanvraagStatus.CONCEPT
    )
    melddatum = models.DateField(_("datum melding"))
    ontvangen_op = models.DateField(_("aanvraag volledig ingediend op"), null=True, blank=True)
    # the end of the beslistermijn (4:13, suspended per 4:15 assuming an open hersteltermijn is
    # used in full); kept by the services so the worklist can sort on it
    beslissen_uiterlijk = models.DateField(_("uiterlijk beslissen op"), null=True, blank=True)
    # jongeren < 27: the aanvraag can be completed from this day (art. 41 lid 4 PW)
    indienen_vanaf = models.DateField(_("indienen mogelijk vanaf"), null=True, blank=True)
    # what the burger (or the consulent for them) filled in, per step: {stap: {veld: waarde}}
    gegevens = models.JSONField(_("ingevulde gegevens"), default=dict, blank=True)
    # what the BRP said at the prefill (BrpPersoon.als_dict()), kept beside the burger's data
    brp = models.JSONField(_("gegevens uit de BRP"), default=dict, blank=True)
    brp_opgehaald_op = models.DateTimeField(_("BRP geraadpleegd op"), null=True, blank=True)
    # Awb 2:14: decisions go electronically only when the burger chose that
    elektronisch = models.BooleanField(_("besluiten digitaal ontvangen"), default=False)
    verklaring_op = models.DateTimeField(_("verklaring ondertekend op"), null=True, blank=True)
    checklist = models.JSONField(_("rechtmatigheidscontrole"), default=dict, blank=True)
    ingebrekestelling_op = models.DateField(
        _("ingebrekestelling ontvangen op"), null=True, blank=True
    )
    # "recht niet aannemelijk": no voorschot (art. 52 PW); the reason is recorded
    geen_voorschot_reden = models.TextField(_("reden geen voorschot"), blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    gewijzigd_op = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("aanvraag")
        verbose_name_plural = _("aanvragen")
        ordering = ["-melddatum", "-pk"]
        indexes = [models.Index(fields=["status", "beslissen_uiterlijk"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ontvangen_op__isnull=True) | Q(ontvangen_op__gte=models.F("melddatum")),
                name="aanvraag_ontvangen_na_melding",
            )
        ]

    def __str__(self) -> str:
        return _("Aanvraag van %(datum)s") % {"datum": self.melddatum}

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSSEN


class StukSoort(models.TextChoices):
    IDENTITEIT = "identiteit", _("Identiteitsbewijs")
    BANKREKENING = "bankrekening", _("Bankafschriften")
    HUUR = "huur", _("Huurcontract of hypotheek")
    INKOMEN = "inkomen", _("Loonstrook of ander inkomen")
    VERMOGEN = "vermogen", _("Spaargeld, auto of ander bezit")
    HUISHOUDEN = "huishouden", _("Gegevens over uw huishouden")
    OVERIG = "overig", _("Ander bewijsstuk")


class StukType(models.TextChoices):
    PDF = "pdf", "PDF"
    PNG = "png", "PNG"
    JPEG = "jpeg", "JPEG"


def stuk_pad(instance: Stuk, filename: str) -> str:
    # Never the original name (it may hold personal data); the extension follows the content.
    ext = {"pdf": "pdf", "png": "png", "jpeg": "jpg"}.get(instance.bestandstype, "bin")
    return f"aanvraag/{instance.aanvraag_id}/{os.urandom(12).hex()}.{ext}"


class Stuk(models.Model):
    """A bewijsstuk with the aanvraag (content-checked: PDF, PNG or JPEG, at most 10 MB)."""

    aanvraag = models.ForeignKey(Aanvraag, on_delete=models.CASCADE, related_name="stukken")
    soort = models.CharField(_("soort"), max_length=14, choices=StukSoort.choices)
    omschrijving = models.CharField(_("omschrijving"), max_length=200, blank=True)
    bestand = models.FileField(storage=prive_opslag, upload_to=stuk_pad, max_length=200)
    bestandstype = models.CharField(max_length=4, choices=StukType.choices)
    grootte = models.PositiveIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(max_length=64)
    geupload_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    geupload_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bewijsstuk")
        verbose_name_plural = _("bewijsstukken")
        ordering = ["geupload_op", "pk"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.geupload_op:%d-%m-%Y})"


class Verzendwijze(models.TextChoices):
    POST = "post", _("Per post")
    ELEKTRONISCH = "elektronisch", _("Digitaal (burgerportaal)")


def herstelbrief_pad(instance: Hersteltermijn, filename: str) -> str:
    return f"herstelbrieven/{instance.aanvraag_id}/{os.urandom(12).hex()}.pdf"


class Hersteltermijn(models.Model):
    """A request for missing stukken (art. 4:5 Awb): suspends the beslistermijn (4:15)."""

    aanvraag = models.ForeignKey(
        Aanvraag, on_delete=models.CASCADE, related_name="hersteltermijnen"
    )
    gevraagd = models.TextField(_("gevraagde gegevens"))
    verzocht_op = models.DateField(_("gevraagd op"))
    termijn_tot = models.DateField(_("uiterlijk aanleveren op"))
    ontvangen_op = models.DateField(_("aangevuld op"), null=True, blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    # the letter "Verzoek om aanvullende gegevens" (aanvraag.herstelbrief), sent per 2:14 Awb
    pdf = models.FileField(
        storage=prive_opslag, upload_to=herstelbrief_pad, max_length=200, blank=True
    )
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    verzendwijze = models.CharField(
        _("verzendwijze"), max_length=12, choices=Verzendwijze.choices, blank=True
    )
    verzonden_op = models.DateField(_("verzonden op"), null=True, blank=True)

    class Meta:
        verbose_name = _("hersteltermijn")
        verbose_name_plural = _("hersteltermijnen")
        ordering = ["verzocht_op", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(termijn_tot__gt=models.F("verzocht_op")),
                name="hersteltermijn_na_verzoek",
            )
        ]

    def __str__(self) -> str:
        return _("Hersteltermijn tot %(datum)s") % {"datum": self.termijn_tot}

    @property
    def is_open(self) -> bool:
        return self.ontvangen_op is None


class BesluitSoort(models.TextChoices):
    TOEKENNING = "toekenning", _("Toekenning")
    AFWIJZING = "afwijzing", _("Afwijzing")
    BUITEN_BEHANDELING = "buiten_behandeling", _("Buiten behandeling")


def beschikking_pad(instance: Besluit, filename: str) -> str:
    return f"beschikkingen/{instance.aanvraag_id}/{os.urandom(12).hex()}.pdf"


class Besluit(models.Model):
    """The beschikking on the aanvraag. Immutable once made; the PDF is stored with its hash.

    ``verzonden_op`` starts the bezwaartermijn (art. 6:8 Awb); ``verzendwijze`` follows the
    burger's choice (2:14)."""

    aanvraag = models.OneToOneField(Aanvraag, on_delete=models.CASCADE, related_name="besluit")
    soort = models.CharField(_("soort"), max_length=20, choices=BesluitSoort.choices)
    ingangsdatum = models.DateField(_("ingangsdatum"), null=True, blank=True)
    motivering = models.TextField(_("motivering"), blank=True)
    # the amounts and their articles as explained in the letter (norm, leefvorm, ...)
    toelichting = models.JSONField(_("bedragen en grondslag"), default=dict, blank=True)
    genomen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    genomen_op = models.DateTimeField(_("besloten op"), default=timezone.now)
    verzendwijze = models.CharField(_("verzendwijze"), max_length=12, choices=Verzendwijze.choices)
    verzonden_op = models.DateField(_("verzonden op"), null=True, blank=True)
    bezwaar_tot = models.DateField(_("bezwaar mogelijk tot en met"), null=True, blank=True)
    pdf = models.FileField(
        storage=prive_opslag, upload_to=beschikking_pad, max_length=200, blank=True
    )
    pdf_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["-genomen_op"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(soort="toekenning") | Q(ingangsdatum__isnull=False),
                name="besluit_toekenning_met_ingangsdatum",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.genomen_op:%d-%m-%Y}"


class VoorschotStatus(models.TextChoices):
    BETAALD = "betaald", _("Betaald")
    VERREKEND = "verrekend", _("Verrekend met de uitkering")
    TERUGGEVORDERD = "teruggevorderd", _("Teruggevorderd")


class Voorschot(models.Model):
    """An advance on the bijstand (art. 52 PW), ``percentage`` of the ``norm`` that applies."""

    aanvraag = models.OneToOneField(Aanvraag, on_delete=models.CASCADE, related_name="voorschot")
    norm = models.DecimalField(_("norm"), **GELD)
    percentage = models.DecimalField(_("percentage"), max_digits=5, decimal_places=2)
    bedrag = models.DecimalField(_("bedrag"), **GELD)
    status = models.CharField(
        _("status"), max_length=14, choices=VoorschotStatus.choices, default=VoorschotStatus.BETAALD
    )
    toelichting = models.JSONField(_("berekening"), default=dict, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("voorschot")
        verbose_name_plural = _("voorschotten")
        constraints = [
            models.CheckConstraint(condition=Q(bedrag__gt=0), name="voorschot_positief"),
        ]

    def __str__(self) -> str:
        return _("Voorschot %(bedrag)s") % {"bedrag": self.bedrag}
