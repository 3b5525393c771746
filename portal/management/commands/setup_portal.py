import os

from django.core.management.base import BaseCommand

from portal.setup import ensure_admin, set_up_portal


class Command(BaseCommand):
    help = (
        "Create what a fresh portal needs (taxonomies, page tree, the service office group) and an "
        "administrator from ADMIN_USERNAME / ADMIN_EMAIL / ADMIN_PASSWORD (password generated and "
        "printed once if unset). Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-admin", action="store_true", help="Do not create an administrator.")

    def handle(self, *args, no_admin=False, **options):
        home = set_up_portal()
        self.stdout.write(f"Portal ready: home page “{home.title}”.")
        if no_admin:
            return
        account = ensure_admin(
            username=os.environ.get("ADMIN_USERNAME", "admin"),
            email=os.environ.get("ADMIN_EMAIL", "admin@example.org"),
            password=os.environ.get("ADMIN_PASSWORD") or None,
        )
        if account.generated_password:
            self.stdout.write(self.style.WARNING(
                f"Administrator created: user “{account.username}”, password “{account.generated_password}” "
                "(shown only this once; change it under /admin/ → Konto)."
            ))
        elif account.created:
            self.stdout.write(f"Administrator “{account.username}” created with ADMIN_PASSWORD.")
        else:
            self.stdout.write(f"Administrator “{account.username}” exists already.")
