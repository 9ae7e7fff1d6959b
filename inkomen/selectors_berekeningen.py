"""Reads for the consulent's table "Berekeningen per maand" (the dossier's Inkomen tab).

The table's "Correctie" column shows what the ledger (:mod:`inkomen.grootboek`) booked about
the month, not the estimate correction of the calculation itself: a month whose definitive
income came after its payment has a ``verrekeningsschuld`` (or ``nabetaling`` or
``vordering``) in the ledger and no ``correctie`` in its berekening (that one is only set when
the paid version was calculated on an estimate), so the column said "geen".

Which row shows a booking:

- a booking made for a recalculated version (``Boeking.berekening``, rule 2 of the ledger:
  nabetaling, verrekeningsschuld or vordering, and the inhouding that nets a nabetaling with
  open schuld at once; rule 5: the schuld turned into a vordering) is shown on the row of
  that version;
- a booking about the month without a version (the months paid after the end of the
  uitkering turned into a vordering, a vordering a consulent recorded, art. 58 lid 1) is shown
  on the month's actuele row.

The instalments the payment run withholds (``inhouding`` without a version) settle an earlier
schuld; they are not a correction of the month they are paid in and are not shown here (the
ledger table below the calculations lists them).

One query for the page's berekeningen and one for their bookings, whatever the number of
rows (no N+1).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from .models import Berekening, Boeking, BoekingSoort

# what a recalculated version may book (ledger rules 2 and 5)
SOORTEN_VAN_VERSIE = (
    BoekingSoort.NABETALING,
    BoekingSoort.VERREKENINGSSCHULD,
    BoekingSoort.INHOUDING,
    BoekingSoort.VORDERING,
)
# what is booked about a month without a version (end of the uitkering, a consulent)
SOORTEN_VAN_MAAND = (
    BoekingSoort.NABETALING,
    BoekingSoort.VERREKENINGSSCHULD,
    BoekingSoort.VORDERING,
)


def koppel_correcties(*, dossier_id: int, berekeningen: Iterable[Berekening]) -> list[Berekening]:
    """Give every berekening a list ``correctieboekingen`` (oldest first) with the ledger's
    corrections of its month as described in the module docstring. One query."""
    rijen = list(berekeningen)
    per_versie: dict[int, list[Boeking]] = {b.pk: [] for b in rijen}
    actueel = {b.maand: b.pk for b in rijen if b.actueel}
    if rijen:
        filter_ = Q(berekening_id__in=list(per_versie), soort__in=SOORTEN_VAN_VERSIE)
        if actueel:
            filter_ |= Q(
                berekening__isnull=True, maand__in=list(actueel), soort__in=SOORTEN_VAN_MAAND
            )
        for boeking in (
            Boeking.objects.filter(dossier_id=dossier_id)
            .filter(filter_)
            .order_by("created_at", "pk")
        ):
            doel = (
                boeking.berekening_id
                if boeking.berekening_id in per_versie
                else actueel.get(boeking.maand)
            )
            if doel is not None:
                per_versie[doel].append(boeking)
    for b in rijen:
        b.correctieboekingen = per_versie[b.pk]
    return rijen


class BerekeningenMetCorrecties:
    """All berekeningen of a dossier, newest month and version first, for the paginator
    (``bijstand.core.pagination.pagineer``): a page (a slice) is loaded with its ledger
    corrections (:func:`koppel_correcties`), so a page costs two queries."""

    ordered = True  # the paginator's check: the queryset below is ordered

    def __init__(self, *, dossier_id: int) -> None:
        self.dossier_id = dossier_id
        self._berekeningen = Berekening.objects.filter(dossier_id=dossier_id).order_by(
            "-maand", "-versie"
        )

    def count(self) -> int:
        return self._berekeningen.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, sleutel: Any) -> Any:
        if isinstance(sleutel, slice):
            return koppel_correcties(
                dossier_id=self.dossier_id, berekeningen=self._berekeningen[sleutel]
            )
        return self[sleutel : sleutel + 1][0]


def berekeningen_met_correcties(*, dossier_id: int) -> BerekeningenMetCorrecties:
    """The table "Berekeningen per maand" of a dossier with each row's ledger corrections."""
    return BerekeningenMetCorrecties(dossier_id=dossier_id)
