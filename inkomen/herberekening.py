"""The recalculation of one dossier-month (``herbereken_maand``): the flow is described in
:mod:`inkomen.services`, the booking of its difference in :mod:`inkomen.grootboek`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

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
from .rekensom import (
    Rekensom,
    _regels_uit_lijst,
    huishouden_uit_invoer,
    nieuwe_berekening,
    reken_maand,
    vrijlating_rijen,
)

ACTIVITEIT = "uitkering"


def _herbereken_na_commit(dossier_id: int, maand: date) -> None:
    from .tasks import herbereken

    transaction.on_commit(lambda: herbereken.delay(dossier_id, maand.isoformat()))


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
            return HerberekenUitkomst(None, overgeslagen="geen uitkering")
        if maand < eerste_van_maand(uitkering.ingangsdatum) or (
            uitkering.einddatum is not None and maand > uitkering.einddatum
        ):
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
        geschat = None
        if betaald_op is not None and betaald_op.berekening and betaald_op.berekening.op_schatting:
            geschat = _regels_uit_lijst(betaald_op.berekening.invoer["inkomsten"])
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
                    _herbereken_na_commit(dossier_id, later)
        assert uitkomst.berekening is not None
        uitkomst.boekingen = boek_verschil(
            uitkering=uitkering,
            maand=maand,
            berekening=uitkomst.berekening,
            beleid=beleid,
            peildatum=peildatum,
        )
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
