"""A person as the BRP registers them (``BrpPersoon``), and the mapping from a Haal Centraal
BRP Personen Bevragen 2.x person to it. Plain values only; no Django models, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bijstand.core import tijd
from bijstand.core.validators import normaliseer_postcode

NATIONALITEIT_SOORTEN = {
    "BehandeldAlsNederlander": "Behandeld als Nederlander",
    "VastgesteldNietNederlander": "Vastgesteld niet-Nederlander",
    "Staatloos": "Staatloos",
    "NationaliteitOnbekend": "Onbekend",
}

Verwant = tuple[str, str, date | None]  # (bsn, naam, geboortedatum) of a partner or kind


def _volledige_naam(voornamen: str, voorvoegsel: str, geslachtsnaam: str) -> str:
    return " ".join(deel for deel in (voornamen, voorvoegsel, geslachtsnaam) if deel)


@dataclass(frozen=True)
class BrpPersoon:
    """A person as the BRP registers them, in plain values. Keep it beside what the burger
    changes (``als_dict``), never overwrite it. BSNs stay out of ``repr`` (log lines)."""

    bsn: str = field(repr=False)
    voornamen: str = ""
    voorvoegsel: str = ""
    geslachtsnaam: str = ""
    geboortedatum: date | None = None
    geslacht: str = ""  # code: M, V or O
    straat: str = ""
    huisnummer: str = ""  # with huisletter and toevoeging: "45A-02"
    postcode: str = ""  # "3035 AT"
    woonplaats: str = ""
    adresseerbaar_object_id: str = ""
    datum_aanvang_adres: date | None = None
    nationaliteiten: tuple[str, ...] = ()
    verblijfstitel: str | None = None  # the current one; None when none or ended
    partners: tuple[Verwant, ...] = field(default=(), repr=False)  # current partners only
    kinderen: tuple[Verwant, ...] = field(default=(), repr=False)

    @property
    def naam(self) -> str:
        return _volledige_naam(self.voornamen, self.voorvoegsel, self.geslachtsnaam)

    @property
    def heeft_nederlandse_nationaliteit(self) -> bool:
        return bool({"Nederlandse", "Behandeld als Nederlander"} & set(self.nationaliteiten))

    def als_dict(self) -> dict[str, Any]:
        """JSON-safe: dates as ISO strings, tuples as lists, relatives as objects."""

        def verwanten(lijst: tuple[Verwant, ...]) -> list[dict[str, Any]]:
            return [
                {"bsn": b, "naam": n, "geboortedatum": d.isoformat() if d else None}
                for b, n, d in lijst
            ]

        return {
            "bsn": self.bsn,
            "voornamen": self.voornamen,
            "voorvoegsel": self.voorvoegsel,
            "geslachtsnaam": self.geslachtsnaam,
            "geboortedatum": self.geboortedatum.isoformat() if self.geboortedatum else None,
            "geslacht": self.geslacht,
            "straat": self.straat,
            "huisnummer": self.huisnummer,
            "postcode": self.postcode,
            "woonplaats": self.woonplaats,
            "adresseerbaar_object_id": self.adresseerbaar_object_id,
            "datum_aanvang_adres": (
                self.datum_aanvang_adres.isoformat() if self.datum_aanvang_adres else None
            ),
            "nationaliteiten": list(self.nationaliteiten),
            "verblijfstitel": self.verblijfstitel,
            "partners": verwanten(self.partners),
            "kinderen": verwanten(self.kinderen),
        }

    @classmethod
    def uit_dict(cls, data: dict[str, Any]) -> BrpPersoon:
        """The inverse of ``als_dict``; missing keys get their defaults."""

        def dag(waarde: str | None) -> date | None:
            return date.fromisoformat(waarde) if waarde else None

        def verwanten(lijst: list[dict[str, Any]] | None) -> tuple[Verwant, ...]:
            return tuple(
                (v.get("bsn", ""), v.get("naam", ""), dag(v.get("geboortedatum")))
                for v in lijst or ()
            )

        return cls(
            bsn=data["bsn"],
            voornamen=data.get("voornamen", ""),
            voorvoegsel=data.get("voorvoegsel", ""),
            geslachtsnaam=data.get("geslachtsnaam", ""),
            geboortedatum=dag(data.get("geboortedatum")),
            geslacht=data.get("geslacht", ""),
            straat=data.get("straat", ""),
            huisnummer=data.get("huisnummer", ""),
            postcode=data.get("postcode", ""),
            woonplaats=data.get("woonplaats", ""),
            adresseerbaar_object_id=data.get("adresseerbaar_object_id", ""),
            datum_aanvang_adres=dag(data.get("datum_aanvang_adres")),
            nationaliteiten=tuple(data.get("nationaliteiten") or ()),
            verblijfstitel=data.get("verblijfstitel"),
            partners=verwanten(data.get("partners")),
            kinderen=verwanten(data.get("kinderen")),
        )


def _tekst(waarde: Any) -> str:
    return "" if waarde is None else str(waarde).strip()


def _obj(waarde: Any) -> dict[str, Any]:
    return waarde if isinstance(waarde, dict) else {}


def _datum(waarde: Any) -> date | None:
    """A 2.x date: only a full date (``"type": "Datum"``) is one; a partly unknown date is None."""
    waarde = _obj(waarde)
    if waarde.get("type") != "Datum":
        return None
    try:
        return date.fromisoformat(_tekst(waarde.get("datum")))
    except ValueError:
        return None


def _omschrijving(waardetabel: Any) -> str:
    waardetabel = _obj(waardetabel)
    return _tekst(waardetabel.get("omschrijving") or waardetabel.get("code"))


def _naam(data: dict[str, Any]) -> tuple[str, str, str]:
    naam = _obj(data.get("naam"))
    return (
        _tekst(naam.get("voornamen")),
        _tekst(naam.get("voorvoegsel")),
        _tekst(naam.get("geslachtsnaam")),
    )


def _verwanten(lijst: Any, *, alleen_lopend: bool = False) -> tuple[Verwant, ...]:
    uit = []
    for verwant in lijst if isinstance(lijst, list) else ():
        verwant = _obj(verwant)
        if alleen_lopend and _obj(verwant.get("ontbindingHuwelijkPartnerschap")).get("datum"):
            continue  # the 2.x API gives the last dissolved partnership when there is no current
        uit.append(
            (
                _tekst(verwant.get("burgerservicenummer")),
                _volledige_naam(*_naam(verwant)),
                _datum(_obj(verwant.get("geboorte")).get("datum")),
            )
        )
    return tuple(uit)


def _nationaliteiten(lijst: Any) -> tuple[str, ...]:
    uit = []
    for nationaliteit in lijst if isinstance(lijst, list) else ():
        nationaliteit = _obj(nationaliteit)
        soort = nationaliteit.get("type", "Nationaliteit")
        if soort == "Nationaliteit":
            omschrijving = _omschrijving(nationaliteit.get("nationaliteit"))
        else:
            omschrijving = NATIONALITEIT_SOORTEN.get(soort, _tekst(soort))
        if omschrijving:
            uit.append(omschrijving)
    return tuple(uit)


def _verblijfstitel(data: Any) -> str | None:
    data = _obj(data)
    einde = _datum(data.get("datumEinde"))
    if einde is not None and einde <= tijd.vandaag():
        return None
    return _omschrijving(data.get("aanduiding")) or None


def persoon_uit_brp(data: dict[str, Any]) -> BrpPersoon:
    """Map one person of a 2.x response (full or limited) to a :class:`BrpPersoon`."""
    verblijfplaats = _obj(data.get("verblijfplaats"))
    adres = _obj(verblijfplaats.get("verblijfadres"))
    nummer = _tekst(adres.get("huisnummer")) + _tekst(adres.get("huisletter"))
    toevoeging = _tekst(adres.get("huisnummertoevoeging"))
    voornamen, voorvoegsel, geslachtsnaam = _naam(data)
    return BrpPersoon(
        bsn=_tekst(data.get("burgerservicenummer")),
        voornamen=voornamen,
        voorvoegsel=voorvoegsel,
        geslachtsnaam=geslachtsnaam,
        geboortedatum=_datum(_obj(data.get("geboorte")).get("datum")),
        geslacht=_tekst(_obj(data.get("geslacht")).get("code")),
        straat=_tekst(
            adres.get("officieleStraatnaam")
            or adres.get("korteStraatnaam")
            or adres.get("locatiebeschrijving")
        ),
        huisnummer=f"{nummer}-{toevoeging}" if toevoeging else nummer,
        postcode=normaliseer_postcode(_tekst(adres.get("postcode"))),
        woonplaats=_tekst(adres.get("woonplaats")),
        adresseerbaar_object_id=_tekst(verblijfplaats.get("adresseerbaarObjectIdentificatie")),
        datum_aanvang_adres=_datum(verblijfplaats.get("datumVan")),
        nationaliteiten=_nationaliteiten(data.get("nationaliteiten")),
        verblijfstitel=_verblijfstitel(data.get("verblijfstitel")),
        partners=_verwanten(data.get("partners"), alleen_lopend=True),
        kinderen=_verwanten(data.get("kinderen")),
    )
