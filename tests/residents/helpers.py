"""Helpers for the residents' flows: posting public forms as a person would (spam checks included)."""

import json
import re
import time

from security.spam import TIMESTAMP_FIELD, timestamp_token


def human(data: dict) -> dict:
    """Form data as a person sends it: honeypot empty, rendered a minute ago."""
    return {TIMESTAMP_FIELD: timestamp_token(time.time() - 60), "homepage": "", **data}


def link_in(message, pattern: str) -> str:
    """The first link in a mail's plain text that contains ``pattern``, as a path."""
    match = re.search(rf"https?://[^/\s]+(\S*{re.escape(pattern)}\S*)", message.body)
    assert match, message.body
    return match.group(1)


def post_json(client, path: str, body, **extra):
    """POST a JSON body as an API client does; ``body`` may be a ready string (e.g. malformed JSON)."""
    return client.post(
        path, body if isinstance(body, str) else json.dumps(body), content_type="application/json", **extra
    )


def assert_refused(response, field: str | None, status: int = 400) -> None:
    """The API's refusal: status, the field named in ``field`` and ``message`` and among ``errors``."""
    assert response.status_code == status, response.content
    body = response.json()
    assert body["field"] == field
    assert (field or "__all__") in body["errors"] and body["errors"][field or "__all__"][0] in body["message"]
    if field:
        assert body["message"].startswith(f"{field}: ")


def registration_box(client, page) -> str:
    """The registration box's live part as the page's script loads it (the cached page has no seats, no form)."""
    page_html = client.get(page.url).content.decode()
    address = f"/anmeldung/{page.pk}/formular/"
    assert f'data-registration-box="{address}"' in page_html
    response = client.get(address)
    assert response.status_code == 200
    return response.content.decode()
