from tests.rollen import (  # noqa: F401 (shared role fixtures)
    andere_werkcoach,
    beheerder,
    burger,
    collega,
    inkomensconsulent,
    login,
    privacy_officer,
    teamleider,
)
