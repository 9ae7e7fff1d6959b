from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "bijstand.accounts"
    label = "accounts"
    verbose_name = "Gebruikers en rollen"
