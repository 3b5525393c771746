"""POST /api/v3/austausch/: a provider's software sends offers and events (austausch.submission).

Mounted on Wagtail's API v3 (cms/api_v3.py): the bearer token (``Authorization: Bearer wagtail_…``) says who
writes; without a valid token the API answers 401. Answers and errors are JSON (errors as RFC 7807 problem
details, as everywhere in v3, with ``errors[].feld`` naming the key and ``errors[].objekt`` the position).
"""

import json

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Router
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.api.v3.errors import problem_response

from .importer import CREATED, UNCHANGED
from .submission import MAX_OBJECTS, STATUS_SUBMITTED, SubmissionRefused, submit_from_provider_software

router = Router(tags=["austausch"], auth=BearerTokenAuth())

REQUEST_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "description": (
                    "Ein Objekt des Austauschformats (art „angebot“ oder „veranstaltung“) oder eine Liste von "
                    f"höchstens {MAX_OBJECTS} solchen Objekten; zusätzlich optional „bild“: die id eines Bildes "
                    "aus der Sammlung des eigenen Anbieters."
                ),
                "oneOf": [
                    {"type": "object", "required": ["art", "id"]},
                    {"type": "array", "items": {"type": "object", "required": ["art", "id"]}, "maxItems": MAX_OBJECTS},
                ],
            }
        }
    },
}


@router.post(
    "/",
    url_name="austausch_submit",
    summary="Angebote und Veranstaltungen eines Anbieters senden (als Entwurf zur Freigabe)",
    operation_id="austausch_submit",
    openapi_extra={"requestBody": REQUEST_BODY},
)
def submit(request: HttpRequest):
    try:
        records = _records(request)
    except ValueError as error:
        return problem_response(
            status=400, detail=str(error), errors=[{"loc": ["body"], "feld": "", "msg": str(error)}]
        )
    try:
        items = submit_from_provider_software(records, request.user)
    except SubmissionRefused as refusal:
        return problem_response(
            status=refusal.status,
            detail=refusal.detail,
            errors=[
                {
                    "loc": ["body"]
                    + ([problem.index] if problem.index is not None else [])
                    + ([problem.key] if problem.key else []),
                    "objekt": problem.index,
                    "feld": problem.key,
                    "msg": problem.message,
                }
                for problem in refusal.problems
            ],
        )
    created = any(item.action == CREATED for item in items)
    return JsonResponse(
        {
            "ergebnis": [
                {
                    "id": item.external_id,
                    "art": item.art,
                    "aktion": item.action,
                    "seite": item.page_id,
                    "titel": item.title,
                    "status": STATUS_SUBMITTED if item.action != UNCHANGED else UNCHANGED,
                }
                for item in items
            ]
        },
        status=201 if created else 200,
        json_dumps_params={"ensure_ascii": False},
    )


def _records(request: HttpRequest) -> list:
    """The objects of the body: one object or a list of them."""
    if request.content_type != "application/json":
        raise ValueError(_("Bitte als JSON senden (Content-Type: application/json)."))
    try:
        payload = json.loads(request.body)
    except RequestDataTooBig as error:
        raise ValueError(_("Die Anfrage ist zu groß; bitte in kleineren Teilen senden.")) from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(_("Der Inhalt ist kein gültiges JSON.")) from error
    if isinstance(payload, dict):
        return [payload]
    if isinstance(payload, list):
        return payload
    raise ValueError(_("Erwartet ein Objekt des Austauschformats oder eine Liste davon."))
