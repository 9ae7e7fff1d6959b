"""System clients for tests: created by a beheerder, personal-data scopes approved by a privacy
officer (the only way such a scope works; see bijstand/accounts/scopes.py)."""

from __future__ import annotations

from bijstand.accounts import services
from bijstand.accounts.models import Rol, SysteemClient
from tests.factories import UserFactory


def keur_goed(client: SysteemClient) -> SysteemClient:
    """Approve what `client` asks for, by a fresh privacy officer (not its creator)."""
    if not client.wacht_op_goedkeuring:
        return client
    return services.keur_koppeling_goed(
        client=client,
        scopes=client.gevraagde_persoonsgegevens_scopes,
        door=UserFactory(rol=Rol.PRIVACY, team=None),
    )


def goedgekeurde_koppeling(*, naam: str, scopes: list[str]) -> tuple[SysteemClient, str]:
    """(client, token): created by a beheerder, its personal-data scopes approved."""
    client, token = services.maak_systeemclient(
        naam=naam, scopes=scopes, door=UserFactory(rol=Rol.BEHEERDER, team=None)
    )
    return keur_goed(client), token
