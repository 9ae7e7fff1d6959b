"""The pure calculation: ``bereken(invoer, regelset, beleid) -> Resultaat``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from .fouten import OngeldigeInvoer
from .opmaak import afronden, bedrag_nl, datum_nl, deel, procent_nl
from .regelset import (
    Beleid,
    DeelmaandMethode,
    Regelset,
    VakantietoeslagSplitsing,
    VierWekenOmrekening,
    VrijlatingBovenNorm,
    Vrijlatingsparameters,
)
from .typen import (
    Inkomstenregel,
    Invoer,
    Maand,
    Medebewoner,
    Periode,
    Persoon,
    PersoonRol,
    Soort,
    VrijlatingSoort,
    leeftijd,
    plus_jaren_maanden,
    werkdagen,
)
from .validatie import _maand_nl, peildatum, valideer

NUL = Decimal("0.00")
PW = "Participatiewet"


@dataclass(frozen=True)
class Regel:
    """One explanation line: the article, a Dutch description and the amount (or ``None``)."""

    artikel: str
    omschrijving: str
    bedrag: Decimal | None = None


@dataclass(frozen=True)
class ToegepasteVrijlating:
    """A vrijlating applied this month; ``maandnummer`` is "maand x" of ``max_maanden``."""

    persoon: PersoonRol
    soort: VrijlatingSoort
    artikel: str
    percentage: Decimal
    maximum: Decimal | None
    inkomsten_uit_arbeid: Decimal
    bedrag: Decimal
    maandnummer: int
    max_maanden: int | None


@dataclass(frozen=True)
class Resultaat:
    """Outcome of one month. All money is ``Decimal`` with two places.

    ``bijstand`` includes the vakantietoeslag; ``vakantietoeslag`` is the part reserved;
    ``uitbetaling`` = ``bijstand`` - ``vakantietoeslag`` (before inhoudingen). ``correctie`` is
    ``None`` without an estimate, else bijstand(definitive) - bijstand(estimate) (negative:
    too much paid); ``voorlopig`` is then the result on the estimate.
    ``kostendelers`` is A of art. 22a lid 1 (seen from the oldest partner; medebewoners only
    count when the kostendelersnorm can apply, i.e. that partner is 21 or older).
    In a part month (art. 45 lid 3) ``norm`` is the prorated norm the month was computed on
    and ``deelmaand`` holds the prorating; otherwise ``deelmaand`` is ``None``.
    """

    maand: Maand
    regelset_geldig_vanaf: date
    leefvorm: str
    norm: Decimal
    kostendelers: int
    kostendelersnorm_toegepast: bool
    inkomsten: Decimal
    vrijlating: Decimal
    vrijlatingen: tuple[ToegepasteVrijlating, ...]
    in_aanmerking_genomen_inkomen: Decimal
    bijstand: Decimal
    vakantietoeslag: Decimal
    uitbetaling: Decimal
    regels: tuple[Regel, ...]
    correctie: Decimal | None = None
    correctie_vakantietoeslag: Decimal | None = None
    voorlopig: Resultaat | None = None
    deelmaand: Deelmaand | None = None

    @property
    def vrijlating_per_soort(self) -> dict[str, Decimal]:
        totaal: dict[str, Decimal] = {}
        for v in self.vrijlatingen:
            totaal[str(v.soort)] = totaal.get(str(v.soort), NUL) + v.bedrag
        return totaal

    def als_dict(self) -> dict[str, Any]:
        """The response of the proefberekening contract (amounts as strings, 2 decimals)."""

        def s(bedrag: Decimal | None) -> str | None:
            return None if bedrag is None else f"{bedrag:.2f}"

        return {
            "norm": s(self.norm),
            "kostendelers": self.kostendelers,
            "inkomsten": s(self.inkomsten),
            "vrijlating": s(self.vrijlating),
            "bijstand": s(self.bijstand),
            "vakantietoeslag": s(self.vakantietoeslag),
            "uitbetaling": s(self.uitbetaling),
            "correctie": s(self.correctie),
            "regels": [
                {"artikel": r.artikel, "omschrijving": r.omschrijving, "bedrag": s(r.bedrag)}
                for r in self.regels
            ],
        }


@dataclass(frozen=True)
class Deelmaand:
    """The prorating of a part month (art. 45 lid 3, policy P8).

    ``dagen`` of ``dagen_in_maand`` calendar days or weekdays (per ``methode``) with recht;
    ``norm`` = half-up(``volledige_norm`` x ``dagen`` / ``dagen_in_maand``) (P2).
    """

    methode: DeelmaandMethode
    recht_vanaf: date
    recht_tot: date
    dagen: int
    dagen_in_maand: int
    volledige_norm: Decimal
    norm: Decimal

    @property
    def regel(self) -> Regel:
        eenheid = (
            "kalenderdagen"
            if self.methode == DeelmaandMethode.KALENDERDAGEN
            else "werkdagen (maandag tot en met vrijdag)"
        )
        return Regel(
            f"art. 45 lid 3 {PW}",
            f"Deelmaand: recht van {datum_nl(self.recht_vanaf)} tot en met "
            f"{datum_nl(self.recht_tot)}, {self.dagen} van de {self.dagen_in_maand} {eenheid}: "
            f"norm {bedrag_nl(self.volledige_norm)} × {self.dagen} / {self.dagen_in_maand} "
            f"(beleidskeuze P8)",
            self.norm,
        )


def naar_rato(
    norm: Decimal,
    maand: Maand,
    recht_vanaf: date | None,
    recht_tot: date | None,
    beleid: Beleid,
) -> Deelmaand | None:
    """Prorate ``norm`` over the days with recht in ``maand`` (art. 45 lid 3, policy P8).

    ``recht_vanaf`` / ``recht_tot`` are the first / last day with recht inside the month (both
    inclusive; ``None`` = the first / last day of the month). Returns ``None`` for a whole
    month. Kalenderdagen: norm x days with recht / days in the month; werkdagen: norm x
    weekdays (Mon-Fri) with recht / weekdays in the month; rounded to the cent per P2
    (half-up by default). The condition "no bijstand in the 30 days before the start or after
    the end" is the caller's: pass the dates only when the month is a part month under it.
    The dates must lie inside the month, the end not before the start (see :func:`valideer`).
    """
    vanaf = recht_vanaf or maand.eerste_dag
    tot = recht_tot or maand.laatste_dag
    if vanaf <= maand.eerste_dag and tot >= maand.laatste_dag:
        return None
    if beleid.p8_deelmaand == DeelmaandMethode.WERKDAGEN:
        dagen = werkdagen(vanaf, tot)
        dagen_in_maand = werkdagen(maand.eerste_dag, maand.laatste_dag)
    else:
        dagen = (tot - vanaf).days + 1
        dagen_in_maand = maand.laatste_dag.day
    bedrag = afronden(deel(norm * dagen, Decimal(dagen_in_maand)), beleid.p2_afronding)
    return Deelmaand(
        methode=DeelmaandMethode(beleid.p8_deelmaand),
        recht_vanaf=vanaf,
        recht_tot=tot,
        dagen=dagen,
        dagen_in_maand=dagen_in_maand,
        volledige_norm=norm,
        norm=bedrag,
    )


# --------------------------------------------------------------------------------------------
# public entry point


def bereken(invoer: Invoer, regelset: Regelset, beleid: Beleid | None = None) -> Resultaat:
    """Compute norm, income, vrijlating, bijstand, VT and payment for one household-month.

    ``regelset`` must be the one in force for ``invoer.maand`` (see ``regelset_voor``);
    ``beleid`` defaults to ``Beleid()`` (the §8 defaults). Raises :class:`OngeldigeInvoer`.
    """
    beleid = beleid if beleid is not None else Beleid()
    valideer(invoer, regelset, beleid)
    definitief = _bereken_maand(invoer, invoer.inkomsten, regelset, beleid)
    if invoer.geschatte_inkomsten is None:
        return definitief
    voorlopig = _bereken_maand(invoer, invoer.geschatte_inkomsten, regelset, beleid)
    correctie = definitief.bijstand - voorlopig.bijstand
    correctie_vt = definitief.vakantietoeslag - voorlopig.vakantietoeslag
    if correctie < 0:
        regel = Regel(
            f"art. 58 lid 4 {PW}",
            f"Voorlopig berekend op geschat inkomen {bedrag_nl(voorlopig.inkomsten)}: bijstand "
            f"{bedrag_nl(voorlopig.bijstand)}; definitief {bedrag_nl(definitief.bijstand)}. "
            f"Te veel betaald: {bedrag_nl(-correctie)}, te verrekenen met de bijstand van de "
            f"volgende maanden",
            correctie,
        )
    elif correctie > 0:
        regel = Regel(
            f"art. 19 lid 2 {PW}",
            f"Voorlopig berekend op geschat inkomen {bedrag_nl(voorlopig.inkomsten)}: bijstand "
            f"{bedrag_nl(voorlopig.bijstand)}; definitief {bedrag_nl(definitief.bijstand)}. "
            f"Te weinig betaald: nabetaling {bedrag_nl(correctie)}",
            correctie,
        )
    else:
        regel = Regel(
            f"art. 19 lid 2 {PW}",
            "Het definitieve inkomen geeft dezelfde bijstand als de schatting: geen correctie",
            correctie,
        )
    return replace(
        definitief,
        correctie=correctie,
        correctie_vakantietoeslag=correctie_vt,
        voorlopig=voorlopig,
        regels=(*definitief.regels, regel),
    )


def aow_leeftijd_bereikt(geboortedatum: date, datum: date, regelset: Regelset) -> bool:
    """Whether the pensioengerechtigde leeftijd has been reached on ``datum``."""
    aow_datum = plus_jaren_maanden(
        geboortedatum, regelset.aow_leeftijd_jaren, regelset.aow_leeftijd_maanden
    )
    return datum >= aow_datum


# --------------------------------------------------------------------------------------------
# validation


# --------------------------------------------------------------------------------------------
# the calculation


@dataclass(frozen=True)
class _Norm:
    bedrag: Decimal
    kostendelers: int
    toegepast: bool
    leefvorm: str
    regels: tuple[Regel, ...]


def _bereken_maand(
    invoer: Invoer,
    inkomstenregels: tuple[Inkomstenregel, ...],
    regelset: Regelset,
    beleid: Beleid,
) -> Resultaat:
    dag = peildatum(invoer.maand, beleid)
    regels: list[Regel] = []
    norm = bepaal_norm(invoer, regelset, beleid)
    regels.extend(norm.regels)
    # part month (art. 45 lid 3, P8): the rest of the month is computed on the prorated norm;
    # the vrijlating caps are not prorated [U]
    deelmaand = naar_rato(norm.bedrag, invoer.maand, invoer.recht_vanaf, invoer.recht_tot, beleid)
    if deelmaand is not None:
        regels.append(deelmaand.regel)
        norm = replace(norm, bedrag=deelmaand.norm)

    # inkomsten (art. 31 lid 1, art. 32); four-weekly per policy P3
    arbeid = {PersoonRol.AANVRAGER: NUL, PersoonRol.PARTNER: NUL}
    overig = {PersoonRol.AANVRAGER: NUL, PersoonRol.PARTNER: NUL}
    for regel in inkomstenregels:
        rol = PersoonRol(regel.persoon)
        bedrag = Decimal(regel.bedrag).quantize(Decimal("0.01"))
        if (
            Periode(regel.periode) == Periode.VIER_WEKEN
            and beleid.p3_vier_weken == VierWekenOmrekening.DERTIEN_TWAALFDE
        ):
            omgerekend = afronden(deel(bedrag * 13, Decimal(12)), beleid.p2_afronding)
            regels.append(
                Regel(
                    f"art. 32 {PW}",
                    f"Vierwekeninkomen {_wie(rol)} omgerekend naar een maand: "
                    f"{bedrag_nl(bedrag)} × 13 / 12 (beleidskeuze P3)",
                    omgerekend,
                )
            )
            bedrag = omgerekend
        if Soort(regel.soort) == Soort.ARBEID:
            arbeid[rol] += bedrag
        else:
            overig[rol] += bedrag
    for rol in PersoonRol:
        for soort, totalen in ((Soort.ARBEID, arbeid), (Soort.OVERIG, overig)):
            if any(
                PersoonRol(r.persoon) == rol and Soort(r.soort) == soort for r in inkomstenregels
            ):
                tekst = "inkomsten uit arbeid" if soort == Soort.ARBEID else "overige inkomsten"
                regels.append(
                    Regel(
                        f"art. 32 lid 1 {PW}",
                        f"Netto {tekst} van {_wie(rol)} in {_maand_nl(invoer.maand)}",
                        totalen[rol],
                    )
                )
    inkomsten = sum(arbeid.values(), NUL) + sum(overig.values(), NUL)

    # vrijlating per earning person (art. 31 lid 2 n, r, y, z, aa; 34a under P6)
    vrijlatingen: list[ToegepasteVrijlating] = []
    vrijlating_regels: list[Regel] = []
    for rol, persoon in (
        (PersoonRol.AANVRAGER, invoer.aanvrager),
        (PersoonRol.PARTNER, invoer.partner),
    ):
        if persoon is None or arbeid[rol] <= 0:
            continue
        parameters, redenen = kies_vrijlating(invoer, rol, persoon, regelset, beleid, dag)
        vrijlating_regels.extend(redenen)
        if parameters is None:
            continue
        bedrag = afronden(
            deel(arbeid[rol] * parameters.percentage, Decimal(100)), beleid.p2_afronding
        )
        if parameters.maximum is not None:
            bedrag = min(bedrag, parameters.maximum)
        omschrijving = f"{procent_nl(parameters.percentage)} van {bedrag_nl(arbeid[rol])}"
        if parameters.maximum is not None:
            omschrijving += f", maximaal {bedrag_nl(parameters.maximum)}"
        if rol == PersoonRol.PARTNER:
            omschrijving += " (partner)"
        vrijlating_regels.append(Regel(parameters.artikel, omschrijving, bedrag))
        vrijlatingen.append(
            ToegepasteVrijlating(
                persoon=rol,
                soort=parameters.soort,
                artikel=parameters.artikel,
                percentage=parameters.percentage,
                maximum=parameters.maximum,
                inkomsten_uit_arbeid=arbeid[rol],
                bedrag=bedrag,
                maandnummer=_gebruikt(invoer, rol, parameters.soort) + 1,
                max_maanden=None
                if _onbeperkt(parameters, persoon, regelset, dag)
                else parameters.max_maanden,
            )
        )
    vrijlating = sum((v.bedrag for v in vrijlatingen), NUL)

    # art. 19 lid 1 and 2 with policy P1
    if (
        beleid.p1_vrijlating_boven_norm == VrijlatingBovenNorm.GEEN_VRIJLATING
        and inkomsten >= norm.bedrag
    ):
        regels.append(
            Regel(
                f"art. 19 lid 1 {PW}",
                f"Inkomen {bedrag_nl(inkomsten)} is gelijk aan of hoger dan de norm "
                f"{bedrag_nl(norm.bedrag)}: geen recht op algemene bijstand deze maand, dus ook "
                "geen vrijlating (beleidskeuze P1a)",
                NUL,
            )
        )
        vrijlatingen, vrijlating, bijstand = [], NUL, NUL
    else:
        bijstand = max(NUL, norm.bedrag - (inkomsten - vrijlating))
        if bijstand == 0 and vrijlatingen:
            regels.append(
                Regel(
                    f"art. 31 lid 2 {PW}",
                    "Geen vrijlating: ook met vrijlating resteert geen algemene bijstand "
                    "(beleidskeuze P1b)",
                    NUL,
                )
            )
            vrijlatingen, vrijlating = [], NUL
        else:
            regels.extend(vrijlating_regels)
        if bijstand == 0:
            regels.append(
                Regel(
                    f"art. 19 lid 1 {PW}",
                    f"Inkomen {bedrag_nl(inkomsten)} is te hoog voor de norm "
                    f"{bedrag_nl(norm.bedrag)}: geen recht op algemene bijstand deze maand",
                    NUL,
                )
            )
        else:
            if vrijlating:
                basis = (
                    f"inkomsten {bedrag_nl(inkomsten)} min vrijlating {bedrag_nl(vrijlating)} = "
                    f"{bedrag_nl(inkomsten - vrijlating)}"
                )
            else:
                basis = f"inkomsten {bedrag_nl(inkomsten)}"
            regels.append(
                Regel(
                    f"art. 19 lid 2 {PW}",
                    f"Bijstand inclusief vakantietoeslag: norm {bedrag_nl(norm.bedrag)} min "
                    f"{basis}",
                    bijstand,
                )
            )

    # vakantietoeslag (art. 19 lid 3) and the payment (art. 45 lid 1), policy P2/P4
    percentage = regelset.vakantietoeslag_percentage
    if beleid.p2_vakantietoeslag_splitsing == VakantietoeslagSplitsing.EXCL_EERST:
        uitbetaling = afronden(
            deel(bijstand * (100 - percentage), Decimal(100)), beleid.p2_afronding
        )
        vakantietoeslag = bijstand - uitbetaling
    else:
        vakantietoeslag = afronden(deel(bijstand * percentage, Decimal(100)), beleid.p2_afronding)
        uitbetaling = bijstand - vakantietoeslag
    regels.append(
        Regel(
            f"art. 19 lid 3 {PW}",
            f"Vakantietoeslag {procent_nl(percentage)} van {bedrag_nl(bijstand)}, gereserveerd "
            "en later in één keer uitbetaald",
            vakantietoeslag,
        )
    )
    regels.append(
        Regel(
            f"art. 45 lid 1 {PW}",
            f"Uitbetaling over {_maand_nl(invoer.maand)}: bijstand {bedrag_nl(bijstand)} min "
            f"vakantietoeslag {bedrag_nl(vakantietoeslag)}, vóór inhoudingen",
            uitbetaling,
        )
    )
    return Resultaat(
        maand=invoer.maand,
        regelset_geldig_vanaf=regelset.geldig_vanaf,
        leefvorm=norm.leefvorm,
        norm=norm.bedrag,
        kostendelers=norm.kostendelers,
        kostendelersnorm_toegepast=norm.toegepast,
        inkomsten=inkomsten,
        vrijlating=vrijlating,
        vrijlatingen=tuple(vrijlatingen),
        in_aanmerking_genomen_inkomen=inkomsten - vrijlating,
        bijstand=bijstand,
        vakantietoeslag=vakantietoeslag,
        uitbetaling=uitbetaling,
        regels=tuple(regels),
        deelmaand=deelmaand,
    )


# --------------------------------------------------------------------------------------------
# norm (art. 20, 21, 22, 22a) and kostendelers (art. 19a)


def kostendelersnorm(
    aantal: int, gehuwdennorm: Decimal, regelset: Regelset, beleid: Beleid
) -> Decimal:
    """((40 + A x 30) / A) % of B, with the exact fraction, rounded per policy P2."""
    return afronden(_kostendelersnorm_exact(aantal, gehuwdennorm, regelset), beleid.p2_afronding)


def _kostendelersnorm_exact(aantal: int, gehuwdennorm: Decimal, regelset: Regelset) -> Decimal:
    totaal = (
        regelset.kostendelers_basispercentage
        + aantal * regelset.kostendelers_percentage_per_persoon
    )
    return deel(gehuwdennorm * totaal, Decimal(100 * aantal))


def _kostendelers_percentage(aantal: int, regelset: Regelset) -> Decimal:
    totaal = (
        regelset.kostendelers_basispercentage
        + aantal * regelset.kostendelers_percentage_per_persoon
    )
    return deel(totaal, Decimal(aantal))


def _kostendelers_tekst(
    aantal: int, gehuwdennorm: Decimal, grondslag: str, regelset: Regelset
) -> str:
    basis = regelset.kostendelers_basispercentage
    per = regelset.kostendelers_percentage_per_persoon
    procent = _kostendelers_percentage(aantal, regelset)
    if procent == procent.to_integral_value():
        procent_tekst = procent_nl(procent)
    else:
        totaal = basis + aantal * per
        procent_tekst = f"{procent_nl(totaal).rstrip('%')}/{aantal}%"
    return (
        f"Kostendelersnorm bij {aantal} kostendelers: ({procent_nl(basis).rstrip('%')} + "
        f"{aantal} × {procent_nl(per).rstrip('%')}) / {aantal} = {procent_tekst} van de "
        f"gehuwdennorm {bedrag_nl(gehuwdennorm)} ({grondslag})"
    )


def telt_als_kostendeler(
    medebewoner: Medebewoner, dag: date, regelset: Regelset
) -> tuple[bool, str, str]:
    """Whether a medebewoner counts (art. 19a lid 1): (telt, artikel, reden)."""
    jaren = leeftijd(medebewoner.geboortedatum, dag)
    if jaren < regelset.kostendeler_minimum_leeftijd:
        return (
            False,
            f"art. 19a lid 1 {PW}",
            f"jonger dan {regelset.kostendeler_minimum_leeftijd} jaar ({jaren} jaar)",
        )
    if medebewoner.student:
        return (
            False,
            f"art. 19a lid 1 onder d {PW}",
            "student met (mogelijk) recht op studiefinanciering, WTOS of in een BBL-opleiding",
        )
    if medebewoner.commerciele_huur and not medebewoner.familie_eerste_of_tweede_graad:
        return (
            False,
            f"art. 19a lid 1 onder b {PW}",
            "woont in op basis van een schriftelijke overeenkomst tegen een commerciële prijs",
        )
    if medebewoner.commerciele_huur:
        return (
            True,
            f"art. 19a lid 1 onder b {PW}",
            "betaalt een commerciële prijs, maar is familie in de eerste of tweede graad",
        )
    return True, f"art. 19a lid 1 {PW}", ""


def bepaal_norm(invoer: Invoer, regelset: Regelset, beleid: Beleid) -> _Norm:
    """The household's norm incl. VT for the month, with its explanation lines."""
    dag = peildatum(invoer.maand, beleid)
    regels: list[Regel] = []
    aanvrager, partner = invoer.aanvrager, invoer.partner
    met_kinderen = bool(invoer.kinderen)
    oud_a = leeftijd(aanvrager.geboortedatum, dag)
    aow_a = aow_leeftijd_bereikt(aanvrager.geboortedatum, dag, regelset)
    jong = regelset.jongerennorm_tot_leeftijd
    vanaf = datum_nl(regelset.geldig_vanaf)

    # who counts as kostendeler (only relevant when the belanghebbende is 21 or older)
    tellend = 0
    for i, mb in enumerate(invoer.medebewoners, start=1):
        telt, artikel, reden = telt_als_kostendeler(mb, dag, regelset)
        if telt:
            tellend += 1
        if reden:
            status = "telt mee" if telt else "telt niet mee"
            regels.append(Regel(artikel, f"Medebewoner {i} {status} als kostendeler: {reden}"))

    if partner is None:
        leefvorm = "alleenstaande ouder" if met_kinderen else "alleenstaande"
        if oud_a < jong:
            if tellend:
                regels.append(
                    Regel(
                        f"art. 22a lid 1 {PW}",
                        f"Kostendelersnorm geldt niet: de aanvrager is jonger dan "
                        f"{regelset.kostendelersnorm_minimum_leeftijd} jaar",
                    )
                )
            bedrag = regelset.jongerennorm_alleenstaande
            regels.append(
                Regel(
                    f"art. 20 lid 1 {PW}",
                    f"Jongerennorm {leefvorm} van 18 tot en met 20 jaar ({vanaf})",
                    bedrag,
                )
            )
            return _Norm(bedrag, 1, False, leefvorm, tuple(regels))
        aantal = 1 + tellend
        if aantal == 1:
            if aow_a:
                bedrag, artikel = regelset.norm_aow_alleenstaande, f"art. 22 onder a {PW}"
                tekst = f"Norm {leefvorm} met de AOW-leeftijd ({vanaf})"
            else:
                bedrag, artikel = regelset.norm_alleenstaande, f"art. 21 onder a {PW}"
                tekst = f"Norm {leefvorm} van 21 jaar tot de AOW-leeftijd ({vanaf})"
            regels.append(Regel(artikel, tekst, bedrag))
            return _Norm(bedrag, 1, False, leefvorm, tuple(regels))
        if aow_a:
            grondslag, basis = f"art. 22 onder b {PW}", regelset.norm_aow_gehuwden
        else:
            grondslag, basis = f"art. 21 onder b {PW}", regelset.norm_gehuwden
        bedrag = kostendelersnorm(aantal, basis, regelset, beleid)
        regels.append(
            Regel(
                f"art. 22a lid 1 {PW}",
                _kostendelers_tekst(aantal, basis, grondslag, regelset) + f" (normen per {vanaf})",
                bedrag,
            )
        )
        return _Norm(bedrag, aantal, True, leefvorm, tuple(regels))

    # gehuwden / samenwonenden
    leefvorm = "gehuwden"
    oud_p = leeftijd(partner.geboortedatum, dag)
    aow_p = aow_leeftijd_bereikt(partner.geboortedatum, dag, regelset)
    kinder_tekst = "met" if met_kinderen else "zonder"
    if oud_a < jong and oud_p < jong:
        bedrag = (
            regelset.jongerennorm_gehuwden_beide_jong_met_kinderen
            if met_kinderen
            else regelset.jongerennorm_gehuwden_beide_jong
        )
        regels.append(
            Regel(
                f"art. 20 lid 1 {PW}",
                f"Jongerennorm gehuwden, beiden 18 tot en met 20 jaar, {kinder_tekst} kinderen "
                f"({vanaf})",
                bedrag,
            )
        )
        return _Norm(bedrag, 1, False, leefvorm, tuple(regels))
    if oud_a < jong or oud_p < jong:
        jonge_rol = "aanvrager" if oud_a < jong else "partner"
        if aow_p if oud_a < jong else aow_a:
            raise OngeldigeInvoer(
                {
                    f"{jonge_rol}.geboortedatum": [
                        "De norm voor gehuwden van wie één partner 18 tot en met 20 jaar is en de "
                        "ander de AOW-leeftijd heeft bereikt, staat niet in de regelset."
                    ]
                }
            )
        aantal = 1 + tellend
        if aantal == 1:
            bedrag = (
                regelset.jongerennorm_gehuwden_een_jong_met_kinderen
                if met_kinderen
                else regelset.jongerennorm_gehuwden_een_jong
            )
            regels.append(
                Regel(
                    f"art. 20 lid 1 {PW}",
                    f"Jongerennorm gehuwden, één partner 18 tot en met 20 jaar en één 21 jaar of "
                    f"ouder, {kinder_tekst} kinderen ({vanaf})",
                    bedrag,
                )
            )
            return _Norm(bedrag, 1, False, leefvorm, tuple(regels))
        jong_bedrag = (
            regelset.jongerennorm_jonge_partner_bij_kostendelers_met_kinderen
            if met_kinderen
            else regelset.jongerennorm_jonge_partner_bij_kostendelers
        )
        if jong_bedrag is None:
            raise OngeldigeInvoer(
                {
                    "medebewoners": [
                        f"Het bedrag voor een partner van 18 tot en met 20 jaar bij kostendelers "
                        f"(art. 22a lid 3) is voor {vanaf} niet vastgelegd in de regelset."
                    ]
                }
            )
        basis = regelset.norm_gehuwden
        kdn = kostendelersnorm(aantal, basis, regelset, beleid)
        regels.append(
            Regel(
                f"art. 22a lid 1 {PW}",
                _kostendelers_tekst(aantal, basis, f"art. 21 onder b {PW}", regelset)
                + " voor de partner van 21 jaar of ouder",
                kdn,
            )
        )
        bedrag = jong_bedrag + kdn
        regels.append(
            Regel(
                f"art. 22a lid 3 {PW}",
                f"Norm gehuwden: bedrag partner van 18 tot en met 20 jaar "
                f"({kinder_tekst} kinderen) {bedrag_nl(jong_bedrag)} plus kostendelersnorm "
                f"{bedrag_nl(kdn)} ({vanaf})",
                bedrag,
            )
        )
        return _Norm(bedrag, aantal, True, leefvorm, tuple(regels))

    # both 21 or older
    if aow_a:
        grondslag, basis = f"art. 22 onder b {PW}", regelset.norm_aow_gehuwden
    elif aow_p:
        grondslag, basis = f"art. 22 onder c {PW}", regelset.norm_aow_gehuwden
    else:
        grondslag, basis = f"art. 21 onder b {PW}", regelset.norm_gehuwden
    aantal = 2 + tellend
    if tellend == 0:
        regels.append(Regel(grondslag, f"Norm gehuwden ({vanaf})", basis))
        return _Norm(basis, aantal, False, leefvorm, tuple(regels))
    if beleid.p2_kostendelersnorm_per_persoon_afronden:
        per_persoon = kostendelersnorm(aantal, basis, regelset, beleid)
        bedrag = 2 * per_persoon
        per_persoon_tekst = bedrag_nl(per_persoon)
    else:
        exact = _kostendelersnorm_exact(aantal, basis, regelset)
        bedrag = afronden(2 * exact, beleid.p2_afronding)
        per_persoon_tekst = f"{exact:.4f}".replace(".", ",")
    regels.append(
        Regel(
            f"art. 22a lid 1 {PW}",
            _kostendelers_tekst(aantal, basis, grondslag, regelset) + " per partner",
            None,
        )
    )
    regels.append(
        Regel(
            f"art. 22a lid 2 {PW}",
            f"Norm gehuwden: som van de kostendelersnormen van beide partners, 2 × "
            f"{per_persoon_tekst} ({vanaf})",
            bedrag,
        )
    )
    return _Norm(bedrag, aantal, True, leefvorm, tuple(regels))


# --------------------------------------------------------------------------------------------
# vrijlating (art. 31 lid 2 n, r, y, z, aa; art. 31 lid 5; art. 34a under P6)


def _gebruikt(invoer: Invoer, rol: PersoonRol, soort: VrijlatingSoort | str) -> int:
    per_soort = invoer.vrijlating_maanden_gebruikt.get(str(rol), {})
    return int(per_soort.get(str(soort), 0))


def _onbeperkt(
    parameters: Vrijlatingsparameters, persoon: Persoon, regelset: Regelset, dag: date
) -> bool:
    """n has no time limit at AOW age."""
    return parameters.soort == VrijlatingSoort.N and aow_leeftijd_bereikt(
        persoon.geboortedatum, dag, regelset
    )


def kies_vrijlating(
    invoer: Invoer,
    rol: PersoonRol,
    persoon: Persoon,
    regelset: Regelset,
    beleid: Beleid,
    dag: date,
) -> tuple[Vrijlatingsparameters | None, list[Regel]]:
    """Which vrijlating applies to this person's income from work, plus reasons for none.

    Order: n (not under 27; 6 months, unlimited at AOW age); then, once n does not apply:
    34a for under-27s if policy P6 is on; y (medisch urenbeperkt, no time limit); z (LKS
    doelgroep, 12 months) then aa; r (alleenstaande ouder with a child under 12, 30 months).
    r is excluded when y, z or aa applies, z when y applies (art. 31 lid 2).
    """
    redenen: list[Regel] = []
    wie = _wie(rol)
    jaren = leeftijd(persoon.geboortedatum, dag)
    aow = aow_leeftijd_bereikt(persoon.geboortedatum, dag, regelset)

    n = regelset.vrijlating(VrijlatingSoort.N)
    if n is not None:
        if n.minimum_leeftijd is not None and jaren < n.minimum_leeftijd:
            redenen.append(
                Regel(
                    f"art. 31 lid 5 {PW}",
                    f"Geen vrijlating onder n en r: {wie} is jonger dan {n.minimum_leeftijd} jaar",
                    NUL,
                )
            )
        elif aow or n.max_maanden is None or _gebruikt(invoer, rol, n.soort) < n.max_maanden:
            return n, redenen
        else:
            redenen.append(
                Regel(
                    n.artikel,
                    f"Geen vrijlating onder n voor {wie}: de {n.max_maanden} maanden zijn gebruikt",
                    NUL,
                )
            )

    p34a = regelset.vrijlating(VrijlatingSoort.ART_34A)
    if (
        beleid.p6_gedoog_34a_onder_27
        and p34a is not None
        and jaren < regelset.kostendeler_minimum_leeftijd
        and not persoon.medisch_urenbeperkt
    ):
        if p34a.max_maanden is None or _gebruikt(invoer, rol, p34a.soort) < p34a.max_maanden:
            return replace(
                p34a, artikel=f"{p34a.artikel} (gedoogregeling 2026, beleidskeuze P6)"
            ), redenen
        redenen.append(
            Regel(
                p34a.artikel,
                f"Geen vrijlating onder art. 34a voor {wie}: "
                f"de {p34a.max_maanden} maanden zijn gebruikt",
                NUL,
            )
        )

    y = regelset.vrijlating(VrijlatingSoort.Y)
    if persoon.medisch_urenbeperkt and y is not None:
        return y, redenen

    z = regelset.vrijlating(VrijlatingSoort.Z)
    aa = regelset.vrijlating(VrijlatingSoort.AA)
    if persoon.doelgroep_loonkostensubsidie and z is not None:
        if z.max_maanden is None or _gebruikt(invoer, rol, z.soort) < z.max_maanden:
            return z, redenen
        if persoon.urenuitbreiding_niet_mogelijk and aa is not None:
            return aa, redenen
        redenen.append(
            Regel(
                z.artikel,
                f"Geen vrijlating onder z voor {wie}: de {z.max_maanden} maanden zijn gebruikt",
                NUL,
            )
        )

    r = regelset.vrijlating(VrijlatingSoort.R)
    if r is not None and invoer.partner is None and invoer.kinderen:
        if r.minimum_leeftijd is not None and jaren < r.minimum_leeftijd:
            pass  # reported with art. 31 lid 5 above
        elif not any(
            leeftijd(k.geboortedatum, dag) < regelset.kind_leeftijd_vrijlating_r
            for k in invoer.kinderen
        ):
            redenen.append(
                Regel(
                    r.artikel,
                    "Geen vrijlating onder r: geen kind jonger dan "
                    f"{regelset.kind_leeftijd_vrijlating_r} jaar",
                    NUL,
                )
            )
        elif r.max_maanden is not None and _gebruikt(invoer, rol, r.soort) >= r.max_maanden:
            redenen.append(
                Regel(
                    r.artikel,
                    f"Geen vrijlating onder r: de {r.max_maanden} maanden zijn gebruikt",
                    NUL,
                )
            )
        else:
            return r, redenen
    return None, redenen


# --------------------------------------------------------------------------------------------
# helpers


def _wie(rol: PersoonRol) -> str:
    return "de aanvrager" if rol == PersoonRol.AANVRAGER else "de partner"
