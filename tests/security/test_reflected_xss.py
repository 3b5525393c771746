"""Reflected XSS: whatever a link puts into the address comes back escaped, on pages and in errors."""

import pytest

from .xss import assert_inert, assert_json_safe, payload, shown_as_text

ATTACK = payload("1")


# (path, parameters, expected status, whether the page echoes the input)
ECHOES = [
    ("/suche/", {"q": ATTACK}, 200, True),  # query echo: heading, input value, page title
    ("/suche/", {"q": ATTACK, "zielgruppe": "senioren"}, 200, True),  # also in "remove filters" links
    ("/suche/", {"zielgruppe": ATTACK}, 400, True),  # facet value echoed in the error message
    ("/suche/", {"von": ATTACK}, 400, True),
    ("/suche/", {"lat": ATTACK, "lon": "13.7"}, 400, True),
    ("/suche/", {"umkreis": ATTACK, "ort": "finsterwalde"}, 400, True),
    ("/suche/", {"sortierung": ATTACK}, 400, False),
    ("/bildungsboerse/", {"ort": ATTACK}, 400, True),  # listing filter error
    ("/veranstaltungen/", {"zielgruppe": ATTACK, "seite": ATTACK}, 400, True),
    ("/aktuelles/", {"lebenslage": ATTACK}, 400, True),
    ("/admin/login/", {"next": ATTACK}, 200, False),
]


def test_parameters_are_echoed_as_text_only(client, portal):
    for path, params, status, echoed in ECHOES:
        response = client.get(path, params)
        assert response.status_code == status, (path, params)
        html = response.content.decode()
        assert_inert(html, f"{path} {params}")
        if echoed:  # the test must see its input come back, or it proves nothing
            assert shown_as_text(html, "alert(1)"), (path, params)


def test_live_search_fragment_escapes_the_query(client, portal):
    response = client.get("/suche/", {"q": ATTACK}, HTTP_X_REQUESTED_WITH="fetch")
    assert response.status_code == 200
    assert_inert(response.content.decode(), "search fragment")
    assert shown_as_text(response.content.decode(), ATTACK)


def test_unknown_addresses_do_not_reflect_the_path(client, portal):
    response = client.get("/%3Cscript%3Ealert(1)%3C/script%3E/")
    assert response.status_code == 404
    assert_inert(response.content.decode(), "404 page")


def test_api_echoes_only_as_typed_json(client, portal):
    for path, params in [
        ("/api/v2/search/", {"zielgruppe": ATTACK}),
        ("/api/v2/search/", {"q": ATTACK}),
        ("/api/v2/search/suggest/", {"q": ATTACK}),
        ("/api/v2/pages/", {"ort": ATTACK}),
        ("/api/v2/pages/", {"order": ATTACK}),
    ]:
        assert_json_safe(client.get(path, params), f"{path} {params}")


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_login_never_redirects_off_site(client, portal, target, django_user_model):
    django_user_model.objects.create_superuser("chef", "c@example.org", "lang-genug-und-geheim-1")
    response = client.post(
        f"/admin/login/?next={target}", {"username": "chef", "password": "lang-genug-und-geheim-1", "next": target}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/")


def test_nul_characters_answer_400_not_500(client, portal):
    """PostgreSQL cannot handle NUL in strings; found by fuzzing (/suche/?q=%00 answered 500)."""
    for path in [
        "/suche/?q=%00",
        "/api/v2/search/?q=a%00",
        "/api/v2/pages/?search=%00",
        "/bildungsboerse/?ort=%00",
        "/bildungsboerse/%00/",
        "/admin/pages/search/?q=%00",
    ]:
        response = client.get(path)
        assert response.status_code == 400, path
        if path.startswith("/api/"):
            assert "Nullzeichen" in response.json()["message"]
        else:
            assert "Steuerzeichen" in response.content.decode() or "Nullzeichen" in response.content.decode()
