from django.core.management.base import BaseCommand

from search.indexing import REPLAY_BATCH, backlog, replay_pending, uses_elasticsearch


class Command(BaseCommand):
    help = (
        "Push the pages an Elasticsearch outage left pending (PendingIndexUpdate) to the node, as they are now. "
        "Run it every minute from a timer; a node that still fails leaves the backlog as it is (exit 1)."
    )

    def handle(self, *args, **options):
        if not uses_elasticsearch():
            self.stdout.write("The search runs on the database: nothing to replay.")
            return
        replayed = 0
        try:
            while batch := replay_pending(REPLAY_BATCH):
                replayed += batch
        except Exception as error:
            self.stderr.write(
                self.style.ERROR(
                    f"Elasticsearch failed ({type(error).__name__}); {backlog()['count']} page(s) still pending."
                )
            )
            raise SystemExit(1) from error
        self.stdout.write(f"{replayed} page(s) replayed; {backlog()['count']} pending.")
