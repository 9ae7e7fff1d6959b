"""Data migration: Rotterdam's gebieden and wijken.

The list follows the city's division into 14 gebieden (Rotterdam Wijkprofiel / gebiedsindeling)
and their wijken, from best available knowledge when this migration was written.

TODO before production: check names and codes against the municipality's open data
(wijk- en buurtcodes of the gemeente Rotterdam / CBS "Wijk- en buurtkaart", GM0599).
The codes below are provisional, internal codes ("R" + two-digit gebied + two-digit wijk);
they are stable identifiers for this application, not the official CBS buurtcodes.
Changing a name later is a data change (update by code); never reuse a code for another wijk.
"""

from django.db import migrations

# (gebied number, gebied name, [wijk names]) -- order of the wijken fixes their code.
GEBIEDEN = [
    (10, "Centrum", [
        "Stadsdriehoek", "Cool", "CS-kwartier", "Nieuwe Werk", "Dijkzigt", "Oude Westen",
    ]),
    (11, "Delfshaven", [
        "Delfshaven", "Bospolder", "Tussendijken", "Spangen", "Nieuwe Westen", "Middelland",
        "Schiemond", "Witte Dorp", "Oud-Mathenesse",
    ]),
    (12, "Overschie", [
        "Overschie", "Kleinpolder", "Landzicht", "Zestienhoven", "Schieveen",
    ]),
    (13, "Noord", [
        "Agniesebuurt", "Bergpolder", "Blijdorp", "Blijdorpsepolder", "Liskwartier",
        "Oude Noorden", "Provenierswijk",
    ]),
    (14, "Hillegersberg-Schiebroek", [
        "Hillegersberg-Noord", "Hillegersberg-Zuid", "Kleiwegkwartier", "Molenlaankwartier",
        "Schiebroek", "Terbregge",
    ]),
    (15, "Kralingen-Crooswijk", [
        "Rubroek", "Nieuw-Crooswijk", "Oud-Crooswijk", "Kralingen-West", "Kralingen-Oost",
        "De Esch", "Struisenburg",
    ]),
    (16, "Prins Alexander", [
        "Het Lage Land", "Kralingseveer", "Nesselande", "Ommoord", "Oosterflank",
        "Prinsenland", "'s-Gravenland", "Zevenkamp",
    ]),
    (17, "Feijenoord", [
        "Afrikaanderwijk", "Bloemhof", "Feijenoord", "Hillesluis", "Katendrecht", "Kop van Zuid",
        "Kop van Zuid-Entrepot", "Noordereiland", "Vreewijk",
    ]),
    (18, "IJsselmonde", [
        "Beverwaard", "Groot-IJsselmonde", "Lombardijen", "Oud-IJsselmonde",
    ]),
    (19, "Charlois", [
        "Carnisse", "Charlois Zuidrand", "Heijplaat", "Oud-Charlois", "Pendrecht", "Tarwewijk",
        "Wielewaal", "Zuidplein", "Zuidwijk",
    ]),
    (20, "Hoogvliet", [
        "Hoogvliet-Noord", "Hoogvliet-Zuid",
    ]),
    (21, "Pernis", ["Pernis"]),
    (22, "Rozenburg", ["Rozenburg"]),
    (23, "Hoek van Holland", ["Hoek van Holland"]),
]


def wijken():
    for nummer, gebied, namen in GEBIEDEN:
        for i, naam in enumerate(namen, start=1):
            yield f"R{nummer:02d}{i:02d}", naam, gebied


def forwards(apps, schema_editor):
    Wijk = apps.get_model("dossiers", "Wijk")
    for code, naam, gebied in wijken():
        Wijk.objects.update_or_create(code=code, defaults={"naam": naam, "gebied": gebied})


def backwards(apps, schema_editor):
    Wijk = apps.get_model("dossiers", "Wijk")
    Werkzoekende = apps.get_model("dossiers", "Werkzoekende")
    in_gebruik = Werkzoekende.objects.exclude(wijk=None).values_list("wijk_id", flat=True)
    codes = [code for code, _naam, _gebied in wijken()]
    Wijk.objects.filter(code__in=codes).exclude(pk__in=in_gebruik).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
