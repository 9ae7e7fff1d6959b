"""The steps of the aanvraag form (portal and loket fill the same steps; the API too).

Each step's data is stored as JSON in ``Aanvraag.gegevens[slug]`` (the cleaned data of the
step's form in ``aanvraag.forms``) with who saved it and when. A step is "done" when it has data.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Stap:
    slug: str
    titel: str
    verplicht: bool = True


STAPPEN: tuple[Stap, ...] = (
    Stap("persoon", _("Uw gegevens")),
    Stap("wonen", _("Waar u woont")),
    Stap("huishouden", _("Met wie u woont")),
    Stap("inkomen", _("Uw inkomen")),
    Stap("vermogen", _("Uw geld en bezit")),
    Stap("bankrekening", _("Uw bankrekening")),
    Stap("stukken", _("Bewijsstukken"), verplicht=False),
    Stap("verklaring", _("Controleren en versturen")),
)
STAP_SLUGS = tuple(s.slug for s in STAPPEN)
VERPLICHT = tuple(s.slug for s in STAPPEN if s.verplicht and s.slug != "verklaring")


def stap(slug: str) -> Stap:
    for s in STAPPEN:
        if s.slug == slug:
            return s
    raise KeyError(slug)


def volgende(slug: str) -> str | None:
    i = STAP_SLUGS.index(slug)
    return STAP_SLUGS[i + 1] if i + 1 < len(STAP_SLUGS) else None


def vorige(slug: str) -> str | None:
    i = STAP_SLUGS.index(slug)
    return STAP_SLUGS[i - 1] if i > 0 else None


# The rechtmatigheid checklist of the aanvraag team (issue 12; art. 11, 13, 16, 31-34 PW).
CHECKLIST: tuple[tuple[str, str], ...] = (
    ("identiteit", _("Identiteit vastgesteld (identiteitsbewijs gezien)")),
    ("woonsituatie", _("Woonsituatie en leefvorm vastgesteld (adres, medebewoners)")),
    ("vermogen", _("Vermogen onder de vermogensgrens")),
    ("inkomen", _("Inkomen vastgesteld")),
    ("voorliggende_voorziening", _("Geen voorliggende voorziening (WW, WIA, studiefinanciering)")),
    ("verblijfstitel", _("Rechtmatig verblijf in Nederland (Nederlander of verblijfstitel)")),
)
CHECKLIST_CODES = tuple(code for code, _label in CHECKLIST)


class Uitkomst:
    AKKOORD = "akkoord"
    NIET_AKKOORD = "niet_akkoord"
    KEUZES = ((AKKOORD, _("In orde")), (NIET_AKKOORD, _("Niet in orde")))
