"""The admin's "Daten importieren" (service office) and "Daten exportieren" (office: all; provider: its own)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from anbieter import scoping
from anbieter.models import Anbieter

from . import uploads
from .exporter import export_records, json_line
from .forms import ImportForm
from .importer import import_jsonl

SESSION_KEY = "austausch_import"


def may_import(user) -> bool:
    """The service office (and administrators): an import creates providers and publishes."""
    return scoping.sees_all_providers(user) and user.has_perm("anbieter.add_anbieter")


def may_export(user) -> bool:
    return scoping.sees_all_providers(user) or scoping.is_scoped_provider_user(user)


def import_view(request):
    if not may_import(request.user):
        raise PermissionDenied
    if request.method == "POST" and "bestaetigen" in request.POST:
        return _confirm(request)
    if request.method == "POST" and "verwerfen" in request.POST:
        _discard(request)
        messages.info(request, _("Der Import wurde verworfen."))
        return redirect("austausch_import")
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if request.method == "POST" and form.is_valid():
        _discard(request)
        token = uploads.store(form.cleaned_data["datei"])
        publish, invite = not form.cleaned_data["entwurf"], form.cleaned_data["einladen"]
        report = import_jsonl(uploads.path_of(token), publish=publish, dry_run=True, invite=invite)
        if report.ok:
            request.session[SESSION_KEY] = {
                "token": token,
                "publish": publish,
                "invite": invite,
                "name": form.cleaned_data["datei"].name[:200],
            }
        else:
            uploads.discard(token)
        return _report(request, report, form.cleaned_data["datei"].name, status=200 if report.ok else 400)
    return TemplateResponse(
        request, "austausch/admin/import.html", {"form": form}, status=400 if form.is_bound else 200
    )


def _confirm(request):
    pending = request.session.get(SESSION_KEY) or {}
    path = uploads.path_of(pending.get("token"))
    if path is None:
        messages.error(request, _("Es liegt kein geprüfter Import vor. Bitte die Datei erneut hochladen."))
        return redirect("austausch_import")
    report = import_jsonl(path, publish=pending["publish"], invite=pending["invite"], user=request.user)
    _discard(request)
    if report.ok:
        messages.success(request, report.summary())
    return _report(request, report, pending["name"], status=200 if report.ok else 400)


def _discard(request) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        uploads.discard(pending.get("token"))


def _report(request, report, name: str, status: int):
    return TemplateResponse(
        request, "austausch/admin/import_report.html", {"report": report, "file_name": name}, status=status
    )


def export_view(request):
    if not may_export(request.user):
        raise PermissionDenied
    office = scoping.sees_all_providers(request.user)
    choices = (
        Anbieter.objects.all() if office else Anbieter.objects.filter(pk__in=scoping.provider_ids_of(request.user))
    )
    provider = None
    selected = request.GET.get("anbieter", "")
    if selected:
        if not selected.isdigit():
            raise Http404
        provider = choices.filter(pk=selected).first()
        if provider is None:
            raise Http404  # not the user's provider: as if it did not exist
    elif not office:
        provider = choices.order_by("name").first()
    if request.GET.get("format") != "jsonl":
        return TemplateResponse(
            request,
            "austausch/admin/export.html",
            {"office": office, "choices": choices.order_by("name"), "provider": provider},
        )
    name = f"3l-export-{provider.slug if provider else 'alle'}-{timezone.localdate():%Y-%m-%d}.jsonl"
    response = StreamingHttpResponse(
        (json_line(record) for record in export_records(provider)), content_type="application/x-ndjson; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
