"""Model permissions of the functional administrator (functioneel beheerder).

Owned by the accounts app. Plain constants (no model imports) so the data migration
(migrations/0002_functioneel_beheer.py) and services.py can share them.
The beheerder maintains reference data, users, teams, substitutions and API clients, and may
read the register of processing activities; never case content (Dossier, Werkzoekende,
JournaalRegel, ...) and never the dataverwerkingen log itself.
"""

BEHEER_GROEP = "Functioneel beheer"

# (app_label, model, actions)
BEHEER_PERMISSIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("dossiers", "wijk", ("add", "change", "view")),
    ("dossiers", "standaardtekst", ("add", "change", "delete", "view")),
    ("accounts", "team", ("add", "change", "view")),
    ("accounts", "user", ("add", "change", "view")),
    ("accounts", "vervanging", ("add", "change", "delete", "view")),
    ("accounts", "systeemclient", ("add", "change", "view")),
    ("logboek", "verwerkingsactiviteit", ("view",)),
    # Reset a lost authenticator: the beheerder removes the device, the user enrols again.
    ("otp_totp", "totpdevice", ("view", "delete")),
    ("otp_static", "staticdevice", ("view", "delete")),
)


def beheer_codenames() -> list[tuple[str, str]]:
    """[(app_label, codename), ...] of all permissions of the beheer group."""
    return [
        (app_label, f"{action}_{model}")
        for app_label, model, actions in BEHEER_PERMISSIES
        for action in actions
    ]
