"""Bedarf: the public wish form and the report's figures against known data, scoped for providers."""

import datetime

import pytest
from django.utils import timezone

from bedarf.models import Wish
from search.models import SearchQueryLog
from taxonomy.models import Ort, Zielgruppe
from tests.factories import log_in, make_offer, make_office_editor

from .helpers import assert_refused, human, post_json


def at(year, month, day=10):
    return timezone.make_aware(datetime.datetime(year, month, day, 12))


def test_wish_form_stores_a_wish(client, portal):
    response = client.post(
        "/was-fehlt/",
        human({"thema": "Töpferkurs", "zielgruppe": "senioren", "ort": "finsterwalde", "zeiten": ["vormittags"]}),
    )
    assert response.status_code == 200
    wish = Wish.objects.get()
    assert (wish.topic, wish.zielgruppe.slug, wish.ort.slug, wish.preferred_times) == (
        "Töpferkurs",
        "senioren",
        "finsterwalde",
        ["vormittags"],
    )
    assert client.post("/was-fehlt/", human({"thema": ""})).status_code == 400


def test_report_figures_grouped_by_month_and_scoped_for_providers(client, portal, provider):
    senioren, familien = Zielgruppe.objects.get(slug="senioren"), Zielgruppe.objects.get(slug="familien")
    finsterwalde = Ort.objects.get(slug="finsterwalde")
    for when, zielgruppe in ((at(2025, 3), senioren), (at(2025, 3, 20), senioren), (at(2025, 4), familien)):
        Wish.objects.filter(pk=Wish.objects.create(topic="Töpfern", zielgruppe=zielgruppe, ort=finsterwalde).pk).update(
            created_at=when
        )
    logs = [
        ("toepfern", {"zielgruppe": ["senioren"]}, 0, at(2025, 3)),
        ("tanz", {"zielgruppe": ["senioren"], "ort": ["finsterwalde"]}, 2, at(2025, 4)),
        ("yoga", {"zielgruppe": ["senioren"]}, 12, at(2025, 4)),
    ]  # found plenty: not counted
    for query, filters, count, when in logs:
        log = SearchQueryLog.objects.create(
            query=query, filters=filters, result_count=count, source="html", engine="database"
        )
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
    assert csv.splitlines()[1:] == [
        "2025-03;Zielgruppe;Seniorinnen und Senioren;2;1",
        "2025-04;Zielgruppe;Seniorinnen und Senioren;0;1",
    ]


def test_report_is_closed_to_the_public(client, portal):
    assert client.get("/admin/bedarf/bericht/").status_code == 302


# --- the JSON API: POST /api/v2/bedarf/ ---

API = "/api/v2/bedarf/"


def test_api_stores_a_wish(client, portal):
    response = post_json(
        client,
        API,
        {
            "thema": " Töpferkurs ",
            "beschreibung": "am liebsten mit Brennofen",
            "zielgruppe": "senioren",
            "lebenslage": "ruhestand-alter",
            "ort": "finsterwalde",
            "zeiten": ["vormittags", "wochenende"],
        },
    )
    assert response.status_code == 201
    assert response.json()["message"].startswith("Danke!")
    wish = Wish.objects.get()
    assert (
        wish.topic,
        wish.description,
        wish.zielgruppe.slug,
        wish.lebenslage.slug,
        wish.ort.slug,
        wish.preferred_times,
    ) == (
        "Töpferkurs",
        "am liebsten mit Brennofen",
        "senioren",
        "ruhestand-alter",
        "finsterwalde",
        ["vormittags", "wochenende"],
    )
    assert post_json(client, API, {"thema": "Schach", "ort": None}).status_code == 201  # null: not given


@pytest.mark.parametrize(
    "body, field",
    [
        ({}, "thema"),
        ({"thema": "   "}, "thema"),
        ({"thema": "x" * 201}, "thema"),
        ({"thema": ["Töpfern"]}, "thema"),  # a form would have stored "['Töpfern']"
        ({"thema": "Töpfern", "ort": "atlantis"}, "ort"),
        ({"thema": "Töpfern", "zielgruppe": ["senioren"]}, "zielgruppe"),  # one value, not a list
        ({"thema": "Töpfern", "zeiten": ["nachts"]}, "zeiten"),
        ({"thema": "Töpfern", "zeiten": "abends"}, "zeiten"),
        ({"thema": "Töpfern", "lebenslage": "\x00"}, "lebenslage"),
        ({"thema": "Töpfern", "zeiten": [[[["abends"]]]]}, "zeiten"),  # deeper than any form field goes
        ({"thema": "Töpfern", "\x00": 1}, None),
        ({"thema": "Töpfern", "email": "a@example.org"}, "email"),  # nothing personal is taken
        ({"thema": "Töpfern", "homepage": "http://bot.example"}, None),  # the honeypot
        ("[]", None),
        ('{"thema": ', None),
        ("[" * 100_000, None),
    ],
)
def test_api_refuses_bad_input_naming_the_field_and_stores_nothing(client, portal, body, field):
    assert_refused(post_json(client, API, body), field)
    assert not Wish.objects.exists()


def test_api_rate_limit_shared_with_the_form(client, portal, settings):
    settings.SPAM_RATE_LIMIT = 2
    assert client.post("/was-fehlt/", human({"thema": "Töpfern"})).status_code == 200
    assert post_json(client, API, {"thema": "Schach"}).status_code == 201
    response = post_json(client, API, {"thema": "Tanzen"})
    assert_refused(response, None, status=429)
    assert response["Retry-After"] == str(settings.SPAM_RATE_WINDOW)
    assert list(Wish.objects.order_by("pk").values_list("topic", flat=True)) == ["Töpfern", "Schach"]
