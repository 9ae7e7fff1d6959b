"""The recalculation of one dossier-month (``herbereken_maand``): the flow is described in
:mod:`inkomen.services`, the booking of its difference in :mod:`inkomen.grootboek`.

The durable event path (issue 13 §1, a transactional outbox)
------------------------------------------------------------
Every change that needs a month recalculated calls :func:`plan_herberekening` inside its own
transaction: it writes a :class:`~inkomen.models_herberekening.HerberekenVerzoek` row (so the
row exists exactly when the change was committed) and, on commit, *tries* to queue the Celery
task ``inkomen.herbereken``. Queueing is best effort: a broker that is down costs at most a
short timeout (no retries, a dedicated connection with short socket timeouts, then a pause of
``INKOMEN_PUBLICATIE_PAUZE`` seconds in which this process does not try again), is logged as
a warning (dossier id and month, never a BSN) and never fails the request that made the change.

:func:`herbereken_maand` consumes the rows: after locking the dossier's ``Uitkering`` and
*before* reading any input it reads the ids of the open rows of the dossier-month, and it marks
exactly those ``verwerkt`` in the same transaction as the berekening and its bookings. Under
READ COMMITTED every row it saw was committed before the inputs are read, so the inputs include
its change; a row committed later stays open and is processed by a later run. Every path that
recalculates (the task, the reconciliation, an ending, the payment run's per-dossier path)
therefore consumes the outbox.

The reconciliation (:func:`herstel_open_verzoeken`, beat task
``inkomen.herstel_herberekeningen`` every 5 minutes) recalculates the dossier-months that
still have open rows older than ``INKOMEN_HERSTEL_WACHTTIJD`` seconds, oldest first, at most
``INKOMEN_HERSTEL_LIMIET`` per run; a month the rules cannot calculate gets ``pogingen`` and
``fout`` recorded and goes to the back of the queue, so it never blocks the others. A broker
outage therefore delays a recalculation by at most one grace period plus one beat interval.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerFout
from redis.exceptions import RedisError

from bijstand.core import tijd
from bijstand.core.tijd import eerste_van_maand
from bijstand.logboek.services import log_verwerking

from . import deelmaand, rekenregels, selectors
from .grootboek import boek_verschil
from .models import (
    Berekening,
    Boeking,
    BoekingSoort,
    Uitkering,
    VrijlatingToepassing,
)
from .models_herberekening import HerberekenVerzoek
from .rekensom import (
    Rekensom,
    geschatte_inkomsten,
    huishouden_uit_invoer,
    nieuwe_berekening,
    reken_maand,
    vrijlating_rijen,
)

ACTIVITEIT = "uitkering"
logger = logging.getLogger("inkomen.herberekening")

# Publishing from a request: one attempt, short socket timeouts (merged over the broker's
# transport options). Redis "connection refused" fails at once; a host that does not answer
# costs at most the connect timeout.
_PUBLICATIE_OPTIES = {"max_retries": 0, "socket_connect_timeout": 2, "socket_timeout": 5}
PUBLICATIEFOUTEN = (BrokerFout, RedisError, OSError)
_publicatie = {"pauze_tot": 0.0}


def plan_herberekening(*, dossier_id: int, maand: date, aanleiding: str) -> HerberekenVerzoek:
    """Durably schedule the recalculation of a dossier-month (module docstring).

    Writes the outbox row in the caller's transaction and, on commit, tries to queue the task
    ``inkomen.herbereken``; never raises or waits long when the broker is down.
    """
    maand = eerste_van_maand(maand)
    verzoek = HerberekenVerzoek.objects.create(
        dossier_id=dossier_id, maand=maand, aanleiding=(aanleiding or "")[:100]
    )
    stuur_na_commit(dossier_id=dossier_id, maand=maand)
    return verzoek


def stuur_na_commit(*, dossier_id: int, maand: date) -> None:
    """On commit, try to queue ``inkomen.herbereken`` (the outbox row must exist already)."""
    transaction.on_commit(partial(_stuur, dossier_id, eerste_van_maand(maand).isoformat()))


def _stuur(dossier_id: int, maand_iso: str) -> None:
    from .tasks import herbereken

    app = herbereken.app
    if app.conf.task_always_eager:  # the embedded quick start: run it in-process
        herbereken.apply_async(args=(dossier_id, maand_iso))
        return
    if time.monotonic() < _publicatie["pauze_tot"]:
        logger.info(
            "Herberekening dossier %s maand %s niet verstuurd (broker kort geleden "
            "onbereikbaar); het herstel voert haar uit.",
            dossier_id,
            maand_iso[:7],
        )
        return
    try:
        with app.connection_for_write(transport_options=_PUBLICATIE_OPTIES) as verbinding:
            herbereken.apply_async(args=(dossier_id, maand_iso), connection=verbinding, retry=False)
    except PUBLICATIEFOUTEN as exc:
        pauze = getattr(settings, "INKOMEN_PUBLICATIE_PAUZE", 30)
        _publicatie["pauze_tot"] = time.monotonic() + pauze
        logger.warning(
            "Herberekening dossier %s maand %s niet in de wachtrij gezet (%s); het verzoek "
            "staat vast en het herstel (inkomen.herstel_herberekeningen) voert het uit.",
            dossier_id,
            maand_iso[:7],
            type(exc).__name__,
        )


def herstel_publicatie() -> None:
    """Forget a broker failure of this process (the next change tries to queue again)."""
    _publicatie["pauze_tot"] = 0.0


def _open_verzoeken(dossier_id: int, maand: date) -> list[int]:
    return list(
        HerberekenVerzoek.objects.filter(
            dossier_id=dossier_id, maand=maand, verwerkt_op__isnull=True
        ).values_list("pk", flat=True)
    )


def _markeer_verwerkt(ids: list[int]) -> None:
    if ids:
        HerberekenVerzoek.objects.filter(pk__in=ids, verwerkt_op__isnull=True).update(
            verwerkt_op=timezone.now()
        )


@dataclass
class HerberekenUitkomst:
    berekening: Berekening | None
    nieuw: bool = False
    boekingen: list[Boeking] = field(default_factory=list)
    overgeslagen: str = ""


def herbereken_maand(
    *,
    dossier_id: int,
    maand: date,
    aanleiding: str = "",
    peildatum: date | None = None,
    huishouden_opnieuw: bool = False,
) -> HerberekenUitkomst:
    """Recalculate one dossier-month; store a new Berekening version only if it differs, and
    book the difference with what the ledger holds for a paid month (module docstring).

    Idempotent: a second run with the same facts creates no version and no booking.
    ``peildatum`` (default today) decides the art. 58 lid 4 window. Raises
    ``rekenregels.OngeldigeInvoer`` when the case data cannot be calculated.

    The household of a month is the one it was first calculated with (stored in the
    berekening's ``invoer``): a later change of the household does not reach back into months
    already calculated, e.g. through a correction of their income (ADR 0005).
    ``huishouden_opnieuw=True`` recalculates with the current household data instead: an
    explicit herziening (art. 54 lid 3) by a consulent.
    """
    maand = eerste_van_maand(maand)
    peildatum = peildatum or tijd.vandaag()
    with transaction.atomic():
        try:
            uitkering = (
                Uitkering.objects.select_for_update(of=("self",))
                .select_related("dossier__werkzoekende")
                .get(dossier_id=dossier_id)
            )
        except Uitkering.DoesNotExist:
            _markeer_verwerkt(_open_verzoeken(dossier_id, maand))
            return HerberekenUitkomst(None, overgeslagen="geen uitkering")
        # The outbox rows this run consumes: read after the lock and before any input, so
        # each one's change is in what is read below; rows committed later stay open.
        verzoeken = _open_verzoeken(dossier_id, maand)
        if maand < eerste_van_maand(uitkering.ingangsdatum) or (
            uitkering.einddatum is not None and maand > uitkering.einddatum
        ):
            _markeer_verwerkt(verzoeken)
            return HerberekenUitkomst(None, overgeslagen="buiten de uitkeringsperiode")

        m = rekenregels.Maand(maand.year, maand.month)
        regelset = selectors.regelset_voor_maand(maand)
        beleid = selectors.beleid_voor_maand(maand)
        opgaven = selectors.effectieve_opgaven(dossier_id=dossier_id, maand=maand)
        vorige = selectors.actuele_berekening(dossier_id=dossier_id, maand=maand)
        betaald_op = (
            Boeking.objects.filter(
                dossier_id=dossier_id, maand=maand, soort=BoekingSoort.UITBETALING_VOORLOPIG
            )
            .select_related("berekening")
            .first()
        )
        geschat = geschatte_inkomsten(betaald_op.berekening if betaald_op else None, opgaven)
        som = reken_maand(
            uitkering=uitkering,
            m=m,
            opgaven=opgaven,
            vrijlating_maanden_gebruikt=selectors.vrijlating_maanden_gebruikt(
                dossier_id=dossier_id, maand=maand, beleid=beleid
            ),
            geschat=geschat,
            regelset=regelset,
            beleid=beleid,
            huishouden=(
                huishouden_uit_invoer(vorige.invoer)
                if vorige is not None and not huishouden_opnieuw
                else None
            ),
            recht=deelmaand.recht_periode_van(uitkering, maand),
        )

        uitkomst = HerberekenUitkomst(vorige)
        if vorige is None or vorige.vingerafdruk != som.vingerafdruk:
            uitkomst.nieuw = True
            uitkomst.berekening = _sla_berekening_op(
                uitkering=uitkering,
                maand=maand,
                vorige=vorige,
                som=som,
                regelset=regelset,
                beleid=beleid,
                aanleiding=aanleiding,
            )
            oud = sorted(
                (v["persoon"], v["soort"]) for v in (vorige.vrijlatingen if vorige else [])
            )
            nieuw = sorted((v["persoon"], v["soort"]) for v in som.vrijlatingen)
            if oud != nieuw:
                # The counters of later months change: recalculate those (each idempotent).
                for later in (
                    Berekening.objects.filter(dossier_id=dossier_id, actueel=True, maand__gt=maand)
                    .order_by("maand")
                    .values_list("maand", flat=True)
                ):
                    plan_herberekening(
                        dossier_id=dossier_id, maand=later, aanleiding="vrijlating eerdere maand"
                    )
        assert uitkomst.berekening is not None
        uitkomst.boekingen = boek_verschil(
            uitkering=uitkering,
            maand=maand,
            berekening=uitkomst.berekening,
            beleid=beleid,
            peildatum=peildatum,
        )
        _markeer_verwerkt(verzoeken)
        log_verwerking(
            activiteit=ACTIVITEIT,
            operatie="herbereken_maand",
            subjects=[uitkering.dossier.werkzoekende.log_subject],
            soorten_gegevens=["inkomen", "huishouden", "uitkering"],
            actor="inkomen.herbereken",
        )
    return uitkomst


def _sla_berekening_op(
    *,
    uitkering: Uitkering,
    maand: date,
    vorige: Berekening | None,
    som: Rekensom,
    regelset: rekenregels.Regelset,
    beleid: rekenregels.Beleid,
    aanleiding: str,
) -> Berekening:
    dossier_id = uitkering.dossier_id
    versie = 1
    if vorige is not None:
        Berekening.objects.filter(pk=vorige.pk).update(actueel=False)
        VrijlatingToepassing.objects.filter(berekening=vorige).update(actueel=False)
        laatste = (
            Berekening.objects.filter(dossier_id=dossier_id, maand=maand)
            .order_by("-versie")
            .values_list("versie", flat=True)
            .first()
        )
        versie = (laatste or 0) + 1
    berekening = nieuwe_berekening(
        dossier_id=dossier_id,
        maand=maand,
        versie=versie,
        som=som,
        regelset=regelset,
        beleid=beleid,
        aanleiding=aanleiding,
    )
    berekening.save(force_insert=True)
    berekening.opgaven.set(som.opgaven)
    VrijlatingToepassing.objects.bulk_create(vrijlating_rijen(berekening, som))
    return berekening


# --------------------------------------------------------------------------------------------
# the reconciliation of the outbox


def noteer_mislukt(*, dossier_id: int, maand: date, fout: str) -> int:
    """Record a failed recalculation on the open rows of the dossier-month (own transaction:
    the recalculation's was rolled back). Returns the number of rows."""
    with transaction.atomic():
        rijen = list(
            HerberekenVerzoek.objects.select_for_update()
            .filter(dossier_id=dossier_id, maand=eerste_van_maand(maand), verwerkt_op__isnull=True)
            .only("pk", "pogingen")
        )
        for rij in rijen:
            rij.pogingen += 1
            rij.fout = fout[:300]
        HerberekenVerzoek.objects.bulk_update(rijen, ["pogingen", "fout"])
    return len(rijen)


def foutmelding(exc: Exception) -> str:
    """What is stored and logged of a failure: the rules' field names, else the type only
    (an arbitrary message could carry case data)."""
    if isinstance(exc, rekenregels.OngeldigeInvoer):
        return f"OngeldigeInvoer: {', '.join(sorted(exc.fouten))}"
    return type(exc).__name__


@dataclass
class HerstelUitkomst:
    maanden: int = 0
    gewijzigd: int = 0
    geboekt: int = 0
    mislukt: list[str] = field(default_factory=list)

    def als_dict(self) -> dict[str, Any]:
        return {
            "maanden": self.maanden,
            "gewijzigd": self.gewijzigd,
            "geboekt": self.geboekt,
            "mislukt": self.mislukt,
        }


def te_herstellen(*, wachttijd: float, limiet: int) -> list[tuple[int, date]]:
    """The dossier-months with an open outbox row older than ``wachttijd`` seconds: fewest
    failed attempts first, then oldest first (a month that keeps failing goes to the back and
    never blocks the others); at most ``limiet`` (partial index ``herberekenverzoek_open``)."""
    grens = timezone.now() - timedelta(seconds=wachttijd)
    return [
        (rij["dossier_id"], rij["maand"])
        for rij in HerberekenVerzoek.objects.filter(
            verwerkt_op__isnull=True, aangemaakt_op__lte=grens
        )
        .values("dossier_id", "maand")
        .annotate(meeste_pogingen=Max("pogingen"), oudste=Min("aangemaakt_op"))
        .order_by("meeste_pogingen", "oudste", "dossier_id", "maand")[:limiet]
    ]


def herstel_open_verzoeken(
    *, wachttijd: float | None = None, limiet: int | None = None
) -> HerstelUitkomst:
    """The reconciliation (module docstring): recalculate every dossier-month whose change was
    committed but not yet recalculated, one transaction per month. Safe to run twice or next
    to the immediate task (the dossier lock serialises them; a second run stores nothing)."""
    if wachttijd is None:
        wachttijd = getattr(settings, "INKOMEN_HERSTEL_WACHTTIJD", 120)
    if limiet is None:
        limiet = getattr(settings, "INKOMEN_HERSTEL_LIMIET", 500)
    uitkomst = HerstelUitkomst()
    for dossier_id, maand in te_herstellen(wachttijd=wachttijd, limiet=limiet):
        uitkomst.maanden += 1
        try:
            herberekend = herbereken_maand(dossier_id=dossier_id, maand=maand, aanleiding="herstel")
        except Exception as exc:  # one month must not stop the others; recorded on its rows
            melding = foutmelding(exc)
            noteer_mislukt(dossier_id=dossier_id, maand=maand, fout=melding)
            logger.log(
                logging.WARNING if isinstance(exc, rekenregels.OngeldigeInvoer) else logging.ERROR,
                "Herstel: herberekening dossier %s maand %s mislukt: %s",
                dossier_id,
                f"{maand:%Y-%m}",
                melding,
            )
            uitkomst.mislukt.append(f"{dossier_id}:{maand:%Y-%m}")
            continue
        uitkomst.gewijzigd += herberekend.nieuw
        uitkomst.geboekt += bool(herberekend.boekingen)
    return uitkomst
