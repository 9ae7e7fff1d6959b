"""The table "Snel uitsluitsel" (page "Inkomen"): how fast a burger gets a decision on the
merits of an aanvraag, per month (quarter) of the besluit.

The figure ``aanvraag.uitsluitsel`` (``aanvraag/kengetallen.py``) holds per besluit the days
from the melding to the besluit as a code (``subcategorie``) and the beslistermijn class
(``categorie``: binnen / na / onbekend). From that distribution the table computes the mean,
the exact median, the share decided within the beslistermijn (of those with a known term) and
the share decided within 8 weeks (56 days) of the melding. Only toekenning and afwijzing count
(not buiten behandeling or ingetrokken; see the figure's module).
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .. import tabellen as t
from ..tabelspecs import Context, Kolom, TabelSpec

UITSLUITSEL = "aanvraag.uitsluitsel"  # the figure's key (Kengetal.figuur)
ACHT_WEKEN = 56  # days
BINNEN, NA = "binnen", "na"


def verdeling(ctx: Context, periode) -> tuple[Counter, dict[str, int], Decimal]:
    """(days -> number of besluiten, beslistermijn class -> number, sum of the days)."""
    dagen: Counter = Counter()
    termijn: dict[str, int] = {}
    som = Decimal(0)
    for (categorie, sub), meting in ctx.cijfers.data[UITSLUITSEL][periode].items():
        try:
            dagen[int(sub)] += meting.aantal
        except ValueError:
            continue
        termijn[categorie] = termijn.get(categorie, 0) + meting.aantal
        som += meting.som or 0
    return dagen, termijn, som


def mediaan(dagen: Counter) -> float | None:
    """The median of a distribution {value: count} (the mean of the two middle values for an
    even number), without expanding it."""
    n = sum(dagen.values())
    if not n:
        return None
    midden = ((n - 1) // 2, n // 2)  # 0-based positions of the middle value(s)
    gevonden: list[int] = []
    gezien = 0
    for waarde in sorted(dagen):
        volgende = gezien + dagen[waarde]
        gevonden += [waarde for positie in midden if gezien <= positie < volgende]
        gezien = volgende
    return sum(gevonden) / 2


def _dagen_cel(waarde: float | None, personen: int, *bronnen: t.Cel) -> t.Cel:
    if waarde is None:
        return t.Cel("–", None, soort="dagen", personen=0, bronnen=bronnen)
    decimalen = 0 if waarde == int(waarde) else 1
    cel = t.Cel(t._getal(waarde, decimalen), waarde, "dagen", personen=personen, bronnen=bronnen)
    if personen < t.DREMPEL:
        cel.onderdruk()
    return cel


def _rijen(ctx: Context, tabel: t.Tabel) -> None:
    for p in ctx.perioden:
        dagen, termijn, som = verdeling(ctx, p)
        n = sum(dagen.values())
        totaal = t.aantal(n)
        binnen_termijn = termijn.get(BINNEN, 0)
        met_termijn = binnen_termijn + termijn.get(NA, 0)
        binnen_8 = sum(aantal for d, aantal in dagen.items() if d <= ACHT_WEKEN)
        tabel.voeg_toe(
            ctx.label(p),
            [
                totaal,
                t.gemiddelde(som, n, totaal),
                _dagen_cel(mediaan(dagen), n, totaal),
                t.aandeel(binnen_termijn, met_termijn, totaal),
                t.aandeel(binnen_8, n, totaal),
            ],
        )


TABEL_UITSLUITSEL = TabelSpec(
    sleutel="uitsluitsel",
    titel=_("Snel uitsluitsel: dagen van melding tot besluit"),
    kolommen=(
        Kolom(_("Besluiten")),
        Kolom(_("Gemiddeld dagen"), "dagen", reeks="lijn"),
        Kolom(_("Mediaan dagen"), "dagen", reeks="lijn"),
        Kolom(_("Aandeel binnen de beslistermijn"), "procent"),
        Kolom(_("Aandeel binnen 8 weken na de melding"), "procent"),
    ),
    rijen=_rijen,
    toelichting=_(
        "Besluiten op de inhoud (toekenning of afwijzing) in de maand van het besluit; buiten "
        "behandeling en ingetrokken tellen niet mee. Dagen van de melding tot het besluit. "
        "De beslistermijn is 8 weken na de volledige aanvraag, langer als de burger om "
        "stukken is gevraagd; aanvragen zonder bekende termijn tellen daar niet mee."
    ),
    grafiek="lijn",
    y_label=_("dagen"),
    figuren=(UITSLUITSEL,),
    ontbreekt=_("Nog niet beschikbaar: de aanvragen leveren (nog) geen cijfers."),
)
