"""The uitkering ends with its dossier and the dossier with its uitkering: one act, one
transaction, one reason and one date, the last day with recht (issue 10; domain file
``levensloop.md`` §4).

- Ending the dossier (:func:`bijstand.dossiers.services.wijzig_status`, the dossier screen) runs
  the hub's end hooks; :func:`beeindig_bij_dossier` is inkomen's (registered in
  ``InkomenConfig.ready``): it ends a running or suspended uitkering with the dossier's date, or
  refuses the end with a message on the ``einddatum`` field.
- Ending the uitkering (:func:`inkomen.services.wijzig_uitkering_status`) goes through the
  dossier's transition, so both paths are the same code.
- The database refuses the inconsistent state itself (migration ``0007``): a dossier
  ``beeindigd`` while its uitkering is ``lopend`` or ``opgeschort`` cannot be written, by any
  client.

An end date inside or before a month that was already paid is accepted (issue 12, ADR 0005
§5): in the same transaction :func:`corrigeer_na_einde` recalculates the end month prorated
(art. 45 lid 3; the difference with what was paid becomes a ``vordering``, ``services`` rule 2
for an ended uitkering) and turns the bijstand of every paid month after the last day with
recht into a ``vordering`` (art. 58 lid 2). No new payment is made for a month after the end
month; the run of the end month itself pays it prorated (``services`` rules 7 and 8). Only an
end date before the ingangsdatum is refused.

Never silence (issue 13 §2): every vordering booked here - the overpaid days of the end month
and every paid month after it - raises a Signaal (soort ``vordering_periode``, one per
booking, key ``vordering:<boeking id>``) on the worklist of the dossier's inkomensconsulent,
naming the month and the amount to recover (never a BSN).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bijstand.accounts.models import User
from bijstand.core.tijd import eerste_van_maand
from bijstand.dossiers.models import Dossier
from bijstand.logboek.services import log_verwerking

from . import rekenregels, selectors, voorschot
from .deelmaand import herbereken_vanaf
from .grootboek import zet_schulden_om
from .kalender import maand_nl
from .models import Boeking, BoekingSoort, RedenCode, SignaalSoort, Uitkering, UitkeringStatus
from .rekenregels.opmaak import bedrag_nl

ACTIVITEIT = "uitkering"

LOPENDE_STATUSSEN = (UitkeringStatus.LOPEND, UitkeringStatus.OPGESCHORT)


def controleer_einddatum(*, uitkering: Uitkering, einddatum: date) -> None:
    """Refuse a last day with recht before the start of the (current period of the) uitkering."""
    if einddatum < uitkering.ingangsdatum:
        raise ValidationError(
            {
                "einddatum": _(
                    "De laatste dag met recht ligt voor de ingangsdatum van de uitkering "
                    "(%(datum)s)."
                )
                % {"datum": date_format(uitkering.ingangsdatum, "j F Y")}
            }
        )


def corrigeer_na_einde(*, uitkering: Uitkering) -> list[Boeking]:
    """After ending ``uitkering`` (status beeindigd, einddatum set; caller's transaction and
    lock): recalculate the end month with its last day with recht (prorated; when it was paid,
    the overpaid days become a vordering, rule 2) and book a vordering for the bijstand
    recognised for every month after it (paid before the end was known). Idempotent: a second
    call books nothing. Returns the bookings."""
    einddatum = uitkering.einddatum
    assert einddatum is not None
    eindmaand = eerste_van_maand(einddatum)
    geboekt: list[Boeking] = []
    try:
        for uitkomst in herbereken_vanaf(
            dossier_id=uitkering.dossier_id, maand=eindmaand, tot=eindmaand
        ):
            geboekt += uitkomst.boekingen
    except rekenregels.OngeldigeInvoer as exc:
        raise ValidationError(
            {
                "einddatum": _(
                    "De uitkering over %(maand)s kan niet opnieuw worden berekend: %(uitleg)s"
                )
                % {
                    "maand": maand_nl(eindmaand),
                    "uitleg": " ".join(" ".join(m) for m in exc.fouten.values()),
                }
            }
        ) from exc
    later = (
        Boeking.objects.filter(
            dossier_id=uitkering.dossier_id,
            soort=BoekingSoort.UITBETALING_VOORLOPIG,
            maand__gt=eindmaand,
        )
        .order_by("maand")
        .values_list("maand", flat=True)
    )
    for maand in later:
        recht, recht_vt, _betaald = selectors.recht_van_maand(
            dossier_id=uitkering.dossier_id, maand=maand
        )
        if recht == 0 and recht_vt == 0:
            continue
        geboekt.append(
            Boeking.objects.create(
                dossier_id=uitkering.dossier_id,
                maand=maand,
                soort=BoekingSoort.VORDERING,
                bedrag=-recht,
                vakantietoeslag=-recht_vt,
                reden_code=RedenCode.ART_58_LID_2,
                omschrijving=_(
                    "Terugvordering over %(maand)s: geen recht na %(datum)s (einde uitkering)"
                )
                % {"maand": maand_nl(maand), "datum": date_format(einddatum, "j F Y")},
            )
        )
    signaleer_vorderingen(uitkering=uitkering, boekingen=geboekt)
    return geboekt


def signaleer_vorderingen(*, uitkering: Uitkering, boekingen: list[Boeking]) -> None:
    """A Signaal for every ``vordering`` among ``boekingen`` (caller's transaction): the month,
    the cash to recover (``bedrag - vakantietoeslag``; the VT part is settled with the
    reservation) and the last day with recht. Idempotent per booking."""
    from .perioden import signaleer  # perioden -> services -> ... (no cycle at import time)

    einddatum = uitkering.einddatum
    for boeking in boekingen:
        if boeking.soort != BoekingSoort.VORDERING or boeking.kasbedrag >= 0:
            continue
        signaleer(
            dossier_id=uitkering.dossier_id,
            soort=SignaalSoort.VORDERING_PERIODE,
            sleutel=f"vordering:{boeking.pk}",
            maand=boeking.maand,
            tekst=_(
                "Terugvordering over %(maand)s: %(bedrag)s te veel betaald; de laatste dag "
                "met recht is %(datum)s. Beoordeel de vordering en informeer de burger."
            )
            % {
                "maand": maand_nl(boeking.maand),
                "bedrag": f"€ {bedrag_nl(-boeking.kasbedrag)}",
                "datum": date_format(einddatum, "j F Y") if einddatum else "",
            },
        )


def beeindig_bij_dossier(
    *, dossier: Dossier, einddatum: date, reden: str, door: User | None
) -> None:
    """End hook of the hub: end the dossier's running or suspended uitkering per ``einddatum``
    (inside the dossier's transaction). Open verrekeningsschuld becomes a vordering; the end
    month and the paid months after it are corrected (:func:`corrigeer_na_einde`)."""
    uitkering = Uitkering.objects.select_for_update().filter(dossier_id=dossier.pk).first()
    if uitkering is None or uitkering.status not in LOPENDE_STATUSSEN:
        return
    controleer_einddatum(uitkering=uitkering, einddatum=einddatum)
    uitkering.status = UitkeringStatus.BEEINDIGD
    uitkering.einddatum = einddatum
    uitkering.full_clean()
    uitkering.save(update_fields=["status", "einddatum"])
    zet_schulden_om(uitkering=uitkering, tot_en_met=None)
    voorschot.zet_open_voorschot_om(dossier_id=dossier.pk, maand=eerste_van_maand(einddatum))
    corrigeer_na_einde(uitkering=uitkering)
    log_verwerking(
        activiteit=ACTIVITEIT,
        operatie="beeindig_uitkering",
        subjects=[dossier.werkzoekende.log_subject],
        soorten_gegevens=["uitkering"],
        actor=door,
    )
