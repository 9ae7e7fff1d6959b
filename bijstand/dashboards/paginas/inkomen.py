"""The tables of the page "Inkomen": recoveries and offsetting debts against the baseline from
before the automatic offsetting, income statements by channel, and the time from application
to decision."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .. import tabellen as t
from ..models import ReferentieCode
from ..tabelspecs import Context, Klassen, Kolom, TabelSpec, grootboek, verdeling
from .figuren import BESLISDUUR, OPGAVEN, SCHULDEN, VORDERINGEN

OPGAVEBRONNEN = [
    ("burger", _("Via het portaal")),
    ("werkgever", _("Via het salarissysteem (API)")),
    ("consulent", _("Door de consulent")),
]
DIGITAAL = ("burger", "werkgever")
BESLISKLASSEN = [
    ("binnen_4", _("Binnen 4 weken")),
    ("4_8", _("4 tot 8 weken")),
    ("na_8", _("Na 8 weken")),
]
BINNEN_TERMIJN = ("binnen_4", "4_8")

TABEL_VORDERINGEN = grootboek(
    sleutel="vorderingen",
    titel=_("Terugvorderingen per periode"),
    figuur=VORDERINGEN,
    code_aantal=ReferentieCode.VORDERINGEN_AANTAL,
    code_bedrag=ReferentieCode.VORDERINGEN_BEDRAG,
    soort=_("Terugvorderingen"),
)

TABEL_SCHULDEN = grootboek(
    sleutel="verrekeningsschulden",
    titel=_("Verrekeningsschulden per periode"),
    figuur=SCHULDEN,
    code_aantal=ReferentieCode.SCHULDEN_AANTAL,
    code_bedrag=ReferentieCode.SCHULDEN_BEDRAG,
    soort=_("Verrekeningsschulden"),
)

TABEL_OPGAVEN = verdeling(
    sleutel="opgaven",
    titel=_("Inkomstenopgaven naar kanaal"),
    figuur=OPGAVEN,
    klassen=OPGAVEBRONNEN,
    toelichting=_("Aantal ingediende inkomstenopgaven in de periode, naar wie ze indiende."),
    y_label=_("opgaven"),
    gebeurtenissen=True,
    aandeel=(_("Aandeel portaal en API"), DIGITAAL),
    figuren=(OPGAVEN,),
)


def _beslisduur_rijen(ctx: Context, tabel: t.Tabel) -> None:
    for p in ctx.perioden:
        m = ctx.cijfers.som(BESLISDUUR, p)
        delen = [t.aantal(ctx.cijfers.meting(BESLISDUUR, p, c).personen) for c, _l in BESLISKLASSEN]
        binnen = ctx.cijfers.som(BESLISDUUR, p, BINNEN_TERMIJN).personen
        cellen = [t.aantal(m.personen), *delen, t.gemiddelde(m.som, m.personen)]
        cellen.append(t.aandeel(binnen, m.personen, *delen))
        tabel.voeg_toe(ctx.label(p), cellen)


TABEL_BESLISDUUR = TabelSpec(
    sleutel="beslisduur",
    titel=_("Dagen van aanvraag tot besluit"),
    kolommen=(
        Kolom(_("Besluiten")),
        Klassen(BESLISKLASSEN),
        Kolom(_("Gemiddeld dagen"), "dagen", reeks="lijn"),
        Kolom(_("Aandeel binnen 8 weken"), "procent"),
    ),
    rijen=_beslisduur_rijen,
    toelichting=_(
        "Van de aanvraagdatum tot het eerste besluit (toegekend, afgewezen of ingetrokken). "
        "De wettelijke beslistermijn is 8 weken."
    ),
    grafiek="lijn",
    y_label=_("dagen"),
    optellingen=(((1, 2, 3), 0),),
)
