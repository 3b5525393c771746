from django.core.management.base import BaseCommand

from feedback.services import invite_participants


class Command(BaseCommand):
    help = "Mail each confirmed participant of an ended offer or event their personal one-time rating link (run daily)."

    def handle(self, *args, **options):
        self.stdout.write(f"{invite_participants()} Einladungen zur Bewertung versendet.")
