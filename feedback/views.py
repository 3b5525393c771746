"""The personal rating page: only with a valid, unused link."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from core.forms import describe_fields

from . import services
from .forms import RatingForm


@never_cache
def rate(request, token):
    try:
        registration = services.registration_for_token(token)
    except ValidationError as error:
        return render(request, "feedback/rate.html", {"error": error.messages[0]}, status=400)
    form = RatingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_rating(token, **form.cleaned_data)
        except ValidationError as error:
            return render(request, "feedback/rate.html", {"error": error.messages[0]}, status=400)
        return render(request, "feedback/rate.html", {"done": True, "registration": registration})
    return render(
        request,
        "feedback/rate.html",
        {"form": describe_fields(form), "registration": registration},
        status=400 if form.is_bound else 200,
    )
