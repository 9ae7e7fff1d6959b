"""Shared browser-test fixtures: Playwright driving Debian's chromium against the live server.

Playwright cannot download its own browser here; we launch /usr/bin/chromium (override with
CHROMIUM_PATH). axe-core comes from the npm registry (node_modules/axe-core), pinned in
package-lock.json, and is injected into each page under test.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_JS = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        raise RuntimeError(
            f"Chromium not found at {path}: install Debian's chromium package (see .ci/run)."
        )
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=_chromium_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()


def bewaak_csp(page) -> list[str]:
    """Collect the page's Content-Security-Policy violations (chromium logs each one)."""
    meldingen: list[str] = []

    def console(bericht) -> None:
        if "Content Security Policy" in bericht.text:
            meldingen.append(f"{page.url}: {bericht.text}")

    page.on("console", console)
    return meldingen


def assert_geen_csp_schendingen(meldingen: list[str]) -> None:
    assert not meldingen, "Content-Security-Policy blocked something:\n" + "\n".join(meldingen)


@pytest.fixture
def page(browser, live_server):
    """A chromium page on the live server; fails the test if the CSP blocked anything."""
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    p = context.new_page()
    p.set_default_timeout(10_000)
    meldingen = bewaak_csp(p)
    yield p
    context.close()
    assert_geen_csp_schendingen(meldingen)


def assert_accessible(page) -> None:
    """Run axe-core on the current page; fail on any WCAG 2.x A/AA violation.

    axe is evaluated through the DevTools protocol: an injected <script> would be an inline
    script, which the page's Content-Security-Policy blocks.
    """
    page.evaluate(AXE_JS.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    violations = result["violations"]
    detail = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:5])
        for v in violations
    )
    assert not violations, f"axe-core found WCAG violations on {page.url}:\n{detail}"
