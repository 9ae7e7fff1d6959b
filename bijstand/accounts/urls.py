from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.StaffLoginView.as_view(), name="login"),
    path("logout/", views.StaffLogoutView.as_view(), name="logout"),
    path("otp/", views.otp_verifieren, name="otp"),
    path("otp/instellen/", views.otp_instellen, name="otp_setup"),
    path("otp/herstelcodes/", views.herstelcodes, name="herstelcodes"),
    path("vervangingen/", views.VervangingListView.as_view(), name="vervangingen"),
    path("vervangingen/nieuw/", views.VervangingCreateView.as_view(), name="vervanging_nieuw"),
    path("koppelingen/", views.koppelingen, name="koppelingen"),
    path("koppelingen/<int:pk>/besluit/", views.koppeling_besluit, name="koppeling_besluit"),
]
