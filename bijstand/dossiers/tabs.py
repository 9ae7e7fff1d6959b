"""The tabs of the dossier page and the registry through which the domain apps fill them.

The hub shows the tabs; the apps render them. An app registers its view for a tab in its
``AppConfig.ready()`` (ADR 0004)::

    from bijstand.dossiers.tabs import registreer_tab
    registreer_tab("intake", "intake.views.intake_tab")

The hub only knows the view as a dotted path, so it imports none of the apps (direction of
dependencies). ``dossiers:tab`` calls the registered view as ``view(request, pk)``; a tab
without a registered view shows a placeholder, "overzicht" is the hub's own dossier page.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

__all__ = ["DOSSIER_TABS", "TAB_VIEWS", "registreer_tab"]

# Tabs of the dossier page (slug, label), in the order shown.
DOSSIER_TABS: list[tuple[str, str]] = [
    ("overzicht", gettext_lazy("Overzicht en journaal")),
    ("aanvraag", gettext_lazy("Aanvraag")),
    ("intake", gettext_lazy("Intake")),
    ("perspectief", gettext_lazy("Perspectief")),
    ("plan", gettext_lazy("Plan van aanpak")),
    ("instrumenten", gettext_lazy("Instrumenten")),
    ("agenda", gettext_lazy("Agenda")),
    ("inkomen", gettext_lazy("Inkomen")),
]

# Tab slug -> dotted path of the view that renders it, filled through registreer_tab().
TAB_VIEWS: dict[str, str] = {}


def registreer_tab(slug: str, view_pad: str) -> None:
    """Let an app render the tab ``slug`` of the dossier page (called from AppConfig.ready).

    ``view_pad`` is the dotted path of a view ``view(request, pk)``; a later registration for
    the same slug replaces the earlier one. An unknown slug raises ValueError.
    """
    if slug not in dict(DOSSIER_TABS):
        raise ValueError(f"Unknown dossier tab: {slug}")
    TAB_VIEWS[slug] = view_pad
