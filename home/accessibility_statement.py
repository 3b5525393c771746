"""The "Erklärung zur Barrierefreiheit" the portal starts with (BITV 2.0 via BbgBGG/BbgBITV).

setup_portal writes it into the page /barrierefreiheit/ when that page is new or still empty; from then
on the service office keeps it up to date in the admin (date of the last review, known barriers).
"""

import datetime

from django.conf import settings
from django.utils import formats
from django.utils.html import escape

from .body import bullets as _ul
from .body import heading as _h
from .body import paragraphs as _p

SLUG = "barrierefreiheit"


def statement_body(today: datetime.date) -> list[dict]:
    """The statement as StreamField data: status, barriers, how it was made, feedback, conciliation."""
    email = escape(settings.SERVICE_OFFICE_EMAIL)
    date = formats.date_format(today, "j. F Y")
    # the page's intro (portal/setup.py) already says that the district strives for accessibility
    return [
        _h("Stand der Vereinbarkeit mit den Anforderungen"),
        _p(
            f"Stand: {date}.",
            "Dieses Portal ist wegen der unten aufgeführten Ausnahmen <b>teilweise</b> mit den Anforderungen der "
            "BITV 2.0 vereinbar. Rechtsgrundlagen sind das Brandenburgische Behindertengleichstellungsgesetz "
            "(BbgBGG) und die Brandenburgische Barrierefreie Informationstechnik-Verordnung (BbgBITV) in Verbindung "
            "mit der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0).",
            "Alle Seiten lassen sich ohne Maus mit der Tastatur bedienen, funktionieren auch ohne JavaScript und "
            "sind für Bildschirmvergrößerung und Screenreader gestaltet.",
        ),
        _h("Nicht barrierefreie Inhalte"),
        _p("Die folgenden Inhalte sind nicht oder nicht vollständig barrierefrei:"),
        _ul(
            "Informationen zu den Inhalten des Portals in Deutscher Gebärdensprache und in Leichter Sprache "
            "(§ 4 BITV 2.0) fehlen noch. Sie sind in Vorbereitung.",
            "Dokumente (zum Beispiel PDF-Dateien), die Anbieter zu ihren Angeboten hochladen, sind nicht in jedem "
            "Fall barrierefrei. Auf Wunsch erhalten Sie die Informationen vom Servicebüro in zugänglicher Form.",
            "Bilder, die Anbieter einstellen, haben nicht immer einen aussagekräftigen Alternativtext.",
            "Der Link „Auf der Karte zeigen“ führt zu OpenStreetMap, einem externen Angebot, dessen "
            "Barrierefreiheit wir nicht beeinflussen können. Die Adresse steht immer auch als Text auf der Seite.",
        ),
        _h("Erstellung dieser Erklärung"),
        _p(
            f"Diese Erklärung wurde am {date} erstellt. Sie beruht auf einer Selbstbewertung: Jede Seitenart wird "
            "bei jeder Änderung der Software automatisch mit dem Prüfwerkzeug axe-core geprüft, die Bedienung mit "
            "der Tastatur wird in einem echten Browser getestet."
        ),
        _h("Feedback und Kontakt"),
        _p(
            "Sind Ihnen Mängel beim barrierefreien Zugang zu Inhalten dieses Portals aufgefallen? Oder benötigen "
            "Sie Informationen aus einem Inhalt, der nicht barrierefrei ist, in zugänglicher Form? Dann wenden Sie "
            "sich bitte an das Koordinierungs- und Servicebüro 3L:",
            f'E-Mail: <a href="mailto:{email}">{email}</a><br>'
            "Post: Landkreis Elbe-Elster, Koordinierungs- und Servicebüro 3L, Ludwig-Jahn-Straße 2, "
            "04916 Herzberg (Elster)",
            "Wir beantworten Ihre Rückmeldung so schnell wie möglich, spätestens innerhalb eines Monats.",
        ),
        _h("Schlichtungsverfahren"),
        _p(
            "Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten haben, können Sie sich an die "
            "Landesbeauftragte für die Belange der Menschen mit Behinderungen des Landes Brandenburg wenden. Sie "
            "vermittelt als Schlichtungsstelle zwischen Ihnen und der öffentlichen Stelle, um eine Lösung ohne "
            "Gerichtsverfahren zu finden. Das Schlichtungsverfahren ist für Sie kostenlos; Sie brauchen keinen "
            "Rechtsbeistand.",
            "Landesbeauftragte für die Belange der Menschen mit Behinderungen des Landes Brandenburg, "
            "Henning-von-Tresckow-Straße 2–13, 14467 Potsdam",
        ),
    ]
