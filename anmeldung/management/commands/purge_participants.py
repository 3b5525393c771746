from django.conf import settings
from django.core.management.base import BaseCommand

from anmeldung.services import purge_participants


class Command(BaseCommand):
    help = "Anonymise participants ANMELDUNG_RETENTION_DAYS after their offer or event ended (run daily)."

    def handle(self, *args, **options):
        count = purge_participants()
        self.stdout.write(f"{count} Anmeldungen anonymisiert (Frist: {settings.ANMELDUNG_RETENTION_DAYS} Tage).")
