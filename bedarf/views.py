"""The public wish form and the demand report in the admin."""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from anbieter import scoping
from security.forms import public_form_view
from security.jsonapi import form_error_response, is_valid, json_post_endpoint

from . import report as demand
from .forms import WishForm
from .models import Wish


@never_cache
def wish(request):
    def save(form):
        Wish.objects.create(**form.wish_fields())
        return render(request, "bedarf/wish_done.html")

    # from an empty search: the search term as the topic (/was-fehlt/?thema=Töpferkurs)
    form = WishForm(
        request.POST if request.method == "POST" else None, initial={"thema": request.GET.get("thema", "")[:100]}
    )
    return public_form_view(request, form, "bedarf", "bedarf/wish.html", save)


WISH_FIELDS = ("thema", "beschreibung", "zielgruppe", "lebenslage", "ort", "zeiten")


@json_post_endpoint("bedarf", WISH_FIELDS)
def api_wish(request, data):
    """POST /api/v2/bedarf/ {"thema", "beschreibung", "zielgruppe": slug, "lebenslage": slug, "ort": slug, "zeiten": [...]}."""
    form = WishForm(data)
    if not is_valid(form):
        return form_error_response(form)
    Wish.objects.create(**form.wish_fields())
    return JsonResponse(
        {
            "message": _(
                "Danke! Ihr Wunsch ist angekommen. Er hilft Anbietern, Angebote zu planen, "
                "die wirklich gebraucht werden."
            )
        },
        status=201,
        json_dumps_params={"ensure_ascii": False},
    )


def may_see_report(user) -> bool:
    return user.has_perm("bedarf.view_wish") or scoping.is_scoped_provider_user(user)


def _month(value: str | None, default: datetime.date) -> datetime.date:
    try:
        month = datetime.date.fromisoformat(f"{value}-01") if value else default
    except ValueError:
        return default
    # the report counts up to the month after ``bis``: year 9999 has none
    return month if 2000 <= month.year <= 2100 else default


def report_view(request):
    if not may_see_report(request.user):
        raise PermissionDenied
    this_month = demand.month_start(timezone.localdate())
    default_start = demand.month_start(this_month - datetime.timedelta(days=330))
    start = _month(request.GET.get("von"), default_start)
    last = _month(request.GET.get("bis"), this_month)
    if last < start:
        start, last = last, start
    try:
        threshold = max(0, min(50, int(request.GET.get("schwelle", ""))))
    except ValueError:
        threshold = None
    result = demand.build_report(
        start, demand.next_month(last), threshold=threshold, scope=demand.provider_scope(request.user)
    )
    if request.GET.get("format") == "csv":
        response = HttpResponse("\ufeff" + demand.as_csv(result), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="bedarf-{start:%Y-%m}-bis-{last:%Y-%m}.csv"'
        return response
    return TemplateResponse(
        request,
        "bedarf/admin/report.html",
        {
            "report": result,
            "totals": demand.totals(result),
            "von": f"{start:%Y-%m}",
            "bis": f"{last:%Y-%m}",
            "scoped": not scoping.sees_all_providers(request.user),
            "query": request.GET.urlencode(),
        },
    )
