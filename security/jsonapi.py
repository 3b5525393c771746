"""The public JSON POST endpoints (registration, newsletter, "was fehlt"): one way to read the body, refuse
spam and answer errors, so that they all behave alike and as cms/openapi.yaml describes them.

Each endpoint reuses the HTML form of its app for validation; this module only turns the request into the
form's data and the form's errors into JSON. Every refusal is a JSON object in one shape::

    {"message": "email: Bitte geben Sie …", "field": "email", "errors": {"email": ["Bitte geben Sie …"]}}

``field`` is null and ``errors`` is keyed ``__all__`` (Django's key for non-field errors) when the request
as a whole is refused (no JSON, spam, rate limit).
"""

import functools
import json
from collections.abc import Callable, Iterable

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, RequestDataTooBig
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from security.spam import TOO_MANY, check_submission


class BadRequest(Exception):
    """A request refused before its form sees it; ``field`` names the offending member, if there is one."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field


def error_response(message: str, field: str | None = None, status: int = 400) -> JsonResponse:
    field = field or None
    return JsonResponse(
        {
            "message": f"{field}: {message}" if field else message,
            "field": field,
            "errors": {field or NON_FIELD_ERRORS: [message]},
        },
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


def form_error_response(form) -> JsonResponse:
    """400 with every error of an invalid form; ``message`` and ``field`` name the first one."""
    errors = {name: [str(message) for message in messages] for name, messages in form.errors.items()}
    field, messages = next(iter(errors.items()))
    field = None if field == NON_FIELD_ERRORS else field
    return JsonResponse(
        {"message": f"{field}: {messages[0]}" if field else messages[0], "field": field, "errors": errors},
        status=400,
        json_dumps_params={"ensure_ascii": False},
    )


MAX_DEPTH = 4  # the forms take strings, numbers and lists of them; deeper values only cost work (str() recurses)


def _value_problem(value) -> str | None:
    """Why a member's value cannot reach a form: NUL characters or nesting deeper than MAX_DEPTH."""
    pending = [(value, 1)]  # iterative: json.loads accepts nesting nearly as deep as the recursion limit
    while pending:
        item, depth = pending.pop()
        if depth > MAX_DEPTH:
            return _("Der Wert ist zu tief verschachtelt.")
        if isinstance(item, str) and "\x00" in item:
            # PostgreSQL can neither store nor compare strings with NUL (see security.headers)
            return _("Nullzeichen sind nicht erlaubt.")
        if isinstance(item, str) and not _encodable(item):
            # a lone surrogate ("\ud800") is valid JSON but no text: neither the database nor the mail takes it
            return _("Der Text enthält ungültige Zeichen.")
        if isinstance(item, dict):
            pending.extend((member, depth + 1) for pair in item.items() for member in pair)
        elif isinstance(item, list):
            pending.extend((member, depth + 1) for member in item)
    return None


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def read_json_object(request: HttpRequest) -> dict:
    """The body as a JSON object; raises BadRequest naming the problem."""
    if request.content_type != "application/json":
        # also keeps other web sites from posting here through their visitors' browsers: a cross-site
        # request with this content type needs a CORS preflight, which the portal never grants
        raise BadRequest(_("Erwartet wird JSON mit dem Content-Type application/json."))
    try:
        data = json.loads(request.body or b"{}")
    except RequestDataTooBig:
        raise BadRequest(_("Der Inhalt ist zu groß.")) from None
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise BadRequest(_("Der Inhalt ist kein gültiges JSON.")) from None
    if not isinstance(data, dict):
        raise BadRequest(_("Erwartet wird ein JSON-Objekt."))
    for key, value in data.items():
        problem = _value_problem(key) or _value_problem(value)
        if problem:
            raise BadRequest(problem, key.replace("\x00", "").encode("utf-8", "replace").decode())
    return data


def form_data(data: dict) -> dict:
    """The JSON members as form data: null counts as not given; false only unticks a checkbox (``is_valid``
    refuses it for any other field, as the OpenAPI description says)."""
    return {key: value for key, value in data.items() if value is not None}


MAX_ID = 2**63 - 1  # SQLite fails with OverflowError beyond 64 bits instead of finding nothing


def as_id(value) -> int | None:
    """A database id sent as a number or a string of digits; None for anything else or out of range."""
    if isinstance(value, str) and value.isascii() and value.isdigit():  # "²".isdigit() is true, int("²") fails
        value = int(value)
    if type(value) is int and 0 < value <= MAX_ID:
        return value
    return None


def _is_integer(value) -> bool:
    return (type(value) is int) or (type(value) is float and value.is_integer())


def _type_problem(field: forms.Field | None, value) -> str | None:
    # Form fields read strings and checkboxes; in JSON, ["x"] is no name and "nein" no consent.
    if isinstance(field, forms.BooleanField):
        return None if isinstance(value, bool) else _("Erwartet wird true oder false.")
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField) and not isinstance(value, list):
        return _("Erwartet wird eine Liste.")  # {} counted as "nothing chosen"
    if isinstance(field, forms.ModelMultipleChoiceField):
        return None
    if isinstance(field, forms.ModelChoiceField) and field.to_field_name and not isinstance(value, str):
        return _("Erwartet wird Text (eine Zeichenkette).")  # a slug; {} and [] counted as "nothing chosen"
    if isinstance(field, forms.IntegerField) and not _is_integer(value):
        return field.error_messages["invalid"]  # "3" and true are no numbers in JSON
    if isinstance(field, forms.CharField) and not isinstance(value, str):
        return _("Erwartet wird Text (eine Zeichenkette).")
    if (
        isinstance(field, forms.ModelChoiceField)
        and field.to_field_name is None
        and not (type(value) is int and as_id(value))
    ):
        return field.error_messages["invalid_choice"] % {"value": value}  # an id: a number in range
    return None


def is_valid(form: forms.Form) -> bool:
    """``form.is_valid()`` for JSON data: text fields take only strings, checkboxes only booleans, ids only numbers."""
    form.is_valid()
    for name, value in form.data.items():
        problem = _type_problem(form.fields.get(name), value)
        if problem:
            form.errors.pop(name, None)
            form.add_error(name, problem)
    return not form.errors


def json_post_endpoint(scope: str, fields: Iterable[str]) -> Callable:
    """Decorate ``view(request, data)`` as a public JSON endpoint for POST.

    Before the view runs: 405 for other methods; 400 for a body that is not a JSON object, for unknown
    members or a filled honeypot; 429 beyond the rate limit of ``scope`` (``security.spam``, shared with the
    HTML form of the same scope). JSON clients render no form, so the form's time stamp is not checked.
    """
    known = frozenset(fields)

    def decorator(view):
        @csrf_exempt  # no cookies or sessions: nothing for CSRF to protect (cross-site posts: see read_json_object)
        @never_cache
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method != "POST":
                message = _("Die Methode %(method)s ist hier nicht erlaubt, nur POST.") % {"method": request.method}
                response = error_response(message, status=405)
                response["Allow"] = "POST"
                return response
            try:
                data = read_json_object(request)
            except BadRequest as error:
                return error_response(error.message, error.field)
            problem = check_submission(data, request, scope, check_time=False)
            if problem == str(TOO_MANY):
                response = error_response(problem, status=429)
                response["Retry-After"] = str(getattr(settings, "SPAM_RATE_WINDOW", 600))
                return response
            if problem:
                return error_response(problem)
            unknown = sorted(set(data) - known)
            if unknown:
                return error_response(_("Dieses Feld gibt es nicht."), unknown[0])
            return view(request, form_data(data), *args, **kwargs)

        return wrapped

    return decorator
