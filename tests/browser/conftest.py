"""Real-browser tests: Playwright for Python driving Debian's Chromium (no browser download) against
pytest-django's live server. `make test` installs chromium-headless-shell (apt) and axe-core (npm) before it runs them.

Every page a test opens is watched: a Content-Security-Policy violation, an uncaught JavaScript error or
a failed sub-resource (script, style, image, fetch) fails the test.
"""

import datetime
import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone
from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer

from tests.factories import make_event
from tests.sitedata import build_resident_site

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "artifacts" / "screenshots"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
# Chromium's headless shell (Debian's chromium-headless-shell: the same engine as its chromium, without the
# desktop browser around it; what Playwright itself runs headless) used about half the CPU of the full browser
CHROMIUM = (
    os.environ.get("CHROMIUM_PATH")
    or shutil.which("chromium-headless-shell")
    or shutil.which("chromium")
    or "/usr/bin/chromium-headless-shell"
)
CHROMIUM_ARGS = [
    "--lang=de-DE",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def browser(site):
    """A fresh Chromium per test, started after the test's data is in place.

    Playwright's sync API switches greenlets; Django's connection handling, and with it the test
    database's serialized rollback, must not run inside a Playwright session, so the browser lives
    only for the test body (a session-wide browser broke the rollback after other live-server tests).
    """
    with chromium() as launched:
        yield launched


@contextmanager
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `make test` (installs the Debian package chromium-headless-shell)."
        )
    # Playwright's sync API keeps an event loop in this thread; the tests' ORM calls stay synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        # Playwright gives every launch a fresh temporary profile (--user-data-dir) and adds --headless.
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()
        connections.close_all()  # the test body's connections, so that the test database can be dropped
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@dataclass
class PageProblems:
    csp: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    failed: list = field(default_factory=list)

    def watch(self, page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("requestfailed", self._request_failed)
        page.on("response", self._response)

    def _request_failed(self, request) -> None:
        # Leaving a page cancels what it still loads (a map's marker images): net::ERR_ABORTED is no failure.
        # A missing file still fails the test through its 404 (_response), a blocked one through the CSP report.
        if request.failure != "net::ERR_ABORTED":
            self.failed.append(f"{request.url} {request.failure}")

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.csp.append(message.text)

    def _response(self, response) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            self.failed.append(f"{response.status} {response.url}")

    def assert_none(self) -> None:
        assert not self.csp, f"Content-Security-Policy violations: {self.csp}"
        assert not self.errors, f"JavaScript errors: {self.errors}"
        assert not self.failed, f"failed requests: {self.failed}"


@pytest.fixture
def site(live_server):
    """The live server with a small complete portal; ``site.url(path)`` is an absolute address."""

    class Site:
        pages = build_resident_site()

        @staticmethod
        def url(path: str) -> str:
            return f"{live_server.url}{path}"

    return Site


@dataclass
class SharedSite:
    """A live site shared by the tests of one module (``site.url(path)`` as for ``site``)."""

    pages: dict
    base_url: str

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"


@contextmanager
def live_site_for_module(django_db_blocker, build):
    """The portal plus what ``build()`` returns, committed, served by a live server of its own for one module.

    For modules whose tests only read the site: a per-test live site flushes the database after every test, and
    the next one deserializes the portal, builds its pages again and launches Chromium (~8 s each). Here that
    happens once (with one browser for the module; each test still gets a fresh context, that is, an
    empty profile). The tests are no database tests for pytest-django (they run after those) and reach the
    database through this server and with the blocker lifted (``module_site_fixtures``). At the end the database
    is the set-up portal again, as after a transactional test.
    """
    with django_db_blocker.unblock():
        _reset_to_portal()
        pages = build()
    server = LiveServer("localhost")
    server._live_server_modified_settings.enable()
    try:
        yield SharedSite(pages, server.url)
    finally:
        server._live_server_modified_settings.disable()
        server.stop()
        with django_db_blocker.unblock():
            _reset_to_portal()
            connections.close_all()


def module_site_fixtures(build):
    """``site``, ``browser`` and ``forms_at_human_speed`` for a module whose tests only read the site: one live
    site (see ``live_site_for_module``) and one Chromium for the whole module. Use as
    ``module_site, module_browser, site, browser, forms_at_human_speed = module_site_fixtures(build)``."""

    @pytest.fixture(scope="module")
    def module_site(django_db_setup, django_db_blocker):
        with live_site_for_module(django_db_blocker, build) as site:
            yield site

    @pytest.fixture(scope="module")
    def module_browser(module_site):
        with chromium() as launched:
            yield launched

    @pytest.fixture
    def site(module_site, django_db_blocker):
        with django_db_blocker.unblock():
            yield module_site

    @pytest.fixture
    def browser(site, module_browser):
        """Every test still gets a fresh context of it (``page``), that is, an empty profile."""
        return module_browser

    @pytest.fixture
    def forms_at_human_speed(settings, site):
        settings.SPAM_MIN_SECONDS = 0
        settings.WAGTAILADMIN_BASE_URL = site.base_url

    return module_site, module_browser, site, browser, forms_at_human_speed


def _reset_to_portal() -> None:
    """Empty the database and load the serialized portal, as a transactional test with serialized rollback does."""
    call_command("flush", verbosity=0, interactive=False, reset_sequences=False, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(connection._test_serialized_contents)


@pytest.fixture
def forms_at_human_speed(settings, live_server):
    """Public forms refuse what is sent sooner than ``SPAM_MIN_SECONDS`` after rendering (security/spam.py,
    tested in tests/residents/test_spam.py); a browser fills them in milliseconds, so that check is off here.
    Links in mails lead to the live server, so that the browser can follow them as they are."""
    settings.SPAM_MIN_SECONDS = 0
    settings.WAGTAILADMIN_BASE_URL = live_server.url


def registrable_event(site, capacity: int = 2):
    """An upcoming event of the AWO that takes registrations through the portal."""
    return make_event(
        "Erste Hilfe am Kind",
        anbieter=site.pages["awo"],
        ort="finsterwalde",
        zielgruppen=["familien"],
        lebenslagen=["familie-kinder"],
        teaser="Was tun, wenn das Kind sich verletzt? Ein Kurs für Eltern und Großeltern.",
        start=timezone.now() + datetime.timedelta(days=6),
        venue_name="Familienzentrum",
        is_free=True,
        registration_mode="portal",
        capacity=capacity,
        contact_email="kurse@awo.example.org",
    )


def open_context(browser, problems: PageProblems, **options):
    context = browser.new_context(viewport=DESKTOP, locale="de-DE", **options)
    context.set_default_timeout(10_000)
    context.on("page", problems.watch)
    return context


@pytest.fixture
def problems():
    return PageProblems()


@pytest.fixture
def page(browser, problems):
    context = open_context(browser, problems)
    yield context.new_page()
    context.close()
    problems.assert_none()


@pytest.fixture
def page_without_js(browser, problems):
    context = open_context(browser, problems, java_script_enabled=False)
    yield context.new_page()
    context.close()
    problems.assert_none()


def focus_by_tab(page, selector: str, limit: int = 40) -> int:
    """Press Tab until the focused element matches ``selector``; returns how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return presses
    pytest.fail(f"{selector} not reachable with the Tab key in {limit} steps")


# JPEG: a long page's full-page PNG took Chromium about a third of a second, a JPEG about a fifth
SCREENSHOT_QUALITY = 80


def screenshot(page, name: str) -> None:
    """Full-page screenshots at phone and desktop width into artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.jpg"), full_page=True, quality=SCREENSHOT_QUALITY)
    page.set_viewport_size(DESKTOP)


def run_axe(page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA and best-practice rules on the current page; violations as plain dicts.

    The script is evaluated through the DevTools protocol, which the page's Content-Security-Policy does
    not restrict, so the page is tested under its real policy.
    """
    if not AXE.exists():
        pytest.fail(f"{AXE} missing: run `make test` (installs axe-core with npm ci).")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text())
    assert page.evaluate("() => axe.version").startswith("4."), "axe-core did not load"
    return page.evaluate("""async () => {
        const results = await axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
            resultTypes: ["violations"],
        });
        return results.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                             nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5)}));
    }""")
