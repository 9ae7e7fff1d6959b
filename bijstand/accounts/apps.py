from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "bijstand.accounts"
    label = "accounts"
    verbose_name = "Gebruikers en rollen"

    def ready(self) -> None:
        from bijstand.core.menu import registreer_staff_menu

        # The privacy officer's way in to the approval of system clients' personal-data scopes.
        registreer_staff_menu(
            "koppelingen",
            _("Koppelingen"),
            "accounts:koppelingen",
            perm="accounts.keur_koppelingen_goed",
            volgorde=90,
        )
