"""The dashboard pages: which figures each page reads and which tables it shows.

Every table is built from the aggregates of one snapshot read (``selectors.lees_cijfers``); a
table has a row per period (month or quarter) or, for a state at the peildatum, a row per class.
The tables are specifications (``tabelspecs.TabelSpec``), one module per theme; suppression is
applied in ``tabellen``. Figures of apps that have no ``kengetallen`` (yet) are shown as "not
available" instead of zeros.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from ..tabelspecs import Context, TabelSpec
from .aanvraag import TABEL_UITSLUITSEL, UITSLUITSEL
from .bestand import TABEL_BESTAND, TABEL_DUUR, TABEL_LEEFTIJD
from .figuren import (
    BESLISDUUR,
    BESTAND_DUUR,
    BESTAND_LEEFTIJD,
    CASELOAD,
    DUURZAAMHEID,
    INSTROOM,
    INSTRUMENTEN_EINDE,
    INSTRUMENTEN_GESTART,
    LAATSTE_CONTACT,
    LEEFGEBIED,
    OPGAVEN,
    OVERDRACHTEN,
    OVERDRACHTEN_PER_DOSSIER,
    PLAATSINGEN,
    SCHULDEN,
    TREDE,
    UITSTROOM,
    VORDERINGEN,
    WERKLOONT,
)
from .inkomen import TABEL_BESLISDUUR, TABEL_OPGAVEN, TABEL_SCHULDEN, TABEL_VORDERINGEN
from .ontwikkeling import (
    TABEL_INSTRUMENTEN,
    TABEL_LEEFGEBIEDEN,
    TABEL_PLAATSINGEN,
    TABEL_TREDE,
    TABEL_WERKLOONT,
)
from .overzicht import TABEL_KERNCIJFERS
from .stromen import TABEL_DUURZAAMHEID, TABEL_INSTROOM, TABEL_UITSTROOM
from .werkcoach import (
    TABEL_CASELOAD,
    TABEL_CONTACT,
    TABEL_OVERDRACHTEN,
    TABEL_OVERDRACHTEN_PER_DOSSIER,
)

__all__ = ["LEEFGEBIED", "PAGINAS", "Context", "Pagina"]


@dataclass(frozen=True)
class Pagina:
    slug: str
    url_naam: str
    titel: str
    intro: str
    tabellen: tuple[TabelSpec, ...]
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
            (TABEL_KERNCIJFERS, TABEL_BESTAND),
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
            (TABEL_BESTAND, TABEL_DUUR, TABEL_LEEFTIJD),
            voorraden=(BESTAND_DUUR, BESTAND_LEEFTIJD),
        ),
        Pagina(
            "stromen",
            "dashboards:stromen",
            gettext_lazy("Instroom, uitstroom en duurzaamheid"),
            gettext_lazy("Wie komt erin, wie gaat eruit, en blijft uitstroom naar werk duurzaam?"),
            (TABEL_INSTROOM, TABEL_UITSTROOM, TABEL_DUURZAAMHEID),
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
                TABEL_TREDE,
                TABEL_LEEFGEBIEDEN,
                TABEL_WERKLOONT,
                TABEL_INSTRUMENTEN,
                TABEL_PLAATSINGEN,
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
            (
                TABEL_OVERDRACHTEN,
                TABEL_OVERDRACHTEN_PER_DOSSIER,
                TABEL_CASELOAD,
                TABEL_CONTACT,
            ),
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
            (TABEL_UITSLUITSEL, TABEL_VORDERINGEN, TABEL_SCHULDEN, TABEL_OPGAVEN, TABEL_BESLISDUUR),
            stromen=(UITSLUITSEL, VORDERINGEN, SCHULDEN, OPGAVEN, BESLISDUUR),
        ),
    )
}
