"""Structured validation error of the calculation core.

The API layer maps :class:`OngeldigeInvoer` to HTTP 400 and the management command to exit
status 2; ``fouten`` maps a field path (``"inkomsten[0].bedrag"``) to Dutch messages.
"""

from __future__ import annotations


class OngeldigeInvoer(ValueError):
    """Impossible or unknown input; ``fouten`` maps field path -> list of Dutch messages."""

    def __init__(self, fouten: dict[str, list[str]]) -> None:
        self.fouten: dict[str, list[str]] = {veld: list(m) for veld, m in fouten.items()}
        samenvatting = "; ".join(f"{veld}: {' '.join(m)}" for veld, m in self.fouten.items())
        super().__init__(samenvatting or "Ongeldige invoer.")


class Foutenlijst:
    """Collects messages per field and raises them together."""

    def __init__(self) -> None:
        self.fouten: dict[str, list[str]] = {}

    def voeg_toe(self, veld: str, melding: str) -> None:
        self.fouten.setdefault(veld, []).append(melding)

    def __bool__(self) -> bool:
        return bool(self.fouten)

    def controleer(self) -> None:
        if self.fouten:
            raise OngeldigeInvoer(self.fouten)
