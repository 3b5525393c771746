"""The Impressum and the Datenschutzhinweise (DSGVO Art. 13) the portal starts with.

setup_portal writes them into /impressum/ and /datenschutz/ while those pages are still empty; the service
office completes them in the admin (the marked gaps: names, the data protection officer, the hosting's log
period) and keeps them up to date. Every processing the portal does is listed, with purpose, legal basis,
retention and recipients; retention periods come from the settings in force.
"""

from django.conf import settings
from django.utils.html import escape

from .body import bullets as _ul
from .body import heading as _h
from .body import paragraphs as _p

IMPRINT_SLUG = "impressum"
PRIVACY_SLUG = "datenschutz"
TO_COMPLETE = "<b>[bitte ergänzen]</b>"


def _notice(title: str, text: str) -> dict:
    return {"type": "notice", "value": {"title": title, "text": f"<p>{text}</p>"}}


def _processing(title: str, *, what: str, purpose: str, basis: str, retention: str, recipients: str) -> list[dict]:
    return [
        _h(title),
        _ul(
            f"<b>Welche Daten:</b> {what}",
            f"<b>Zweck:</b> {purpose}",
            f"<b>Rechtsgrundlage:</b> {basis}",
            f"<b>Speicherdauer:</b> {retention}",
            f"<b>Empfänger:</b> {recipients}",
        ),
    ]


def imprint_body() -> list[dict]:
    email = escape(settings.SERVICE_OFFICE_EMAIL)
    return [
        _notice(
            "Vom Servicebüro zu vervollständigen",
            f"Bitte prüfen und die mit {TO_COMPLETE} markierten Angaben ergänzen.",
        ),
        _h("Angaben gemäß § 5 Digitale-Dienste-Gesetz (DDG)"),
        _p(
            "Landkreis Elbe-Elster<br>Der Landrat<br>Ludwig-Jahn-Straße 2<br>04916 Herzberg (Elster)",
            "Der Landkreis ist eine Körperschaft des öffentlichen Rechts. Er wird vertreten durch den Landrat "
            f"{TO_COMPLETE}.",
        ),
        _h("Kontakt"),
        _p(
            f'Koordinierungs- und Servicebüro 3L<br>Telefon: {TO_COMPLETE}<br>E-Mail: <a href="mailto:{email}">{email}</a>'
        ),
        _h("Verantwortlich für den Inhalt (§ 18 Abs. 2 MStV)"),
        _p(f"{TO_COMPLETE}, Anschrift wie oben."),
        _h("Inhalte der Anbieter"),
        _p(
            "Angebote, Veranstaltungen und Beiträge der Anbieter verantworten die jeweiligen Anbieter; ihre Kontaktdaten "
            "stehen auf jeder Seite und auf der Seite des Anbieters. Das Servicebüro prüft jeden Inhalt vor der "
            "Veröffentlichung. Hinweise auf fehlerhafte Inhalte nehmen wir gern entgegen."
        ),
        _h("Umsatzsteuer-Identifikationsnummer"),
        _p(f"{TO_COMPLETE}"),
    ]


def privacy_body() -> list[dict]:
    email = escape(settings.SERVICE_OFFICE_EMAIL)
    days = settings.ANMELDUNG_RETENTION_DAYS
    window = max(1, getattr(settings, "SPAM_RATE_WINDOW", 600) // 60)
    return [
        _notice(
            "Vom Servicebüro zu vervollständigen",
            f"Bitte prüfen und die mit {TO_COMPLETE} markierten Angaben ergänzen (Datenschutzbeauftragte, "
            "Speicherfrist der Server-Protokolle beim Hosting).",
        ),
        _h("Verantwortlicher"),
        _p(
            "Landkreis Elbe-Elster, Koordinierungs- und Servicebüro 3L, Ludwig-Jahn-Straße 2, 04916 Herzberg (Elster), "
            f'E-Mail: <a href="mailto:{email}">{email}</a>'
        ),
        _h("Datenschutzbeauftragte oder Datenschutzbeauftragter"),
        _p(f"{TO_COMPLETE} (Anschrift wie oben, mit dem Zusatz „Datenschutzbeauftragte/r“)."),
        _h("Was dieses Portal verarbeitet"),
        _p(
            "Sie können das Portal ohne Anmeldung und ohne Angabe persönlicher Daten nutzen. Es setzt keine Cookies "
            "zu Werbe- oder Analysezwecken, bindet keine fremden Schriften, Videos oder Zählpixel ein und gibt keine "
            "Daten an Werbe- oder Analysedienste weiter. Im Einzelnen:"
        ),
        *_processing(
            "Anmeldung zu Angeboten und Veranstaltungen",
            what="Name, E-Mail-Adresse, auf Wunsch Telefonnummer, Zahl der Personen, Ihre Nachricht, Zeitpunkt der "
            "Anmeldung und Ihrer Einwilligung.",
            purpose="Ihren Platz vergeben, die Warteliste führen, Sie über Änderungen, Absagen und frei gewordene Plätze "
            "informieren, Ihnen nach dem Termin eine Bitte um Bewertung senden.",
            basis="Ihre Einwilligung (Art. 6 Abs. 1 lit. a DSGVO) und die Durchführung der Anmeldung "
            "(Art. 6 Abs. 1 lit. b DSGVO).",
            retention=f"Name, E-Mail-Adresse, Telefonnummer und Nachricht werden {days} Tage nach dem letzten Termin "
            "unkenntlich gemacht (anonymisiert); es bleibt nur die Zahl der Plätze für die Statistik.",
            recipients="der Anbieter des Angebots (er sieht nur die Anmeldungen zu seinen eigenen Angeboten) und das "
            "Servicebüro, z. B. wenn es Sie telefonisch anmeldet.",
        ),
        *_processing(
            "Newsletter",
            what="E-Mail-Adresse, Ihre gewählten Interessen (Lebenslagen, Zielgruppen, Orte), Zeitpunkte von Bestellung "
            "und Bestätigung.",
            purpose="Ihnen neue passende Angebote zu senden (Bestätigung per E-Mail-Link, „Double-Opt-in“).",
            basis="Ihre Einwilligung (Art. 6 Abs. 1 lit. a DSGVO); Sie können sie jederzeit über den Link in jeder "
            "Ausgabe widerrufen.",
            retention="bis Sie den Newsletter abbestellen; dann wird Ihre Adresse gelöscht.",
            recipients="nur das Servicebüro.",
        ),
        *_processing(
            "Bewertungen",
            what="Ihre Sterne und Ihr freiwilliger Kommentar zu einem besuchten Angebot; der Link dazu kommt per "
            "E-Mail an die Adresse Ihrer Anmeldung.",
            purpose="anderen Bürgerinnen und Bürgern bei der Auswahl helfen und Anbietern Rückmeldung geben.",
            basis="Ihre Einwilligung (Art. 6 Abs. 1 lit. a DSGVO).",
            retention="Die Bewertung wird ohne Ihren Namen veröffentlicht und bleibt, solange das Angebot angezeigt wird.",
            recipients="veröffentlicht ohne Namen; der Anbieter sieht die Bewertungen seiner Angebote.",
        ),
        *_processing(
            "„Was fehlt Ihnen?“ – Wünsche und Rückmeldungen",
            what="Thema, Beschreibung, gewählte Zielgruppe, Lebenslage, Ort und Zeiten; keine Namen oder Adressen.",
            purpose="erkennen, welche Angebote im Landkreis fehlen.",
            basis="Wahrnehmung einer Aufgabe im öffentlichen Interesse (Art. 6 Abs. 1 lit. e DSGVO).",
            retention=f"bis das Servicebüro sie nach der Auswertung löscht, längstens {TO_COMPLETE}.",
            recipients="das Servicebüro; Auswertungen nur zusammengefasst.",
        ),
        *_processing(
            "Suche",
            what="Suchbegriff, gewählte Filter und Zahl der Treffer – ohne IP-Adresse, ohne Standort und ohne Bezug zu "
            "Ihrer Person.",
            purpose="die Suche verbessern und erkennen, wonach erfolglos gesucht wird.",
            basis="Art. 6 Abs. 1 lit. e DSGVO (Aufgabe im öffentlichen Interesse).",
            retention=f"Die Einträge enthalten keine personenbezogenen Daten; das Servicebüro löscht sie nach {TO_COMPLETE}.",
            recipients="das Servicebüro.",
        ),
        *_processing(
            "Zugang für Anbieter",
            what="Name der Organisation, Art des Trägers, Beschreibung, Logo, Name und E-Mail-Adresse der "
            "Ansprechperson; nach der Freischaltung Benutzername und Passwort (nur verschlüsselt gespeichert).",
            purpose="über die Anfrage entscheiden, den Zugang einrichten und die Zusammenarbeit abwickeln.",
            basis="Durchführung der Nutzungsvereinbarung (Art. 6 Abs. 1 lit. b DSGVO).",
            retention=f"solange der Zugang besteht; abgelehnte Anfragen zur Nachvollziehbarkeit der Entscheidung "
            f"{TO_COMPLETE}.",
            recipients="das Servicebüro.",
        ),
        *_processing(
            "Server-Protokolle und Schutz vor Missbrauch",
            what="IP-Adresse, Zeitpunkt, aufgerufene Adresse, Browserkennung; für den Schutz der Formulare vor "
            "automatisierten Massen-Einsendungen wird die IP-Adresse kurzzeitig gezählt.",
            purpose="den sicheren Betrieb gewährleisten und Angriffe abwehren.",
            basis="Art. 6 Abs. 1 lit. e DSGVO in Verbindung mit dem Brandenburgischen Datenschutzgesetz.",
            retention=f"Zähler für den Formularschutz: {window} Minuten. Server-Protokolle: {TO_COMPLETE} Tage "
            "(Frist des Hostings).",
            recipients=f"der technische Dienstleister des Landkreises {TO_COMPLETE} als Auftragsverarbeiter.",
        ),
        _h("Karten"),
        _p(
            "Karten werden erst geladen, wenn Sie sie öffnen oder eine Seite mit Veranstaltungsort aufrufen. Die "
            "Kartenkacheln kommen vom eingestellten Kartendienst; dabei erhält dieser Ihre IP-Adresse. Der Merkzettel "
            "bleibt nur in Ihrem Browser gespeichert und wird nicht übertragen."
        ),
        _h("Ihre Rechte"),
        _ul(
            "Auskunft über Ihre Daten (Art. 15 DSGVO)",
            "Berichtigung (Art. 16 DSGVO)",
            "Löschung (Art. 17 DSGVO) – "
            'Anmeldungen und Newsletter auch selbst unter <a href="/anmeldung/daten-loeschen/">Daten löschen</a>',
            "Einschränkung der Verarbeitung (Art. 18 DSGVO)",
            "Datenübertragbarkeit (Art. 20 DSGVO)",
            "Widerspruch gegen Verarbeitungen im öffentlichen Interesse (Art. 21 DSGVO)",
            "Widerruf einer Einwilligung jederzeit mit Wirkung für die Zukunft (Art. 7 Abs. 3 DSGVO)",
        ),
        _p(f'Schreiben Sie dazu an <a href="mailto:{email}">{email}</a>.'),
        _h("Beschwerderecht"),
        _p(
            "Sie können sich bei der Aufsichtsbehörde beschweren: Die Landesbeauftragte für den Datenschutz und für das "
            "Recht auf Akteneinsicht Brandenburg, Stahnsdorfer Damm 77, 14532 Kleinmachnow."
        ),
    ]


def legal_bodies() -> dict[str, list[dict]]:
    """The starting content of each legal page by slug."""
    return {IMPRINT_SLUG: imprint_body(), PRIVACY_SLUG: privacy_body()}


def ensure_legal_pages(home) -> None:
    """Give the Impressum and the Datenschutz page their starting content while they are empty (never overwrite edits)."""
    from .models import StandardPage

    for slug, body in legal_bodies().items():
        page = StandardPage.objects.child_of(home).filter(slug=slug).first()
        if page is None or page.body or page.has_unpublished_changes:
            continue
        page.body = body
        page.save_revision().publish()
