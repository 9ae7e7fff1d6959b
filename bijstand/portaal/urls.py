from django.urls import path

from . import (
    aanvraag_urls,
    berichten_views,
    besluit_urls,
    inkomen_views,
    intake_urls,
    nazorg_urls,
    perspectief_urls,
    plan_urls,
    vacatures_urls,
    views,
    watals,
    werk_views,
    werkloont_urls,
    wijziging_views,
)

app_name = "portaal"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("inloggen/", views.inloggen, name="login"),
    path("uitloggen/", views.uitloggen, name="uitloggen"),
    path("berichten/", berichten_views.berichten, name="berichten"),
    path("berichten/<int:bericht>/", berichten_views.bericht, name="bericht"),
    path("contact-met-ons/", berichten_views.tijdlijn, name="tijdlijn"),
    path("wie-heeft-mijn-gegevens-bekeken/", views.inzage, name="inzage"),
    path("sessie/status/", views.sessie_status, name="sessie_status"),
    path("sessie/verlengen/", views.sessie_verlengen, name="sessie_verlengen"),
    path("wat-als-ik-meer-ga-werken/", watals.wat_als, name="watals"),
    path("inkomsten-doorgeven/", inkomen_views.inkomsten_doorgeven, name="inkomsten"),
    path("werk-gevonden/", werk_views.werk_gevonden, name="werk_gevonden"),
    path("wijziging-doorgeven/", wijziging_views.wijziging_doorgeven, name="wijziging"),
    path("mijn-specificatie/", inkomen_views.specificatie, name="specificatie"),
    path("mijn-specificatie/pdf/", inkomen_views.specificatie_pdf, name="specificatie_pdf"),
]

# Pages of the domain apps (each app's portal views live in <app>_views.py beside this file).
for _module in (
    aanvraag_urls,
    besluit_urls,
    intake_urls,
    nazorg_urls,
    perspectief_urls,
    plan_urls,
    vacatures_urls,
    werkloont_urls,
):
    urlpatterns += _module.urlpatterns
