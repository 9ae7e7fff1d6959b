"""The dashboard pages: which figures each page reads and how they become tables.

Every table is built from the aggregates of one snapshot read (``selectors.lees_cijfers``); a
table has a row per period (month or quarter) or, for a state at the peildatum, a row per class.
Suppression is applied in ``tabellen``. Figures of apps that have no ``kengetallen`` (yet) are
shown as "not available" instead of zeros.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bijstand.dossiers.models import Instroombron

from . import tabellen as t
from .models import Doeltraject, Peildag, PeriodeSoort, ReferentieCode
from .selectors import Cijfers, Filters, perioden_tussen, plus_maanden
from .snapshot import BESTAND_DUUR, BESTAND_LEEFTIJD, CASELOAD

INSTROOM = "dossiers.instroom"
UITSTROOM = "dossiers.uitstroom"
DUURZAAMHEID = "dossiers.duurzaamheid"
BESLISDUUR = "dossiers.beslisduur"
OVERDRACHTEN = "dossiers.overdrachten"
OVERDRACHTEN_PER_DOSSIER = "dossiers.overdrachten_per_dossier"
LAATSTE_CONTACT = "dossiers.laatste_contact"
VORDERINGEN = "inkomen.vorderingen"
SCHULDEN = "inkomen.verrekeningsschulden"
OPGAVEN = "inkomen.opgaven"
TREDE = "perspectief.trede"
LEEFGEBIED = "perspectief.leefgebied"
WERKLOONT = "werkloont.uitkomst"
INSTRUMENTEN_GESTART = "instrumentenhuis.gestart"
INSTRUMENTEN_EINDE = "instrumentenhuis.beeindigd"
PLAATSINGEN = "vacatures.plaatsingen"

TERUGKEER_DAGEN = 365


@dataclass
class Context:
    peildag: Peildag
    filters: Filters
    cijfers: Cijfers
    referenties: dict[str, Decimal]
    doeltraject: Doeltraject | None
    leefgebieden: list[tuple[str, str]] = field(default_factory=list)

    @property
    def perioden(self) -> list[date]:
        return perioden_tussen(self.filters.van, self.filters.tot, self.filters.per)

    @property
    def stap(self) -> int:
        return 1 if self.filters.per == PeriodeSoort.MAAND else 3

    def einde(self, p: date) -> date:
        """The first day after period p."""
        return plus_maanden(p, self.stap)

    def volledig(self, p: date) -> bool:
        return self.einde(p) <= self.peildag.peildatum + timedelta(days=1)

    def cohort_afgerond(self, p: date) -> bool:
        """Have 12 months (365 days) passed since the last day of period p?"""
        laatste_dag = self.einde(p) - timedelta(days=1)
        return laatste_dag + timedelta(days=TERUGKEER_DAGEN) <= self.peildag.peildatum

    def meetdag(self, p: date) -> date:
        return min(self.einde(p) - timedelta(days=1), self.peildag.peildatum)

    def label(self, p: date) -> str:
        if self.filters.per == PeriodeSoort.MAAND:
            tekst = date_format(p, "M Y")
        else:
            tekst = _("K%(k)s %(jaar)s") % {"k": (p.month - 1) // 3 + 1, "jaar": p.year}
        if not self.volledig(p):
            tekst += " " + _("(lopend)")
        return tekst

    def ref(self, code: str) -> Decimal | None:
        return self.referenties.get(code)

    @property
    def laatste(self) -> date:
        return self.perioden[-1]

    @property
    def laatste_volledige(self) -> date:
        volledig = [p for p in self.perioden if self.volledig(p)]
        return volledig[-1] if volledig else self.perioden[-1]


def _niet_beschikbaar(sleutel: str, titel: str, reden: str) -> t.Tabel:
    tabel = t.Tabel(sleutel, titel, [t.Kolom(_("Status"), "tekst")], rijkop=_("Onderdeel"))
    tabel.voeg_toe(titel, [t.tekst(reden)])
    return tabel


def _stadsbreed(ctx: Context) -> str:
    return _(
        "Doel en nulmeting gelden voor de hele stad en staan daarom niet bij een gefilterde "
        "selectie."
    )


# --------------------------------------------------------------------------------------------
# bestand


def tabel_bestand(ctx: Context) -> t.Tabel:
    tabel = t.Tabel(
        "bestand",
        _("Mensen in de bijstand tegen het doeltraject"),
        [
            t.Kolom(_("In de bijstand"), reeks="lijn"),
            t.Kolom(_("Doeltraject"), "referentie", reeks="doel"),
            t.Kolom(_("Verschil met het doel"), "aantal"),
        ],
        toelichting=_(
            "Aantal mensen met een lopende of heropende uitkering aan het einde van de periode "
            "(bij de lopende periode: op de peildatum)."
        ),
        grafiek="lijn",
        y_label=_("mensen"),
    )
    for p in ctx.perioden:
        n = ctx.cijfers.som(BESTAND_DUUR, p).personen
        cel = t.aantal(n)
        doel = None
        if ctx.doeltraject and not ctx.filters.gefilterd:
            doel = ctx.doeltraject.waarde_op(ctx.meetdag(p))
        verschil = t.verhouding(n - doel, 0, cel) if doel is not None else t.leeg()
        tabel.voeg_toe(ctx.label(p), [cel, t.referentie(doel), verschil])
    if ctx.filters.gefilterd:
        tabel.noten.append(_stadsbreed(ctx))
    elif ctx.doeltraject:
        tabel.noten.append(
            _("Doeltraject: van %(van)s op %(start)s naar %(naar)s op %(eind)s (rechte lijn).")
            % {
                "van": t._getal(ctx.doeltraject.startwaarde),
                "start": date_format(ctx.doeltraject.startdatum, "j F Y"),
                "naar": t._getal(ctx.doeltraject.eindwaarde),
                "eind": date_format(ctx.doeltraject.einddatum, "j F Y"),
            }
        )
    return tabel.sluit_af()


DUURKLASSEN = [
    ("lt1", gettext_lazy("Korter dan 1 jaar")),
    ("1_2", gettext_lazy("1 tot 2 jaar")),
    ("2_5", gettext_lazy("2 tot 5 jaar")),
    ("5_10", gettext_lazy("5 tot 10 jaar")),
    ("ge10", gettext_lazy("10 jaar of langer")),
]
LEEFTIJDSKLASSEN = [
    ("lt27", gettext_lazy("Jonger dan 27")),
    ("27_34", gettext_lazy("27 tot 35")),
    ("35_44", gettext_lazy("35 tot 45")),
    ("45_54", gettext_lazy("45 tot 55")),
    ("ge55", gettext_lazy("55 of ouder")),
]


def _verdeling_per_periode(
    ctx: Context, figuur: str, klassen, sleutel: str, titel: str, toelichting: str
) -> t.Tabel:
    kolommen = [t.Kolom(str(label), reeks="staaf") for _c, label in klassen]
    kolommen.append(t.Kolom(_("Totaal")))
    tabel = t.Tabel(
        sleutel, titel, kolommen, toelichting=toelichting, grafiek="gestapeld", y_label=_("mensen")
    )
    n = len(klassen)
    tabel.rij_optellingen.append((tuple(range(n)), n))
    for p in ctx.perioden:
        cellen = [t.aantal(ctx.cijfers.meting(figuur, p, code).personen) for code, _l in klassen]
        cellen.append(t.aantal(ctx.cijfers.som(figuur, p).personen))
        tabel.voeg_toe(ctx.label(p), cellen)
    return tabel


def tabel_duur(ctx: Context) -> t.Tabel:
    tabel = t.Tabel(
        "duur",
        _("Duur in de bijstand en aandeel langer dan 5 jaar"),
        [
            *(t.Kolom(str(label)) for _c, label in DUURKLASSEN),
            t.Kolom(_("Totaal")),
            t.Kolom(_("Aandeel 5 jaar of langer"), "procent", reeks="lijn"),
            t.Kolom(_("Nulmeting (2018)"), "referentie", reeks="doel"),
        ],
        toelichting=_("Duur sinds de startdatum van de uitkering, aan het einde van de periode."),
        grafiek="lijn",
        y_label=_("procent"),
    )
    tabel.rij_optellingen.append(((0, 1, 2, 3, 4), 5))
    nulmeting = None if ctx.filters.gefilterd else ctx.ref(ReferentieCode.LANGDURIG)
    for p in ctx.perioden:
        delen = [t.aantal(ctx.cijfers.meting(BESTAND_DUUR, p, c).personen) for c, _l in DUURKLASSEN]
        totaal = ctx.cijfers.som(BESTAND_DUUR, p).personen
        lang = ctx.cijfers.som(BESTAND_DUUR, p, ("5_10", "ge10")).personen
        cellen = [*delen, t.aantal(totaal), t.aandeel(lang, totaal, delen[3], delen[4])]
        cellen.append(t.referentie(nulmeting, 0, " %"))
        tabel.voeg_toe(ctx.label(p), cellen)
    if ctx.filters.gefilterd:
        tabel.noten.append(_stadsbreed(ctx))
    return tabel.sluit_af()


def tabel_leeftijd(ctx: Context) -> t.Tabel:
    return _verdeling_per_periode(
        ctx,
        BESTAND_LEEFTIJD,
        LEEFTIJDSKLASSEN,
        "leeftijd",
        _("Leeftijd van de mensen in de bijstand"),
        _("Leeftijd aan het einde van de periode."),
    ).sluit_af()


# --------------------------------------------------------------------------------------------
# stromen


INSTROOMBRONNEN = [*Instroombron.choices, ("heropend", gettext_lazy("Heropend na beëindiging"))]


def tabel_instroom(ctx: Context) -> t.Tabel:
    tabel = t.Tabel(
        "instroom",
        _("Instroom naar bron"),
        [
            *(t.Kolom(str(label), reeks="staaf") for _c, label in INSTROOMBRONNEN),
            t.Kolom(_("Totaal")),
        ],
        toelichting=_(
            "Mensen van wie de uitkering in de periode begon (aanvraag toegekend) of na een "
            "beëindiging werd heropend."
        ),
        grafiek="gestapeld",
        y_label=_("mensen"),
    )
    n = len(INSTROOMBRONNEN)
    tabel.rij_optellingen.append((tuple(range(n)), n))
    for p in ctx.perioden:
        cellen = [
            t.aantal(ctx.cijfers.meting(INSTROOM, p, c).personen) for c, _l in INSTROOMBRONNEN
        ]
        cellen.append(t.aantal(ctx.cijfers.som(INSTROOM, p).personen))
        tabel.voeg_toe(ctx.label(p), cellen)
    return tabel.sluit_af()


def tabel_uitstroom(ctx: Context) -> t.Tabel:
    tabel = t.Tabel(
        "uitstroom",
        _("Uitstroom naar reden"),
        [
            t.Kolom(_("Naar werk"), reeks="staaf"),
            t.Kolom(_("Andere reden"), reeks="staaf"),
            t.Kolom(_("Totaal")),
            t.Kolom(_("Aandeel naar werk"), "procent"),
        ],
        toelichting=_(
            "Mensen van wie de uitkering in de periode eindigde. Andere reden: verhuizing, "
            "overig, afgewezen of ingetrokken na heropening."
        ),
        grafiek="gestapeld",
        y_label=_("mensen"),
    )
    tabel.rij_optellingen.append(((0, 1), 2))
    for p in ctx.perioden:
        totaal = ctx.cijfers.som(UITSTROOM, p).personen
        werk = ctx.cijfers.meting(UITSTROOM, p, "werk").personen
        w, a = t.aantal(werk), t.aantal(totaal - werk)
        tabel.voeg_toe(ctx.label(p), [w, a, t.aantal(totaal), t.aandeel(werk, totaal, w, a)])
    return tabel.sluit_af()


TERUGKEERKLASSEN = [
    ("0_3", gettext_lazy("Terug binnen 3 maanden")),
    ("3_6", gettext_lazy("Terug na 3 tot 6 maanden")),
    ("6_12", gettext_lazy("Terug na 6 tot 12 maanden")),
    ("na_12", gettext_lazy("Later terug")),
    ("niet", gettext_lazy("Niet terug")),
]
BINNEN_12 = ("0_3", "3_6", "6_12")


def tabel_duurzaamheid(ctx: Context) -> t.Tabel:
    tabel = t.Tabel(
        "duurzaamheid",
        _("Duurzaamheid: terug in de bijstand binnen 12 maanden na uitstroom naar werk"),
        [
            t.Kolom(_("Uitgestroomd naar werk")),
            *(t.Kolom(str(label)) for _c, label in TERUGKEERKLASSEN),
            t.Kolom(_("Aandeel terug binnen 12 maanden"), "procent", reeks="lijn"),
            t.Kolom(_("Nulmeting"), "referentie", reeks="doel"),
            t.Kolom(_("Gemiddeld dagen tot terugkeer"), "dagen"),
        ],
        rijkop=_("Uitgestroomd in"),
        toelichting=_(
            "Per periode van uitstroom naar werk: wie binnen 12 maanden (365 dagen) weer een "
            "lopende of heropende uitkering had, met welk dossier dan ook. Een periode is "
            "voorlopig zolang er nog geen 12 maanden voorbij zijn."
        ),
        grafiek="lijn",
        y_label=_("procent"),
    )
    k = len(TERUGKEERKLASSEN)
    tabel.rij_optellingen.append((tuple(range(1, k + 1)), 0))
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
                share.tekst + " " + _("(voorlopig)"), None, "procent", bronnen=share.bronnen
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
        tabel.voeg_toe(_("Alle afgeronde perioden"), cellen, kop=True)
        tabel.kolom_optellingen.append(
            (tuple(afgerond_rijen), len(tabel.rijen) - 1, tuple(range(k + 1)))
        )
    if ctx.filters.gefilterd:
        tabel.noten.append(_stadsbreed(ctx))
    return tabel.sluit_af()


# --------------------------------------------------------------------------------------------
# ontwikkeling


def _beschikbaar(ctx: Context, figuur: str) -> bool:
    """Did the app deliver this figure in the latest build (zero or more people)?"""
    return figuur in ctx.peildag.figuren


def tabel_trede(ctx: Context) -> t.Tabel:
    titel = _("Participatieladder: stappen per periode")
    if not _beschikbaar(ctx, TREDE):
        return _niet_beschikbaar("trede", titel, _("Niet beschikbaar bij de laatste berekening."))
    klassen = [
        ("omhoog", _("Stap omhoog")),
        ("gelijk", _("Gelijk")),
        ("omlaag", _("Stap omlaag")),
        ("eerste", _("Eerste meting")),
    ]
    tabel = t.Tabel(
        "trede",
        titel,
        [
            t.Kolom(_("Mensen gemeten")),
            *(t.Kolom(label, reeks="staaf" if c != "eerste" else "") for c, label in klassen),
            t.Kolom(_("Aandeel een stap omhoog"), "procent"),
            t.Kolom(_("Treden omhoog (som)")),
        ],
        toelichting=_(
            "Metingen van de werkcoach (geen zelfbeoordeling) met een trede op de "
            "participatieladder, vergeleken met de vorige meting van hetzelfde dossier."
        ),
        grafiek="gestapeld",
        y_label=_("mensen"),
    )
    tabel.rij_optellingen.append(((1, 2, 3, 4), 0))
    for p in ctx.perioden:
        delen = [t.aantal(ctx.cijfers.meting(TREDE, p, c).personen) for c, _l in klassen]
        totaal = ctx.cijfers.som(TREDE, p).personen
        omhoog = ctx.cijfers.meting(TREDE, p, "omhoog")
        vergeleken = totaal - ctx.cijfers.meting(TREDE, p, "eerste").personen
        cellen = [t.aantal(totaal), *delen, t.aandeel(omhoog.personen, vergeleken, *delen[:3])]
        stappen = int(omhoog.som or 0)
        cellen.append(t.aantal(omhoog.personen, stappen))
        tabel.voeg_toe(ctx.label(p), cellen)
    return tabel.sluit_af()


def tabel_leefgebieden(ctx: Context) -> t.Tabel:
    p = ctx.laatste
    titel = _("Leefgebieden: verbeteringen in %(periode)s") % {"periode": ctx.label(p)}
    if not _beschikbaar(ctx, LEEFGEBIED):
        return _niet_beschikbaar(
            "leefgebieden", titel, _("Niet beschikbaar bij de laatste berekening.")
        )
    klassen = [("beter", _("Verbeterd")), ("gelijk", _("Gelijk")), ("slechter", _("Verslechterd"))]
    tabel = t.Tabel(
        "leefgebieden",
        titel,
        [
            *(t.Kolom(label, reeks="staaf") for _c, label in klassen),
            t.Kolom(_("Totaal vergeleken")),
            t.Kolom(_("Aandeel verbeterd"), "procent"),
        ],
        rijkop=_("Leefgebied"),
        toelichting=_(
            "Per leefgebied (zelfredzaamheidsmatrix): mensen van wie de score in deze periode "
            "is vergeleken met hun vorige meting. Alleen tellingen; geen inhoud."
        ),
        grafiek="gestapeld",
        y_label=_("mensen"),
    )
    tabel.rij_optellingen.append(((0, 1, 2), 3))
    for code, naam in ctx.leefgebieden:
        delen = [t.aantal(ctx.cijfers.meting(LEEFGEBIED, p, code, c).personen) for c, _l in klassen]
        totaal = sum(ctx.cijfers.meting(LEEFGEBIED, p, code, c).personen for c, _l in klassen)
        beter = ctx.cijfers.meting(LEEFGEBIED, p, code, "beter").personen
        cellen = [*delen, t.aantal(totaal), t.aandeel(beter, totaal, *delen)]
        tabel.voeg_toe(naam, cellen)
    return tabel.sluit_af()


def tabel_werkloont(ctx: Context) -> t.Tabel:
    titel = _("Werkloont: uitkomst van afgeronde trajecten")
    if not _beschikbaar(ctx, WERKLOONT):
        return _niet_beschikbaar(
            "werkloont", titel, _("Nog niet beschikbaar: Werkloont levert (nog) geen cijfers.")
        )
    return _uitkomst_tabel(ctx, WERKLOONT, "werkloont", titel, ReferentieCode.WERKLOONT)


def _uitkomst_tabel(ctx: Context, figuur, sleutel, titel, referentie) -> t.Tabel:
    """Per period: ended trajectories, of which to paid work ("betaald_werk"), and the share."""
    tabel = t.Tabel(
        sleutel,
        titel,
        [
            t.Kolom(_("Afgerond")),
            t.Kolom(_("Naar betaald werk")),
            t.Kolom(_("Andere uitkomst")),
            t.Kolom(_("Aandeel naar betaald werk"), "procent", reeks="lijn"),
            t.Kolom(_("Nulmeting"), "referentie", reeks="doel"),
        ],
        grafiek="lijn",
        y_label=_("procent"),
    )
    tabel.rij_optellingen.append(((1, 2), 0))
    nulmeting = None if ctx.filters.gefilterd else ctx.ref(referentie)
    for p in ctx.perioden:
        totaal = ctx.cijfers.som(figuur, p).personen
        werk = ctx.cijfers.meting(figuur, p, "betaald_werk").personen
        w, a = t.aantal(werk), t.aantal(totaal - werk)
        cellen = [t.aantal(totaal), w, a, t.aandeel(werk, totaal, w, a)]
        cellen.append(t.referentie(nulmeting, 0, " %"))
        tabel.voeg_toe(ctx.label(p), cellen)
    return tabel.sluit_af()


def _instrumentcategorieen() -> list[tuple[str, str]]:
    try:
        from instrumentenhuis.models import Categorie
    except ImportError:  # pragma: no cover - the app is part of the project
        return []
    return list(Categorie.choices)


def tabel_instrumenten(ctx: Context) -> t.Tabel:
    p = ctx.laatste
    titel = _("Instrumenten: inzet, budget en resultaat per categorie in %(periode)s") % {
        "periode": ctx.label(p)
    }
    if not (_beschikbaar(ctx, INSTRUMENTEN_GESTART) or _beschikbaar(ctx, INSTRUMENTEN_EINDE)):
        return _niet_beschikbaar(
            "instrumenten",
            titel,
            _("Nog niet beschikbaar: het instrumentenhuis levert (nog) geen cijfers."),
        )
    tabel = t.Tabel(
        "instrumenten",
        titel,
        [
            t.Kolom(_("Gestart"), reeks="staaf"),
            t.Kolom(_("Budget gereserveerd bij de start"), "bedrag"),
            t.Kolom(_("Beëindigd")),
            t.Kolom(_("Met resultaat")),
            t.Kolom(_("Zonder formeel resultaat")),
            t.Kolom(_("Gestopt")),
            t.Kolom(_("Aandeel met resultaat"), "procent"),
        ],
        rijkop=_("Categorie"),
        toelichting=_(
            "Mensen met een inzet die in deze periode startte of eindigde. Resultaat: een "
            "certificaat, een trede hoger op de participatieladder of werk."
        ),
        grafiek="staaf",
        y_label=_("mensen"),
    )
    tabel.rij_optellingen.append(((3, 4, 5), 2))
    for code, label in _instrumentcategorieen():
        start = ctx.cijfers.som(INSTRUMENTEN_GESTART, p, (code,))
        einde = ctx.cijfers.som(INSTRUMENTEN_EINDE, p, (code,))
        delen = [
            t.aantal(ctx.cijfers.meting(INSTRUMENTEN_EINDE, p, code, sub).personen)
            for sub in ("resultaat", "geen_resultaat", "gestopt")
        ]
        met = ctx.cijfers.meting(INSTRUMENTEN_EINDE, p, code, "resultaat").personen
        cellen = [t.aantal(start.personen), t.bedrag(start.som, start.personen)]
        cellen += [t.aantal(einde.personen), *delen, t.aandeel(met, einde.personen, *delen)]
        tabel.voeg_toe(str(label), cellen)
    return tabel.sluit_af()


def tabel_plaatsingen(ctx: Context) -> t.Tabel:
    titel = _("Plaatsingen op vacatures")
    if not _beschikbaar(ctx, PLAATSINGEN):
        return _niet_beschikbaar(
            "plaatsingen", titel, _("Nog niet beschikbaar: vacatures levert (nog) geen cijfers.")
        )
    tabel = t.Tabel(
        "plaatsingen",
        titel,
        [
            t.Kolom(_("Geplaatst"), reeks="staaf"),
            t.Kolom(_("Vast contract")),
            t.Kolom(_("Tijdelijk contract")),
            t.Kolom(_("Bij een inclusieve werkgever")),
            t.Kolom(_("Gemiddeld uren per week"), "dagen"),
        ],
        toelichting=_("Mensen die in de periode begonnen aan werk via een vacature."),
        grafiek="staaf",
        y_label=_("mensen"),
    )
    tabel.rij_optellingen.append(((1, 2), 0))
    for p in ctx.perioden:
        m = ctx.cijfers.som(PLAATSINGEN, p)
        vast = t.aantal(ctx.cijfers.som(PLAATSINGEN, p, ("onbepaald",)).personen)
        tijdelijk = t.aantal(ctx.cijfers.som(PLAATSINGEN, p, ("bepaald",)).personen)
        inclusief = t.aantal(ctx.cijfers.som(PLAATSINGEN, p, sub="inclusief").personen)
        cellen = [t.aantal(m.personen), vast, tijdelijk, inclusief]
        cellen.append(t.gemiddelde(m.som, m.aantal, decimalen=1))
        tabel.voeg_toe(ctx.label(p), cellen)
    return tabel.sluit_af()


# --------------------------------------------------------------------------------------------
# één werkcoach


def tabel_overdrachten(ctx: Context) -> t.Tabel:
    tabel = t.Tabel(
        "overdrachten",
        _("Wissels van werkcoach per periode"),
        [
            t.Kolom(_("Overdrachten")),
            t.Kolom(_("Dossiers met een overdracht")),
            t.Kolom(_("Mensen in de bijstand")),
            t.Kolom(_("Overdrachten per 100 mensen in de bijstand"), "procent", reeks="lijn"),
        ],
        toelichting=_(
            "Een overdracht is een wissel van werkcoach; de eerste toewijzing telt niet mee."
        ),
        grafiek="lijn",
        y_label=_("per 100 mensen"),
    )
    for p in ctx.perioden:
        m = ctx.cijfers.som(OVERDRACHTEN, p)
        bestand = ctx.cijfers.som(BESTAND_DUUR, p).personen
        o, b = t.aantal(m.personen, m.aantal), t.aantal(bestand)
        per100 = 100 * m.aantal / bestand if bestand else None
        cellen = [o, t.aantal(m.personen), b, t.verhouding(per100, 1, o, b)]
        tabel.voeg_toe(ctx.label(p), cellen)
    return tabel.sluit_af()


def _stand_tabel(
    ctx: Context, figuur: str, klassen, sleutel: str, titel: str, kolom: str, toelichting: str
) -> t.Tabel:
    p = ctx.filters.per
    huidig = date(ctx.peildag.peildatum.year, ctx.peildag.peildatum.month, 1)
    if p == PeriodeSoort.KWARTAAL:
        huidig = date(huidig.year, 3 * ((huidig.month - 1) // 3) + 1, 1)
    tabel = t.Tabel(
        sleutel,
        titel,
        [t.Kolom(kolom, reeks="staaf"), t.Kolom(_("Aandeel"), "procent")],
        rijkop=_("Klasse"),
        toelichting=toelichting,
        grafiek="staaf",
        y_label=_("dossiers"),
    )
    totaal = ctx.cijfers.som(figuur, huidig).personen
    totaal_cel = t.aantal(totaal)
    for code, label in klassen:
        n = ctx.cijfers.meting(figuur, huidig, code).personen
        cel = t.aantal(n)
        tabel.voeg_toe(str(label), [cel, t.aandeel(n, totaal, cel, totaal_cel)])
    tabel.voeg_toe(_("Totaal"), [totaal_cel, t.referentie(100 if totaal else None, 0, " %")], True)
    tabel.kolom_optellingen.append((tuple(range(len(klassen))), len(klassen), (0,)))
    return tabel


def tabel_overdrachten_per_dossier(ctx: Context) -> t.Tabel:
    klassen = [("0", "0"), ("1", "1"), ("2", "2"), ("3+", _("3 of meer"))]
    return _stand_tabel(
        ctx,
        OVERDRACHTEN_PER_DOSSIER,
        klassen,
        "per_dossier",
        _("Actieve dossiers naar aantal overdrachten op %(datum)s")
        % {"datum": date_format(ctx.peildag.peildatum, "j F Y")},
        _("Actieve dossiers"),
        _("Alle wissels van werkcoach in de looptijd van het dossier."),
    ).sluit_af()


def tabel_contact(ctx: Context) -> t.Tabel:
    klassen = [
        ("lt1", _("Korter dan 1 maand")),
        ("1_3", _("1 tot 3 maanden")),
        ("3_6", _("3 tot 6 maanden")),
        ("6_12", _("6 tot 12 maanden")),
        ("ge12", _("12 maanden of langer")),
        ("nooit", _("Nog geen contact")),
    ]
    return _stand_tabel(
        ctx,
        LAATSTE_CONTACT,
        klassen,
        "contact",
        _("Tijd sinds het laatste contact op %(datum)s")
        % {"datum": date_format(ctx.peildag.peildatum, "j F Y")},
        _("Actieve dossiers"),
        _("Contactmomenten en berichten in het journaal."),
    ).sluit_af()


def tabel_caseload(ctx: Context) -> t.Tabel:
    klassen = [
        ("lt50", _("Minder dan 50")),
        ("50_99", _("50 tot 100")),
        ("100_149", _("100 tot 150")),
        ("ge150", _("150 of meer")),
    ]
    huidig = date(ctx.peildag.peildatum.year, ctx.peildag.peildatum.month, 1)
    if ctx.filters.per == PeriodeSoort.KWARTAAL:
        huidig = date(huidig.year, 3 * ((huidig.month - 1) // 3) + 1, 1)
    tabel = t.Tabel(
        "caseload",
        _("Caseload per werkcoach op %(datum)s")
        % {"datum": date_format(ctx.peildag.peildatum, "j F Y")},
        [
            t.Kolom(_("Werkcoaches"), reeks="staaf"),
            t.Kolom(_("Actieve dossiers")),
            t.Kolom(_("Gemiddelde caseload"), "dagen"),
        ],
        rijkop=_("Caseload"),
        toelichting=_(
            "Werkcoaches naar het aantal actieve dossiers (aanvraag, lopend, heropend). "
            "Alleen het filter op team geldt hier."
        ),
        grafiek="staaf",
        y_label=_("werkcoaches"),
    )
    for code, label in klassen:
        m = ctx.cijfers.meting(CASELOAD, huidig, code)
        w = t.aantal(m.personen)
        d = t.aantal(m.personen, int(m.som or 0))
        tabel.voeg_toe(label, [w, d, t.gemiddelde(m.som, m.personen, w)])
    m = ctx.cijfers.som(CASELOAD, huidig)
    w = t.aantal(m.personen)
    tabel.voeg_toe(
        _("Totaal"),
        [w, t.aantal(m.personen, int(m.som or 0)), t.gemiddelde(m.som, m.personen, w)],
        kop=True,
    )
    tabel.kolom_optellingen.append((tuple(range(len(klassen))), len(klassen), (0, 1)))
    return tabel.sluit_af()


# --------------------------------------------------------------------------------------------
# inkomen


def _ledger_tabel(ctx: Context, figuur, sleutel, titel, code_aantal, code_bedrag, soort) -> t.Tabel:
    if not _beschikbaar(ctx, figuur):
        return _niet_beschikbaar(sleutel, titel, _("Niet beschikbaar bij de laatste berekening."))
    tabel = t.Tabel(
        sleutel,
        titel,
        [
            t.Kolom(_("Aantal"), reeks="lijn"),
            t.Kolom(_("Mensen")),
            t.Kolom(_("Bedrag"), "bedrag"),
            t.Kolom(_("Nulmeting (aantal)"), "referentie", reeks="doel"),
            t.Kolom(_("Doel (aantal)"), "referentie", reeks="doel"),
            t.Kolom(_("Nulmeting (bedrag)"), "referentie"),
            t.Kolom(_("Minder dan de nulmeting"), "procent"),
        ],
        toelichting=_(
            "%(soort)s geboekt in de periode (grootboek van de uitkering), tegen de nulmeting "
            "van voor de automatische verrekening. Het doel is %(reductie)s %% minder."
        )
        % {
            "soort": soort,
            "reductie": t._getal(ctx.ref(ReferentieCode.REDUCTIE_VORDERINGEN) or 80),
        },
        grafiek="lijn",
        y_label=_("aantal"),
    )
    stadsbreed = not ctx.filters.gefilterd
    nul_aantal = ctx.ref(code_aantal) if stadsbreed else None
    nul_bedrag = ctx.ref(code_bedrag) if stadsbreed else None
    reductie = ctx.ref(ReferentieCode.REDUCTIE_VORDERINGEN) or Decimal(80)
    for p in ctx.perioden:
        m = ctx.cijfers.som(figuur, p)
        n = t.aantal(m.personen, m.aantal)
        som = m.som or Decimal(0)
        basis = nul_aantal * ctx.stap if nul_aantal is not None else None
        doel = basis * (100 - reductie) / 100 if basis is not None else None
        minder = (
            t.verhouding(100 * (1 - m.aantal / float(basis)), 1, n, eenheid=" %")
            if basis
            else t.leeg()
        )
        cellen = [n, t.aantal(m.personen), t.bedrag(som, m.personen), t.referentie(basis)]
        cellen += [t.referentie(doel), t.referentie(nul_bedrag * ctx.stap if nul_bedrag else None)]
        cellen.append(minder)
        tabel.voeg_toe(ctx.label(p), cellen)
    if not stadsbreed:
        tabel.noten.append(_stadsbreed(ctx))
    elif nul_aantal is None:
        tabel.noten.append(
            _(
                "De nulmeting is nog niet ingevoerd. De functioneel beheerder voert haar in bij "
                "Beheer > Referentiewaarden."
            )
        )
    return tabel.sluit_af()


def tabel_vorderingen(ctx: Context) -> t.Tabel:
    return _ledger_tabel(
        ctx,
        VORDERINGEN,
        "vorderingen",
        _("Terugvorderingen per periode"),
        ReferentieCode.VORDERINGEN_AANTAL,
        ReferentieCode.VORDERINGEN_BEDRAG,
        _("Terugvorderingen"),
    )


def tabel_schulden(ctx: Context) -> t.Tabel:
    return _ledger_tabel(
        ctx,
        SCHULDEN,
        "verrekeningsschulden",
        _("Verrekeningsschulden per periode"),
        ReferentieCode.SCHULDEN_AANTAL,
        ReferentieCode.SCHULDEN_BEDRAG,
        _("Verrekeningsschulden"),
    )


def tabel_opgaven(ctx: Context) -> t.Tabel:
    bronnen = [
        ("burger", _("Via het portaal")),
        ("werkgever", _("Via het salarissysteem (API)")),
        ("consulent", _("Door de consulent")),
    ]
    if not _beschikbaar(ctx, OPGAVEN):
        return _niet_beschikbaar(
            "opgaven",
            _("Inkomstenopgaven naar kanaal"),
            _("Niet beschikbaar bij de laatste berekening."),
        )
    tabel = t.Tabel(
        "opgaven",
        _("Inkomstenopgaven naar kanaal"),
        [
            *(t.Kolom(label, reeks="staaf") for _c, label in bronnen),
            t.Kolom(_("Totaal")),
            t.Kolom(_("Aandeel portaal en API"), "procent"),
        ],
        toelichting=_("Aantal ingediende inkomstenopgaven in de periode, naar wie ze indiende."),
        grafiek="gestapeld",
        y_label=_("opgaven"),
    )
    tabel.rij_optellingen.append(((0, 1, 2), 3))
    for p in ctx.perioden:
        delen = [ctx.cijfers.meting(OPGAVEN, p, c) for c, _l in bronnen]
        cellen = [t.aantal(m.personen, m.aantal) for m in delen]
        totaal = ctx.cijfers.som(OPGAVEN, p)
        digitaal = delen[0].aantal + delen[1].aantal
        cellen.append(t.aantal(totaal.personen, totaal.aantal))
        cellen.append(t.aandeel(digitaal, totaal.aantal, *cellen[:3]))
        tabel.voeg_toe(ctx.label(p), cellen)
    return tabel.sluit_af()


def tabel_beslisduur(ctx: Context) -> t.Tabel:
    klassen = [
        ("binnen_4", _("Binnen 4 weken")),
        ("4_8", _("4 tot 8 weken")),
        ("na_8", _("Na 8 weken")),
    ]
    tabel = t.Tabel(
        "beslisduur",
        _("Dagen van aanvraag tot besluit"),
        [
            t.Kolom(_("Besluiten")),
            *(t.Kolom(label) for _c, label in klassen),
            t.Kolom(_("Gemiddeld dagen"), "dagen", reeks="lijn"),
            t.Kolom(_("Aandeel binnen 8 weken"), "procent"),
        ],
        toelichting=_(
            "Van de aanvraagdatum tot het eerste besluit (toegekend, afgewezen of ingetrokken). "
            "De wettelijke beslistermijn is 8 weken."
        ),
        grafiek="lijn",
        y_label=_("dagen"),
    )
    tabel.rij_optellingen.append(((1, 2, 3), 0))
    for p in ctx.perioden:
        m = ctx.cijfers.som(BESLISDUUR, p)
        delen = [t.aantal(ctx.cijfers.meting(BESLISDUUR, p, c).personen) for c, _l in klassen]
        binnen = ctx.cijfers.som(BESLISDUUR, p, ("binnen_4", "4_8")).personen
        cellen = [t.aantal(m.personen), *delen, t.gemiddelde(m.som, m.personen)]
        cellen.append(t.aandeel(binnen, m.personen, *delen))
        tabel.voeg_toe(ctx.label(p), cellen)
    return tabel.sluit_af()


# --------------------------------------------------------------------------------------------
# overzicht


def tabel_kerncijfers(ctx: Context) -> t.Tabel:
    """The headline figures of every theme for the latest (complete) period."""
    tabel = t.Tabel(
        "kerncijfers",
        _("Kerncijfers"),
        [
            t.Kolom(_("Periode"), "tekst"),
            t.Kolom(_("Waarde"), "aantal"),
            t.Kolom(_("Doel of nulmeting"), "referentie"),
        ],
        rijkop=_("Kengetal"),
        toelichting=_(
            "Standen aan het einde van de laatste periode, stromen over de laatste volledige "
            "periode. Details en verloop staan op de themapagina's."
        ),
    )
    stad = not ctx.filters.gefilterd
    laatste, volledig = ctx.laatste, ctx.laatste_volledige
    c = ctx.cijfers

    bestand = c.som(BESTAND_DUUR, laatste).personen
    doel = ctx.doeltraject.waarde_op(ctx.meetdag(laatste)) if ctx.doeltraject and stad else None
    tabel.voeg_toe(
        _("Mensen in de bijstand"),
        [t.tekst(ctx.label(laatste)), t.aantal(bestand), t.referentie(doel)],
    )
    lang = c.som(BESTAND_DUUR, laatste, ("5_10", "ge10")).personen
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
    digitaal = c.som(OPGAVEN, volledig, ("burger", "werkgever")).aantal
    tabel.voeg_toe(
        _("Inkomstenopgaven via portaal en API"),
        [t.tekst(ctx.label(volledig)), t.aandeel(digitaal, o.aantal), t.referentie(None)],
    )
    b = c.som(BESLISDUUR, volledig)
    tabel.voeg_toe(
        _("Gemiddeld dagen van aanvraag tot besluit"),
        [t.tekst(ctx.label(volledig)), t.gemiddelde(b.som, b.personen), t.referentie(56)],
    )
    if _beschikbaar(ctx, WERKLOONT):
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
    return tabel.sluit_af()


# --------------------------------------------------------------------------------------------
# the pages


@dataclass(frozen=True)
class Pagina:
    slug: str
    url_naam: str
    titel: str
    intro: str
    tabellen: tuple[Callable[[Context], t.Tabel], ...]
    stromen: tuple[str, ...] = ()
    voorraden: tuple[str, ...] = ()
    standen: tuple[str, ...] = ()
    alleen_team: tuple[str, ...] = ()


PAGINAS: dict[str, Pagina] = {
    p.slug: p
    for p in (
        Pagina(
            "overzicht",
            "dashboards:overzicht",
            gettext_lazy("Overzicht"),
            gettext_lazy("Waar staat Werk & Inkomen ten opzichte van de ambities?"),
            (tabel_kerncijfers, tabel_bestand),
            stromen=(
                INSTROOM,
                UITSTROOM,
                DUURZAAMHEID,
                OVERDRACHTEN,
                VORDERINGEN,
                OPGAVEN,
                BESLISDUUR,
                WERKLOONT,
            ),
            voorraden=(BESTAND_DUUR,),
        ),
        Pagina(
            "bestand",
            "dashboards:bestand",
            gettext_lazy("Bestand"),
            gettext_lazy("Hoeveel mensen zitten in de bijstand, hoe lang, en hoe oud zijn ze?"),
            (tabel_bestand, tabel_duur, tabel_leeftijd),
            voorraden=(BESTAND_DUUR, BESTAND_LEEFTIJD),
        ),
        Pagina(
            "stromen",
            "dashboards:stromen",
            gettext_lazy("Instroom, uitstroom en duurzaamheid"),
            gettext_lazy("Wie komt erin, wie gaat eruit, en blijft uitstroom naar werk duurzaam?"),
            (tabel_instroom, tabel_uitstroom, tabel_duurzaamheid),
            stromen=(INSTROOM, UITSTROOM, DUURZAAMHEID),
        ),
        Pagina(
            "ontwikkeling",
            "dashboards:ontwikkeling",
            gettext_lazy("Ontwikkeling"),
            gettext_lazy(
                "Elke stap telt: de participatieladder, de leefgebieden, Werkloont, "
                "instrumenten en plaatsingen."
            ),
            (
                tabel_trede,
                tabel_leefgebieden,
                tabel_werkloont,
                tabel_instrumenten,
                tabel_plaatsingen,
            ),
            stromen=(
                TREDE,
                LEEFGEBIED,
                WERKLOONT,
                INSTRUMENTEN_GESTART,
                INSTRUMENTEN_EINDE,
                PLAATSINGEN,
            ),
        ),
        Pagina(
            "werkcoach",
            "dashboards:eenwerkcoach",
            gettext_lazy("Eén werkcoach"),
            gettext_lazy("Houdt iedereen één werkcoach, met genoeg tijd en regelmatig contact?"),
            (tabel_overdrachten, tabel_overdrachten_per_dossier, tabel_caseload, tabel_contact),
            stromen=(OVERDRACHTEN,),
            voorraden=(BESTAND_DUUR,),
            standen=(OVERDRACHTEN_PER_DOSSIER, LAATSTE_CONTACT, CASELOAD),
            alleen_team=(CASELOAD,),
        ),
        Pagina(
            "inkomen",
            "dashboards:inkomen",
            gettext_lazy("Inkomen"),
            gettext_lazy(
                "Minder terugvorderingen door automatische verrekening, digitale opgaven en snel "
                "een besluit."
            ),
            (tabel_vorderingen, tabel_schulden, tabel_opgaven, tabel_beslisduur),
            stromen=(VORDERINGEN, SCHULDEN, OPGAVEN, BESLISDUUR),
        ),
    )
}
