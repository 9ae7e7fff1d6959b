"""Periods of an uitkering (issue 13 §2): the opschorting (art. 54 PW) and the signals on the
inkomensconsulent's worklist. Writes; keyword-only; one transaction per use case; every
processing of personal data logged (``log_verwerking``, activiteit ``uitkering``).

Opschorting
-----------
- :func:`schort_op` - the inkomensconsulent suspends the payment of a running uitkering from
  ``vanaf`` with a reason and a hersteltermijn (the person supplies the missing data or
  cooperates within it). It records an :class:`~inkomen.models.Opschorting` and sets the
  uitkering ``opgeschort`` through :func:`inkomen.services.wijzig_uitkering_status`, which
  refuses that status change without its Opschorting: this is the only way to suspend.
- The payment run records every month whose last day is on or after ``vanaf`` as a
  ``niet_betaald`` Betaling with reason ``opgeschort`` and books nothing
  (:func:`inkomen.deelmaand.opgeschort_in`, both paths of the run).
- :func:`hef_op` - the data arrived: the uitkering runs again; the next run pays each
  suspended month as the ``uitbetaling_voorlopig`` of its own month ("Nabetaling januari 2027
  (opschorting opgeheven)", ``grootboek`` rule 8, :func:`inkomen.deelmaand.opgeschorte_maanden`),
  exactly once.
- :func:`trek_in` - the term expired without herstel: art. 54 lid 4 lets the college withdraw
  the right from the first day of the suspension. The uitkering ends with last day with
  recht ``vanaf - 1`` through the ordinary ending (:mod:`inkomen.einde`: prorated end month,
  vorderingen for months paid after it, with their signals). The days before ``vanaf`` that
  were suspended are paid afterwards (the end month prorated); the months after are never paid.
- The beat task ``inkomen.signaleer_verlopen_hersteltermijnen`` (daily) puts a signal on the
  worklist for every open opschorting whose term has expired
  (:func:`signaleer_verlopen_hersteltermijnen`).

Defaults ([U], a beleidsmedewerker confirms; ADR 0009): the hersteltermijn ends at the
earliest today and at the latest ``Beleid.p9_hersteltermijn_max_dagen`` (28) days after
today, the form proposes ``p9_hersteltermijn_dagen`` (14) (policy data with
geldig_vanaf); ``vanaf`` lies between the first day of the current month and today, and
after the ingangsdatum (withdrawing from the first day would be a decision about the
toekenning itself); intrekking only after the term expired.

Signalen
--------
:func:`signaleer` raises a :class:`~inkomen.models.Signaal` once per ``sleutel`` (a second call
returns the first); :func:`handel_signaal_af` marks it done (a second call changes nothing).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bijstand.accounts.models import User
from bijstand.core import tijd
from bijstand.dossiers.models import Beeindigingsreden, Dossier
from bijstand.logboek.services import log_verwerking

from . import selectors
from .models import (
    Opschorting,
    OpschortingAfloop,
    Signaal,
    SignaalSoort,
    Uitkering,
    UitkeringStatus,
)

ACTIVITEIT = "uitkering"
MAX_TEKST = 2000


def max_termijn_dagen() -> int:
    """The longest hersteltermijn, in days after today: policy P9 in force today [U]."""
    return selectors.beleid_voor_maand(tijd.vandaag()).p9_hersteltermijn_max_dagen


def standaard_termijn_dagen() -> int:
    """The hersteltermijn the form proposes, in days after today: policy P9 in force today."""
    return selectors.beleid_voor_maand(tijd.vandaag()).p9_hersteltermijn_dagen


def _datum(d: date) -> str:
    return date_format(d, "j F Y")


def _tekst(waarde: str, veld: str, leeg: str) -> str:
    waarde = (waarde or "").strip()
    if not waarde:
        raise ValidationError({veld: leeg})
    if len(waarde) > MAX_TEKST:
        raise ValidationError({veld: _("Gebruik hoogstens %(n)s tekens.") % {"n": MAX_TEKST}})
    return waarde


def _vergrendel(uitkering_id: int) -> tuple[Dossier, Uitkering]:
    """Lock the dossier before the uitkering (the order of every ending and status change)."""
    dossier_id = Uitkering.objects.values_list("dossier_id", flat=True).get(pk=uitkering_id)
    dossier = (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("werkzoekende")
        .get(pk=dossier_id)
    )
    return dossier, Uitkering.objects.select_for_update().get(pk=uitkering_id)


def _log(
    operatie: str, dossier: Dossier, door: User | None, request: HttpRequest | None = None
) -> None:
    log_verwerking(
        activiteit=ACTIVITEIT,
        operatie=operatie,
        subjects=[dossier.werkzoekende.log_subject],
        soorten_gegevens=["uitkering"],
        actor=door,
        request=request,
    )


def _controleer_periode(
    *, uitkering: Uitkering, vanaf: date | None, hersteltermijn_tot: date | None
) -> None:
    vandaag = tijd.vandaag()
    fouten: dict[str, list[str]] = {}
    if vanaf is None:
        fouten["vanaf"] = [_("Vul de datum in vanaf wanneer de uitkering is opgeschort.")]
    elif vanaf > vandaag:
        fouten["vanaf"] = [_("Opschorten kan niet vanaf een datum in de toekomst.")]
    elif vanaf < vandaag.replace(day=1):
        fouten["vanaf"] = [
            _("Opschorten kan vanaf de eerste dag van deze maand (%(datum)s).")
            % {"datum": _datum(vandaag.replace(day=1))}
        ]
    elif vanaf <= uitkering.ingangsdatum:
        fouten["vanaf"] = [
            _(
                "Opschorten kan vanaf de dag na de ingangsdatum (%(datum)s). Is er vanaf de "
                "ingangsdatum geen recht, neem dan een besluit over de toekenning zelf."
            )
            % {"datum": _datum(uitkering.ingangsdatum)}
        ]
    laatste = vandaag + timedelta(days=max_termijn_dagen())
    if hersteltermijn_tot is None:
        fouten["hersteltermijn_tot"] = [_("Vul de laatste dag van de hersteltermijn in.")]
    elif hersteltermijn_tot < vandaag:
        fouten["hersteltermijn_tot"] = [_("De hersteltermijn ligt niet in het verleden.")]
    elif hersteltermijn_tot > laatste:
        fouten["hersteltermijn_tot"] = [
            _("Een hersteltermijn duurt hoogstens %(n)s dagen: uiterlijk tot en met %(datum)s.")
            % {"n": max_termijn_dagen(), "datum": _datum(laatste)}
        ]
    if fouten:
        raise ValidationError(fouten)


def schort_op(
    *,
    uitkering: Uitkering,
    vanaf: date | None,
    reden: str,
    hersteltermijn_tot: date | None,
    door: User | None,
    request: HttpRequest | None = None,
) -> Opschorting:
    """Suspend the payment of ``uitkering`` from ``vanaf`` (art. 54 PW) with ``reden`` and a
    hersteltermijn. Only a running uitkering, one open opschorting at a time. Raises
    ``ValidationError`` (Dutch, per field) and changes nothing on bad input."""
    reden = _tekst(reden, "reden", _("Geef de reden van de opschorting."))
    from . import services  # services -> maandbetaling -> deelmaand (no cycle at import)

    with transaction.atomic():
        dossier, uitkering = _vergrendel(uitkering.pk)
        if Opschorting.objects.filter(uitkering=uitkering, afloop=OpschortingAfloop.OPEN).exists():
            raise ValidationError(_("Deze uitkering is al opgeschort."))
        if uitkering.status != UitkeringStatus.LOPEND:
            raise ValidationError(_("Alleen een lopende uitkering kan worden opgeschort."))
        _controleer_periode(uitkering=uitkering, vanaf=vanaf, hersteltermijn_tot=hersteltermijn_tot)
        opschorting = Opschorting.objects.create(
            uitkering=uitkering,
            vanaf=vanaf,
            reden=reden,
            hersteltermijn_tot=hersteltermijn_tot,
            aangemaakt_door=door if getattr(door, "pk", None) else None,
        )
        services.wijzig_uitkering_status(
            uitkering=uitkering,
            naar=UitkeringStatus.OPGESCHORT,
            door=door,
            opschorting=opschorting,
        )
        _log("schort_op", dossier, door, request)
    return opschorting


def _sluit(
    opschorting: Opschorting, afloop: str, toelichting: str, door: User | None
) -> Opschorting:
    opschorting.afloop = afloop
    opschorting.afloop_toelichting = toelichting
    opschorting.afgehandeld_op = timezone.now()
    opschorting.afgehandeld_door = door if getattr(door, "pk", None) else None
    opschorting.save(
        update_fields=["afloop", "afloop_toelichting", "afgehandeld_op", "afgehandeld_door"]
    )
    # the expired-term signal of this opschorting is answered by the decision
    Signaal.objects.filter(sleutel=termijn_sleutel(opschorting), afgehandeld_op=None).update(
        afgehandeld_op=opschorting.afgehandeld_op, afgehandeld_door=opschorting.afgehandeld_door
    )
    return opschorting


def _open_vergrendeld(opschorting: Opschorting) -> tuple[Dossier, Uitkering, Opschorting]:
    dossier, uitkering = _vergrendel(opschorting.uitkering_id)
    opschorting = Opschorting.objects.select_for_update().get(pk=opschorting.pk)
    if opschorting.afloop != OpschortingAfloop.OPEN:
        raise ValidationError(_("Over deze opschorting is al besloten."))
    return dossier, uitkering, opschorting


def hef_op(
    *,
    opschorting: Opschorting,
    door: User | None,
    toelichting: str,
    request: HttpRequest | None = None,
) -> Opschorting:
    """Lift ``opschorting`` (the data arrived): the uitkering runs again and the next payment
    run pays the suspended months as nabetaling (module docstring). An uitkering that was
    ended meanwhile stays ended; its suspended months up to the last day with recht are paid
    by a run of the art. 45 lid 1 window."""
    toelichting = _tekst(toelichting, "toelichting", _("Schrijf op waarom de opschorting stopt."))
    from . import services

    with transaction.atomic():
        dossier, uitkering, opschorting = _open_vergrendeld(opschorting)
        _sluit(opschorting, OpschortingAfloop.OPGEHEVEN, toelichting, door)
        if uitkering.status == UitkeringStatus.OPGESCHORT:
            services.wijzig_uitkering_status(
                uitkering=uitkering,
                naar=UitkeringStatus.LOPEND,
                door=door,
                opschorting=opschorting,
            )
        _log("hef_opschorting_op", dossier, door, request)
    return opschorting


def intrekken_mogelijk_vanaf(opschorting: Opschorting) -> date:
    """The first day the right can be withdrawn: the day after the hersteltermijn."""
    return opschorting.hersteltermijn_tot + timedelta(days=1)


def trek_in(
    *,
    opschorting: Opschorting,
    door: User | None,
    toelichting: str,
    request: HttpRequest | None = None,
) -> Opschorting:
    """Art. 54 lid 4 PW: the hersteltermijn expired without herstel, the right is withdrawn
    from the first day of the suspension. The uitkering ends with last day with recht
    ``vanaf - 1`` (the dossier ends with it, reason "overig" and this toelichting) through
    :func:`inkomen.services.wijzig_uitkering_status` and :mod:`inkomen.einde`. Only after the
    term: before it the person may still restore the omission. An uitkering that was ended
    meanwhile keeps its end; the opschorting is closed and its months stay unpaid."""
    toelichting = _tekst(
        toelichting, "toelichting", _("Schrijf de motivering van de intrekking op.")
    )
    from . import services

    with transaction.atomic():
        dossier, uitkering, opschorting = _open_vergrendeld(opschorting)
        vanaf = intrekken_mogelijk_vanaf(opschorting)
        if tijd.vandaag() < vanaf:
            raise ValidationError(
                _("De hersteltermijn loopt nog tot en met %(tot)s. Intrekken kan vanaf %(vanaf)s.")
                % {"tot": _datum(opschorting.hersteltermijn_tot), "vanaf": _datum(vanaf)}
            )
        _sluit(opschorting, OpschortingAfloop.INGETROKKEN, toelichting, door)
        if uitkering.status == UitkeringStatus.OPGESCHORT:
            services.wijzig_uitkering_status(
                uitkering=uitkering,
                naar=UitkeringStatus.BEEINDIGD,
                einddatum=opschorting.vanaf - timedelta(days=1),
                reden=Beeindigingsreden.OVERIG,
                toelichting=_(
                    "Recht op bijstand ingetrokken met ingang van %(datum)s (art. 54 lid 4 "
                    "Participatiewet): %(toelichting)s"
                )
                % {"datum": _datum(opschorting.vanaf), "toelichting": toelichting},
                door=door,
            )
        _log("trek_recht_in", dossier, door, request)
    return opschorting


# --------------------------------------------------------------------------------------------
# signalen


def signaleer(
    *, dossier_id: int, soort: str, sleutel: str, tekst: str, maand: date | None = None
) -> tuple[Signaal, bool]:
    """Raise a signal on the worklist once per ``sleutel``: ``(signaal, nieuw)``. A second
    call (rerun, retry, concurrent caller) returns the first signal unchanged. ``tekst`` names
    no BSN (the worklist links to the dossier)."""
    if soort not in SignaalSoort.values:
        raise ValueError(soort)
    return Signaal.objects.get_or_create(
        sleutel=sleutel[:120],
        defaults={"dossier_id": dossier_id, "soort": soort, "tekst": tekst[:300], "maand": maand},
    )


def termijn_sleutel(opschorting: Opschorting) -> str:
    return f"termijn:{opschorting.pk}"


def signaleer_verlopen_hersteltermijnen(*, vandaag: date | None = None) -> int:
    """A signal for every open opschorting whose hersteltermijn ended before today (the beat
    task, daily). Idempotent: one signal per opschorting. Returns the number of new ones."""
    vandaag = vandaag or tijd.vandaag()
    nieuw: list[str] = []
    verlopen = (
        Opschorting.objects.filter(afloop=OpschortingAfloop.OPEN, hersteltermijn_tot__lt=vandaag)
        .select_related("uitkering__dossier__werkzoekende")
        .order_by("pk")
    )
    for opschorting in verlopen.iterator(chunk_size=500):
        with transaction.atomic():
            _signaal, is_nieuw = signaleer(
                dossier_id=opschorting.uitkering.dossier_id,
                soort=SignaalSoort.HERSTELTERMIJN_VERLOPEN,
                sleutel=termijn_sleutel(opschorting),
                tekst=_(
                    "De hersteltermijn van de opschorting vanaf %(vanaf)s is verlopen op "
                    "%(tot)s. Besluit: opschorting opheffen of het recht intrekken (art. 54 "
                    "lid 4 Participatiewet)."
                )
                % {
                    "vanaf": _datum(opschorting.vanaf),
                    "tot": _datum(opschorting.hersteltermijn_tot),
                },
            )
        if is_nieuw:
            nieuw.append(opschorting.uitkering.dossier.werkzoekende.log_subject)
    if nieuw:
        log_verwerking(
            activiteit=ACTIVITEIT,
            operatie="signaleer_verlopen_hersteltermijn",
            subjects=nieuw,
            soorten_gegevens=["uitkering"],
            actor="inkomen.perioden",
        )
    return len(nieuw)


def handel_signaal_af(
    *, signaal: Signaal, door: User | None, request: HttpRequest | None = None
) -> Signaal:
    """Mark ``signaal`` done. A second call (double submit) changes nothing."""
    with transaction.atomic():
        signaal = (
            Signaal.objects.select_for_update(of=("self",))
            .select_related("dossier__werkzoekende")
            .get(pk=signaal.pk)
        )
        if signaal.afgehandeld_op is not None:
            return signaal
        signaal.afgehandeld_op = timezone.now()
        signaal.afgehandeld_door = door if getattr(door, "pk", None) else None
        signaal.save(update_fields=["afgehandeld_op", "afgehandeld_door"])
        _log("handel_signaal_af", signaal.dossier, door, request)
    return signaal
