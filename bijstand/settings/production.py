"""Production settings: `DJANGO_SETTINGS_MODULE=bijstand.settings.production`.

Passes `manage.py check --deploy` without warnings when the required variables are set.
"""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env.str("DJANGO_SECRET_KEY")
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS")
BSN_HASH_KEY = env.str("BSN_HASH_KEY")
LOG_PSEUDONYM_KEY = env.str("LOG_PSEUDONYM_KEY")
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=True)
DIGID_MOCK = env.bool("DIGID_MOCK", default=False)
# Behind one reverse proxy (TLS offloading, see SECURE_PROXY_SSL_HEADER): lockout by the real
# client IP, not the proxy's.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
# The real BRP only: no fallback to the development fake. Unset, every BRP read fails with
# "De koppeling met de BRP is niet ingesteld." (bijstand/brp/client.py).
BRP_API_URL = env.str("BRP_API_URL", default="")

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
