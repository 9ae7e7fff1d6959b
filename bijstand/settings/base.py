"""Base settings, read from the environment (django-environ).

Unset DATABASE_URL -> embedded SQLite file; unset CELERY_BROKER_URL -> Celery tasks run in-process.
"""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env.str(
    "DJANGO_SECRET_KEY", default="dev-only-insecure-key-change-me-0123456789abcdefghijklmnop"
)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

VAR_DIR = Path(env.str("BIJSTAND_VAR_DIR", default=str(BASE_DIR / "var")))

INSTALLED_APPS = [
    "bijstand.core.admin_apps.BeheerAdminConfig",  # django.contrib.admin, Dutch site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # third party
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Redoc from our own static files (no CDN)
    "django_filters",
    "crispy_forms",
    "import_export",
    "django_htmx",
    "django_celery_beat",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "privates",
    "simple_certmanager",
    "solo",
    "digid_eherkenning",
    "csp",
    # project
    "bijstand.core",
    "bijstand.accounts",
    "bijstand.logboek",
    "bijstand.dossiers",
    "bijstand.portaal",
    "bijstand.dashboards",
    "perspectief",
    "intake",
    "plan",
    "instrumentenhuis",
    "vacatures",
    "werkloont",
    "inkomen",
    "aanvraag",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "bijstand.core.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "bijstand.core.middleware.TraceMiddleware",
    "bijstand.accounts.middleware.TwoFactorRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
    "bijstand.portaal.middleware.BurgerSessieMiddleware",
]

ROOT_URLCONF = "bijstand.urls"
WSGI_APPLICATION = "bijstand.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "bijstand.core.context_processors.site",
                "bijstand.core.context_processors.menus",
            ],
        },
    }
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=60))
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Django's SQLite backend plus the hook for the append-only log triggers (logboek/triggers.py)
    DATABASES["default"]["ENGINE"] = "bijstand.logboek.backends.sqlite3"
    # Explicit (= Django's SQLite default): pytest-django's xdist suffixing recognises only
    # the stock engine name and would otherwise derive a test file name from NAME.
    DATABASES["default"].setdefault("TEST", {}).setdefault("NAME", ":memory:")
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # The cache shares Redis with the broker: a Redis that is down or does not answer makes a
    # cache read a miss, not a 500 (bijstand/core/cache.py; only rate limits use the cache).
    CACHES["default"]["BACKEND"] = "bijstand.core.cache.VeiligeRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {"socket_connect_timeout": 1, "socket_timeout": 1}
    )

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "bijstand.portaal.backends.DigiDMockBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dossiers:caseload"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
NODE_MODULES = BASE_DIR / "node_modules"
# Only the front-end packages we serve (installed from the npm registry; no CDN).
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("npm/utrecht", NODE_MODULES / "@utrecht/component-library-css/dist"),
    ("npm/tokens", NODE_MODULES / "@nl-design-system-unstable/voorbeeld-design-tokens/dist"),
    ("npm/htmx", NODE_MODULES / "htmx.org/dist"),
    ("npm/chartjs", NODE_MODULES / "chart.js/dist"),
]
# Uploaded documents (payslips) live outside the web root and are served through views only.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))

# Sessions: staff 8 h absolute; burgers get 15 min idle (DigiD), enforced in portaal middleware.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
DIGID_IDLE_TIMEOUT_SECONDS = env.int("DIGID_IDLE_TIMEOUT_SECONDS", default=15 * 60)
DIGID_IDLE_WARNING_SECONDS = env.int("DIGID_IDLE_WARNING_SECONDS", default=2 * 60)

# Personal data protection: BSN encrypted at rest (Fernet) + keyed hash for lookups;
# the dataverwerkingen log stores only a keyed pseudonym of the subject. See docs/adr/0002.
FIELD_ENCRYPTION_KEYS = env.list(
    "FIELD_ENCRYPTION_KEYS", default=["dev-only-field-key-do-not-use-in-production"]
)
BSN_HASH_KEY = env.str("BSN_HASH_KEY", default="dev-only-bsn-hash-key")
LOG_PSEUDONYM_KEY = env.str("LOG_PSEUDONYM_KEY", default="dev-only-log-pseudonym-key")

# Two-factor authentication for staff (TOTP). On in production; the demo may switch it off.
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=False)
OTP_TOTP_ISSUER = "Werk & Inkomen"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # never show TOTP secrets/QR codes in the admin

# django-axes: brute-force lockout
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_VERBOSE = False
# Reverse proxies in front of the app that append to X-Forwarded-For (0 = none).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "bijstand.accounts.client_ip.client_ip"

# DigiD (mock in development and tests)
DIGID_MOCK_APP_TITLE = "Burgerportaal Werk & Inkomen"
DIGID_MOCK_RETURN_URL = "portaal:overzicht"
DIGID_MOCK_CANCEL_URL = "portaal:login"
DIGID_MOCK_IDP_VALIDATE_CALLBACK_URLS = False
DIGID_MOCK = env.bool("DIGID_MOCK", default=True)
# Phone number the burgerportaal gives for questions (Rotterdam: 14 010).
PORTAAL_TELEFOON = env.str("PORTAAL_TELEFOON", default="14 010")

# Django REST framework + drf-spectacular
REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header makes "not logged in" a 401 (see core/api.py).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "bijstand.accounts.authentication.SysteemTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "bijstand.core.pagination.StandardPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {"proefberekening": "60/min", "anon": "30/min"},
    "EXCEPTION_HANDLER": "bijstand.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Werk & Inkomen API",
    "DESCRIPTION": "API van het zaaksysteem Werk & Inkomen (Participatiewet).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "ENUM_NAME_OVERRIDES": {
        "DossierStatusEnum": "bijstand.dossiers.models.DossierStatus",
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["nlds"]
CRISPY_TEMPLATE_PACK = "nlds"

# Celery
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis redelivers a message a worker took but never acknowledged (acks_late: the worker died)
# after `visibility_timeout` seconds; Redis's default is 1 hour. 15 minutes: far above the
# longest task (a chunk of 500 ~1 s, the file of the whole city ~40 s) and above the retry
# countdowns of the inkomen tasks (backoff max 300 s). Redis also counts an ETA/countdown task
# held by a worker as unacknowledged: a countdown beyond this timeout is delivered twice. Only
# the daily aanvraag/plan tasks back off longer (max 30 min), and they are idempotent. The
# payment-run watchdog (inkomen.bewaak_betaalruns, INKOMEN_BETAALRUN_STIL_NA) covers the rest.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=15 * 60),
    # seconds between the worker's sweeps for expired unacknowledged messages (kombu: 10 x 10)
    "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": env.int("CELERY_UNACKED_RESTORE_THROTTLE", default=10),
}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# Monthly payment run (inkomen.betaalrun). The day is the default of the beat schedule created
# by migration inkomen 0005 (the beheerder edits it in the admin: Periodic tasks).
SITE_URL = env.str("SITE_URL", default="")  # absolute links in e-mails

INKOMEN_BETAALDAG = env.int("INKOMEN_BETAALDAG", default=25)
INKOMEN_BETAALRUN_CHUNK = env.int("INKOMEN_BETAALRUN_CHUNK", default=500)
# The durable recalculation (inkomen.herberekening, issue 13 §1): the reconciliation (beat
# inkomen.herstel_herberekeningen, every 5 minutes) takes outbox rows older than WACHTTIJD
# seconds (the immediate task normally got them), at most LIMIET dossier-months per run.
# After a failed publish a process waits PUBLICATIE_PAUZE seconds before it tries the broker
# again (a payroll batch during an outage does not pay a timeout per line).
INKOMEN_HERSTEL_WACHTTIJD = env.int("INKOMEN_HERSTEL_WACHTTIJD", default=120)
INKOMEN_HERSTEL_LIMIET = env.int("INKOMEN_HERSTEL_LIMIET", default=500)
INKOMEN_PUBLICATIE_PAUZE = env.int("INKOMEN_PUBLICATIE_PAUZE", default=30)
# Watchdog of the payment run (task inkomen.bewaak_betaalruns, beat every 5 minutes): a run
# "bezig" without progress (a chunk done, a dispatch) for this many minutes is resumed; after
# this many automatic resumes without progress it raises the alarm (screen + log) instead.
INKOMEN_BETAALRUN_STIL_NA = env.float("INKOMEN_BETAALRUN_STIL_NA", default=10.0)
INKOMEN_BETAALRUN_MAX_HERVATTINGEN = env.int("INKOMEN_BETAALRUN_MAX_HERVATTINGEN", default=3)
# Bulk recalculation after a new or corrected rule set (inkomen.herberekeningsrun): dossier-
# months per chunk, and after how many minutes without progress a run is restarted (above the
# broker's visibility timeout, so a redelivered chunk is not raced by the restart).
INKOMEN_HERBEREKENINGSRUN_CHUNK = env.int("INKOMEN_HERBEREKENINGSRUN_CHUNK", default=250)
INKOMEN_HERBEREKENINGSRUN_STIL_MINUTEN = env.int(
    "INKOMEN_HERBEREKENINGSRUN_STIL_MINUTEN", default=30
)
# The gemeente's account (debtor of the SEPA pain.001 file). Placeholder IBAN for development.
INKOMEN_SEPA_NAAM = env.str("INKOMEN_SEPA_NAAM", default="Gemeente Rotterdam")
INKOMEN_SEPA_IBAN = env.str("INKOMEN_SEPA_IBAN", default="NL71BNGH0285170055")
INKOMEN_SEPA_BIC = env.str("INKOMEN_SEPA_BIC", default="BNGHNL2G")

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="noreply@werkeninkomen.example")

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp) on every response. Scripts and styles only from our own
# static files, or inline with the request's nonce (`nonce="{{ request.csp_nonce }}"`); no
# 'unsafe-inline', no inline event handlers or style attributes (docs/adr/0006).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Powerful browser features the application never uses: off for every page and frame.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

GEMEENTE_NAAM = env.str("GEMEENTE_NAAM", default="Rotterdam")

# BRP: Haal Centraal BRP Personen Bevragen 2.x (bijstand/brp, docs/brp.md). The default is the
# local fake (tools/fake_brp.py) that `make run` and `make test` start; production sets its own.
BRP_API_URL = env.str("BRP_API_URL", default="http://127.0.0.1:8089/haalcentraal/api/brp")
# PKIoverheid client certificate and its key (PEM files) for mTLS; empty: no client certificate.
BRP_CLIENT_CERT = env.str("BRP_CLIENT_CERT", default="")
BRP_CLIENT_KEY = env.str("BRP_CLIENT_KEY", default="")
BRP_CA_BUNDLE = env.str("BRP_CA_BUNDLE", default="")  # empty: the system's CA store
BRP_API_KEY = env.str("BRP_API_KEY", default="")  # sent as X-Api-Key where the gateway asks it
BRP_TIMEOUT = env.float("BRP_TIMEOUT", default=10.0)  # seconds
