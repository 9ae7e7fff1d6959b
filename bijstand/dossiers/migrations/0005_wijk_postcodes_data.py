"""Reference data: the four-digit postcode areas of the Rotterdam wijken (approximate; beheer
corrects them in the admin). Used to find the wijk (and its team) of a new melding."""

from django.db import migrations

PC4 = {
    "'s-Gravenland": '3065',
    'Afrikaanderwijk': '3073',
    'Agniesebuurt': '3032',
    'Bergpolder': '3038',
    'Beverwaard': '3077',
    'Blijdorp': '3039',
    'Blijdorpsepolder': '3039',
    'Bloemhof': '3073,3074',
    'Bospolder': '3024',
    'CS-kwartier': '3013',
    'Carnisse': '3083',
    'Charlois Zuidrand': '3088',
    'Cool': '3012',
    'De Esch': '3063',
    'Delfshaven': '3024',
    'Dijkzigt': '3015',
    'Feijenoord': '3071',
    'Groot-IJsselmonde': '3078,3079',
    'Heijplaat': '3089',
    'Het Lage Land': '3067',
    'Hillegersberg-Noord': '3054',
    'Hillegersberg-Zuid': '3055',
    'Hillesluis': '3074',
    'Hoek van Holland': '3151',
    'Hoogvliet-Noord': '3191,3192',
    'Hoogvliet-Zuid': '3193,3194',
    'Katendrecht': '3072',
    'Kleinpolder': '3042',
    'Kleiwegkwartier': '3051',
    'Kop van Zuid': '3072',
    'Kop van Zuid-Entrepot': '3072',
    'Kralingen-Oost': '3062',
    'Kralingen-West': '3061,3062',
    'Kralingseveer': '3064',
    'Landzicht': '3043',
    'Liskwartier': '3037',
    'Lombardijen': '3076',
    'Middelland': '3014,3021',
    'Molenlaankwartier': '3055',
    'Nesselande': '3059',
    'Nieuw-Crooswijk': '3034',
    'Nieuwe Werk': '3016',
    'Nieuwe Westen': '3021,3022',
    'Noordereiland': '3071',
    'Ommoord': '3068',
    'Oosterflank': '3066',
    'Oud-Charlois': '3082,3084',
    'Oud-Crooswijk': '3034,3035',
    'Oud-IJsselmonde': '3077',
    'Oud-Mathenesse': '3028',
    'Oude Noorden': '3035,3036',
    'Oude Westen': '3014',
    'Overschie': '3043,3044',
    'Pendrecht': '3087',
    'Pernis': '3195',
    'Prinsenland': '3066',
    'Provenierswijk': '3033',
    'Rozenburg': '3181,3182',
    'Rubroek': '3032',
    'Schiebroek': '3053',
    'Schiemond': '3024',
    'Schieveen': '3046',
    'Spangen': '3026',
    'Stadsdriehoek': '3011',
    'Struisenburg': '3063',
    'Tarwewijk': '3081,3082',
    'Terbregge': '3056',
    'Tussendijken': '3025',
    'Vreewijk': '3074,3075',
    'Wielewaal': '3081',
    'Witte Dorp': '3028',
    'Zestienhoven': '3045',
    'Zevenkamp': '3069',
    'Zuidplein': '3083',
    'Zuidwijk': '3086',
}


def vul(apps, schema_editor):
    Wijk = apps.get_model("dossiers", "Wijk")
    for wijk in Wijk.objects.filter(postcodes=""):
        if wijk.naam in PC4:
            wijk.postcodes = PC4[wijk.naam]
            wijk.save(update_fields=["postcodes"])


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0004_wijk_postcodes_wijk_team_and_more")]
    operations = [migrations.RunPython(vul, migrations.RunPython.noop)]
