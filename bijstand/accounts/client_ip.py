"""The client's IP address behind a known number of trusted reverse proxies.

Used for brute-force lockout (django-axes: AXES_CLIENT_IP_CALLABLE). Without proxies
(TRUSTED_PROXY_COUNT = 0) REMOTE_ADDR is used. With N trusted proxies each appends the address
it saw to X-Forwarded-For, so the client is the N-th entry from the right; anything to the left
of it was supplied by the client and is ignored (it cannot be used to dodge the lockout).
"""

from __future__ import annotations

from django.conf import settings


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) >= count:
        return forwarded[-count]
    return remote
