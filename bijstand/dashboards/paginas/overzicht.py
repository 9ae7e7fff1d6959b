"""The table of the page "Overzicht": the headline figure of every theme for the latest
(complete) period, against its target or baseline."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import tabellen as t
from ..models import ReferentieCode
from ..tabelspecs import Context, Kolom, TabelSpec
from .bestand import LANGDURIG
from .figuren import (
    BESLISDUUR,
    BESTAND_DUUR,
    DUURZAAMHEID,
    INSTROOM,
    OPGAVEN,
    OVERDRACHTEN,
    UITSTROOM,
    VORDERINGEN,
    WERKLOONT,
)
from .inkomen import DIGITAAL
from .stromen import BINNEN_12


def _kerncijfer_rijen(ctx: Context, tabel: t.Tabel) -> None:
    """Stocks at the end of the latest period, flows over the latest complete period."""
    stad = not ctx.filters.gefilterd
    laatste, volledig = ctx.laatste, ctx.laatste_volledige
    c = ctx.cijfers

    bestand = c.som(BESTAND_DUUR, laatste).personen
    doel = ctx.doeltraject.waarde_op(ctx.meetdag(laatste)) if ctx.doeltraject and stad else None
    tabel.voeg_toe(
        _("Mensen in de bijstand"),
        [t.tekst(ctx.label(laatste)), t.aantal(bestand), t.referentie(doel)],
    )
    lang = c.som(BESTAND_DUUR, laatste, LANGDURIG).personen
    tabel.voeg_toe(
        _("Aandeel 5 jaar of langer in de bijstand"),
        [
            t.tekst(ctx.label(laatste)),
            t.aandeel(lang, bestand),
            t.referentie(ctx.ref(ReferentieCode.LANGDURIG) if stad else None, 0, " %"),
        ],
    )
    instroom = c.som(INSTROOM, volledig).personen
    tabel.voeg_toe(
        _("Instroom"), [t.tekst(ctx.label(volledig)), t.aantal(instroom), t.referentie(None)]
    )
    werk = c.meting(UITSTROOM, volledig, "werk").personen
    tabel.voeg_toe(
        _("Uitstroom naar werk"), [t.tekst(ctx.label(volledig)), t.aantal(werk), t.referentie(None)]
    )
    # the latest cohort whose 12 months have passed
    afgerond = [p for p in ctx.perioden if ctx.cohort_afgerond(p)]
    if afgerond:
        p = afgerond[-1]
        totaal = c.som(DUURZAAMHEID, p).personen
        binnen = c.som(DUURZAAMHEID, p, BINNEN_12).personen
        cel = t.aandeel(binnen, totaal)
        label = ctx.label(p)
    else:
        cel, label = t.leeg(), "–"
    tabel.voeg_toe(
        _("Terug in de bijstand binnen 12 maanden na werk"),
        [
            t.tekst(label),
            cel,
            t.referentie(ctx.ref(ReferentieCode.DRAAIDEUR) if stad else None, 0, " %"),
        ],
    )
    o = c.som(OVERDRACHTEN, volledig)
    bestand_v = c.som(BESTAND_DUUR, volledig).personen
    oc, bc = t.aantal(o.personen, o.aantal), t.aantal(bestand_v)
    tabel.voeg_toe(
        _("Wissels van werkcoach per 100 mensen in de bijstand"),
        [
            t.tekst(ctx.label(volledig)),
            t.verhouding(100 * o.aantal / bestand_v if bestand_v else None, 1, oc, bc),
            t.referentie(None),
        ],
    )
    v = c.som(VORDERINGEN, volledig)
    basis = ctx.ref(ReferentieCode.VORDERINGEN_AANTAL) if stad else None
    reductie = ctx.ref(ReferentieCode.REDUCTIE_VORDERINGEN) or Decimal(80)
    tabel.voeg_toe(
        _("Terugvorderingen (doel: %(r)s %% minder dan de nulmeting)") % {"r": t._getal(reductie)},
        [
            t.tekst(ctx.label(volledig)),
            t.aantal(v.personen, v.aantal),
            t.referentie(basis * ctx.stap * (100 - reductie) / 100 if basis is not None else None),
        ],
    )
    o = c.som(OPGAVEN, volledig)
    digitaal = c.som(OPGAVEN, volledig, DIGITAAL).aantal
    tabel.voeg_toe(
        _("Inkomstenopgaven via portaal en API"),
        [t.tekst(ctx.label(volledig)), t.aandeel(digitaal, o.aantal), t.referentie(None)],
    )
    b = c.som(BESLISDUUR, volledig)
    tabel.voeg_toe(
        _("Gemiddeld dagen van aanvraag tot besluit"),
        [t.tekst(ctx.label(volledig)), t.gemiddelde(b.som, b.personen), t.referentie(56)],
    )
    if WERKLOONT in ctx.peildag.figuren:
        wl = c.som(WERKLOONT, volledig).personen
        wlw = c.meting(WERKLOONT, volledig, "betaald_werk").personen
        tabel.voeg_toe(
            _("Werkloont: naar betaald werk"),
            [
                t.tekst(ctx.label(volledig)),
                t.aandeel(wlw, wl),
                t.referentie(ctx.ref(ReferentieCode.WERKLOONT) if stad else None, 0, " %"),
            ],
        )


TABEL_KERNCIJFERS = TabelSpec(
    sleutel="kerncijfers",
    titel=gettext_lazy("Kerncijfers"),
    kolommen=(
        Kolom(gettext_lazy("Periode"), "tekst"),
        Kolom(gettext_lazy("Waarde"), "aantal"),
        Kolom(gettext_lazy("Doel of nulmeting"), "referentie"),
    ),
    rijen=_kerncijfer_rijen,
    rijkop=gettext_lazy("Kengetal"),
    toelichting=gettext_lazy(
        "Standen aan het einde van de laatste periode, stromen over de laatste volledige "
        "periode. Details en verloop staan op de themapagina's."
    ),
)
