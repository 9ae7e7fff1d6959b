"""The tables of the page "Instroom, uitstroom en duurzaamheid": who comes in (by source), who
leaves (to work or otherwise), and whether leaving for work lasts (back within 12 months)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bijstand.dossiers.models import Instroombron

from .. import tabellen as t
from ..models import ReferentieCode
from ..tabelspecs import Context, Klassen, Kolom, TabelSpec, verdeling
from .figuren import DUURZAAMHEID, INSTROOM, UITSTROOM

INSTROOMBRONNEN = [*Instroombron.choices, ("heropend", _("Heropend na beëindiging"))]
TERUGKEERKLASSEN = [
    ("0_3", _("Terug binnen 3 maanden")),
    ("3_6", _("Terug na 3 tot 6 maanden")),
    ("6_12", _("Terug na 6 tot 12 maanden")),
    ("na_12", _("Later terug")),
    ("niet", _("Niet terug")),
]
BINNEN_12 = ("0_3", "3_6", "6_12")

TABEL_INSTROOM = verdeling(
    sleutel="instroom",
    titel=_("Instroom naar bron"),
    figuur=INSTROOM,
    klassen=INSTROOMBRONNEN,
    toelichting=_(
        "Mensen van wie de uitkering in de periode begon (aanvraag toegekend) of na een "
        "beëindiging werd heropend."
    ),
)


def _uitstroom_rijen(ctx: Context, tabel: t.Tabel) -> None:
    for p in ctx.perioden:
        totaal = ctx.cijfers.som(UITSTROOM, p).personen
        werk = ctx.cijfers.meting(UITSTROOM, p, "werk").personen
        w, a = t.aantal(werk), t.aantal(totaal - werk)
        tabel.voeg_toe(ctx.label(p), [w, a, t.aantal(totaal), t.aandeel(werk, totaal, w, a)])


TABEL_UITSTROOM = TabelSpec(
    sleutel="uitstroom",
    titel=_("Uitstroom naar reden"),
    kolommen=(
        Kolom(_("Naar werk"), reeks="staaf"),
        Kolom(_("Andere reden"), reeks="staaf"),
        Kolom(_("Totaal")),
        Kolom(_("Aandeel naar werk"), "procent"),
    ),
    rijen=_uitstroom_rijen,
    toelichting=_(
        "Mensen van wie de uitkering in de periode eindigde. Andere reden: verhuizing, "
        "overig, afgewezen of ingetrokken na heropening."
    ),
    grafiek="gestapeld",
    y_label=_("mensen"),
    optellingen=(((0, 1), 2),),
)


def _duurzaamheid_rijen(ctx: Context, tabel: t.Tabel) -> None:
    """Per cohort of leaving for work; cohorts whose 12 months are over also add up to a total
    row (whose parts are suppressed together, across the rows)."""
    k = len(TERUGKEERKLASSEN)
    nulmeting = None if ctx.filters.gefilterd else ctx.ref(ReferentieCode.DRAAIDEUR)
    afgerond_rijen: list[int] = []
    totalen = {c: 0 for c, _l in TERUGKEERKLASSEN}
    totaal_som = Decimal(0)
    for p in ctx.perioden:
        afgerond = ctx.cohort_afgerond(p)
        totaal = ctx.cijfers.som(DUURZAAMHEID, p).personen
        delen = [
            t.aantal(ctx.cijfers.meting(DUURZAAMHEID, p, c).personen) for c, _l in TERUGKEERKLASSEN
        ]
        binnen = ctx.cijfers.som(DUURZAAMHEID, p, BINNEN_12)
        share = t.aandeel(binnen.personen, totaal, *delen)
        if not afgerond and not share.onderdrukt:
            share = t.Cel(
                share.tekst + " " + gettext("(voorlopig)"),
                None,
                "procent",
                bronnen=share.bronnen,
            )
        cellen = [t.aantal(totaal), *delen, share, t.referentie(nulmeting, 0, " %")]
        cellen.append(t.gemiddelde(binnen.som, binnen.personen, *delen[:3]))
        tabel.voeg_toe(ctx.label(p), cellen)
        if afgerond:
            afgerond_rijen.append(len(tabel.rijen) - 1)
            for c, _l in TERUGKEERKLASSEN:
                totalen[c] += ctx.cijfers.meting(DUURZAAMHEID, p, c).personen
            totaal_som += binnen.som or 0
    if afgerond_rijen:
        totaal = sum(totalen.values())
        binnen = sum(totalen[c] for c in BINNEN_12)
        delen = [t.aantal(totalen[c]) for c, _l in TERUGKEERKLASSEN]
        cellen = [t.aantal(totaal), *delen, t.aandeel(binnen, totaal, *delen)]
        cellen += [t.referentie(nulmeting, 0, " %"), t.gemiddelde(totaal_som, binnen, *delen[:3])]
        tabel.voeg_toe(gettext("Alle afgeronde perioden"), cellen, kop=True)
        tabel.kolom_optellingen.append(
            (tuple(afgerond_rijen), len(tabel.rijen) - 1, tuple(range(k + 1)))
        )


TABEL_DUURZAAMHEID = TabelSpec(
    sleutel="duurzaamheid",
    titel=_("Duurzaamheid: terug in de bijstand binnen 12 maanden na uitstroom naar werk"),
    kolommen=(
        Kolom(_("Uitgestroomd naar werk")),
        Klassen(TERUGKEERKLASSEN),
        Kolom(_("Aandeel terug binnen 12 maanden"), "procent", reeks="lijn"),
        Kolom(_("Nulmeting"), "referentie", reeks="doel"),
        Kolom(_("Gemiddeld dagen tot terugkeer"), "dagen"),
    ),
    rijen=_duurzaamheid_rijen,
    rijkop=_("Uitgestroomd in"),
    toelichting=_(
        "Per periode van uitstroom naar werk: wie binnen 12 maanden (365 dagen) weer een "
        "lopende of heropende uitkering had, met welk dossier dan ook. Een periode is "
        "voorlopig zolang er nog geen 12 maanden voorbij zijn."
    ),
    grafiek="lijn",
    y_label=_("procent"),
    optellingen=((tuple(range(1, len(TERUGKEERKLASSEN) + 1)), 0),),
    stadsbreed=True,
)
