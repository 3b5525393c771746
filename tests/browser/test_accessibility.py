"""axe-core on every public page type, in error states and after the search updated itself:
no violation of impact "serious" or "critical" (BITV 2.0 = WCAG 2.1 AA). Screenshots of the forms' error states;
test_phone_layout.py takes those of every page and form as it opens, at every width (layout-*.jpg)."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from anmeldung import services
from anmeldung.tokens import cancel_token
from feedback.tokens import rating_token
from tests.sitedata import build_resident_site

from .conftest import DESKTOP, PHONE, module_site_fixtures, registrable_event, run_axe, screenshot

# The tests only read the site (the forms are sent empty): it is built once for the module.
pytestmark = [pytest.mark.browser]
module_site, module_browser, site, browser, forms_at_human_speed = module_site_fixtures(build_resident_site)

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
        for width, size in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(size)
            problems = blocking(run_axe(page))
            if problems:
                found[f"{name} ({width})"] = problems
        page.set_viewport_size(DESKTOP)
    assert found == {}, f"axe-core found serious or critical violations: {found}"


def public_forms(site) -> list[tuple[str, str, str | None]]:
    """(name, path, submit button) of every form residents and organisations fill in; None: no error state."""
    event = registrable_event(site)
    [slot] = services.open_slots(event)
    registration = services.register(slot, name="Erika Beispiel", email="erika@example.org")
    return [
        ("anmeldung", f"/anmeldung/{event.pk}/", "Verbindlich anmelden"),
        ("anmeldung-stornieren", reverse("anmeldung:cancel", args=[cancel_token(registration)]), None),
        ("bewertung", f"/bewertung/{rating_token(registration)}/", "Bewertung absenden"),
        ("newsletter", "/newsletter/", "Newsletter bestellen"),
        ("was-fehlt", "/was-fehlt/", "Wunsch absenden"),
        ("zugang-beantragen", "/zugang/beantragen/", "Zugang beantragen"),
        ("daten-loeschen", "/anmeldung/daten-loeschen/", "Link zum Löschen anfordern"),
    ]


def error_association_problems(page) -> list[str]:
    """Invalid inputs whose error message is not part of their description, and error messages no input refers to."""
    return page.evaluate("""() => {
        const problems = [];
        const described = new Set();
        for (const input of document.querySelectorAll("main [aria-invalid=true]")) {
            const ids = (input.getAttribute("aria-describedby") || "").split(/\\s+/).filter(Boolean);
            ids.forEach(id => described.add(id));
            const errors = ids.map(id => document.getElementById(id)).filter(el => el && el.classList.contains("field-error"));
            if (!errors.length || !errors.every(el => el.textContent.trim())) problems.push(`${input.name}: no error message linked`);
        }
        for (const error of document.querySelectorAll("main .field-error")) {
            if (!described.has(error.id)) problems.push(`${error.id}: not linked to an input`);
        }
        for (const link of document.querySelectorAll(".error-summary a[href^='#']")) {
            if (!document.getElementById(link.hash.slice(1))) problems.push(`${link.hash}: summary link without target`);
        }
        return problems;
    }""")


def test_every_public_form_and_its_error_state_is_accessible(page, site, forms_at_human_speed):
    """The forms as they open and after an empty submission: German errors linked to their fields, no serious
    axe-core violation at desktop and phone width."""
    found = {}
    for name, path, button in public_forms(site):
        states = [(name, lambda path=path: page.goto(site.url(path)))]
        if button:
            states.append(
                (
                    f"{name}-fehler",
                    lambda button=button: page.locator("main").get_by_role("button", name=button).click(),
                )
            )
        for state, action in states:
            action()
            if state.endswith("-fehler"):
                expect(page).to_have_title(re.compile(r"^Fehler: "))
                expect(page.get_by_role("alert")).to_contain_text("Bitte prüfen Sie Ihre Angaben")
                assert error_association_problems(page) == [], state
                expect(page.locator("main [aria-invalid=true]").first).to_be_attached()
                screenshot(page, f"formular-{state}")
            for width, size in (("desktop", DESKTOP), ("phone", PHONE)):
                page.set_viewport_size(size)
                problems = blocking(run_axe(page))
                if problems:
                    found[f"{state} ({width})"] = problems
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
