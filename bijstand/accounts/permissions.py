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


# ---- for the data migrations of every app ----------------------------------------------------
# An app gives the beheer group the rights on its own reference data in a data migration:
#     forwards: geef_beheer_rechten(apps, PERMISSIES); backwards: neem_beheer_rechten_af(...)
# with PERMISSIES = ((app_label, model, (actions...)), ...). They use the historical `apps`
# registry of the migration (no model imports).


def geef_beheer_rechten(apps, permissies) -> None:
    """Add the permissions to the beheer group (created if missing); idempotent."""
    from django.contrib.auth.management import create_permissions

    permissies = list(permissies)
    # Permissions are normally created after all migrations (post_migrate): make sure the
    # ones needed exist now.
    for label in dict.fromkeys(app_label for app_label, _model, _acties in permissies):
        app_config = apps.get_app_config(label)
        # create_permissions skips an app without models_module (as historical apps are);
        # put the old value back: on the live registry None would hide the app from
        # post_migrate.
        vorige = getattr(app_config, "models_module", None)
        app_config.models_module = True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = vorige
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    groep, _ = Group.objects.get_or_create(name=BEHEER_GROEP)
    for app_label, model, acties in permissies:
        for actie in acties:
            groep.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=f"{actie}_{model}"
                )
            )


def neem_beheer_rechten_af(apps, permissies) -> None:
    """Remove the permissions from the beheer group (the reverse of geef_beheer_rechten)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    groep = Group.objects.filter(name=BEHEER_GROEP).first()
    if groep is None:
        return
    for app_label, model, acties in permissies:
        groep.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label=app_label,
                codename__in=[f"{actie}_{model}" for actie in acties],
            )
        )
