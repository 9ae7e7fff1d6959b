"""Standard rule sets (1-1-2025, 1-7-2025, 1-1-2026, 1-7-2026) and default policy: PLAIN DATA.

Values exactly as in ``domain/verrekening.md`` (§0, §1.2-§1.4, §2.1, §4.1-§4.3, §4.5). Amounts are
strings (netto per kalendermaand incl. vakantietoeslag), dates ISO strings, so this module can be
serialised as-is into a data migration / fixture and edited by a functioneel beheerder. Field
names are those of :class:`inkomen.rekenregels.regelset.Regelset` and ``Beleid``; build the
objects with :func:`standaard_regelsets` / :func:`standaard_beleid`.

Not in the data (not in the domain file or no input for it): the 1-1-2025 young-partner amounts
of art. 22a lid 3 [U] (left ``None``), the art. 20 lid 3 verhoging before 2026 (did not exist;
before PiB it was bijzondere bijstand), a cap for art. 34a (none found [U]).
"""

from __future__ import annotations

from typing import Any

STANDAARD_REGELSETS: list[dict[str, Any]] = [
    {
        "geldig_vanaf": "2025-01-01",
        "toelichting": (
            "Normen 1-1-2025 [V][S]. z-maximum 170,18 'as captured' (verrekening.md §4.3). "
            "Bedrag jonge partner bij kostendelers (art. 22a lid 3) niet vastgelegd [U]."
        ),
        "norm_alleenstaande": "1345.45",
        "norm_gehuwden": "1922.07",
        "norm_aow_alleenstaande": "1501.07",
        "norm_aow_gehuwden": "2053.48",
        "jongerennorm_alleenstaande": "332.17",
        "jongerennorm_gehuwden_beide_jong": "664.34",
        "jongerennorm_gehuwden_beide_jong_met_kinderen": "1048.75",
        "jongerennorm_gehuwden_een_jong": "1293.21",
        "jongerennorm_gehuwden_een_jong_met_kinderen": "1677.62",
        "jongerennorm_jonge_partner_bij_kostendelers": None,
        "jongerennorm_jonge_partner_bij_kostendelers_met_kinderen": None,
        "jongerennorm_verhoging_art_20_lid_3": None,
        "kostendelers_basispercentage": "40",
        "kostendelers_percentage_per_persoon": "30",
        "kostendeler_minimum_leeftijd": 27,
        "kostendelersnorm_minimum_leeftijd": 21,
        "jongerennorm_tot_leeftijd": 21,
        "minimum_leeftijd": 18,
        "kind_ten_laste_tot_leeftijd": 18,
        "kind_leeftijd_vrijlating_r": 12,
        "vakantietoeslag_percentage": "5",
        "aow_leeftijd_jaren": 67,
        "aow_leeftijd_maanden": 0,
        "vrijlatingen": [
            {
                "soort": "n",
                "percentage": "25",
                "maximum": "273.00",
                "max_maanden": 6,
                "minimum_leeftijd": 27,
                "artikel": "art. 31 lid 2 onder n Participatiewet",
            },
            {
                "soort": "r",
                "percentage": "12.5",
                "maximum": "170.61",
                "max_maanden": 30,
                "minimum_leeftijd": 27,
                "artikel": "art. 31 lid 2 onder r Participatiewet",
            },
            {
                "soort": "y",
                "percentage": "15",
                "maximum": "173.04",
                "max_maanden": None,
                "minimum_leeftijd": None,
                "artikel": "art. 31 lid 2 onder y Participatiewet",
            },
            {
                "soort": "z",
                "percentage": "15",
                "maximum": "170.18",
                "max_maanden": 12,
                "minimum_leeftijd": None,
                "artikel": "art. 31 lid 2 onder z Participatiewet",
            },
            {
                "soort": "aa",
                "percentage": "15",
                "maximum": "170.18",
                "max_maanden": None,
                "minimum_leeftijd": None,
                "artikel": "art. 31 lid 2 onder aa Participatiewet",
            },
        ],
    },
    {
        "geldig_vanaf": "2025-07-01",
        "toelichting": ("Normen 1-7-2025 [V][S]."),
        "norm_alleenstaande": "1369.06",
        "norm_gehuwden": "1955.80",
        "norm_aow_alleenstaande": "1530.21",
        "norm_aow_gehuwden": "2094.98",
        "jongerennorm_alleenstaande": "337.98",
        "jongerennorm_gehuwden_beide_jong": "675.96",
        "jongerennorm_gehuwden_beide_jong_met_kinderen": "1067.12",
        "jongerennorm_gehuwden_een_jong": "1315.88",
        "jongerennorm_gehuwden_een_jong_met_kinderen": "1707.04",
        "jongerennorm_jonge_partner_bij_kostendelers": "337.98",
        "jongerennorm_jonge_partner_bij_kostendelers_met_kinderen": "729.14",
        "jongerennorm_verhoging_art_20_lid_3": None,
        "kostendelers_basispercentage": "40",
        "kostendelers_percentage_per_persoon": "30",
        "kostendeler_minimum_leeftijd": 27,
        "kostendelersnorm_minimum_leeftijd": 21,
        "jongerennorm_tot_leeftijd": 21,
        "minimum_leeftijd": 18,
        "kind_ten_laste_tot_leeftijd": 18,
        "kind_leeftijd_vrijlating_r": 12,
        "vakantietoeslag_percentage": "5",
        "aow_leeftijd_jaren": 67,
        "aow_leeftijd_maanden": 0,
        "vrijlatingen": [
            {
                "soort": "n",
                "percentage": "25",
                "maximum": "278.00",
                "max_maanden": 6,
                "minimum_leeftijd": 27,
                "artikel": "art. 31 lid 2 onder n Participatiewet",
            },
            {
                "soort": "r",
                "percentage": "12.5",
                "maximum": "173.87",
                "max_maanden": 30,
                "minimum_leeftijd": 27,
                "artikel": "art. 31 lid 2 onder r Participatiewet",
            },
            {
                "soort": "y",
                "percentage": "15",
                "maximum": "176.35",
                "max_maanden": None,
                "minimum_leeftijd": None,
                "artikel": "art. 31 lid 2 onder y Participatiewet",
            },
            {
                "soort": "z",
                "percentage": "15",
                "maximum": "176.35",
                "max_maanden": 12,
                "minimum_leeftijd": None,
                "artikel": "art. 31 lid 2 onder z Participatiewet",
            },
            {
                "soort": "aa",
                "percentage": "15",
                "maximum": "176.35",
                "max_maanden": None,
                "minimum_leeftijd": None,
                "artikel": "art. 31 lid 2 onder aa Participatiewet",
            },
        ],
    },
    {
        "geldig_vanaf": "2026-01-01",
        "toelichting": (
            "Normen 1-1-2026 [V]. Art. 34a alleen via beleidskeuze P6 (gedoog 2026, onder "
            "27); geen maximum gevonden [U]."
        ),
        "norm_alleenstaande": "1401.50",
        "norm_gehuwden": "2002.13",
        "norm_aow_alleenstaande": "1564.69",
        "norm_aow_gehuwden": "2144.16",
        "jongerennorm_alleenstaande": "345.99",
        "jongerennorm_gehuwden_beide_jong": "691.98",
        "jongerennorm_gehuwden_beide_jong_met_kinderen": "1092.41",
        "jongerennorm_gehuwden_een_jong": "1347.06",
        "jongerennorm_gehuwden_een_jong_met_kinderen": "1747.49",
        "jongerennorm_jonge_partner_bij_kostendelers": "345.99",
        "jongerennorm_jonge_partner_bij_kostendelers_met_kinderen": "746.42",
        "jongerennorm_verhoging_art_20_lid_3": "746.45",
        "kostendelers_basispercentage": "40",
        "kostendelers_percentage_per_persoon": "30",
        "kostendeler_minimum_leeftijd": 27,
        "kostendelersnorm_minimum_leeftijd": 21,
        "jongerennorm_tot_leeftijd": 21,
        "minimum_leeftijd": 18,
        "kind_ten_laste_tot_leeftijd": 18,
        "kind_leeftijd_vrijlating_r": 12,
        "vakantietoeslag_percentage": "5",
        "aow_leeftijd_jaren": 67,
        "aow_leeftijd_maanden": 0,
        "vrijlatingen": [
            {
                "soort": "n",
                "percentage": "25",
                "maximum": "285.00",
                "max_maanden": 6,
                "minimum_leeftijd": 27,
                "artikel": "art. 31 lid 2 onder n Participatiewet",
            },
            {
                "soort": "r",
                "percentage": "12.5",
                "maximum": "177.66",
                "max_maanden": 30,
                "minimum_leeftijd": 27,
                "artikel": "art. 31 lid 2 onder r Participatiewet",
            },
            {
                "soort": "y",
                "percentage": "15",
                "maximum": "180.19",
                "max_maanden": None,
                "minimum_leeftijd": None,
                "artikel": "art. 31 lid 2 onder y Participatiewet",
            },
            {
                "soort": "z",
                "percentage": "15",
                "maximum": "180.19",
                "max_maanden": 12,
                "minimum_leeftijd": None,
                "artikel": "art. 31 lid 2 onder z Participatiewet",
            },
            {
                "soort": "aa",
                "percentage": "15",
                "maximum": "180.19",
                "max_maanden": None,
                "minimum_leeftijd": None,
                "artikel": "art. 31 lid 2 onder aa Participatiewet",
            },
            {
                "soort": "34a",
                "percentage": "15",
                "maximum": None,
                "max_maanden": 12,
                "minimum_leeftijd": None,
                "artikel": "art. 34a lid 1 onder a Participatiewet",
            },
        ],
    },
    {
        "geldig_vanaf": "2026-07-01",
        "toelichting": (
            "Normen 1-7-2026 alleen uit de geconsolideerde wettekst (bron S1); nog niet door "
            "een tweede bron bevestigd: controleer op wetten.overheid.nl voor productie. Art. "
            "34a alleen via beleidskeuze P6."
        ),
        "norm_alleenstaande": "1419.46",
        "norm_gehuwden": "2027.79",
        "norm_aow_alleenstaande": "1587.34",
        "norm_aow_gehuwden": "2176.10",
        "jongerennorm_alleenstaande": "350.42",
        "jongerennorm_gehuwden_beide_jong": "700.84",
        "jongerennorm_gehuwden_beide_jong_met_kinderen": "1106.40",
        "jongerennorm_gehuwden_een_jong": "1364.32",
        "jongerennorm_gehuwden_een_jong_met_kinderen": "1769.88",
        "jongerennorm_jonge_partner_bij_kostendelers": "350.42",
        "jongerennorm_jonge_partner_bij_kostendelers_met_kinderen": "755.98",
        "jongerennorm_verhoging_art_20_lid_3": "762.24",
        "kostendelers_basispercentage": "40",
        "kostendelers_percentage_per_persoon": "30",
        "kostendeler_minimum_leeftijd": 27,
        "kostendelersnorm_minimum_leeftijd": 21,
        "jongerennorm_tot_leeftijd": 21,
        "minimum_leeftijd": 18,
        "kind_ten_laste_tot_leeftijd": 18,
        "kind_leeftijd_vrijlating_r": 12,
        "vakantietoeslag_percentage": "5",
        "aow_leeftijd_jaren": 67,
        "aow_leeftijd_maanden": 0,
        "vrijlatingen": [
            {
                "soort": "n",
                "percentage": "25",
                "maximum": "285.00",
                "max_maanden": 6,
                "minimum_leeftijd": 27,
                "artikel": "art. 31 lid 2 onder n Participatiewet",
            },
            {
                "soort": "r",
                "percentage": "12.5",
                "maximum": "177.66",
                "max_maanden": 30,
                "minimum_leeftijd": 27,
                "artikel": "art. 31 lid 2 onder r Participatiewet",
            },
            {
                "soort": "y",
                "percentage": "15",
                "maximum": "180.19",
                "max_maanden": None,
                "minimum_leeftijd": None,
                "artikel": "art. 31 lid 2 onder y Participatiewet",
            },
            {
                "soort": "z",
                "percentage": "15",
                "maximum": "180.19",
                "max_maanden": 12,
                "minimum_leeftijd": None,
                "artikel": "art. 31 lid 2 onder z Participatiewet",
            },
            {
                "soort": "aa",
                "percentage": "15",
                "maximum": "180.19",
                "max_maanden": None,
                "minimum_leeftijd": None,
                "artikel": "art. 31 lid 2 onder aa Participatiewet",
            },
            {
                "soort": "34a",
                "percentage": "15",
                "maximum": None,
                "max_maanden": 12,
                "minimum_leeftijd": None,
                "artikel": "art. 34a lid 1 onder a Participatiewet",
            },
        ],
    },
]

# Policy choices P1-P8 (§6.2) with the defaults used in the worked examples of §8.
STANDAARD_BELEID: list[dict[str, Any]] = [
    {
        "geldig_vanaf": "2025-01-01",
        "p1_vrijlating_boven_norm": "a",
        "p2_afronding": "half_up",
        "p2_kostendelersnorm_per_persoon_afronden": True,
        "p2_vakantietoeslag_splitsing": "vt_eerst",
        "p3_toerekening": "werkmaand",
        "p3_vier_weken": "13/12",
        "p4_vakantietoeslag": "wettelijk",
        "p5_vrijlating_telling": "toegepaste_maanden",
        "p6_gedoog_34a_onder_27": False,
        "p7_verrekening_max_maanden": 6,
        "p8_deelmaand": "kalenderdagen",
        "p9_hersteltermijn_dagen": 14,
        "p9_hersteltermijn_max_dagen": 28,
        "leeftijd_peildag": "eerste_dag",
        "toelichting": (
            "Standaard uit verrekening.md §8: P1(a), P2 half-up en VT eerst, P4 wettelijk. "
            "P1, P5, P8 (deelmaand naar kalenderdagen), P9 (hersteltermijn opschorting 14, "
            "hoogstens 28 dagen) en de peildag zijn [U]: laten bevestigen door "
            "beleid/juridische zaken."
        ),
    },
]


def standaard_regelsets():
    """The standard rule sets as :class:`Regelset` objects, oldest first."""
    from .regelset import Regelset

    return tuple(Regelset.van_dict(data) for data in STANDAARD_REGELSETS)


def standaard_beleid():
    """The standard policy versions as :class:`Beleid` objects, oldest first."""
    from .regelset import Beleid

    return tuple(Beleid.van_dict(data) for data in STANDAARD_BELEID)
