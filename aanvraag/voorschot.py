"""Voorschot (art. 52 PW): when the right to bijstand cannot be fixed yet but is likely, the
college pays an advance within 4 weeks of the aanvraag (ADR 0008; ``levensloop.md`` §1, §5).

- :func:`bereken`: ``voorschot_percentage`` (policy, :mod:`aanvraag.beleid`) of the norm of the
  household established at :func:`aanvraag.services.dien_in`, for the month of
  ``ontvangen_op``, through the calculation core with the rules stored for that month.
- :func:`verleen_voorschot` (a consulent, or the system) pays it: the :class:`Voorschot` (one
  per aanvraag: the OneToOne) and the payment (:func:`inkomen.voorschot.betaal_voorschot`) in
  one transaction under the aanvraag lock. :func:`weiger_voorschot` records why not.
- :func:`betaal_automatisch` (daily, Celery beat ``aanvraag.voorschotten_betalen``) pays it for
  every aanvraag still ``ingediend`` whose four weeks are almost over [U: 2 days before day
  ``voorschot_uiterlijk_dag``, for the bank's execution time].
- :func:`verreken_bij_toekenning` / :func:`vorder_terug` are called by ``neem_besluit`` (and
  ``trek_in``): after a toekenning the payment runs set the voorschot off
  (``inkomen.voorschot.verreken_in_betaling``); after a refusal what was not sent is cancelled
  and the rest becomes a vordering (art. 58 lid 2 onder e PW [S, verify]).

The amount is fixed when the voorschot is granted (``norm``, ``percentage`` and the rules used
are stored in ``toelichting``); later changes of rules or policy do not change it.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.db import OperationalError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bijstand.accounts.models import Rol, User
from bijstand.core import tijd
from bijstand.dossiers.models import JournaalRegel, JournaalSoort
from bijstand.logboek.services import log_verwerking
from inkomen import rekenregels
from inkomen import voorschot as inkomen_voorschot
from inkomen.models import NUL, Boeking, BoekingSoort
from inkomen.rekenregels.opmaak import bedrag_nl, procent_nl
from inkomen.rekensom import invoer_als_dict

from . import beleid as aanvraagbeleid
from .models import TE_BESLISSEN, Aanvraag, AanvraagStatus, Besluit, Voorschot, VoorschotStatus

logger = logging.getLogger(__name__)

ACTIVITEIT = "aanvraag"
CENT = Decimal("0.01")
# [U] pay this many days before day ``voorschot_uiterlijk_dag``: the bank's execution time
BANKDAGEN_MARGE = 2
MAX_REDEN = 2000


class Berekening(NamedTuple):
    """``(norm, percentage, bedrag, toelichting)``."""

    norm: Decimal
    percentage: Decimal
    bedrag: Decimal
    toelichting: dict[str, Any]


def _journaal(aanvraag: Aanvraag, tekst: str, door: User | None) -> None:
    JournaalRegel.objects.create(
        dossier_id=aanvraag.dossier_id, soort=JournaalSoort.STATUS, tekst=tekst, auteur=door
    )


def _log(operatie: str, aanvraag: Aanvraag, door: User | None) -> None:
    log_verwerking(
        activiteit=ACTIVITEIT,
        operatie=operatie,
        subjects=[aanvraag.dossier.werkzoekende.log_subject],
        soorten_gegevens=["aanvraag", "uitkering"],
        actor=door,
    )


def _vergrendel(aanvraag: Aanvraag) -> Aanvraag:
    return (
        Aanvraag.objects.select_for_update(of=("self",))
        .select_related("dossier__werkzoekende")
        .get(pk=aanvraag.pk)
    )


def _euro(bedrag: Decimal) -> str:
    return f"€ {bedrag_nl(bedrag)}"


# --------------------------------------------------------------------------------------------
# the amount


def bereken(aanvraag: Aanvraag) -> Berekening:
    """``(norm, percentage, bedrag, toelichting)`` of the voorschot of ``aanvraag``.

    The norm is the bijstand of a whole month without income for the household in the
    dossier (as established at ``dien_in``), with the rule set and policy stored for the month
    of ``ontvangen_op``; ``bedrag`` = norm x percentage / 100, rounded half-up to the cent.
    Raises ``ValidationError`` (Dutch) when the aanvraag was not submitted or the month
    cannot be calculated."""
    if aanvraag.ontvangen_op is None:
        raise ValidationError(_("De aanvraag is nog niet ingediend: er is geen voorschot."))
    beleid = aanvraagbeleid.beleid_op(aanvraag.ontvangen_op)
    maand = tijd.eerste_van_maand(aanvraag.ontvangen_op)
    try:
        som = inkomen_voorschot.bijstand_zonder_inkomen(
            werkzoekende=aanvraag.dossier.werkzoekende, maand=maand
        )
    except rekenregels.OngeldigeInvoer as exc:
        uitleg = " ".join(" ".join(m) for m in exc.fouten.values())
        raise ValidationError(
            _("Het voorschot kan niet worden berekend: %(uitleg)s") % {"uitleg": uitleg}
        ) from exc
    norm = som.resultaat.norm
    percentage = beleid.voorschot_percentage
    bedrag = (norm * percentage / Decimal(100)).quantize(CENT, rounding=ROUND_HALF_UP)
    toelichting = {
        "maand": f"{maand:%Y-%m}",
        "norm": f"{norm:.2f}",
        "bijstand_zonder_inkomen": f"{som.resultaat.bijstand:.2f}",
        "percentage": f"{percentage:.2f}",
        "bedrag": f"{bedrag:.2f}",
        "leefvorm": som.resultaat.leefvorm,
        "kostendelers": som.resultaat.kostendelers,
        "regelset_geldig_vanaf": som.regelset_geldig_vanaf.isoformat(),
        "inkomensbeleid_geldig_vanaf": som.beleid_geldig_vanaf.isoformat(),
        "aanvraagbeleid_geldig_vanaf": beleid.geldig_vanaf.isoformat(),
        "invoer": invoer_als_dict(som.invoer),
        "regels": [
            {"artikel": r.artikel, "omschrijving": r.omschrijving, "bedrag": _geld(r.bedrag)}
            for r in som.resultaat.regels
        ],
        "grondslag": "art. 52 Participatiewet",
    }
    return Berekening(norm, percentage, bedrag, toelichting)


def _geld(bedrag: Decimal | None) -> str | None:
    return None if bedrag is None else f"{bedrag:.2f}"


# --------------------------------------------------------------------------------------------
# granting, refusing, the automatic payment


def _mag_beslissen(door: User | None) -> None:
    if door is not None and getattr(door, "rol", None) != Rol.INKOMENSCONSULENT:
        raise ValidationError(_("Alleen een inkomensconsulent beslist over een voorschot."))


def _verleen(aanvraag: Aanvraag, door: User | None) -> Voorschot:
    """Under the aanvraag lock (caller): the checks, the amount, the payment, the record."""
    if Voorschot.objects.filter(aanvraag=aanvraag).exists():
        raise ValidationError(_("Op deze aanvraag is al een voorschot betaald."))
    if aanvraag.status not in TE_BESLISSEN or Besluit.objects.filter(aanvraag=aanvraag).exists():
        raise ValidationError(
            _("Een voorschot kan alleen bij een ingediende aanvraag waarop nog niet is besloten.")
        )
    norm, percentage, bedrag, toelichting = bereken(aanvraag)
    betaling = inkomen_voorschot.betaal_voorschot(
        dossier=aanvraag.dossier,
        bedrag=bedrag,
        door=door,
        omschrijving=_("Voorschot op de bijstand (art. 52 Participatiewet), aanvraag van %(d)s")
        % {"d": date_format(aanvraag.ontvangen_op, "j F Y")},
    )
    toelichting |= {"betaling": betaling.end_to_end_id, "automatisch": door is None}
    voorschot = Voorschot.objects.create(
        aanvraag=aanvraag,
        norm=norm,
        percentage=percentage,
        bedrag=bedrag,
        toelichting=toelichting,
        door=door,
    )
    if aanvraag.geen_voorschot_reden:
        aanvraag.geen_voorschot_reden = ""
        aanvraag.save(update_fields=["geen_voorschot_reden", "gewijzigd_op"])
    _journaal(
        aanvraag,
        _("Voorschot verleend: %(bedrag)s (%(pct)s van de norm %(norm)s, art. 52 PW)%(wie)s.")
        % {
            "bedrag": _euro(bedrag),
            "pct": procent_nl(percentage),
            "norm": _euro(norm),
            "wie": "" if door is not None else _(", automatisch na bijna 4 weken"),
        },
        door,
    )
    _log("verleen_voorschot", aanvraag, door)
    return voorschot


def verleen_voorschot(*, aanvraag: Aanvraag, door: User | None) -> Voorschot:
    """Grant and pay the voorschot of a submitted, undecided aanvraag. A second call (or a
    second click) gets a ``ValidationError``, never a second payment; without a valid IBAN
    nothing is booked. ``door=None``: the system (:func:`betaal_automatisch`)."""
    _mag_beslissen(door)
    with transaction.atomic():
        return _verleen(_vergrendel(aanvraag), door)


def weiger_voorschot(*, aanvraag: Aanvraag, reden: str, door: User) -> Aanvraag:
    """Record that no voorschot is paid ("recht niet aannemelijk"), with the reason: the
    worklist stops signalling and the automatic payment skips the aanvraag."""
    _mag_beslissen(door)
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError({"reden": _("Schrijf op waarom er geen voorschot komt.")})
    if len(reden) > MAX_REDEN:
        raise ValidationError({"reden": _("Gebruik hoogstens 2000 tekens.")})
    with transaction.atomic():
        aanvraag = _vergrendel(aanvraag)
        if Voorschot.objects.filter(aanvraag=aanvraag).exists():
            raise ValidationError(_("Op deze aanvraag is al een voorschot betaald."))
        if aanvraag.status not in TE_BESLISSEN:
            raise ValidationError(_("Deze aanvraag is niet (meer) in behandeling."))
        aanvraag.geen_voorschot_reden = reden
        aanvraag.save(update_fields=["geen_voorschot_reden", "gewijzigd_op"])
        _journaal(aanvraag, _("Geen voorschot: %(reden)s") % {"reden": reden[:500]}, door)
        _log("weiger_voorschot", aanvraag, door)
    return aanvraag


def betaaldag(ontvangen_op: date) -> date:
    """The day the automatic voorschot is paid: day ``voorschot_uiterlijk_dag`` after
    ``ontvangen_op`` minus :data:`BANKDAGEN_MARGE` [U]."""
    beleid = aanvraagbeleid.beleid_op(ontvangen_op)
    return ontvangen_op + timedelta(days=beleid.voorschot_uiterlijk_dag - BANKDAGEN_MARGE)


def _kandidaten(peildatum: date) -> list[int]:
    rijen = (
        Aanvraag.objects.filter(
            status=AanvraagStatus.INGEDIEND,
            ontvangen_op__isnull=False,
            ontvangen_op__lte=peildatum,
            voorschot__isnull=True,
            besluit__isnull=True,
            geen_voorschot_reden="",
        )
        .order_by("ontvangen_op", "pk")
        .values_list("pk", "ontvangen_op")
    )
    return [pk for pk, ontvangen in rijen if peildatum >= betaaldag(ontvangen)]


def betaal_automatisch(peildatum: date | None = None) -> int:
    """Pay the voorschot of every aanvraag still ``ingediend`` (not opgeschort: the burger has
    not supplied what is needed), without besluit, voorschot or recorded reason, whose
    :func:`betaaldag` is reached. Each aanvraag in its own transaction, rechecked under its
    lock; a failure (no IBAN, a household the core refuses) is logged and the others go on.
    Running twice pays once. Returns the number paid; re-raises a database error after the
    loop, so the task is retried (the retry pays only what is still unpaid)."""
    peildatum = peildatum or tijd.vandaag()
    betaald = 0
    db_fout: OperationalError | None = None
    for pk in _kandidaten(peildatum):
        try:
            with transaction.atomic():
                aanvraag = _vergrendel(Aanvraag(pk=pk))
                # rechecked under the lock: a besluit, a consulent's voorschot or reason, or a
                # request for stukken may have come in since the list was read
                if aanvraag.status != AanvraagStatus.INGEDIEND or aanvraag.geen_voorschot_reden:
                    continue
                if Voorschot.objects.filter(aanvraag=aanvraag).exists():
                    continue
                _verleen(aanvraag, None)
                betaald += 1
        except ValidationError as exc:
            logger.warning("Voorschot aanvraag %s niet betaald: %s", pk, " ".join(exc.messages))
        except OperationalError as exc:
            logger.exception("Voorschot aanvraag %s: databasefout", pk)
            db_fout = exc
        except Exception:
            logger.exception("Voorschot aanvraag %s: onverwachte fout", pk)
    if db_fout is not None:
        raise db_fout
    return betaald


# --------------------------------------------------------------------------------------------
# after the besluit (called by aanvraag.services inside its transaction)


def _voorschot_vergrendeld(aanvraag: Aanvraag) -> Voorschot | None:
    return Voorschot.objects.select_for_update().filter(aanvraag_id=aanvraag.pk).first()


def verreken_bij_toekenning(*, aanvraag: Aanvraag, door: User | None) -> Voorschot | None:
    """Toekenning: the voorschot becomes ``verrekend``; the payment runs set it off against
    the bijstand (``inkomen.voorschot.verreken_in_betaling``). No voorschot: nothing."""
    voorschot = _voorschot_vergrendeld(aanvraag)
    if voorschot is None or voorschot.status != VoorschotStatus.BETAALD:
        return voorschot
    voorschot.status = VoorschotStatus.VERREKEND
    voorschot.save(update_fields=["status"])
    _journaal(
        aanvraag,
        _("Het voorschot van %(bedrag)s wordt verrekend met de uitkering.")
        % {"bedrag": _euro(voorschot.bedrag)},
        door,
    )
    _log("verreken_voorschot", aanvraag, door)
    return voorschot


def vorder_terug(*, aanvraag: Aanvraag, door: User | None) -> list[Boeking]:
    """Afwijzing, buiten behandeling, intrekking: a payment not yet in a SEPA file is
    cancelled (no money left); what was paid and is still open becomes a
    ``voorschot_vordering`` (art. 58 lid 2 onder e PW). No voorschot: nothing. Idempotent."""
    voorschot = _voorschot_vergrendeld(aanvraag)
    if voorschot is None or voorschot.status != VoorschotStatus.BETAALD:
        return []
    geboekt = inkomen_voorschot.vorder_open_voorschot(dossier_id=aanvraag.dossier_id)
    geannuleerd = sum((-b.bedrag for b in geboekt if b.soort == BoekingSoort.VOORSCHOT), NUL)
    gevorderd = sum(
        (-b.bedrag for b in geboekt if b.soort == BoekingSoort.VOORSCHOT_VORDERING), NUL
    )
    voorschot.status = VoorschotStatus.TERUGGEVORDERD
    voorschot.toelichting = voorschot.toelichting | {
        "geannuleerd": f"{geannuleerd:.2f}",
        "teruggevorderd": f"{gevorderd:.2f}",
    }
    voorschot.save(update_fields=["status", "toelichting"])
    delen = []
    if geannuleerd:
        delen.append(
            _("%(bedrag)s niet uitbetaald (nog niet naar de bank)") % {"bedrag": _euro(geannuleerd)}
        )
    if gevorderd:
        delen.append(
            _("%(bedrag)s teruggevorderd (art. 58 lid 2 onder e PW)") % {"bedrag": _euro(gevorderd)}
        )
    _journaal(
        aanvraag,
        _("Voorschot na het besluit: %(wat)s.") % {"wat": "; ".join(delen) or _("niets meer open")},
        door,
    )
    _log("vorder_voorschot_terug", aanvraag, door)
    return geboekt
