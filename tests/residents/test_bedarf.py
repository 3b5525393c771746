"""Bedarf: the public wish form and the report's figures against known data, scoped for providers."""

import datetime

from django.utils import timezone

from bedarf.models import Wish
from search.models import SearchQueryLog
from taxonomy.models import Lebenslage, Ort, Zielgruppe
from tests.factories import log_in, make_offer, make_office_editor

from .helpers import human


def at(year, month, day=10):
    return timezone.make_aware(datetime.datetime(year, month, day, 12))


def test_wish_form_stores_a_wish(client, portal):
    response = client.post("/was-fehlt/", human({"thema": "Töpferkurs", "zielgruppe": "senioren", "ort": "finsterwalde",
                                                 "zeiten": ["vormittags"]}))
    assert response.status_code == 200
    wish = Wish.objects.get()
    assert (wish.topic, wish.zielgruppe.slug, wish.ort.slug, wish.preferred_times) == (
        "Töpferkurs", "senioren", "finsterwalde", ["vormittags"])
    assert client.post("/was-fehlt/", human({"thema": ""})).status_code == 400


def test_report_figures_grouped_by_month_and_scoped_for_providers(client, portal, provider):
    senioren, familien = Zielgruppe.objects.get(slug="senioren"), Zielgruppe.objects.get(slug="familien")
    finsterwalde = Ort.objects.get(slug="finsterwalde")
    for when, zielgruppe in ((at(2025, 3), senioren), (at(2025, 3, 20), senioren), (at(2025, 4), familien)):
        Wish.objects.filter(pk=Wish.objects.create(topic="Töpfern", zielgruppe=zielgruppe, ort=finsterwalde).pk
                            ).update(created_at=when)
    logs = [("toepfern", {"zielgruppe": ["senioren"]}, 0, at(2025, 3)),
            ("tanz", {"zielgruppe": ["senioren"], "ort": ["finsterwalde"]}, 2, at(2025, 4)),
            ("yoga", {"zielgruppe": ["senioren"]}, 12, at(2025, 4))]  # found plenty: not counted
    for query, filters, count, when in logs:
        log = SearchQueryLog.objects.create(query=query, filters=filters, result_count=count, source="html", engine="database")
        SearchQueryLog.objects.filter(pk=log.pk).update(created_at=when)

    make_office_editor()
    log_in(client, "redaktion")
    csv = client.get("/admin/bedarf/bericht/?von=2025-03&bis=2025-04&schwelle=3&format=csv").content.decode("utf-8-sig")
    assert csv.splitlines() == [
        "Monat;Merkmal;Wert;Wünsche;Suchen mit höchstens 3 Treffern",
        "2025-03;Zielgruppe;Seniorinnen und Senioren;2;1",
        "2025-03;Ort;Finsterwalde;2;0",
        "2025-04;Zielgruppe;Familien;1;0",
        "2025-04;Zielgruppe;Seniorinnen und Senioren;0;1",
        "2025-04;Ort;Finsterwalde;1;1",
    ]
    html = client.get("/admin/bedarf/bericht/?von=2025-03&bis=2025-04").content.decode()
    assert "töpfern (3)" in html and "toepfern (1)" in html

    # a provider whose offers are for seniors in Herzberg sees only Senioren (not Familien, not Finsterwalde)
    anbieter, _user = provider
    make_offer("Computerkurs", anbieter=anbieter, zielgruppen=["senioren"], ort="herzberg-elster")
    client.logout()
    log_in(client, "vhs")
    csv = client.get("/admin/bedarf/bericht/?von=2025-03&bis=2025-04&format=csv").content.decode("utf-8-sig")
    assert csv.splitlines()[1:] == ["2025-03;Zielgruppe;Seniorinnen und Senioren;2;1", "2025-04;Zielgruppe;Seniorinnen und Senioren;0;1"]


def test_report_is_closed_to_the_public(client, portal):
    assert client.get("/admin/bedarf/bericht/").status_code == 302
