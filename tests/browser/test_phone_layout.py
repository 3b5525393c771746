"""The portal on a phone: no page wider than the screen at 320, 390 and 1280 px, the first result within the first
screen of a listing or the search at 390 px (filters in a disclosure), touch targets of at least 44 px, active filters
as removable chips, an offer's facts before its registration form, and the print stylesheet. Screenshots of every
page at every width go to artifacts/screenshots/layout-*.png."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import make_offer, make_provider
from tests.sitedata import build_resident_site

from .conftest import SCREENSHOT_QUALITY, SCREENSHOTS, module_site_fixtures, registrable_event
from .test_accessibility import page_types, public_forms

# The tests only read the site: it is built once for the module (see live_site_for_module).
pytestmark = [pytest.mark.browser]

WIDTHS = (320, 390, 1280)
LONG_NAME = "Förderverein der Grundschulbibliothek und Heimatstube Elsterwerda-Biehla-Kotschka e. V."

# Everything a finger has to hit: controls, navigation, chips, pagination, filter rows (their labels) and cards.
TARGETS_JS = """() => {
    const selectors = ["button", "select", "textarea", "summary",
        "input:not([type=hidden]):not([type=checkbox]):not([type=radio])",
        ".main-nav a", ".active-filters a", ".pagination a", ".calendar-nav a", ".entry-points a",
        ".site-footer nav a", ".detail-tools a", ".filter-actions a", ".card-title a"];
    const visible = el => {
        if (el.closest(".honeypot, .visually-hidden, [hidden]")) return false;
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden";
    };
    const describe = (el, r) => `${el.tagName.toLowerCase()} "${(el.textContent || el.name || el.id || "").trim().slice(0, 40)}" ${Math.round(r.width)}x${Math.round(r.height)}`;
    const small = [];
    const check = (el, box) => { if (box.height < 44 || box.width < 44) small.push(describe(el, box)); };
    for (const el of document.querySelectorAll(selectors.join(","))) {
        if (!visible(el)) continue;
        // a card's title link covers the whole card (::after), so the card is the target
        const box = el.matches(".card-title a") ? el.closest(".card").getBoundingClientRect() : el.getBoundingClientRect();
        check(el, box);
    }
    // checkboxes and radio buttons are hit through their label, which spans the row
    for (const el of document.querySelectorAll("main input[type=checkbox], main input[type=radio]")) {
        if (!visible(el) || !el.labels.length) continue;
        const label = el.labels[0].getBoundingClientRect(), own = el.getBoundingClientRect();
        const box = {width: Math.max(label.right, own.right) - Math.min(label.left, own.left),
                     height: Math.max(label.bottom, own.bottom) - Math.min(label.top, own.top)};
        check(el, box);
    }
    return small;
}"""


def build_phone_site() -> dict:
    """The resident site plus an event and a course that take registrations, and a provider with a very long name."""
    pages = build_resident_site()
    long_named = make_provider(
        name=LONG_NAME, slug="foerderverein-grundschulbibliothek", email="info@verein.example.org"
    )
    make_offer(
        "Plattdeutsch-Gesprächskreis",
        anbieter=long_named,
        ort="elsterwerda",
        is_free=True,
        teaser="Ein Kurs für alle, die Plattdeutsch sprechen oder lernen möchten.",
    )
    pages["computerkurs"] = make_offer(
        "Computerkurs für Einsteiger",
        anbieter=pages["kvhs"],
        ort="finsterwalde",
        zielgruppen=["erwachsene"],
        registration_mode="portal",
        capacity=8,
        venue_name="Stadtbibliothek",
        price=20,
        start_date=timezone.localdate() + datetime.timedelta(days=3),
    )
    pages["kurs"] = registrable_event(SimpleNamespace(pages=pages))
    return pages


module_site, module_browser, site, browser, forms_at_human_speed = module_site_fixtures(build_phone_site)


@pytest.fixture
def phone_site(site):
    return site


def every_page(site) -> list[tuple[str, str]]:
    today = timezone.localdate()
    pages = [(name, path) for name, path, _status in page_types(site)]
    pages += [(f"formular-{name}", path) for name, path, _button in public_forms(site)]
    pages += [
        ("kalender-monat", f"/veranstaltungen/{today.year}/{today.month}/"),
        ("kalender-woche", f"/veranstaltungen/{today.isocalendar()[0]}/woche/{today.isocalendar()[1]}/"),
        ("kalender-heute", "/veranstaltungen/heute/"),
        ("anbieter-langer-name", "/anbieter/foerderverein-grundschulbibliothek/"),
        ("suche-kurs", "/suche/?q=kurs"),
        ("merkzettel", "/merkzettel/"),
        ("programm-uebersicht", "/programm/"),
        ("programm-ort", "/programm/finsterwalde/"),
    ]
    return pages


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def test_no_public_page_or_form_is_wider_than_the_screen(page, phone_site):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    too_wide = {}
    for name, path in every_page(phone_site):
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 844 if width < 1000 else 900})
            page.goto(phone_site.url(path))
            extra = overflow(page)
            if extra > 0:
                too_wide[f"{name} @{width}"] = extra
            page.screenshot(
                path=str(SCREENSHOTS / f"layout-{name}-{width}.jpg"), full_page=True, quality=SCREENSHOT_QUALITY
            )
    assert too_wide == {}, f"pages wider than the screen (px too wide): {too_wide}"


@pytest.mark.parametrize(
    "path",
    ["/bildungsboerse/", "/veranstaltungen/", "/suche/?q=kurs", "/bildungsboerse/?zielgruppe=senioren&kostenlos=1"],
)
def test_first_result_starts_within_the_first_screen_on_a_phone(page, phone_site, path):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(phone_site.url(path))
    first_card = page.locator("main .card").first
    expect(first_card).to_be_visible()
    top = first_card.evaluate("el => el.getBoundingClientRect().top + window.scrollY")
    assert top <= 900, f"{path}: the first result starts {top:.0f}px from the top"
    # the filters are one tap away and say how many are active
    toggle = page.locator("summary.filter-toggle")
    expect(toggle).to_be_visible()
    expect(page.locator("[data-filter-panel] .filters fieldset").first).to_be_hidden()
    toggle.click()
    expect(page.locator("[data-filter-panel] .filters fieldset").first).to_be_visible()


def test_filter_count_and_removable_chips_on_a_listing(page, phone_site):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(phone_site.url("/bildungsboerse/?zielgruppe=senioren&kostenlos=1&ort=finsterwalde"))
    expect(page.locator("summary.filter-toggle")).to_have_text(re.compile(r"^Filter \(3 aktiv\)$"))
    chips = page.get_by_role("list", name="Aktive Filter")
    expect(chips).to_contain_text("Seniorinnen und Senioren")
    expect(chips).to_contain_text("kostenlos")
    chips.get_by_role("link", name=re.compile(r"^Finsterwalde")).click()
    expect(page).not_to_have_url(re.compile(r"ort=finsterwalde"))
    expect(page).to_have_url(re.compile(r"zielgruppe=senioren"))
    expect(page.locator("summary.filter-toggle")).to_have_text(re.compile(r"^Filter \(2 aktiv\)$"))
    # at desktop width the filters are simply open beside the results
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(page.get_by_role("button", name="Filter anwenden")).to_be_visible()


def test_search_filters_stay_as_the_resident_left_them_after_a_live_update(page, phone_site):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(phone_site.url("/suche/?zielgruppe=senioren"))
    expect(page.locator("summary.filter-toggle")).to_have_text(re.compile(r"^Filter \(1 aktiv\)$"))
    page.locator("summary.filter-toggle").click()
    page.get_by_label(re.compile(r"^Finsterwalde")).check()
    expect(page.locator("#results-heading")).to_have_text("2 Treffer")
    expect(page.locator("summary.filter-toggle")).to_have_text(re.compile(r"^Filter \(2 aktiv\)$"))
    expect(page.get_by_label(re.compile(r"^Finsterwalde"))).to_be_visible()  # still open after the update


@pytest.mark.parametrize(
    "name",
    [
        "/",
        "/bildungsboerse/?zielgruppe=senioren",
        "/suche/?zielgruppe=senioren",
        "smartphone",
        "kurs",
        "/veranstaltungen/",
        "/zugang/beantragen/",
        "/newsletter/",
    ],
)
def test_touch_targets_are_at_least_44_px_on_a_phone(page, phone_site, name):
    path = phone_site.pages[name].url if name in phone_site.pages else name
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(phone_site.url(path))
    for panel in page.locator("summary.filter-toggle").all():
        panel.click()  # the filter rows are measured open
    assert page.evaluate(TARGETS_JS) == [], f"{path}: targets smaller than 44 px"


def test_an_offers_facts_come_before_its_registration_form_on_a_phone(page, phone_site):
    offer = phone_site.pages["computerkurs"]
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(phone_site.url(offer.url))
    facts = page.get_by_role("complementary", name="Auf einen Blick")
    form_top = page.locator("#anmeldung").evaluate("el => el.getBoundingClientRect().top")
    facts_top = facts.evaluate("el => el.getBoundingClientRect().top")
    assert facts_top < form_top
    page.set_viewport_size({"width": 1280, "height": 900})  # side by side on a wide screen
    facts_box, form_box = facts.bounding_box(), page.locator("#anmeldung").bounding_box()
    assert facts_box["x"] > form_box["x"] + form_box["width"] - 1


def test_print_stylesheet_applies_to_an_event(page, phone_site):
    page.goto(phone_site.url(phone_site.pages["tanz"].url))
    screen_size = page.evaluate("getComputedStyle(document.body).fontSize")
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.body).fontSize") == "16px"  # 12 pt
    assert screen_size == "18px"
    assert page.evaluate("getComputedStyle(document.querySelector('.main-nav')).display") == "none"
    h1 = float(page.evaluate("parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)"))
    assert abs(h1 - 22 * 4 / 3) < 0.1  # 22 pt
    facts = page.get_by_role("complementary", name="Auf einen Blick")
    expect(facts).to_be_visible()
    page.emulate_media(media="screen")


def test_large_print_programme_gets_its_styles_under_the_content_security_policy(page, phone_site):
    """Its styles come from a file now: the policy blocked the inline <style> (any violation fails the test)."""
    page.goto(phone_site.url("/programm/finsterwalde/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Programm für Finsterwalde")
    assert abs(page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") - 20 * 4 / 3) < 0.1  # 20 pt
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.print-hint')).display") == "none"


def markers(page) -> int:
    return page.evaluate("document.querySelectorAll('#ergebniskarte .leaflet-marker-icon').length")


def test_search_map_follows_the_live_search_results(page, phone_site):
    page.goto(phone_site.url("/suche/?zielgruppe=senioren"))
    page.get_by_role("button", name="Ergebnisse auf der Karte zeigen").click()
    # (no wait_for_function: it evaluates a string in the page, which the Content-Security-Policy forbids)
    expect(page.locator("#ergebniskarte[data-markers]")).to_have_count(1)
    before = markers(page)
    expected_before = page.evaluate(
        "fetch('/api/v2/search/geojson/?zielgruppe=senioren').then(r => r.json()).then(d => d.features.length)"
    )
    assert before == expected_before and before > 2
    page.get_by_label(re.compile(r"^Finsterwalde")).check()
    expect(page.locator("#results-heading")).to_have_text("2 Treffer")
    expected_after = page.evaluate(
        "fetch('/api/v2/search/geojson/?zielgruppe=senioren&ort=finsterwalde')"
        ".then(r => r.json()).then(d => d.features.length)"
    )
    assert 0 < expected_after < before
    expect(page.locator("#ergebniskarte .leaflet-marker-icon")).to_have_count(expected_after)
    assert "ort=finsterwalde" in page.evaluate("document.querySelector('#ergebniskarte').dataset.geojsonUrl")


def test_merkzettel_keeps_offers_on_the_device_without_an_account(page, phone_site):
    offer = phone_site.pages["smartphone"]
    page.goto(phone_site.url(offer.url))
    button = page.get_by_role("button", name=re.compile(r"^Merken: Smartphone-Sprechstunde"))
    button.click()
    expect(page.get_by_role("button", name=re.compile(r"^Gemerkt: Smartphone-Sprechstunde"))).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.get_by_role("link", name="Merkzettel (1)")).to_be_visible()
    page.get_by_role("link", name="Merkzettel (1)").click()
    expect(page).to_have_url(re.compile(r"/merkzettel/$"))
    saved = page.locator("[data-bookmark-list]")
    expect(saved.get_by_role("link", name=offer.title)).to_have_attribute("href", offer.url)
    page.reload()  # kept in the browser (localStorage), nothing on the server
    saved.get_by_role("button", name=re.compile(r"^Entfernen: ")).click()
    expect(saved.get_by_role("link")).to_have_count(0)
    expect(page.get_by_text("Ihr Merkzettel ist leer.")).to_be_visible()
