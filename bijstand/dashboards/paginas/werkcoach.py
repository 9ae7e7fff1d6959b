"""The tables of the page "Eén werkcoach": handovers between werkcoaches per period, active
dossiers by their number of handovers and by the time since the last contact, and the caseload
per werkcoach (states at the peildatum)."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import tabellen as t
from ..tabelspecs import Context, Kolom, TabelSpec, stand
from .figuren import BESTAND_DUUR, CASELOAD, LAATSTE_CONTACT, OVERDRACHTEN, OVERDRACHTEN_PER_DOSSIER

OVERDRACHTKLASSEN = [("0", "0"), ("1", "1"), ("2", "2"), ("3+", _("3 of meer"))]
CONTACTKLASSEN = [
    ("lt1", _("Korter dan 1 maand")),
    ("1_3", _("1 tot 3 maanden")),
    ("3_6", _("3 tot 6 maanden")),
    ("6_12", _("6 tot 12 maanden")),
    ("ge12", _("12 maanden of langer")),
    ("nooit", _("Nog geen contact")),
]
CASELOADKLASSEN = [
    ("lt50", _("Minder dan 50")),
    ("50_99", _("50 tot 100")),
    ("100_149", _("100 tot 150")),
    ("ge150", _("150 of meer")),
]


def _overdracht_rijen(ctx: Context, tabel: t.Tabel) -> None:
    for p in ctx.perioden:
        m = ctx.cijfers.som(OVERDRACHTEN, p)
        bestand = ctx.cijfers.som(BESTAND_DUUR, p).personen
        o, b = t.aantal(m.personen, m.aantal), t.aantal(bestand)
        per100 = 100 * m.aantal / bestand if bestand else None
        cellen = [o, t.aantal(m.personen), b, t.verhouding(per100, 1, o, b)]
        tabel.voeg_toe(ctx.label(p), cellen)


TABEL_OVERDRACHTEN = TabelSpec(
    sleutel="overdrachten",
    titel=_("Wissels van werkcoach per periode"),
    kolommen=(
        Kolom(_("Overdrachten")),
        Kolom(_("Dossiers met een overdracht")),
        Kolom(_("Mensen in de bijstand")),
        Kolom(_("Overdrachten per 100 mensen in de bijstand"), "procent", reeks="lijn"),
    ),
    rijen=_overdracht_rijen,
    toelichting=_(
        "Een overdracht is een wissel van werkcoach; de eerste toewijzing telt niet mee."
    ),
    grafiek="lijn",
    y_label=_("per 100 mensen"),
)

TABEL_OVERDRACHTEN_PER_DOSSIER = stand(
    sleutel="per_dossier",
    titel=lambda ctx: ctx.op_peildatum(
        gettext("Actieve dossiers naar aantal overdrachten op %(datum)s")
    ),
    figuur=OVERDRACHTEN_PER_DOSSIER,
    klassen=OVERDRACHTKLASSEN,
    kolom=_("Actieve dossiers"),
    toelichting=_("Alle wissels van werkcoach in de looptijd van het dossier."),
)

TABEL_CONTACT = stand(
    sleutel="contact",
    titel=lambda ctx: ctx.op_peildatum(gettext("Tijd sinds het laatste contact op %(datum)s")),
    figuur=LAATSTE_CONTACT,
    klassen=CONTACTKLASSEN,
    kolom=_("Actieve dossiers"),
    toelichting=_("Contactmomenten en berichten in het journaal."),
)


def _caseload_rijen(ctx: Context, tabel: t.Tabel) -> None:
    huidig = ctx.huidig
    for code, label in CASELOADKLASSEN:
        m = ctx.cijfers.meting(CASELOAD, huidig, code)
        w = t.aantal(m.personen)
        d = t.aantal(m.personen, int(m.som or 0))
        tabel.voeg_toe(str(label), [w, d, t.gemiddelde(m.som, m.personen, w)])
    m = ctx.cijfers.som(CASELOAD, huidig)
    w = t.aantal(m.personen)
    tabel.voeg_toe(
        gettext("Totaal"),
        [w, t.aantal(m.personen, int(m.som or 0)), t.gemiddelde(m.som, m.personen, w)],
        kop=True,
    )
    n = len(CASELOADKLASSEN)
    tabel.kolom_optellingen.append((tuple(range(n)), n, (0, 1)))


TABEL_CASELOAD = TabelSpec(
    sleutel="caseload",
    titel=lambda ctx: ctx.op_peildatum(gettext("Caseload per werkcoach op %(datum)s")),
    kolommen=(
        Kolom(_("Werkcoaches"), reeks="staaf"),
        Kolom(_("Actieve dossiers")),
        Kolom(_("Gemiddelde caseload"), "dagen"),
    ),
    rijen=_caseload_rijen,
    rijkop=_("Caseload"),
    toelichting=_(
        "Werkcoaches naar het aantal actieve dossiers (aanvraag, lopend, heropend). "
        "Alleen het filter op team geldt hier."
    ),
    grafiek="staaf",
    y_label=_("werkcoaches"),
)
