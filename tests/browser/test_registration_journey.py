"""A resident registers for an event in a real browser, reads the confirmation mail, cancels with its link,
and the next person on the waiting list moves up; the same registration by keyboard only."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from anmeldung import services
from anmeldung.models import Registration

from .conftest import focus_by_tab, registrable_event, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NAME = re.compile(r"^Vor- und Nachname")
EMAIL = re.compile(r"^E-Mail\b")
CONSENT = re.compile(r"^Ich bin mit der Speicherung meiner Angaben")


def mail_to(address: str, subject_part: str):
    [message] = [m for m in mail.outbox if m.to == [address] and subject_part in m.subject]
    return message


def cancel_link(message) -> str:
    match = re.search(r"(http://\S+/anmeldung/abmelden/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def expect_field_error(page, label, message: str) -> None:
    """The input is marked invalid and its error message is part of its accessible description."""
    field = page.get_by_label(label)
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(re.compile(re.escape(message)))


def test_resident_registers_sees_errors_and_cancels_by_the_mailed_link(page, site, forms_at_human_speed):
    event = registrable_event(site, capacity=2)
    [slot] = services.open_slots(event)
    services.register(slot, name="Erika Beispiel", email="erika@example.org")  # one of the two seats is taken

    page.goto(site.url(event.url))
    box = page.get_by_role("region", name="Anmeldung")
    expect(box).to_contain_text("1 von 2 Plätzen frei")
    screenshot(page, "anmeldung-formular")

    # Sent empty: German messages, each linked to its field, the summary links to the fields.
    box.get_by_role("button", name="Verbindlich anmelden").click()
    expect(page).to_have_url(site.url(f"/anmeldung/{event.pk}/"))
    expect(page).to_have_title(re.compile(r"^Fehler: Anmeldung: Erste Hilfe am Kind"))
    summary = page.get_by_role("alert")
    expect(summary.get_by_role("heading")).to_have_text("Bitte prüfen Sie Ihre Angaben")
    expect(summary.get_by_role("link")).to_have_text(
        [
            "Bitte geben Sie Ihren Namen an.",
            "Bitte geben Sie Ihre E-Mail-Adresse an.",
            "Bitte stimmen Sie der Verarbeitung Ihrer Angaben zu.",
        ]
    )
    expect_field_error(page, NAME, "Bitte geben Sie Ihren Namen an.")
    expect_field_error(page, EMAIL, "Bitte geben Sie Ihre E-Mail-Adresse an.")
    expect_field_error(page, CONSENT, "Bitte stimmen Sie der Verarbeitung Ihrer Angaben zu.")
    expect(page.get_by_label(re.compile(r"^Telefon"))).not_to_have_attribute("aria-invalid", "true")
    summary.get_by_role("link", name="Bitte geben Sie Ihren Namen an.").click()
    expect(page).to_have_url(re.compile(r"#id_name-feld$"))
    screenshot(page, "anmeldung-fehler")

    # A mistyped address: only that error is left, what was entered stays.
    page.get_by_label(NAME).fill("Ilse Muster")
    page.get_by_label(EMAIL).fill("ilse.muster@")
    page.get_by_label(CONSENT).check()
    page.get_by_role("button", name="Verbindlich anmelden").click()
    expect_field_error(page, EMAIL, "Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de.")
    expect(page.get_by_label(NAME)).to_have_value("Ilse Muster")
    expect(page.get_by_label(NAME)).not_to_have_attribute("aria-invalid", "true")
    assert not Registration.objects.filter(name="Ilse Muster").exists()

    page.get_by_label(EMAIL).fill("ilse.muster@example.org")
    page.get_by_label(re.compile(r"^Anzahl Personen")).fill("1")
    page.get_by_label(re.compile(r"^Nachricht an den Anbieter")).fill("Ich bringe meine Enkelin mit.")
    page.get_by_role("button", name="Verbindlich anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sie sind angemeldet")
    expect(page.locator("main")).to_contain_text("Ihr Platz für „Erste Hilfe am Kind")
    expect(page.locator("main")).to_contain_text(
        "Wir haben Ihnen eine Bestätigung an ilse.muster@example.org gesendet."
    )
    screenshot(page, "anmeldung-bestaetigt")
    registration = Registration.objects.get(email="ilse.muster@example.org")
    assert (registration.status, registration.people, registration.note) == (
        Registration.Status.CONFIRMED,
        1,
        "Ich bringe meine Enkelin mit.",
    )

    # The course is full now: the next person waits.
    waiting = services.register(slot, name="Paul Wartend", email="paul@example.org")
    assert waiting.status == Registration.Status.WAITING

    # The confirmation mail carries the link to cancel; the browser follows it.
    confirmation = mail_to("ilse.muster@example.org", "Anmeldung bestätigt")
    assert "Ihre Anmeldung ist bestätigt" in confirmation.body
    link = cancel_link(confirmation)
    assert link.startswith(site.url("/anmeldung/abmelden/"))
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmeldung stornieren")
    expect(page.locator("main")).to_contain_text("Möchten Sie Ihre Anmeldung für „Erste Hilfe am Kind")
    screenshot(page, "anmeldung-stornieren")
    page.get_by_role("button", name="Ja, Anmeldung stornieren").click()
    expect(page.locator("main")).to_contain_text("ist storniert. Vielen Dank, dass Sie Bescheid gegeben haben.")
    screenshot(page, "anmeldung-storniert")

    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED and registration.cancelled_at is not None
    assert waiting.status == Registration.Status.CONFIRMED  # Paul moved up into the free seat
    assert "Erste Hilfe am Kind" in mail_to("paul@example.org", "Ein Platz ist frei geworden").body
    mail_to("ilse.muster@example.org", "Abmeldung bestätigt")

    # The link is spent.
    page.goto(link)
    expect(page.get_by_role("alert")).to_have_text("Diese Anmeldung ist bereits storniert.")
    expect(page.get_by_role("button", name="Ja, Anmeldung stornieren")).to_have_count(0)


def test_registration_by_keyboard_only(page, site, forms_at_human_speed):
    event = registrable_event(site)
    page.goto(site.url(event.url))
    focus_by_tab(page, "#id_name", limit=80)
    page.keyboard.type("Karl Tastatur")
    page.keyboard.press("Tab")
    expect(page.locator("#id_email")).to_be_focused()
    page.keyboard.type("karl@example.org")
    focus_by_tab(page, "#id_personen")
    page.keyboard.press("ArrowUp")  # two people
    focus_by_tab(page, "#id_einwilligung")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none", (
        "keyboard focus must be visible"
    )
    page.keyboard.press("Space")
    expect(page.locator("#id_einwilligung")).to_be_checked()
    focus_by_tab(page, "button[type=submit]")
    expect(page.locator(":focus")).to_have_text("Verbindlich anmelden")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sie sind angemeldet")
    expect(page.locator("main")).to_contain_text("(2 Personen)")
    registration = Registration.objects.get(email="karl@example.org")
    assert (registration.name, registration.people, registration.status) == (
        "Karl Tastatur",
        2,
        Registration.Status.CONFIRMED,
    )

    # The cancellation page works by keyboard, too.
    page.goto(cancel_link(mail_to("karl@example.org", "Anmeldung bestätigt")))
    focus_by_tab(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("ist storniert")
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
