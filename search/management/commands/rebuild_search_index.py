from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from search.indexing import engines, rebuild_index


class Command(BaseCommand):
    help = (
        "Rebuild the residents' search from the published pages: the database table, and on "
        "Elasticsearch a new index that replaces the old one by an alias switch (no downtime). "
        "With --check, only compare the number of documents in each engine."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Only report document counts per engine.")

    def handle(self, *args, check=False, **options):
        if check:
            counts = {engine.name: engine.count() for engine in engines()}
            self.stdout.write(", ".join(f"{name}: {count} documents" for name, count in counts.items()))
            if len(set(counts.values())) > 1:
                self.stderr.write(self.style.ERROR("The engines disagree: run rebuild_search_index."))
                raise SystemExit(1)
            return
        for name, count in rebuild_index().items():
            self.stdout.write(f"{name}: {count} documents indexed.")
        if uses_elasticsearch_for_wagtail():
            # Wagtail's own indexes (pages API, admin search, usage) get their mappings only from update_index:
            # dynamically mapped they find nothing and the admin search fails with KeyError 'fields'
            call_command("update_index", stdout=self.stdout, stderr=self.stderr)


def uses_elasticsearch_for_wagtail() -> bool:
    return any("elasticsearch" in backend.get("BACKEND", "") for backend in settings.WAGTAILSEARCH_BACKENDS.values())
