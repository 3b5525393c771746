from django.core.management.base import BaseCommand, CommandError

from newsletter.services import send_digests


class Command(BaseCommand):
    help = (
        "Send each confirmed subscriber the new offers and events matching their interests. "
        "Safe to rerun: what was sent is recorded with each mail."
    )

    def handle(self, *args, **options):
        mails, items, failures = send_digests()
        self.stdout.write(f"{mails} Newsletter mit {items} Einträgen versendet.")
        if failures:
            raise CommandError(
                f"{failures} Newsletter konnten nicht versendet werden; der nächste Lauf versucht es erneut."
            )
