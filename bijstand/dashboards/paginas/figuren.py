"""The keys of the snapshot figures the dashboard pages read (``Kengetal.figuur``); the
stocks ``BESTAND_DUUR``, ``BESTAND_LEEFTIJD`` and ``CASELOAD`` are computed by ``snapshot``,
the other figures by the apps' ``kengetallen``."""

from __future__ import annotations

from ..snapshot import BESTAND_DUUR, BESTAND_LEEFTIJD, CASELOAD

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

__all__ = [
    "BESLISDUUR",
    "BESTAND_DUUR",
    "BESTAND_LEEFTIJD",
    "CASELOAD",
    "DUURZAAMHEID",
    "INSTROOM",
    "INSTRUMENTEN_EINDE",
    "INSTRUMENTEN_GESTART",
    "LAATSTE_CONTACT",
    "LEEFGEBIED",
    "OPGAVEN",
    "OVERDRACHTEN",
    "OVERDRACHTEN_PER_DOSSIER",
    "PLAATSINGEN",
    "SCHULDEN",
    "TREDE",
    "UITSTROOM",
    "VORDERINGEN",
    "WERKLOONT",
]
