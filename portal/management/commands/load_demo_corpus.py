from django.core.management.base import BaseCommand, CommandError

from portal.demo_corpus import CorpusError, load_demo_corpus
from portal.setup import set_up_portal


class Command(BaseCommand):
    help = (
        "Lädt die Beispielinhalte aus Elbe-Elster (portal/demo_content/, 3L-Austauschformat) über den Import: "
        "Anbieter, Angebote, Veranstaltungen, Beiträge und ihre Bilder. Mehrfach ausführbar."
    )

    def handle(self, *args, **options):
        set_up_portal()
        try:
            report = load_demo_corpus(progress=self.progress)
        except CorpusError as error:
            raise CommandError(f"Die Beispielinhalte ließen sich nicht importieren:\n{error}") from error
        self.stdout.write(f"Beispielinhalte: {report.summary()}")

    def progress(self, stage, lines):
        self.stdout.write(f"  … {stage}: {lines} Zeilen")
