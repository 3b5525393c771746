"""The single sessions of an offer that runs over a period: derived from its first and last day and its
"Zeiten" text ("dienstags, 18:00–19:30 Uhr, 12 Termine, nicht am 29. März (Ostermontag)").

Only what the text says for certain: the weekdays ("montags", "mittwochs und freitags", "Montag bis Freitag"),
one time span ("18:00–19:30 Uhr", "9–12 Uhr") and the days left out ("nicht am 29. März"). Extra dates after
"dazu" cannot be derived and stay in the text. When the weekdays or the time are missing, when a stated number
of sessions ("12 Termine") does not match, or when there would be more than ``MAX_SESSIONS``, there is no list:
a wrong date is worse than none.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone

MAX_SESSIONS = 40
WEEKDAYS = ["montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"]
MONTHS = [
    "januar",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
]
_DAY = "|".join(WEEKDAYS)
RANGE = re.compile(rf"\b({_DAY})\s+bis\s+({_DAY})\b")
PLURAL = re.compile(rf"\b({_DAY})s\b")
TIME_SPAN = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(?:–|-|bis)\s*(\d{1,2})(?:[:.](\d{2}))?\s*uhr", re.I)
COUNT = re.compile(r"\b(\d{1,3})\s+termine\b", re.I)
EXCEPT = re.compile(rf"nicht am (\d{{1,2}})\.\s*({'|'.join(MONTHS)})", re.I)


@dataclass(frozen=True)
class Session:
    start: datetime.datetime
    end: datetime.datetime


def period_sessions(first: datetime.date | None, last: datetime.date | None, note: str) -> list[Session]:
    """Every session from ``first`` to ``last`` by the weekdays and time of ``note``; [] if not certain."""
    if not first or not last or last < first or not note:
        return []
    regular = note.split("dazu")[0].lower()
    weekdays = _weekdays(regular)
    span = TIME_SPAN.search(regular)
    if not weekdays or span is None:
        return []
    start_time, end_time = _time(span.group(1), span.group(2)), _time(span.group(3), span.group(4))
    if start_time is None or end_time is None or end_time <= start_time:
        return []
    left_out = _left_out(note, first, last)
    days = [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
    days = [day for day in days if day.weekday() in weekdays and day not in left_out]
    stated = COUNT.search(regular)
    if not days or len(days) > MAX_SESSIONS or (stated and int(stated.group(1)) != len(days)):
        return []
    zone = timezone.get_current_timezone()
    return [
        Session(
            datetime.datetime.combine(day, start_time, tzinfo=zone),
            datetime.datetime.combine(day, end_time, tzinfo=zone),
        )
        for day in days
    ]


def _weekdays(text: str) -> set[int]:
    days = set()
    for start, end in RANGE.findall(text):
        days |= set(range(WEEKDAYS.index(start), WEEKDAYS.index(end) + 1))
    days |= {WEEKDAYS.index(day) for day in PLURAL.findall(text)}
    return days


def _time(hour: str, minute: str | None) -> datetime.time | None:
    hour, minute = int(hour), int(minute or 0)
    return datetime.time(hour, minute) if hour < 24 and minute < 60 else None


def _left_out(note: str, first: datetime.date, last: datetime.date) -> set[datetime.date]:
    left_out = set()
    for day, month in EXCEPT.findall(note):
        for year in range(first.year, last.year + 1):
            try:
                left_out.add(datetime.date(year, MONTHS.index(month.lower()) + 1, int(day)))
            except ValueError:
                continue
    return left_out
