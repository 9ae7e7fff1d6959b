"""In the browser (issue 14): a dossier ends with reason werk; the burger asks for help in the
portal; the werkcoach finds the request and the planned contact moments under "Nazorg" and
records "contact gehad". axe-core finds no WCAG A/AA violation on either page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from bijstand.core import tijd
from bijstand.dossiers.models import Beeindigingsreden, DossierStatus
from bijstand.dossiers.services import wijzig_status
from plan.models_nazorg import ContactStatus, NazorgContact
from tests.browser import assert_accessible
from tests.factories import DossierFactory, WerkzoekendeFactory

from .test_browser import _digid_login, _staff_login, werkcoach  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def test_hulp_vragen_en_contact_gehad(page, werkcoach):  # noqa: F811
    persoon = WerkzoekendeFactory(email="burger@example.org")
    dossier = DossierFactory(werkcoach=werkcoach, werkzoekende=persoon)
    wijzig_status(
        dossier=dossier,
        naar=DossierStatus.BEEINDIGD,
        door=werkcoach,
        reden=Beeindigingsreden.WERK,
        einddatum=tijd.vandaag(),
    )

    _digid_login(page, persoon.bsn)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Hulp vragen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hulp vragen")
    assert_accessible(page)
    page.get_by_label("Waar wilt u hulp bij?").fill("Mijn uren worden minder.")
    page.get_by_role("button", name="Hulp vragen").click()
    expect(page.get_by_text("Uw vraag is verstuurd.")).to_be_visible()

    page.context.clear_cookies()
    _staff_login(page, "coach")
    page.get_by_role("link", name="Nazorg").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nazorg")
    expect(page.get_by_text("Mijn uren worden minder.")).to_be_visible()
    assert_accessible(page)
    vraag = NazorgContact.objects.get(soort="hulpvraag")
    rij = page.locator(f"#contact-{vraag.pk}")
    rij.get_by_label("Notitie over het contact").fill("Gebeld; uren-gesprek met werkgever gepland.")
    rij.get_by_role("button", name="Contact gehad").click()
    expect(page.get_by_text("Het contact is vastgelegd.")).to_be_visible()
    vraag.refresh_from_db()
    assert vraag.status == ContactStatus.GEHAD
    assert_accessible(page)
