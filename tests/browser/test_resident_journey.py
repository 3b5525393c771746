"""A resident looks for something for Seniorinnen und Senioren in Finsterwalde, in a real browser:
with JavaScript (results update in place), without JavaScript (plain form submits) and by keyboard only."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import focus_by_tab, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

OFFER = "Smartphone-Sprechstunde für Seniorinnen und Senioren"


def results_heading(page):
    return page.locator("#results-heading")


def follow_senioren_entry_point(page, site):
    page.goto(site.url("/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("3L – Lebenslanges Lernen Elbe-Elster")
    page.get_by_role("link", name="Seniorinnen und Senioren", exact=True).click()
    expect(page).to_have_url(re.compile(r"/suche/\?zielgruppe=senioren$"))
    # offers, events and the article for Seniorinnen und Senioren, not the Deutschkurs or the Ferienprogramm
    expect(results_heading(page)).to_have_text("6 Treffer")


def read_offer(page, site):
    page.get_by_role("link", name=OFFER).click()
    expect(page).to_have_url(site.url(site.pages["smartphone"].url))
    expect(page.get_by_role("heading", level=1)).to_have_text(OFFER)
    facts = page.get_by_role("complementary", name="Auf einen Blick")
    expect(facts).to_contain_text("Kreisvolkshochschule Elbe-Elster")
    expect(facts).to_contain_text("Stadtbibliothek")
    expect(facts).to_contain_text("kostenlos")
    expect(facts.get_by_role("link", name="kurse@kvhs.example.org")).to_have_attribute(
        "href", "mailto:kurse@kvhs.example.org"
    )
    expect(page.locator("main")).to_contain_text("Bringen Sie Ihr eigenes Gerät mit")


def test_resident_narrows_the_search_with_facets_without_page_reloads(page, site):
    follow_senioren_entry_point(page, site)
    screenshot(page, "suche-zielgruppe")
    page.evaluate("window.__stillTheSamePage = true")

    page.get_by_label(re.compile(r"^Finsterwalde")).check()
    expect(page).to_have_url(re.compile(r"zielgruppe=senioren.*ort=finsterwalde|ort=finsterwalde.*zielgruppe=senioren"))
    expect(results_heading(page)).to_have_text("2 Treffer")  # the Sprechstunde and the Seniorentanz
    page.get_by_label(re.compile(r"^Digitales Leben")).check()
    expect(results_heading(page)).to_have_text("1 Treffer")
    expect(page).to_have_url(re.compile(r"lebenslage=digitales-leben"))
    assert page.evaluate("window.__stillTheSamePage") is True, "the results must update without a full reload"
    expect(page.get_by_label(re.compile(r"^Digitales Leben"))).to_be_checked()
    expect(page.get_by_role("list", name="Aktive Filter")).to_contain_text("Finsterwalde")
    screenshot(page, "suche-mit-facetten")

    read_offer(page, site)
    screenshot(page, "angebot")


def test_the_same_journey_works_without_javascript(page_without_js, site):
    page = page_without_js
    follow_senioren_entry_point(page, site)
    page.get_by_label(re.compile(r"^Finsterwalde")).check()
    page.get_by_label(re.compile(r"^Digitales Leben")).check()
    page.get_by_role("button", name="Filter anwenden").click()
    expect(page).to_have_url(re.compile(r"ort=finsterwalde"))
    expect(results_heading(page)).to_have_text("1 Treffer")
    expect(page.get_by_label(re.compile(r"^Digitales Leben"))).to_be_checked()
    read_offer(page, site)


def test_search_by_keyboard_only(page, site):
    page.goto(site.url("/"))
    focus_by_tab(page, "a.skip-link")
    expect(page.locator("a.skip-link")).to_be_visible()  # the skip link shows itself when focused
    focus_by_tab(page, "input[type=search]")
    page.keyboard.type("Smartphone")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/suche/\?q=Smartphone"))
    expect(results_heading(page)).to_contain_text("Treffer für „Smartphone“")

    focus_by_tab(page, "#search-app input[type=checkbox]")
    focused = page.evaluate("document.activeElement.id")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "keyboard focus must be visible"
    page.keyboard.press("Space")
    expect(page.locator(f"#{focused}")).to_be_checked()
    expect(page.locator(f"#{focused}")).to_be_focused()  # focus stays where it was after the live update
    facet, value = focused.split("-", 2)[1:]
    expect(page).to_have_url(re.compile(rf"{facet}={value}"))
    screenshot(page, "suche-tastatur")
