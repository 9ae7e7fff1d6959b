"""Writes of the werkloont app, one module per concept:

- ``traject``: programmes (Werkloont, Iedereen doet mee), the personal norm, stopping early;
- ``planning``: the werkweekagenda (``Planning``/``Reeks`` in, an activity with its occurrences
  out), stopping an activity, cancelling an occurrence; the planning rules are in its docstring;
- ``aanwezigheid``: presence, the burger's absence report, week approval;
- ``vrijwilligerswerk``: volunteer work -> competences (uitstroomperspectief);
- ``feed``: the personal iCalendar link;
- ``signalen``: signals to the werkcoach and the weekly check;
- ``_basis``: what they share (the log, the agenda lock, approved weeks); not an interface.

Keyword-only arguments, one transaction per use case, Dutch ``ValidationError`` messages that
name the field, every processing of personal data logged (activiteit ``reintegratie``;
``gezondheid`` and vertrouwelijk for health activities). Callers use this package
(``from werkloont import services``; ``services.plan_activiteit(...)``), not its modules.
"""

from ._basis import ACTIVITEIT, vergrendel_agenda
from .aanwezigheid import REGISTREERBAAR, keur_week_goed, meld_afwezig, registreer_aanwezigheid
from .feed import trek_ical_token_in, vernieuw_ical_token
from .planning import (
    MAX_DAGEN_VOORUIT,
    Planning,
    Reeks,
    annuleer_afspraak,
    plan_activiteit,
    stop_activiteit,
)
from .signalen import handel_signaal_af, rond_werkloont_af, wekelijkse_controle
from .traject import (
    MAX_PERSOONLIJKE_NORM,
    beeindig_traject,
    maximale_einddatum_werkloont,
    start_traject,
    stel_persoonlijke_norm_vast,
)
from .vrijwilligerswerk import vertaal_vrijwilligerswerk

__all__ = [
    "ACTIVITEIT",
    "MAX_DAGEN_VOORUIT",
    "MAX_PERSOONLIJKE_NORM",
    "REGISTREERBAAR",
    "Planning",
    "Reeks",
    "annuleer_afspraak",
    "beeindig_traject",
    "handel_signaal_af",
    "keur_week_goed",
    "maximale_einddatum_werkloont",
    "meld_afwezig",
    "plan_activiteit",
    "registreer_aanwezigheid",
    "rond_werkloont_af",
    "start_traject",
    "stel_persoonlijke_norm_vast",
    "stop_activiteit",
    "trek_ical_token_in",
    "vergrendel_agenda",
    "vernieuw_ical_token",
    "vertaal_vrijwilligerswerk",
    "wekelijkse_controle",
]
