"""DigiD mock URLs (namespace "digid"): the package's mock views, with our own ACS view.

Mounted at "digid/" when settings.DIGID_MOCK is on; the mock IdP itself is the package's
`digid_eherkenning.mock.idp.digid_urls` at "digid/idp/".
"""

from digid_eherkenning.mock.views.digid import DigiDLoginMockView
from django.urls import path

from .views import DigiDMockAcsView, uitloggen

app_name = "digid"

urlpatterns = [
    path("login/", DigiDLoginMockView.as_view(), name="login"),
    path("acs/", DigiDMockAcsView.as_view(), name="acs"),
    path("logout/", uitloggen, name="logout"),
]
