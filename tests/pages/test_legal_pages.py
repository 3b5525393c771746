"""Impressum and Datenschutz start as real pages the service office completes in the admin: the privacy notice
lists every processing the portal does with purpose, legal basis, retention and recipients, and the rights
(DSGVO Art. 13); set-up fills empty pages only and never overwrites the office's edits."""

from home.models import StandardPage
from portal.setup import set_up_portal

PROCESSINGS = [
    "Anmeldung zu Angeboten und Veranstaltungen",
    "Newsletter",
    "Bewertungen",
    "Was fehlt Ihnen?",
    "Suche",
    "Zugang für Anbieter",
    "Server-Protokolle",
]


def test_privacy_page_lists_every_processing_with_purpose_basis_retention_and_rights(client, portal, settings):
    html = client.get("/datenschutz/").content.decode()
    for processing in PROCESSINGS:
        assert processing in html, processing
    for item in ("Zweck:", "Rechtsgrundlage:", "Speicherdauer:", "Empfänger:"):
        assert html.count(item) == len(PROCESSINGS), item
    assert f"{settings.ANMELDUNG_RETENTION_DAYS} Tage nach dem letzten Termin" in html
    for right in ("Art. 15 DSGVO", "Art. 17 DSGVO", "Art. 21 DSGVO", "Beschwerderecht", "Verantwortlicher"):
        assert right in html, right
    assert "[bitte ergänzen]" in html  # what only the office can fill in is marked


def test_imprint_names_the_district_and_asks_for_the_missing_details(client, portal):
    html = client.get("/impressum/").content.decode()
    assert "Angaben gemäß § 5 Digitale-Dienste-Gesetz" in html and "Ludwig-Jahn-Straße 2" in html
    assert "[bitte ergänzen]" in html


def test_setup_never_overwrites_what_the_office_wrote(client, portal):
    page = StandardPage.objects.get(slug="datenschutz")
    page.body = [{"type": "paragraph", "value": "<p>Vom Servicebüro geprüfte Fassung.</p>"}]
    page.save_revision().publish()
    set_up_portal()
    html = client.get("/datenschutz/").content.decode()
    assert "Vom Servicebüro geprüfte Fassung." in html and "Rechtsgrundlage:" not in html
