"""The aanvraag policy as data (:class:`aanvraag.models.Aanvraagbeleid`, ADR 0008).

Keys of ``data`` (all required; the migration stores the defaults, a beleidsmedewerker confirms):

- ``zoektermijn_jongeren_weken`` (4): art. 41 lid 4 PW, a jongere under
  ``jongeren_tot_leeftijd`` (27) completes the aanvraag only after this search period;
- ``hersteltermijn_dagen`` (14) [U]: the default term of a request for stukken (4:5 Awb);
- ``voorschot_percentage`` ("90.00") [U]: the voorschot as a share of the applicable norm
  (art. 52 PW leaves the amount to the college);
- ``voorschot_signaal_dag`` (14) [U] and ``voorschot_uiterlijk_dag`` (28, art. 52: "binnen
  vier weken"): days after the aanvraag was received;
- ``vermogensgrens``: {"alleenstaande": ..., "gezin": ...} (art. 34 lid 3 PW, indexed yearly).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Aanvraagbeleid

STANDAARD: dict = {
    "zoektermijn_jongeren_weken": 4,
    "jongeren_tot_leeftijd": 27,
    "hersteltermijn_dagen": 14,
    "voorschot_percentage": "90.00",
    "voorschot_signaal_dag": 14,
    "voorschot_uiterlijk_dag": 28,
    "vermogensgrens": {"alleenstaande": "7995.00", "gezin": "15990.00"},
}


@dataclass(frozen=True, slots=True)
class Beleid:
    geldig_vanaf: date
    zoektermijn_jongeren_weken: int
    jongeren_tot_leeftijd: int
    hersteltermijn_dagen: int
    voorschot_percentage: Decimal
    voorschot_signaal_dag: int
    voorschot_uiterlijk_dag: int
    vermogensgrens_alleenstaande: Decimal
    vermogensgrens_gezin: Decimal

    @classmethod
    def van_dict(cls, geldig_vanaf: date, data: dict) -> Beleid:
        try:
            grens = data["vermogensgrens"]
            beleid = cls(
                geldig_vanaf=geldig_vanaf,
                zoektermijn_jongeren_weken=int(data["zoektermijn_jongeren_weken"]),
                jongeren_tot_leeftijd=int(data["jongeren_tot_leeftijd"]),
                hersteltermijn_dagen=int(data["hersteltermijn_dagen"]),
                voorschot_percentage=Decimal(str(data["voorschot_percentage"])),
                voorschot_signaal_dag=int(data["voorschot_signaal_dag"]),
                voorschot_uiterlijk_dag=int(data["voorschot_uiterlijk_dag"]),
                vermogensgrens_alleenstaande=Decimal(str(grens["alleenstaande"])),
                vermogensgrens_gezin=Decimal(str(grens["gezin"])),
            )
        except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
            raise ValidationError(_("Het aanvraagbeleid is onvolledig of ongeldig.")) from exc
        if not (0 < beleid.voorschot_percentage <= 100):
            raise ValidationError(_("Het voorschotpercentage ligt tussen 0 en 100."))
        if beleid.voorschot_signaal_dag > beleid.voorschot_uiterlijk_dag:
            raise ValidationError(_("De signaaldag ligt na de uiterste dag voor het voorschot."))
        return beleid


def beleid_op(peildatum: date) -> Beleid:
    """The policy valid on ``peildatum`` (the newest version that started on or before it)."""
    versie = (
        Aanvraagbeleid.objects.filter(geldig_vanaf__lte=peildatum).order_by("-geldig_vanaf").first()
    )
    if versie is None:
        raise ValidationError(
            _("Er is geen aanvraagbeleid vastgelegd voor %(datum)s.") % {"datum": peildatum}
        )
    return Beleid.van_dict(versie.geldig_vanaf, versie.data)
