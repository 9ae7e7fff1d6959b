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

An end date inside or before a month that was already paid is refused: the run paid that month
in full, and booking what was paid without recht (a vordering with its signal) is the work of
the issue "Inkomen zonder geldverlies". Until then the consulent is told, never silently
overpaid.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from bijstand.accounts.models import User
from bijstand.core.tijd import laatste_dag
from bijstand.dossiers.models import Dossier
from bijstand.logboek.services import log_verwerking

from .models import Boeking, BoekingSoort, Uitkering, UitkeringStatus
from .services import ACTIVITEIT, maand_nl, zet_schulden_om

LOPENDE_STATUSSEN = (UitkeringStatus.LOPEND, UitkeringStatus.OPGESCHORT)


def laatst_betaalde_maand(dossier_id: int) -> date | None:
    """The latest month whose bijstand the payment run paid (``uitbetaling_voorlopig``)."""
    return Boeking.objects.filter(
        dossier_id=dossier_id, soort=BoekingSoort.UITBETALING_VOORLOPIG
    ).aggregate(m=Max("maand"))["m"]


def controleer_einddatum(*, uitkering: Uitkering, einddatum: date) -> None:
    """Refuse a last day with recht before the start, or inside/before a month already paid."""
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
    betaald = laatst_betaalde_maand(uitkering.dossier_id)
    if betaald is not None and einddatum < laatste_dag(betaald):
        raise ValidationError(
            {
                "einddatum": _(
                    "De uitkering over %(maand)s is al betaald. Kies als laatste dag met recht "
                    "%(datum)s of later. Een einde met terugwerkende kracht, met terugvordering "
                    "van wat te veel is betaald, kan de applicatie nog niet verwerken: overleg "
                    "met de inkomensconsulent."
                )
                % {
                    "maand": maand_nl(betaald),
                    "datum": date_format(laatste_dag(betaald), "j F Y"),
                }
            }
        )


def beeindig_bij_dossier(
    *, dossier: Dossier, einddatum: date, reden: str, door: User | None
) -> None:
    """End hook of the hub: end the dossier's running or suspended uitkering per ``einddatum``
    (inside the dossier's transaction). Open verrekeningsschuld becomes a vordering."""
    uitkering = Uitkering.objects.select_for_update().filter(dossier_id=dossier.pk).first()
    if uitkering is None or uitkering.status not in LOPENDE_STATUSSEN:
        return
    controleer_einddatum(uitkering=uitkering, einddatum=einddatum)
    uitkering.status = UitkeringStatus.BEEINDIGD
    uitkering.einddatum = einddatum
    uitkering.full_clean()
    uitkering.save(update_fields=["status", "einddatum"])
    zet_schulden_om(uitkering=uitkering, tot_en_met=None)
    log_verwerking(
        activiteit=ACTIVITEIT,
        operatie="beeindig_uitkering",
        subjects=[dossier.werkzoekende.log_subject],
        soorten_gegevens=["uitkering"],
        actor=door,
    )
