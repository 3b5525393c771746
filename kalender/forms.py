"""The admin form of events: weekdays as checkboxes, cancelled or moved dates checked against the rule."""

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from anbieter.page_forms import ClassifiedPageForm

from . import recurrence

WEEKDAY_CHOICES = list(zip(recurrence.WEEKDAYS, recurrence.WEEKDAY_NAMES, strict=True))


class EventPageForm(ClassifiedPageForm):
    repeat_weekdays = forms.MultipleChoiceField(
        label=_("an den Wochentagen"),
        choices=WEEKDAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Nur bei wöchentlicher Wiederholung."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self.initial.get("repeat_weekdays")
        if isinstance(stored, str):
            self.initial["repeat_weekdays"] = [day for day in stored.split(",") if day]

    def clean_repeat_weekdays(self) -> str:
        return ",".join(day for day in recurrence.WEEKDAYS if day in self.cleaned_data["repeat_weekdays"])

    def clean(self):
        cleaned = super().clean()
        changes = self.formsets.get("occurrence_changes") if hasattr(self, "formsets") else None
        if changes is None or not cleaned.get("start") or self.errors:
            return cleaned
        rule = (
            recurrence.compose_rrule(
                cleaned.get("repeat") or "",
                interval=cleaned.get("repeat_interval") or 1,
                weekdays=(cleaned.get("repeat_weekdays") or "").split(","),
                month_week=cleaned.get("repeat_month_week"),
                start=cleaned["start"],
                until=cleaned.get("repeat_until"),
                count=cleaned.get("repeat_count"),
                all_day=cleaned.get("all_day", False),
            )
            if cleaned.get("repeat") != "custom"
            else self.instance.rrule
        )
        for form in changes.forms:
            day = form.cleaned_data.get("original_date") if hasattr(form, "cleaned_data") else None
            if not day or form.cleaned_data.get("DELETE"):
                continue
            if not rule:
                form.add_error(
                    "original_date", _("Nur Termine einer wiederholten Veranstaltung lassen sich einzeln ändern.")
                )
            elif not recurrence.is_occurrence_day(cleaned["start"], rule, day):
                form.add_error(
                    "original_date",
                    _("Am %(day)s findet laut Wiederholung kein Termin statt.")
                    % {"day": formats.date_format(day, "j. F Y")},
                )
        return cleaned
