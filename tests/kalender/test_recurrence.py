"""Expanding recurring events: rules, daylight-saving changes, cancelled and moved occurrences."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from kalender.models import EventOccurrenceChange, EventPage
from kalender.recurrence import BERLIN, compose_rrule, expand, last_end
from tests.factories import make_event


def berlin(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=BERLIN)


def change(day, action="cancel", new_start=None, new_end=None, note=""):
    return SimpleNamespace(original_date=day, action=action, new_start=new_start, new_end=new_end, note=note)


def test_weekly_event_stays_at_19_oclock_across_both_daylight_saving_changes():
    start = berlin(2026, 3, 19, 19, 0)  # Thursday before the spring change (29 March)
    rule = compose_rrule("weekly", weekdays=["TH"], start=start, count=34)
    occurrences = expand(start, start + datetime.timedelta(hours=2), rule)
    assert len(occurrences) == 34
    assert {o.start.astimezone(BERLIN).hour for o in occurrences} == {19}
    assert {(o.end - o.start) for o in occurrences} == {datetime.timedelta(hours=2)}
    offsets = {o.start.utcoffset() for o in occurrences}
    assert offsets == {datetime.timedelta(hours=1), datetime.timedelta(hours=2)}  # winter and summer time
    autumn = [o for o in occurrences if o.start.date() == datetime.date(2026, 10, 29)]
    assert autumn and autumn[0].start.astimezone(datetime.UTC).hour == 18  # 19:00 CET after the change on 25 Oct


def test_daily_rule_with_interval_and_end_date_includes_the_last_day():
    start = berlin(2026, 11, 1, 9, 30)
    rule = compose_rrule("daily", interval=2, start=start, until=datetime.date(2026, 11, 9))
    assert rule.startswith("FREQ=DAILY;INTERVAL=2;UNTIL=20261109T")
    assert rule.endswith("Z")  # UTC, as RFC 5545 requires with a TZID start
    days = [o.start.day for o in expand(start, None, rule)]
    assert days == [1, 3, 5, 7, 9]


def test_weekly_on_several_weekdays_every_second_week():
    start = berlin(2026, 11, 2, 10)  # Monday
    rule = compose_rrule("weekly", interval=2, weekdays=["WE", "MO"], start=start, count=4)
    assert rule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=4"
    assert [o.start.date().isoformat() for o in expand(start, None, rule)] == [
        "2026-11-02",
        "2026-11-04",
        "2026-11-16",
        "2026-11-18",
    ]


def test_monthly_on_the_nth_and_the_last_weekday():
    start = berlin(2026, 11, 10, 15)  # the second Tuesday of November
    second = compose_rrule("monthly", month_week=2, start=start, count=3)
    assert second == "FREQ=MONTHLY;BYDAY=2TU;COUNT=3"
    assert [o.start.date().isoformat() for o in expand(start, None, second)] == [
        "2026-11-10",
        "2026-12-08",
        "2027-01-12",
    ]
    last_friday = berlin(2026, 11, 27, 18)
    rule = compose_rrule("monthly", month_week=-1, start=last_friday, count=2)
    assert [o.start.date().isoformat() for o in expand(last_friday, None, rule)] == ["2026-11-27", "2026-12-25"]


def test_cancelled_and_moved_occurrences():
    start = berlin(2026, 11, 2, 19)
    rule = compose_rrule("weekly", weekdays=["MO"], start=start, count=4)
    moved_to = berlin(2026, 11, 18, 18)
    changes = [
        change(datetime.date(2026, 11, 9)),
        change(datetime.date(2026, 11, 16), "move", moved_to, note="Feiertag"),
    ]
    occurrences = expand(start, start + datetime.timedelta(hours=1), rule, changes=changes)
    assert [o.start for o in occurrences] == [start, moved_to, berlin(2026, 11, 23, 19)]
    moved = occurrences[1]
    assert moved.moved and moved.original_start == berlin(2026, 11, 16, 19) and moved.note == "Feiertag"
    assert moved.end == moved_to + datetime.timedelta(hours=1)


def test_window_and_limit_select_occurrences():
    start = berlin(2026, 1, 5, 8)
    rule = compose_rrule("daily", start=start)
    window = expand(start, None, rule, window_start=berlin(2026, 2, 1), window_end=berlin(2026, 2, 4))
    assert [o.start.day for o in window] == [1, 2, 3]
    assert len(expand(start, None, rule, window_start=berlin(2026, 2, 1), limit=5)) == 5


def test_series_end_is_the_end_of_the_last_occurrence_and_none_without_end():
    start = berlin(2026, 11, 2, 19)
    rule = compose_rrule("weekly", weekdays=["MO"], start=start, count=3)
    assert last_end(start, start + datetime.timedelta(hours=2), rule) == berlin(2026, 11, 16, 21)
    assert last_end(start, None, compose_rrule("weekly", weekdays=["MO"], start=start)) is None


@pytest.mark.django_db
def test_recurring_event_is_upcoming_while_occurrences_remain(portal):
    start = datetime.datetime.now(BERLIN).replace(microsecond=0) - datetime.timedelta(days=30)
    event = make_event("Lauftreff", start=start, repeat="daily", repeat_count=60)
    over = make_event("Alter Kurs", start=start, repeat="daily", repeat_count=3)
    assert event.rrule == "FREQ=DAILY;COUNT=60" and event.series_end > datetime.datetime.now(BERLIN)
    upcoming = set(EventPage.objects.upcoming())
    assert event in upcoming and over not in upcoming
    assert event.next_occurrence.end > datetime.datetime.now(BERLIN)  # the current one or the next


@pytest.mark.django_db
def test_editor_mistakes_get_german_messages(portal):
    monday = berlin(2026, 11, 2, 19)
    cases = [
        ({"repeat": "weekly", "repeat_weekdays": ""}, "repeat_weekdays", "mindestens einen Wochentag"),
        ({"repeat": "weekly", "repeat_weekdays": "TU"}, "repeat_weekdays", "Montag"),
        ({"repeat": "monthly", "repeat_month_week": 2}, "repeat_month_week", "zweiten Montag"),
        (
            {"repeat": "daily", "repeat_until": datetime.date(2026, 12, 1), "repeat_count": 3},
            "repeat_count",
            "nicht beides",
        ),
        ({"repeat": "daily", "repeat_until": datetime.date(2026, 10, 1)}, "repeat_until", "vor dem Beginn"),
    ]
    for fields, field, message in cases:
        event = EventPage(title="x", slug="x", teaser="x", start=monday, ort=None, format="online", **fields)
        with pytest.raises(ValidationError) as raised:
            event.clean()
        assert message in " ".join(raised.value.message_dict[field]), fields
    moved = EventOccurrenceChange(original_date=datetime.date(2026, 11, 9), action="move")
    with pytest.raises(ValidationError) as raised:
        moved.clean()
    assert "neuen Beginn" in raised.value.message_dict["new_start"][0]
