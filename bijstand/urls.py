from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

urlpatterns = [
    path("", include("bijstand.dossiers.urls")),
    path("", include("inkomen.urls")),
    path("perspectief/", include("perspectief.urls")),
    path("intake/", include("intake.urls")),
    path("plan/", include("plan.urls")),
    path("instrumentenhuis/", include("instrumentenhuis.urls")),
    path("vacatures/", include("vacatures.urls")),
    path("werkloont/", include("werkloont.urls")),
    path("accounts/", include("bijstand.accounts.urls")),
    path("logboek/", include("bijstand.logboek.urls")),
    path("portaal/", include("bijstand.portaal.urls")),
    path("dashboards/", include("bijstand.dashboards.urls")),
    path("beheer/", admin.site.urls),
    path("api/v1/", include("bijstand.api_urls")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/docs/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-docs"),
]

if settings.DIGID_MOCK:
    urlpatterns += [
        # The package's mock views with our own ACS (B1 messages, no stray accounts).
        path("digid/", include("bijstand.portaal.digid_mock_urls")),
        path("digid/idp/", include("digid_eherkenning.mock.idp.digid_urls")),
    ]
