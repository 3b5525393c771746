"""Public provider pages: the list of providers and each provider's own page."""

from django.shortcuts import get_object_or_404, render

from .models import Anbieter
from .services import offerings_of


def anbieter_index(request):
    providers = Anbieter.objects.active().select_related("ort")
    return render(request, "anbieter/anbieter_index.html", {"providers": providers})


def anbieter_detail(request, slug):
    provider = get_object_or_404(Anbieter.objects.active().select_related("ort", "logo"), slug=slug)
    return render(request, "anbieter/anbieter_detail.html", {"provider": provider, **offerings_of(provider)})
