from csp.decorators import csp_update
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

# Redoc (drf-spectacular-sidecar 2026.10.1, served by us) needs a little more than the policy in
# settings, and only on its own page (docs/adr/0006): its icons are data: images, its search
# index runs in a blob: worker, and two <style> elements it injects while loading cannot carry
# the nonce, so they are allowed by their hashes (they change only with the pinned bundle).
REDOC_CSP = {
    "img-src": ["data:"],
    "worker-src": ["blob:"],
    "style-src": [
        "'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc='",
        "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",  # the empty <style>
    ],
}

urlpatterns = [
    path("", include("bijstand.dossiers.urls")),
    path("", include("inkomen.urls")),
    path("perspectief/", include("perspectief.urls")),
    path("intake/", include("intake.urls")),
    path("plan/", include("plan.urls")),
    path("instrumentenhuis/", include("instrumentenhuis.urls")),
    path("vacatures/", include("vacatures.urls")),
    path("werkloont/", include("werkloont.urls")),
    path("aanvragen/", include("aanvraag.urls")),
    path("accounts/", include("bijstand.accounts.urls")),
    path("logboek/", include("bijstand.logboek.urls")),
    path("portaal/", include("bijstand.portaal.urls")),
    path("dashboards/", include("bijstand.dashboards.urls")),
    path("beheer/", admin.site.urls),
    path("api/v1/", include("bijstand.api_urls")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/v1/docs/",
        csp_update(REDOC_CSP)(SpectacularRedocView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
]

if settings.DIGID_MOCK:
    urlpatterns += [
        # The package's mock views with our own ACS (B1 messages, no stray accounts).
        path("digid/", include("bijstand.portaal.digid_mock_urls")),
        path("digid/idp/", include("digid_eherkenning.mock.idp.digid_urls")),
    ]
