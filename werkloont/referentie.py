"""Reference data of the werkloont app (seeded by migration, restored after a flush).

- the hour norms of the seeds (domain/perspectief-en-instrumenten.md §5), valid from
  1 January 2019 (the strategy letter's period): Werkloont at most 15 weeks with at least
  16 hours of work and 12 hours of training a week; Iedereen doet mee up to 20 hours a week
  (a maximum; the city's public page says "minimaal 20 uur": a beheerder switches the kind);
  the werkweekagenda toward 32 hours a week; at most 24 hours a day; a signal after 2
  unexplained absences within 4 weeks;
- the municipal werkactiviteiten named in the seeds, linked to occupations of the curated
  beroepen list by ISCO-08 code (only when the catalogue is still empty).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

NORM_GELDIG_VANAF = datetime.date(2019, 1, 1)
STANDAARD_NORM = {
    "werkloont_max_weken": 15,
    "werkloont_werk_min_uren": Decimal("16.0"),
    "werkloont_training_min_uren": Decimal("12.0"),
    "idm_standaard_uren": Decimal("20.0"),
    "idm_norm_soort": "maximum",
    "richting_uren": Decimal("32.0"),
    "max_uren_per_dag": Decimal("24.0"),
    "afwezig_signaal_aantal": 2,
    "afwezig_signaal_weken": 4,
    "toelichting": (
        "Normen uit de seeds (domein §5): Werkloont maximaal 15 weken, werkcomponent minstens "
        "16 uur en trainingscomponent minstens 12 uur per week; Iedereen doet mee tot 20 uur "
        "per week of naar vermogen (de website van de gemeente zegt 'minimaal 20 uur': kies "
        "dan 'minimum'); richting 32 uur per week."
    ),
}

# (naam, omschrijving, ISCO-08 codes of the linked occupations)
WERKACTIVITEITEN = [
    (
        "Groenonderhoud",
        "Onderhoud van parken, plantsoenen en bermen met een vaste ploeg.",
        ["6113"],
    ),
    (
        "Catering",
        "Meewerken in de keuken en bediening van een wijkrestaurant of kantine.",
        ["9412", "5120"],
    ),
    (
        "Klussendienst",
        "Kleine reparaties en onderhoud in buurthuizen en bij bewoners.",
        ["9321", "9313"],
    ),
    (
        "Papierprikken",
        "Zwerfafval opruimen in de wijk (alleen inzetten waar het bij het perspectief past).",
        ["9112"],
    ),
    (
        "Magazijn en logistiek",
        "Orderpicken en voorraadbeheer in het gemeentelijk magazijn.",
        ["4321"],
    ),
]


def zaai(apps) -> None:
    """Create the standard norm and the werkactiviteiten when none exist (idempotent)."""
    Urennorm = apps.get_model("werkloont", "Urennorm")
    Werkactiviteit = apps.get_model("werkloont", "Werkactiviteit")
    Beroep = apps.get_model("perspectief", "Beroep")
    if not Urennorm.objects.exists():
        Urennorm.objects.create(geldig_vanaf=NORM_GELDIG_VANAF, **STANDAARD_NORM)
    if Werkactiviteit.objects.exists():
        return  # a beheerder may have edited the catalogue: leave it alone
    for naam, omschrijving, isco in WERKACTIVITEITEN:
        activiteit = Werkactiviteit.objects.create(naam=naam, omschrijving=omschrijving)
        activiteit.beroepen.set(Beroep.objects.filter(isco_code__in=isco))
