from bijstand.logboek.models import Verwerking


def test_dossier_factory_and_log(dossier, werkcoach):
    from bijstand.dossiers.selectors import dossier_voor_gebruiker

    d = dossier_voor_gebruiker(user=werkcoach, pk=dossier.pk)
    assert d.pk == dossier.pk
    assert Verwerking.objects.filter(operatie="bekijk_dossier").count() == 1
