"""The Content-Security-Policy in a real browser: the admin works under its own policy (editing, live
preview in a same-origin iframe), the editors' userbar works on public pages, and a script that somehow
got into stored content does not run."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from search.indexing import update_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "redaktion-sehr-geheim-2026"


def log_in(page, site):
    get_user_model().objects.create_superuser("redaktion", "redaktion@example.org", PASSWORD)
    page.goto(site.url("/admin/login/"))
    page.locator("#id_username").fill("redaktion")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page).to_have_url(site.url("/admin/"))


def test_editor_edits_and_previews_an_offer_under_the_admin_policy(page, site):
    log_in(page, site)
    offer = site.pages["smartphone"]
    page.goto(site.url(f"/admin/pages/{offer.pk}/edit/"))
    expect(page.locator("#id_teaser")).to_have_value(offer.teaser)
    page.locator("[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text(offer.title, timeout=15_000)

    page.goto(site.url(offer.url))  # the public page with the editors' userbar
    expect(page.locator("wagtail-userbar")).to_have_count(1)
    page.locator("wagtail-userbar").locator("[data-wagtail-userbar-trigger]").click()
    expect(page.locator("wagtail-userbar").get_by_role("menuitem", name=re.compile("Seite bearbeiten"))).to_be_visible()


def test_injected_script_in_stored_content_is_blocked_by_the_policy(browser, site):
    """Defence in depth: even raw HTML that bypassed the editor's whitelist (e.g. a database import) can't run."""
    offer = site.pages["sturz"]
    offer.body = [
        {
            "type": "paragraph",
            "value": "<p>Hallo<script>window.__xss = 1</script>"
            '<img src="/static/fehlt.png" onerror="window.__xss = 2"></p>',
        }
    ]
    offer.save_revision().publish()
    update_pages([offer])
    context = browser.new_context()
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.goto(site.url(offer.url))
    page.wait_for_load_state("load")
    assert page.evaluate("window.__xss") is None
    assert len(violations) >= 2, violations  # the inline script and the inline event handler were refused
    context.close()
