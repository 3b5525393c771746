"""Exporting what is published in the exchange format: providers first, then offers, events, articles.

Objects that came in through an import keep their id; others get one that stays the same on every export
(a provider's slug, a page's translation key), so that importing an export updates instead of duplicating.
"""

import json
from collections.abc import Iterator
from typing import IO

from anbieter.models import Anbieter

from .fields import record_from_values, snapshot_page, snapshot_provider
from .importer import PAGE_MODELS
from .models import ExternalId

CHUNK = 500


def provider_export_id(provider: Anbieter, stored: dict[int, str]) -> str:
    return stored.get(provider.pk) or f"3l-anbieter-{provider.slug}"


def export_records(anbieter: Anbieter | None = None) -> Iterator[dict]:
    """The office's export (``anbieter`` None: every visible item) or one provider's own published items."""
    stored_pages = dict(ExternalId.objects.filter(page__isnull=False).values_list("page_id", "external_id"))
    stored_providers = dict(ExternalId.objects.filter(anbieter__isnull=False).values_list("anbieter_id", "external_id"))
    providers = Anbieter.objects.filter(pk=anbieter.pk) if anbieter else Anbieter.objects.active()
    provider_ids = {}
    for provider in providers.select_related("ort").order_by("name"):
        provider_ids[provider.pk] = provider_export_id(provider, stored_providers)
        yield record_from_values("anbieter", provider_ids[provider.pk], snapshot_provider(provider))
    for art, model in PAGE_MODELS.items():
        for page in _published(model, anbieter).iterator(chunk_size=CHUNK):
            external_id = stored_pages.get(page.pk) or f"3l-{page.translation_key}"
            yield record_from_values(art, external_id, snapshot_page(page, art, provider_ids))


def _published(model, anbieter: Anbieter | None):
    pages = model.objects.live().filter(anbieter=anbieter) if anbieter else model.objects.visible()
    related = ["bereich"] + (["ort"] if hasattr(model, "venue_name") else [])
    prefetch = ["lebenslagen", "zielgruppen"] + (["barrierefreiheit"] if hasattr(model, "venue_name") else [])
    if hasattr(model, "schedule"):
        prefetch.append("dates")
    return pages.select_related(*related).prefetch_related(*prefetch).order_by("path")


def export_jsonl(out: IO[str], anbieter: Anbieter | None = None) -> int:
    """Write the export to a text stream, one line per object; returns the number of lines."""
    count = 0
    for record in export_records(anbieter):
        out.write(json_line(record))
        count += 1
    return count


def json_line(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"
