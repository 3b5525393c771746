"""manage.py export_content [--anbieter ID] [--datei FILE]: the 3L exchange format out."""

from django.core.management.base import BaseCommand, CommandError

from anbieter.models import Anbieter
from austausch.exporter import export_jsonl


class Command(BaseCommand):
    help = (
        "Exportiert alles Veröffentlichte (oder die veröffentlichten Inhalte eines Anbieters) im "
        "3L-Austauschformat (JSON Lines) auf die Standardausgabe oder in eine Datei."
    )

    def add_arguments(self, parser):
        parser.add_argument("--anbieter", help="nur dieser Anbieter (Nummer oder Kurzname)")
        parser.add_argument("--datei", "-o", help="in diese Datei schreiben statt auf die Standardausgabe")

    def handle(self, *args, anbieter, datei, **options):
        provider = None
        if anbieter:
            lookup = {"pk": int(anbieter)} if anbieter.isdigit() else {"slug": anbieter}
            provider = Anbieter.objects.filter(**lookup).first()
            if provider is None:
                raise CommandError(f"Keinen Anbieter „{anbieter}“ gefunden.")
        if datei:
            with open(datei, "w", encoding="utf-8", newline="\n") as out:
                count = export_jsonl(out, provider)
            self.stderr.write(f"{count} Zeilen nach {datei} geschrieben.")
        else:
            export_jsonl(self.stdout, provider)  # each line ends with a newline: OutputWrapper adds none
