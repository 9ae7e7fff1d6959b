"""The Content-Security-Policy in a real browser: pages render and work, and chromium reports no
blocked script or style (the `page` fixture fails a test on any CSP message in the console).

The staff, portal and dashboard pages are covered by every browser test through that fixture;
here the pages that have no browser test of their own: the admin (every change list and add
form, the import/export and history pages, the periodic task form with its inline script) and
the API pages.
"""

from __future__ import annotations

import contextlib
import re

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from bijstand.accounts.models import Rol
from instrumentenhuis.models import Instrument
from tests.browser import assert_geen_csp_schendingen, bewaak_csp
from tests.factories import DossierFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _inloggen(page, live_server, user) -> None:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.fixture
def beheerder(db):
    return UserFactory(rol=Rol.BEHEERDER, team=None, is_staff=True, is_superuser=True)


# django-digid-eherkenning's configuration pages link to its SAML metadata URLs, which the
# project does not mount (the DigiD mock needs none): they answer 500 with or without a CSP.
KAPOTTE_BEHEERAPPS = {"digid_eherkenning"}


def _admin_paginas(user) -> list[str]:
    """The admin index, and per registered model its change list and (if allowed) add form."""
    request = RequestFactory().get("/beheer/")
    request.user = user
    paginas = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        if meta.app_label in KAPOTTE_BEHEERAPPS:
            continue
        soorten = ["changelist"]
        if model_admin.has_add_permission(request):
            soorten.append("add")
        for soort in soorten:
            with contextlib.suppress(NoReverseMatch):
                paginas.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_{soort}"))
    return paginas


def test_every_admin_list_and_add_page_without_csp_violations(page, live_server, beheerder):
    _inloggen(page, live_server, beheerder)
    for url in _admin_paginas(beheerder):
        response = page.goto(url)
        assert response.status < 400, f"{url}: {response.status}"
        expect(page.locator("#content")).to_be_visible()


def test_admin_import_export_history_and_change_form_work(page, live_server, beheerder):
    _inloggen(page, live_server, beheerder)
    instrument = Instrument.objects.order_by("pk").first()
    assert instrument is not None  # reference data from the migrations

    page.goto(reverse("admin:instrumentenhuis_instrument_export"))
    alles = page.locator("input.select-toggle")
    if alles.count():
        # "Select all" (import-export's inline onchange, moved to static JS): off, then on.
        velden = page.locator(".selectable-field-export-row input[type=checkbox]")
        alles.first.uncheck()
        expect(velden.first).not_to_be_checked()
        alles.first.check()
        expect(velden.first).to_be_checked()
    page.goto(reverse("admin:instrumentenhuis_instrument_import"))
    expect(page.locator("#content")).to_be_visible()
    page.goto(reverse("admin:instrumentenhuis_instrument_history", args=[instrument.pk]))
    expect(page.locator("#content")).to_be_visible()
    page.goto(reverse("admin:instrumentenhuis_instrument_change", args=[instrument.pk]))
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()


def test_periodic_task_form_shows_the_readable_crontab(page, live_server, beheerder):
    from django_celery_beat.models import CrontabSchedule

    CrontabSchedule.objects.get_or_create(minute="0", hour="6", day_of_month="25")
    _inloggen(page, live_server, beheerder)
    page.goto(reverse("admin:django_celery_beat_periodictask_add"))
    keuze = page.locator("#id_crontab")
    keuze.select_option(index=1)
    # django-celery-beat's inline script (with our nonce) adds the readable schedule.
    expect(page.locator(".field-crontab .help")).to_contain_text("Translation")


def test_browsable_api_without_csp_violations(page, live_server):
    coach = UserFactory(rol=Rol.WERKCONSULENT)
    DossierFactory(werkcoach=coach)
    _inloggen(page, live_server, coach)
    page.goto("/api/v1/dossiers/")  # DRF's browsable API
    expect(page.locator(".response-info")).to_be_visible()


def test_api_docs_render_from_our_own_files(browser, live_server):
    """Redoc with its own additions to the policy (bijstand/urls.py: REDOC_CSP)."""
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    meldingen = bewaak_csp(page)
    page.goto("/api/v1/docs/")
    expect(page.get_by_role("heading", name=re.compile("Werk & Inkomen API"))).to_be_visible(
        timeout=15_000
    )
    expect(page.locator("[role=search] input").first).to_be_visible()
    context.close()
    # Redoc's "API docs by Redocly" logo comes from the vendor's CDN; it stays blocked (no
    # third-party requests) and Redoc drops the image when it fails to load.
    assert_geen_csp_schendingen([m for m in meldingen if "https://cdn.redoc.ly/" not in m])
