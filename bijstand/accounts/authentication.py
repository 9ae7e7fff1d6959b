"""Token authentication for system clients (payroll systems, providers)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .models import SysteemClient


class SysteemTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Ongeldige token-header."))
        token = header[1].decode(errors="ignore")
        try:
            client = SysteemClient.objects.get(
                token_hash=SysteemClient.hash_token(token), actief=True
            )
        except SysteemClient.DoesNotExist as exc:
            raise exceptions.AuthenticationFailed(_("Ongeldige of ingetrokken token.")) from exc
        return (client, client)

    def authenticate_header(self, request):
        return self.keyword
