"""axe-core on every public page type, in error states and after the search updated itself:
no violation of impact "serious" or "critical" (BITV 2.0 = WCAG 2.1 AA). Screenshots of each page type."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE, run_axe, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BLOCKING = ("serious", "critical")


def page_types(site) -> list[tuple[str, str, int]]:
    """(name, path, expected status) of every kind of page residents can reach."""
    pages = site.pages
    return [
        ("startseite", "/", 200),
        ("bildungsboerse", "/bildungsboerse/", 200),
        ("bildungsboerse-gefiltert", "/bildungsboerse/?zielgruppe=senioren&kostenlos=1", 200),
        ("angebot", pages["smartphone"].url, 200),
        ("kalender", "/veranstaltungen/", 200),
        ("veranstaltung", pages["tanz"].url, 200),
        ("aktuelles", "/aktuelles/", 200),
        ("beitrag", pages["rufbus"].url, 200),
        ("inhaltsseite-barrierefreiheit", "/barrierefreiheit/", 200),
        ("anbieter-liste", "/anbieter/", 200),
        ("anbieter", "/anbieter/kvhs/", 200),
        ("suche-facetten", "/suche/?zielgruppe=senioren&ort=finsterwalde&lebenslage=digitales-leben", 200),
        ("suche-umkreis", "/suche/?q=Kurs&ort=herzberg-elster&umkreis=20&sortierung=entfernung", 200),
        ("suche-ohne-treffer", "/suche/?q=Tiefseetauchen&zielgruppe=kinder", 200),
        ("suche-fehler", "/suche/?von=gestern", 400),
        ("liste-filterfehler", "/bildungsboerse/?ort=atlantis", 400),
        ("nicht-gefunden", "/gibt-es-nicht/", 404),
        ("anmeldung-redaktion", "/admin/login/", 200),
    ]


def blocking(violations: list[dict]) -> list[dict]:
    return [violation for violation in violations if violation["impact"] in BLOCKING]


def test_every_public_page_type_has_no_serious_accessibility_violation(page, site):
    found = {}
    for name, path, status in page_types(site):
        response = page.goto(site.url(path))
        assert response.status == status, f"{name}: {response.status}"
        screenshot(page, name)
        for width, size in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(size)
            problems = blocking(run_axe(page))
            if problems:
                found[f"{name} ({width})"] = problems
        page.set_viewport_size(DESKTOP)
    assert found == {}, f"axe-core found serious or critical violations: {found}"


def test_search_stays_accessible_after_updating_itself(page, site):
    page.goto(site.url("/suche/?zielgruppe=senioren"))
    page.get_by_label(re.compile(r"^Finsterwalde")).check()
    expect(page.locator("#results-heading")).to_have_text("2 Treffer")
    page.get_by_label("Umkreis um den gewählten Ort").select_option("20")
    expect(page).to_have_url(re.compile(r"umkreis=20"))
    assert blocking(run_axe(page)) == []


def test_pages_stay_usable_at_400_percent_zoom(page, site):
    """WCAG 1.4.10 reflow: at 320 CSS pixels wide nothing needs horizontal scrolling."""
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ["/", site.pages["smartphone"].url, "/suche/?zielgruppe=senioren"]:
        page.goto(site.url(path))
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px width"
