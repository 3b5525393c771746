"""The hand-written demo corpus (portal/demo_content/, the 3L exchange format), loaded through the importer.

The corpus's lines may carry ``bild`` ({"datei": key, "alt": text}): a demo image drawn by
``portal.demo_images``. That key is the demo's own, not part of the exchange format, so it is taken off
before the importer sees the line, and the image is attached to the imported page afterwards.
"""

import io
import json
from functools import partial
from pathlib import Path

from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Collection

from austausch.batch import deferred_indexes
from austausch.importer import ImportReport, import_jsonl
from austausch.models import ExternalId

from .demo_images import draw_demo_image

CORPUS_DIR = Path(__file__).resolve().parent / "demo_content"
CORPUS_FILES = ("anbieter.jsonl", "angebote.jsonl", "veranstaltungen.jsonl", "beitraege.jsonl")  # providers first
DEMO_COLLECTION = "Beispielbilder"


class CorpusError(Exception):
    """The shipped corpus did not import: its report's German errors."""


def corpus_lines() -> tuple[list[str], dict[str, dict]]:
    """The corpus's lines in import order without ``bild``, and the images by the item's id."""
    lines, images = [], {}
    for name in CORPUS_FILES:
        for raw in (CORPUS_DIR / name).read_text(encoding="utf-8").splitlines():
            if not raw.strip():
                continue
            record = json.loads(raw)
            image = record.pop("bild", None)
            if image:
                images[record["id"]] = image
            lines.append(json.dumps(record, ensure_ascii=False))
    return lines, images


def load_demo_corpus(progress=None) -> ImportReport:
    """Import the corpus, published, with its images; idempotent (the importer updates by id)."""
    lines, images = corpus_lines()
    with transaction.atomic(), deferred_indexes():  # pages with images are indexed once, with them
        report = import_jsonl(lines, publish=True, progress=progress, on_create=partial(give_image, images))
        if report.errors:
            raise CorpusError("\n".join(f"Zeile {e.line}, {e.key}: {e.message}" for e in report.errors))
        attach_images(images)  # pages imported before without one
    return report


def give_image(images: dict[str, dict], external_id: str, page) -> None:
    """A new page gets its demo image before its first revision."""
    image = images.get(external_id)
    if image is not None:
        page.image = demo_image(external_id, image["datei"], image["alt"])


def attach_images(images: dict[str, dict]) -> int:
    """Give each imported page without an image its demo image, as a new published revision; returns how many."""
    pages = {
        ext.external_id: ext.page.specific
        for ext in ExternalId.objects.filter(external_id__in=images, page__isnull=False).select_related("page")
    }
    attached = 0
    for external_id, image in images.items():
        page = pages.get(external_id)
        if page is None or page.image_id:
            continue
        page.image = demo_image(external_id, image["datei"], image["alt"])
        page.save_revision().publish()
        attached += 1
    return attached


def demo_image(external_id: str, key: str, alt: str):
    """The image drawn for ``key``, stored once per item in the demo collection, with the item's alt text."""
    Image = get_image_model()
    title = f"Beispielbild {external_id}"
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    buffer = io.BytesIO()
    draw_demo_image(key).save(buffer, format="JPEG", quality=85)  # a fifth of a PNG's size, drawn 10 times faster
    image = Image(title=title, description=alt[:255], collection=demo_collection())
    image.file.save(f"demo-{key}.jpg", ImageFile(buffer, name=f"demo-{key}.jpg"), save=False)
    image.save()
    return image


def demo_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=DEMO_COLLECTION).first()
    return existing or root.add_child(name=DEMO_COLLECTION)
