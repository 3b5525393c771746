"""Sign-up, confirmation and one-click unsubscribe of the newsletter."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from core.forms import describe_fields
from core.spam import check_submission

from . import services
from .forms import SubscribeForm


@never_cache
def subscribe(request):
    form = SubscribeForm(request.POST or None)
    if request.method == "POST":
        problem = check_submission(request.POST, request, "newsletter")
        if problem:
            form.add_error(None, problem)
        elif form.is_valid():
            data = form.cleaned_data
            services.subscribe(data["email"], lebenslagen=data["lebenslage"], zielgruppen=data["zielgruppe"],
                               orte=data["ort"])
            return render(request, "newsletter/subscribed.html", {"email": data["email"]})
    return render(request, "newsletter/subscribe.html", {"form": describe_fields(form)},
                  status=400 if form.is_bound else 200)


@never_cache
def confirm(request, token):
    subscriber = services.confirm(token)
    if subscriber is None:
        return render(request, "newsletter/confirm.html", {"error": True}, status=400)
    return render(request, "newsletter/confirm.html", {"subscriber": subscriber})


@never_cache
@csrf_exempt  # RFC 8058: mail programs POST here without a session; the secret in the URL is the check
def unsubscribe(request, token):
    if request.method == "POST":
        services.unsubscribe(token)
        return render(request, "newsletter/unsubscribe.html", {"done": True})
    return render(request, "newsletter/unsubscribe.html", {"token": token})
