from django.core.management.base import BaseCommand

from newsletter.services import purge_unconfirmed


class Command(BaseCommand):
    help = "Delete newsletter subscriptions never confirmed within NEWSLETTER_CONFIRM_MAX_AGE (run daily)."

    def handle(self, *args, **options):
        self.stdout.write(f"{purge_unconfirmed()} unbestätigte Newsletter-Anmeldungen gelöscht.")
