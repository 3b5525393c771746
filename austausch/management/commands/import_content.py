"""manage.py import_content FILE [--dry-run] [--entwurf] [--einladen]: the 3L exchange format in."""

from django.core.management.base import BaseCommand, CommandError

from austausch.importer import PROGRESS_EVERY, import_jsonl


class Command(BaseCommand):
    help = (
        "Importiert Anbieter, Angebote, Veranstaltungen und Beiträge aus einer Datei im 3L-Austauschformat "
        "(JSON Lines). Die ganze Datei wird zuerst geprüft; bei einem Fehler wird nichts importiert."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Pfad der .jsonl-Datei")
        parser.add_argument("--dry-run", action="store_true", help="nur prüfen und berichten, nichts ändern")
        parser.add_argument(
            "--entwurf",
            action="store_true",
            help="als Entwürfe anlegen und zur Freigabe durch das Servicebüro einreichen "
            "(sonst sofort veröffentlichen)",
        )
        parser.add_argument(
            "--einladen",
            action="store_true",
            help="neue Anbieter mit Ansprechperson und E-Mail erhalten einen Zugang (Einladung per Mail)",
        )
        parser.add_argument(
            "--fortschritt",
            type=int,
            default=PROGRESS_EVERY,
            metavar="N",
            help=f"Fortschritt alle N Zeilen melden (Vorgabe {PROGRESS_EVERY})",
        )

    def handle(self, *args, file, dry_run, entwurf, einladen, fortschritt, **options):
        def progress(stage: str, lines: int) -> None:
            self.stdout.write(f"{stage}: {lines} Zeilen …")
            self.stdout.flush()

        try:
            report = import_jsonl(
                file,
                publish=not entwurf,
                dry_run=dry_run,
                progress=progress,
                invite=einladen,
                progress_every=max(1, fortschritt),
            )
        except OSError as error:
            raise CommandError(f"Die Datei kann nicht gelesen werden: {error}") from error
        if not report.ok:
            for error in report.errors:
                self.stderr.write(str(error))
            if report.more_errors:
                self.stderr.write(f"… und {report.more_errors} weitere Fehler.")
            raise CommandError(report.summary())
        if dry_run:
            self.stdout.write("Probelauf: nichts wurde geändert.")
        for action, counts in report.counts.items():
            if counts:
                detail = ", ".join(f"{art}: {n}" for art, n in sorted(counts.items()))
                self.stdout.write(f"{action}: {detail}")
        self.stdout.write(self.style.SUCCESS(report.summary()))
