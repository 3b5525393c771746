"""Fetch every active provider's iCalendar feed and bring its events up to date (run hourly from cron)."""

from django.core.management.base import BaseCommand

from kalender.importer import import_all


class Command(BaseCommand):
    help = "Importiert die iCal-Kalender der Anbieter (neu, geändert, entfernt); Fehler je Kalender."

    def handle(self, *args, **options):
        reports = import_all()
        for report in reports:
            line = f"{report.feed}: {report.summary()}"
            (self.stdout.write(line) if report.ok else self.stderr.write(line))
        failed = sum(not report.ok for report in reports)
        self.stdout.write(f"{len(reports)} Kalender, davon {failed} mit Fehlern.")
