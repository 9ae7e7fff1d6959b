"""The plan van aanpak: one plan per dossier with goals (doelen) and actions (acties).

- ``Plan``: one per dossier. ``versie`` is the version being worked on; ``akkoord_versie`` the
  last version the burger agreed to. A change after an akkoord (new or changed goal or action)
  starts the next version; the agreed versions are kept as JSON snapshots (``PlanVersie``).
- ``Doel``: tied to a leefgebied (``perspectief.Leefgebied``) or to the uitstroomperspectief
  (a ``perspectief.Beroep`` or a free text). A goal on a confidential leefgebied (health,
  addiction, justice) is shown only to the dossier's own werkcoach and to the burger.
- ``Actie``: an owner (burger, werkcoach, partnerorganisatie + name), a due date and a status
  that changes only along ``OVERGANGEN``; every change is an ``ActieOvergang`` row plus a
  journaal line. Several actions run at the same time.
- ``PlanSjabloon`` with ``SjabloonDoel`` / ``SjabloonActie``: templates per
  dienstverleningsroute, managed by the functioneel beheerder in the admin; the due dates of
  template actions are relative (days after the start date).
- ``Melding``: a notification (past due for the werkcoach, due within a week for the burger,
  "klaar gemeld" for the werkcoach); at most one per action and kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from bijstand.core.history import history_user
from bijstand.dossiers.models import Dossier, Route
from perspectief.models import Beroep, Leefgebied


class DoelSoort(models.TextChoices):
    LEEFGEBIED = "leefgebied", _("Leefgebied")
    UITSTROOM = "uitstroom", _("Uitstroomperspectief")


class Eigenaar(models.TextChoices):
    BURGER = "burger", _("Burger")
    WERKCOACH = "werkcoach", _("Werkcoach")
    PARTNER = "partner", _("Partnerorganisatie")


class ActieStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCORDERING = "accordering", _("Klaar gemeld, wacht op bevestiging")
    AFGEROND = "afgerond", _("Afgerond")
    VERVALLEN = "vervallen", _("Vervallen")


LOPENDE_STATUSSEN = (ActieStatus.OPEN, ActieStatus.ACCORDERING)

# Plain (B1) words for the burgerportaal.
BURGER_STATUS_LABELS = {
    ActieStatus.OPEN: _("Nog doen"),
    ActieStatus.ACCORDERING: _("Klaar gemeld. Uw werkcoach kijkt ernaar."),
    ActieStatus.AFGEROND: _("Klaar"),
    ActieStatus.VERVALLEN: _("Gaat niet door"),
}


class ActieBron(models.TextChoices):
    HANDMATIG = "handmatig", _("Toegevoegd door de werkcoach")
    SJABLOON = "sjabloon", _("Uit een sjabloon")
    VERVOLG = "vervolg", _("Vervolgactie (automatisch)")


class Actor(models.TextChoices):
    """Who may make a transition: the burger of the dossier or its own werkcoach."""

    BURGER = "burger", _("de burger")
    WERKCOACH = "werkcoach", _("de werkcoach")


@dataclass(frozen=True)
class Overgang:
    actor: str
    reden_verplicht: bool = False
    # The burger may only report their own actions as done.
    alleen_eigen_actie: bool = False


# The allowed-transition table of an action: (from, to) -> who may do it.
# - open -> accordering: the burger says their action is done ("Klaar");
# - accordering -> afgerond: the werkcoach confirms; accordering -> open: not done yet (reason);
# - open -> afgerond: the werkcoach records it as done directly (own or partner action, or the
#   burger told the werkcoach in a conversation);
# - open/accordering -> vervallen: the action is dropped (reason).
# afgerond and vervallen are final.
OVERGANGEN: dict[tuple[str, str], Overgang] = {
    (ActieStatus.OPEN, ActieStatus.ACCORDERING): Overgang(Actor.BURGER, alleen_eigen_actie=True),
    (ActieStatus.OPEN, ActieStatus.AFGEROND): Overgang(Actor.WERKCOACH),
    (ActieStatus.OPEN, ActieStatus.VERVALLEN): Overgang(Actor.WERKCOACH, reden_verplicht=True),
    (ActieStatus.ACCORDERING, ActieStatus.AFGEROND): Overgang(Actor.WERKCOACH),
    (ActieStatus.ACCORDERING, ActieStatus.OPEN): Overgang(Actor.WERKCOACH, reden_verplicht=True),
    (ActieStatus.ACCORDERING, ActieStatus.VERVALLEN): Overgang(
        Actor.WERKCOACH, reden_verplicht=True
    ),
}


def overgangen_voor(*, van: str, actor: str, eigenaar: str) -> list[str]:
    """The statuses ``actor`` may move an action with status ``van`` and owner ``eigenaar`` to."""
    return [
        naar
        for (v, naar), regel in OVERGANGEN.items()
        if v == van
        and regel.actor == actor
        and (not regel.alleen_eigen_actie or eigenaar == Eigenaar.BURGER)
    ]


class PlanSjabloon(models.Model):
    """A template of goals and actions for a dienstverleningsroute (managed in the admin)."""

    naam = models.CharField(_("naam"), max_length=200, unique=True)
    route = models.CharField(_("dienstverleningsroute"), max_length=12, choices=Route.choices)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    actief = models.BooleanField(
        _("actief"), default=True, help_text=_("Alleen actieve sjablonen kunnen worden gekozen.")
    )
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("plansjabloon")
        verbose_name_plural = _("plansjablonen")
        ordering = ["route", "naam"]

    def __str__(self) -> str:
        return self.naam


def _koppeling_q() -> Q:
    """A goal is tied to exactly one thing: a leefgebied, or the uitstroomperspectief."""
    return Q(soort=DoelSoort.LEEFGEBIED, leefgebied__isnull=False, beroep__isnull=True) | Q(
        Q(beroep__isnull=False) | ~Q(uitstroom_tekst=""),
        soort=DoelSoort.UITSTROOM,
        leefgebied__isnull=True,
    )


class _DoelKoppeling(models.Model):
    """The tie of a goal (or template goal) to a leefgebied or the uitstroomperspectief."""

    soort = models.CharField(
        _("gekoppeld aan"), max_length=10, choices=DoelSoort.choices, default=DoelSoort.LEEFGEBIED
    )
    leefgebied = models.ForeignKey(
        Leefgebied,
        verbose_name=_("leefgebied"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    beroep = models.ForeignKey(
        Beroep,
        verbose_name=_("beroep"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    uitstroom_tekst = models.CharField(
        _("uitstroomperspectief (eigen omschrijving)"), max_length=200, blank=True
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.soort == DoelSoort.LEEFGEBIED:
            if self.leefgebied_id is None:
                raise ValidationError({"leefgebied": _("Kies het leefgebied van het doel.")})
            if self.beroep_id is not None or self.uitstroom_tekst:
                raise ValidationError(
                    {"beroep": _("Een doel op een leefgebied heeft geen beroep.")}
                )
        elif self.soort == DoelSoort.UITSTROOM:
            if self.leefgebied_id is not None:
                raise ValidationError(
                    {"leefgebied": _("Een doel op het uitstroomperspectief heeft geen leefgebied.")}
                )
            if self.beroep_id is None and not (self.uitstroom_tekst or "").strip():
                raise ValidationError(
                    {"beroep": _("Kies een beroep of beschrijf het uitstroomperspectief.")}
                )

    @property
    def koppeling_label(self) -> str:
        if self.soort == DoelSoort.LEEFGEBIED and self.leefgebied_id:
            return str(_("Leefgebied: %(naam)s") % {"naam": self.leefgebied.naam})
        if self.beroep_id:
            return str(_("Uitstroomperspectief: %(naam)s") % {"naam": self.beroep.naam})
        return str(_("Uitstroomperspectief: %(tekst)s") % {"tekst": self.uitstroom_tekst})

    @property
    def burger_koppeling_label(self) -> str:
        """Plain (B1) label for the portal."""
        if self.soort == DoelSoort.LEEFGEBIED and self.leefgebied_id:
            return self.leefgebied.burger_label
        if self.beroep_id:
            return str(_("Werk als %(naam)s") % {"naam": self.beroep.naam.lower()})
        return str(_("Werk: %(tekst)s") % {"tekst": self.uitstroom_tekst})


class SjabloonDoel(_DoelKoppeling):
    sjabloon = models.ForeignKey(PlanSjabloon, on_delete=models.CASCADE, related_name="doelen")
    titel = models.CharField(_("doel"), max_length=200)
    toelichting = models.TextField(_("toelichting"), blank=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("doel in een sjabloon")
        verbose_name_plural = _("doelen in een sjabloon")
        ordering = ["sjabloon", "volgorde", "id"]
        constraints = [
            models.CheckConstraint(
                condition=_koppeling_q(),
                name="sjabloondoel_koppeling",
                violation_error_message=_(
                    "Koppel het doel aan een leefgebied, of aan het uitstroomperspectief."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.titel


class _ActieEigenaar(models.Model):
    eigenaar = models.CharField(
        _("wie doet het"), max_length=10, choices=Eigenaar.choices, default=Eigenaar.BURGER
    )
    partner_naam = models.CharField(
        _("naam partnerorganisatie"),
        max_length=200,
        blank=True,
        help_text=_("Verplicht als een partnerorganisatie de actie uitvoert."),
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.eigenaar == Eigenaar.PARTNER and not (self.partner_naam or "").strip():
            raise ValidationError({"partner_naam": _("Vul de naam van de partnerorganisatie in.")})
        if self.eigenaar != Eigenaar.PARTNER and self.partner_naam:
            raise ValidationError(
                {"partner_naam": _("Alleen een partnerorganisatie heeft een naam.")}
            )

    @property
    def eigenaar_label(self) -> str:
        if self.eigenaar == Eigenaar.PARTNER:
            return self.partner_naam or str(Eigenaar.PARTNER.label)
        return str(self.get_eigenaar_display())


class SjabloonActie(_ActieEigenaar):
    doel = models.ForeignKey(SjabloonDoel, on_delete=models.CASCADE, related_name="acties")
    titel = models.CharField(_("actie"), max_length=200)
    toelichting = models.TextField(_("toelichting"), blank=True)
    dagen_na_start = models.PositiveSmallIntegerField(
        _("deadline (dagen na de start)"),
        default=14,
        validators=[MaxValueValidator(730)],
        help_text=_("De deadline is de startdatum van het plan plus dit aantal dagen."),
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    history = HistoricalRecords(get_user=history_user)

    class Meta:
        verbose_name = _("actie in een sjabloon")
        verbose_name_plural = _("acties in een sjabloon")
        ordering = ["doel", "volgorde", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(eigenaar="partner", partner_naam__gt="")
                | (~Q(eigenaar="partner") & Q(partner_naam="")),
                name="sjabloonactie_partner_naam",
                violation_error_message=_(
                    "Alleen een partnerorganisatie heeft een naam, en die is dan verplicht."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.titel


class Plan(models.Model):
    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="plan")
    versie = models.PositiveIntegerField(_("versie"), default=1)
    akkoord_versie = models.PositiveIntegerField(
        _("versie met akkoord van de burger"), null=True, blank=True
    )
    akkoord_op = models.DateTimeField(_("akkoord gegeven op"), null=True, blank=True)
    toegepaste_sjablonen = models.ManyToManyField(
        PlanSjabloon, verbose_name=_("toegepaste sjablonen"), blank=True, related_name="+"
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    gewijzigd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("plan van aanpak")
        verbose_name_plural = _("plannen van aanpak")
        constraints = [
            models.CheckConstraint(
                condition=Q(akkoord_versie__isnull=True)
                | Q(akkoord_versie__lte=models.F("versie")),
                name="plan_akkoord_niet_na_versie",
            )
        ]

    def __str__(self) -> str:
        return f"Plan van aanpak bij dossier {self.dossier_id}"

    @property
    def is_akkoord(self) -> bool:
        """The burger agreed to the version that is current now."""
        return self.akkoord_versie is not None and self.akkoord_versie == self.versie

    @property
    def gewijzigd_na_akkoord(self) -> bool:
        return self.akkoord_versie is not None and self.akkoord_versie < self.versie


class Doel(_DoelKoppeling):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="doelen")
    titel = models.CharField(_("doel"), max_length=200)
    toelichting = models.TextField(_("toelichting"), blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    gewijzigd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["plan", "aangemaakt_op", "id"]
        constraints = [
            models.CheckConstraint(
                condition=_koppeling_q(),
                name="doel_koppeling",
                violation_error_message=_(
                    "Koppel het doel aan een leefgebied, of aan het uitstroomperspectief."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.titel

    @property
    def vertrouwelijk(self) -> bool:
        return bool(self.leefgebied_id and self.leefgebied.vertrouwelijk)


class Actie(_ActieEigenaar):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="acties")
    # SET_NULL: an action outlives its goal (and the ORM can order the deletes of a plan
    # also when foreign keys are checked immediately).
    doel = models.ForeignKey(
        Doel,
        verbose_name=_("doel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="acties",
    )
    titel = models.CharField(_("actie"), max_length=200)
    toelichting = models.TextField(_("toelichting"), blank=True)
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=12, choices=ActieStatus.choices, default=ActieStatus.OPEN
    )
    bron = models.CharField(
        _("bron"), max_length=10, choices=ActieBron.choices, default=ActieBron.HANDMATIG
    )
    status_gewijzigd_op = models.DateTimeField(_("status gewijzigd op"), default=timezone.now)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    gewijzigd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["plan", "deadline", "id"]
        indexes = [
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["plan", "status", "deadline"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(eigenaar="partner", partner_naam__gt="")
                | (~Q(eigenaar="partner") & Q(partner_naam="")),
                name="actie_partner_naam",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ActieStatus.values), name="actie_geldige_status"
            ),
            # maak_vervolgactie is idempotent for the same plan + titel + deadline.
            models.UniqueConstraint(
                fields=["plan", "titel", "deadline"],
                condition=Q(bron="vervolg"),
                name="vervolgactie_eenmalig",
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    @property
    def vertrouwelijk(self) -> bool:
        return self.doel is not None and self.doel.vertrouwelijk

    @property
    def is_lopend(self) -> bool:
        return self.status in LOPENDE_STATUSSEN

    @property
    def burger_status_label(self) -> str:
        return str(BURGER_STATUS_LABELS[self.status])

    @property
    def burger_eigenaar_label(self) -> str:
        if self.eigenaar == Eigenaar.BURGER:
            return str(_("U"))
        if self.eigenaar == Eigenaar.WERKCOACH:
            return str(_("Uw werkcoach"))
        return self.partner_naam

    @property
    def is_te_laat(self) -> bool:
        return self.status == ActieStatus.OPEN and self.deadline < timezone.localdate()


class ActieOvergang(models.Model):
    """One recorded status change of an action (the first row records its creation)."""

    actie = models.ForeignKey(Actie, on_delete=models.CASCADE, related_name="overgangen")
    van = models.CharField(max_length=12, choices=ActieStatus.choices, blank=True)
    naar = models.CharField(max_length=12, choices=ActieStatus.choices)
    reden = models.TextField(_("reden"), blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("statuswijziging van een actie")
        verbose_name_plural = _("statuswijzigingen van acties")
        ordering = ["-op", "-id"]
        indexes = [models.Index(fields=["actie", "-op"])]

    def __str__(self) -> str:
        return f"{self.van or '-'} -> {self.naar}"


class PlanVersie(models.Model):
    """An agreed version: the goals and actions as the burger saw them (JSON snapshot)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versies")
    nummer = models.PositiveIntegerField(_("versie"))
    snapshot = models.JSONField(_("inhoud"))
    akkoord_op = models.DateTimeField(_("akkoord gegeven op"), default=timezone.now)
    akkoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("versie van het plan")
        verbose_name_plural = _("versies van het plan")
        ordering = ["plan", "-nummer"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "nummer"], name="planversie_uniek"),
        ]

    def __str__(self) -> str:
        return f"Versie {self.nummer}"


class MeldingSoort(models.TextChoices):
    VERLOPEN = "verlopen", _("Actie over de deadline")
    BINNENKORT = "binnenkort", _("Actie moet binnen een week klaar zijn")
    KLAAR_GEMELD = "klaar_gemeld", _("Burger meldt actie klaar")


class EmailStatus(models.TextChoices):
    WACHT = "wacht", _("Nog te versturen")
    VERZONDEN = "verzonden", _("Verzonden")
    GEEN_ADRES = "geen_adres", _("Geen e-mailadres")
    NIET_NODIG = "niet_nodig", _("Geen e-mail nodig")


class Melding(models.Model):
    """A notification about one action; at most one per action and kind (sent once)."""

    actie = models.ForeignKey(Actie, on_delete=models.CASCADE, related_name="meldingen")
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="+")
    soort = models.CharField(_("soort"), max_length=12, choices=MeldingSoort.choices)
    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    email_status = models.CharField(
        _("e-mail"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.WACHT
    )
    email_verzonden_op = models.DateTimeField(null=True, blank=True)
    gezien_op = models.DateTimeField(_("gezien op"), null=True, blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-aangemaakt_op", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["actie", "soort"], name="een_melding_per_actie_soort")
        ]
        indexes = [
            models.Index(fields=["dossier", "soort", "gezien_op"]),
            models.Index(fields=["email_status", "soort"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.actie_id})"


from .models_nazorg import Nazorg, NazorgBeleid, NazorgContact, Terugkeer  # noqa: E402, F401
