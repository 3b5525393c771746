"""Recurring events: the RFC 5545 rule of an event and its expansion into occurrences.

An event stores its rule as an RRULE string (composed from the editor's choices, or kept verbatim
from an imported feed) plus one ``EventOccurrenceChange`` row per cancelled or moved occurrence.
Expansion runs in Europe/Berlin wall-clock time and attaches the zone only at the end, so that an
event at 19:00 stays at 19:00 across the change to and from summer time.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

BERLIN = ZoneInfo("Europe/Berlin")
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAY_NAMES = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
FREQUENCIES = {"daily": "DAILY", "weekly": "WEEKLY", "monthly": "MONTHLY"}
# An unending series is expanded this far ahead; listings, feeds and the API never need more.
HORIZON = datetime.timedelta(days=2 * 366)
MAX_OCCURRENCES = 1000


@dataclass(frozen=True)
class Occurrence:
    start: datetime.datetime  # aware, Europe/Berlin
    end: datetime.datetime | None
    all_day: bool = False
    moved: bool = False
    original_start: datetime.datetime | None = None  # where a moved occurrence was scheduled
    note: str = ""

    @property
    def day(self) -> datetime.date:
        return self.start.date()

    @property
    def last_day(self) -> datetime.date:
        if self.end is None:
            return self.day
        end = self.end - datetime.timedelta(microseconds=1) if self.all_day else self.end
        return max(self.day, end.astimezone(BERLIN).date())


def local(value: datetime.datetime) -> datetime.datetime:
    return value.astimezone(BERLIN)


def wall(value: datetime.datetime) -> datetime.datetime:
    """The naive Berlin wall-clock time of an aware datetime."""
    return local(value).replace(tzinfo=None)


def compose_rrule(
    frequency: str,
    *,
    interval: int = 1,
    weekdays: list[str] | None = None,
    month_week: int | None = None,
    start: datetime.datetime,
    until: datetime.date | None = None,
    count: int | None = None,
    all_day: bool = False,
) -> str:
    """The RRULE value (without "RRULE:") for the editor's choices; "" when the event does not repeat.

    UNTIL is a DATE for all-day events and UTC otherwise, as RFC 5545 requires with a TZID start.
    """
    if frequency not in FREQUENCIES:
        return ""
    parts = [f"FREQ={FREQUENCIES[frequency]}"]
    if interval and interval > 1:
        parts.append(f"INTERVAL={interval}")
    if frequency == "weekly" and weekdays:
        parts.append("BYDAY=" + ",".join(day for day in WEEKDAYS if day in weekdays))
    if frequency == "monthly" and month_week:
        parts.append(f"BYDAY={month_week}{WEEKDAYS[local(start).weekday()]}")
    if until:
        if all_day:
            parts.append(f"UNTIL={until:%Y%m%d}")
        else:
            last_moment = datetime.datetime.combine(until, datetime.time(23, 59, 59), tzinfo=BERLIN)
            parts.append(f"UNTIL={last_moment.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}")
    elif count:
        parts.append(f"COUNT={count}")
    return ";".join(parts)


def parse_rrule(rule: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in rule.upper().split(";") if "=" in part)


def _naive_until(value: str) -> str:
    """UNTIL as naive Berlin wall time, matching the naive start the expansion works with."""
    if value.endswith("Z"):
        moment = datetime.datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.UTC)
        return f"{wall(moment):%Y%m%dT%H%M%S}"
    if "T" not in value:
        return f"{value}T235959"
    return value


def rule_for_dateutil(rule: str, start: datetime.datetime):
    parts = parse_rrule(rule)
    if "UNTIL" in parts:
        parts["UNTIL"] = _naive_until(parts["UNTIL"])
    return rrulestr(";".join(f"{k}={v}" for k, v in parts.items()), dtstart=wall(start))


def expand(
    start: datetime.datetime,
    end: datetime.datetime | None,
    rule: str,
    *,
    all_day: bool = False,
    changes=(),
    window_start: datetime.datetime | None = None,
    window_end: datetime.datetime | None = None,
    limit: int | None = None,
) -> list[Occurrence]:
    """Every occurrence that ends after ``window_start`` and starts before ``window_end``, in order.

    ``changes`` are objects with ``original_date``, ``action`` ("cancel"/"move"), ``new_start``,
    ``new_end``, ``note``. Without a rule the event is its own single occurrence.
    """
    duration = (wall(end) - wall(start)) if end else None
    if not rule:
        candidates = [Occurrence(local(start), local(end) if end else None, all_day)]
    else:
        by_day = {change.original_date: change for change in changes}
        parts = parse_rrule(rule)
        if window_end:
            horizon = wall(window_end)
        elif "COUNT" in parts or "UNTIL" in parts:
            horizon = datetime.datetime.max  # a finite series: all of it (at most MAX_OCCURRENCES)
        else:
            horizon = wall(datetime.datetime.now(BERLIN) + HORIZON)
        candidates = []
        for naive in rule_for_dateutil(rule, start):
            if naive > horizon or len(candidates) >= MAX_OCCURRENCES:
                break
            occurrence_start = naive.replace(tzinfo=BERLIN)
            occurrence_end = (naive + duration).replace(tzinfo=BERLIN) if duration is not None else None
            change = by_day.get(naive.date())
            if change is None:
                candidates.append(Occurrence(occurrence_start, occurrence_end, all_day))
            elif change.action == "move" and change.new_start:
                new_end = change.new_end or (local(change.new_start) + duration if duration is not None else None)
                candidates.append(
                    Occurrence(
                        local(change.new_start),
                        local(new_end) if new_end else None,
                        all_day,
                        moved=True,
                        original_start=occurrence_start,
                        note=change.note,
                    )
                )
        candidates.sort(key=lambda occurrence: occurrence.start)
    selected = [o for o in candidates if _in_window(o, window_start, window_end)]
    return selected[:limit] if limit else selected


def _in_window(occurrence: Occurrence, window_start, window_end) -> bool:
    if window_start is not None:
        if occurrence.end is not None:
            if occurrence.end <= window_start:
                return False
        elif occurrence.day < local(window_start).date():
            return False
    return window_end is None or occurrence.start < window_end


def last_end(
    start: datetime.datetime, end: datetime.datetime | None, rule: str, *, all_day: bool = False, changes=()
) -> datetime.datetime | None:
    """When the series is over (end of its last occurrence); None for a series without an end."""
    parts = parse_rrule(rule)
    if rule and "UNTIL" not in parts and "COUNT" not in parts:
        return None
    occurrences = expand(
        start, end, rule, all_day=all_day, changes=changes, window_end=local(start) + datetime.timedelta(days=365 * 20)
    )
    if not occurrences:
        return local(end or start)
    return max(o.end or datetime.datetime.combine(o.day, datetime.time.max, tzinfo=BERLIN) for o in occurrences)


def is_occurrence_day(start, rule: str, day: datetime.date) -> bool:
    """Does the rule (without changes) have an occurrence on ``day``?"""
    window_start = datetime.datetime.combine(day, datetime.time.min, tzinfo=BERLIN)
    window_end = window_start + datetime.timedelta(days=1)
    return any(o.day == day for o in expand(start, None, rule, window_start=window_start, window_end=window_end))
