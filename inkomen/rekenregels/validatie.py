"""Validation of the input of one month: the checks ``bereken`` runs before it calculates
(persons, income lines, counters, the part-month dates). Raises :class:`OngeldigeInvoer` with
every problem keyed by its field path. Pure Python, like the rest of the calculation core.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from .fouten import Foutenlijst
from .opmaak import MAANDNAMEN, datum_nl
from .regelset import (
    Beleid,
    LeeftijdPeildag,
    Regelset,
    VakantietoeslagMethode,
)
from .typen import (
    Inkomstenregel,
    Invoer,
    Kind,
    Maand,
    Medebewoner,
    Periode,
    Persoon,
    PersoonRol,
    Soort,
    VrijlatingSoort,
    leeftijd,
)


def peildatum(maand: Maand, beleid: Beleid) -> date:
    """The day on which ages are determined for ``maand`` (first day by default, [U])."""
    if beleid.leeftijd_peildag == LeeftijdPeildag.LAATSTE_DAG:
        return maand.laatste_dag
    return maand.eerste_dag


def _maand_nl(maand: Maand) -> str:
    return f"{MAANDNAMEN[maand.maand - 1]} {maand.jaar}"


_VRIJLATING_SOORTEN = {s.value for s in VrijlatingSoort}


def valideer(invoer: Invoer, regelset: Regelset, beleid: Beleid | None = None) -> None:
    """Raise :class:`OngeldigeInvoer` with Dutch messages per field for impossible input."""
    beleid = beleid if beleid is not None else Beleid()
    fouten = Foutenlijst()
    if not isinstance(invoer.maand, Maand) or not 1 <= invoer.maand.maand <= 12:
        fouten.voeg_toe("maand", "Geef een geldige maand op (jaar en maand 1 tot en met 12).")
        fouten.controleer()
    if regelset.geldig_vanaf > invoer.maand.eerste_dag:
        fouten.voeg_toe(
            "maand",
            f"Voor {_maand_nl(invoer.maand)} zijn geen rekenregels vastgelegd (de regelset geldt "
            f"pas vanaf {datum_nl(regelset.geldig_vanaf)}).",
        )
        fouten.controleer()
    if beleid.p4_vakantietoeslag != VakantietoeslagMethode.WETTELIJK:
        fouten.voeg_toe("beleid", "Alleen de wettelijke vakantietoeslagmethode is beschikbaar.")
    dag = peildatum(invoer.maand, beleid)
    laatste = invoer.maand.laatste_dag

    _valideer_persoon(fouten, "aanvrager", invoer.aanvrager, dag, laatste, regelset)
    if invoer.partner is not None:
        _valideer_persoon(fouten, "partner", invoer.partner, dag, laatste, regelset)
    for i, kind in enumerate(invoer.kinderen):
        veld = f"kinderen[{i}].geboortedatum"
        if not isinstance(kind, Kind) or not isinstance(kind.geboortedatum, date):
            fouten.voeg_toe(veld, "Geef een geldige geboortedatum op.")
        elif kind.geboortedatum > laatste:
            fouten.voeg_toe(veld, "Het kind is na deze maand geboren.")
        elif leeftijd(kind.geboortedatum, dag) >= regelset.kind_ten_laste_tot_leeftijd:
            fouten.voeg_toe(
                veld,
                f"Een kind ten laste is jonger dan {regelset.kind_ten_laste_tot_leeftijd} jaar. "
                "Geef een inwonend kind van 18 jaar of ouder op als medebewoner.",
            )
    for i, mb in enumerate(invoer.medebewoners):
        prefix = f"medebewoners[{i}]"
        if not isinstance(mb, Medebewoner) or not isinstance(mb.geboortedatum, date):
            fouten.voeg_toe(f"{prefix}.geboortedatum", "Geef een geldige geboortedatum op.")
            continue
        if mb.geboortedatum > laatste:
            fouten.voeg_toe(f"{prefix}.geboortedatum", "De geboortedatum ligt na deze maand.")
        for naam in ("student", "commerciele_huur", "familie_eerste_of_tweede_graad"):
            if not isinstance(getattr(mb, naam), bool):
                fouten.voeg_toe(f"{prefix}.{naam}", "Kies ja of nee.")
    _valideer_inkomsten(fouten, "inkomsten", invoer.inkomsten, invoer.partner is not None)
    if invoer.geschatte_inkomsten is not None:
        _valideer_inkomsten(
            fouten, "geschatte_inkomsten", invoer.geschatte_inkomsten, invoer.partner is not None
        )
    _valideer_tellers(fouten, invoer)
    _valideer_deelmaand(fouten, invoer)
    fouten.controleer()


def _valideer_deelmaand(fouten: Foutenlijst, invoer: Invoer) -> None:
    eerste, laatste = invoer.maand.eerste_dag, invoer.maand.laatste_dag
    geldig: dict[str, date] = {}
    for naam in ("recht_vanaf", "recht_tot"):
        waarde = getattr(invoer, naam)
        if waarde is None:
            continue
        if not isinstance(waarde, date):
            fouten.voeg_toe(naam, "Geef een geldige datum op.")
        elif not eerste <= waarde <= laatste:
            fouten.voeg_toe(
                naam,
                f"De datum moet in {_maand_nl(invoer.maand)} liggen ({datum_nl(eerste)} tot en "
                f"met {datum_nl(laatste)}).",
            )
        else:
            geldig[naam] = waarde
    if len(geldig) == 2 and geldig["recht_tot"] < geldig["recht_vanaf"]:
        fouten.voeg_toe(
            "recht_tot",
            "De laatste dag met recht (recht_tot) ligt vóór de eerste dag met recht (recht_vanaf).",
        )


def _valideer_persoon(
    fouten: Foutenlijst, rol: str, persoon: Persoon, dag: date, laatste: date, regelset: Regelset
) -> None:
    if not isinstance(persoon, Persoon) or not isinstance(persoon.geboortedatum, date):
        fouten.voeg_toe(f"{rol}.geboortedatum", "Geef een geldige geboortedatum op.")
        return
    if persoon.geboortedatum > laatste:
        fouten.voeg_toe(f"{rol}.geboortedatum", "De geboortedatum ligt na deze maand.")
    elif leeftijd(persoon.geboortedatum, dag) < regelset.minimum_leeftijd:
        fouten.voeg_toe(
            f"{rol}.geboortedatum",
            f"Algemene bijstand is er pas vanaf {regelset.minimum_leeftijd} jaar.",
        )
    for naam in ("medisch_urenbeperkt", "doelgroep_loonkostensubsidie"):
        if not isinstance(getattr(persoon, naam), bool):
            fouten.voeg_toe(f"{rol}.{naam}", "Kies ja of nee.")
    if not isinstance(persoon.urenuitbreiding_niet_mogelijk, bool):
        fouten.voeg_toe(f"{rol}.urenuitbreiding_niet_mogelijk", "Kies ja of nee.")


def _valideer_inkomsten(
    fouten: Foutenlijst, naam: str, regels: tuple[Inkomstenregel, ...], met_partner: bool
) -> None:
    if not isinstance(regels, tuple | list):
        fouten.voeg_toe(naam, "Geef een lijst met inkomsten op.")
        return
    for i, regel in enumerate(regels):
        prefix = f"{naam}[{i}]"
        if not isinstance(regel, Inkomstenregel):
            fouten.voeg_toe(prefix, "Ongeldige inkomstenregel.")
            continue
        if regel.persoon not in {p.value for p in PersoonRol}:
            fouten.voeg_toe(f"{prefix}.persoon", "Kies 'aanvrager' of 'partner'.")
        elif regel.persoon == PersoonRol.PARTNER and not met_partner:
            fouten.voeg_toe(f"{prefix}.persoon", "Er is geen partner opgegeven.")
        if regel.soort not in {s.value for s in Soort}:
            fouten.voeg_toe(
                f"{prefix}.soort", "Onbekende soort inkomsten: kies 'arbeid' of 'overig'."
            )
        if regel.periode not in {p.value for p in Periode}:
            fouten.voeg_toe(f"{prefix}.periode", "Kies 'maand' of 'vier_weken'.")
        bedrag = regel.bedrag
        if isinstance(bedrag, bool) or not isinstance(bedrag, Decimal | int):
            fouten.voeg_toe(f"{prefix}.bedrag", "Geef het bedrag op als decimaal getal.")
        elif isinstance(bedrag, Decimal) and not bedrag.is_finite():
            fouten.voeg_toe(f"{prefix}.bedrag", "Geef een geldig bedrag op.")
        elif bedrag < 0:
            fouten.voeg_toe(f"{prefix}.bedrag", "Het bedrag mag niet negatief zijn.")
        elif isinstance(bedrag, Decimal) and bedrag.as_tuple().exponent < -2:  # type: ignore[operator]
            fouten.voeg_toe(f"{prefix}.bedrag", "Geef het bedrag op in hele centen.")


def _valideer_tellers(fouten: Foutenlijst, invoer: Invoer) -> None:
    tellers = invoer.vrijlating_maanden_gebruikt
    if not hasattr(tellers, "items"):
        fouten.voeg_toe("vrijlating_maanden_gebruikt", "Geef per persoon de gebruikte maanden op.")
        return
    for persoon, per_soort in tellers.items():
        prefix = f"vrijlating_maanden_gebruikt.{persoon}"
        if persoon not in {p.value for p in PersoonRol}:
            fouten.voeg_toe(prefix, "Kies 'aanvrager' of 'partner'.")
            continue
        if persoon == PersoonRol.PARTNER and invoer.partner is None:
            fouten.voeg_toe(prefix, "Er is geen partner opgegeven.")
            continue
        if not hasattr(per_soort, "items"):
            fouten.voeg_toe(prefix, "Geef per soort vrijlating het aantal maanden op.")
            continue
        for soort, aantal in per_soort.items():
            if soort not in _VRIJLATING_SOORTEN:
                fouten.voeg_toe(
                    f"{prefix}.{soort}",
                    "Onbekende soort vrijlating: kies uit "
                    + ", ".join(sorted(_VRIJLATING_SOORTEN)),
                )
            elif isinstance(aantal, bool) or not isinstance(aantal, int) or aantal < 0:
                fouten.voeg_toe(f"{prefix}.{soort}", "Geef een geheel aantal maanden (0 of meer).")
