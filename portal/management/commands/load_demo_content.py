from django.core.management.base import BaseCommand, CommandError

from portal.demo import load_demo_content
from search.indexing import rebuild_index


class Command(BaseCommand):
    help = "Fill the portal with realistic German demo content (offers, events, articles, providers). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=200, help="Number of offers, events and articles together.")

    def handle(self, *args, scale, **options):
        if scale < 0:
            raise CommandError("--scale must not be negative.")
        created = load_demo_content(scale)
        self.stdout.write(
            f"Beispielinhalte: {created['offers']} Angebote, {created['events']} Veranstaltungen und "
            f"{created['articles']} Beiträge angelegt (vorhandene bleiben)."
        )
        for engine, count in rebuild_index().items():
            self.stdout.write(f"Suche ({engine}): {count} Dokumente im Index.")
