"""The one view flow of every public form: spam check, validation, German errors, 400 on an invalid post."""

from collections.abc import Callable

from django import forms
from django.http import HttpResponse
from django.shortcuts import render

from core.forms import describe_fields

from .spam import check_submission


def public_form_view(
    request,
    form: forms.Form,
    scope: str,
    template: str,
    on_valid: Callable[[forms.Form], HttpResponse | None],
    context: dict | None = None,
) -> HttpResponse:
    """Show ``form`` (GET) or check a post: spam protection first (``scope`` names the form's rate limit), then
    validation; ``on_valid(form)`` acts and answers, or returns None after adding errors to the form.
    Anything else shows the form again with its German errors, with status 400 after a post."""
    if request.method == "POST":
        problem = check_submission(request.POST, request, scope)
        if problem:
            form.add_error(None, problem)
        elif form.is_valid():
            response = on_valid(form)
            if response is not None:
                return response
    return render(
        request, template, {**(context or {}), "form": describe_fields(form)}, status=400 if form.is_bound else 200
    )
