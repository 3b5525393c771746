"""The event index's order by next occurrence (kalender.calendar.order_by_next_occurrence: single events sorted by
the database, series expanded in Python) is the order of the former algorithm, which read every upcoming event as a
row and sorted them all in Python — on a varied calendar, page by page, with filters, past the last page."""

import datetime

from django.core.paginator import Paginator
from django.test import RequestFactory
from django.utils import timezone

from core.filters import apply_listing_filters
from kalender.calendar import order_by_next_occurrence
from kalender.models import EventOccurrenceChange, KalenderIndexPage
from kalender.recurrence import BERLIN, WEEKDAYS, expand
from tests.factories import make_event


def former_order(listing, page_number: int, per_page: int):
    """The algorithm before issue 17's sixth round, verbatim but for reading the shown pages."""
    changes_model = listing.model._meta.get_field("occurrence_changes").related_model
    rows = list(
        listing.select_related(None)
        .prefetch_related(None)
        .values_list("pk", "title", "start", "end", "all_day", "rrule")
    )
    changes: dict[int, list] = {}
    series = [row[0] for row in rows if row[5]]
    for change in changes_model.objects.filter(page_id__in=series) if series else ():
        changes.setdefault(change.page_id, []).append(change)
    now = timezone.now()

    def next_start_of(row):
        pk, _title, start, end, all_day, rule = row
        if not rule:
            return start
        upcoming = expand(start, end, rule, all_day=all_day, changes=changes.get(pk, ()), window_start=now, limit=1)
        return upcoming[0].start if upcoming else start

    ordered = sorted(rows, key=lambda row: (next_start_of(row), row[1]))
    shown = Paginator(ordered, per_page).get_page(page_number)
    return shown.number, shown.paginator.count, [row[0] for row in shown.object_list]


def varied_calendar() -> None:
    now = datetime.datetime.now(BERLIN).replace(second=0, microsecond=0)
    evening = (now + datetime.timedelta(days=2)).replace(hour=19, minute=0)
    # single events, three at the same time with titles whose order differs by code point and by language
    for title in ("Bingo", "Älter werden", "bauernmarkt", "Abendsingen"):
        make_event(title, start=evening, end=evening + datetime.timedelta(hours=2))
    make_event("Ohne Ende", start=evening + datetime.timedelta(days=1), end=None)
    make_event("Heute ganztägig", start=now.replace(hour=0, minute=0), end=None, all_day=True)
    make_event("Später", start=now + datetime.timedelta(days=40))
    make_event("Vorbei", start=now - datetime.timedelta(days=3))  # ended: not listed
    # series: a weekly course started months ago (next week, not its first day), with a cancelled and a moved day
    course_start = (now - datetime.timedelta(days=120)).replace(hour=19, minute=0)
    course = make_event(
        "Tanzkurs",
        start=course_start,
        end=course_start + datetime.timedelta(hours=2),
        repeat="weekly",
        repeat_weekdays=WEEKDAYS[course_start.weekday()],
    )
    upcoming = course.occurrences(window_start=timezone.now(), limit=2)
    EventOccurrenceChange.objects.create(page=course, original_date=upcoming[0].day, action="cancel")
    moved = make_event(
        "Chorprobe",
        start=course_start,
        end=course_start + datetime.timedelta(hours=1),
        repeat="daily",
        repeat_interval=3,
    )
    next_rehearsal = moved.occurrences(window_start=timezone.now(), limit=1)[0]
    EventOccurrenceChange.objects.create(
        page=moved,
        original_date=next_rehearsal.day,
        action="move",
        new_start=next_rehearsal.start + datetime.timedelta(days=20),
    )
    make_event(
        "Markt",
        start=now.replace(hour=0, minute=0) - datetime.timedelta(days=10),
        end=None,
        all_day=True,
        repeat="daily",
        repeat_count=30,
    )  # an all-day series
    make_event("Kurs vorbei", start=now - datetime.timedelta(days=60), repeat="daily", repeat_count=3)  # ended series
    make_event(
        "Bingo",
        start=evening - datetime.timedelta(days=7),
        end=evening - datetime.timedelta(days=7, hours=-2),
        repeat="weekly",
        repeat_weekdays=WEEKDAYS[evening.weekday()],
        repeat_count=5,
    )  # a series whose next day is the single "Bingo"'s: same start, same title
    reading = now + datetime.timedelta(days=5)
    nth = (reading.day - 1) // 7 + 1
    make_event("Lesecafé", start=reading, repeat="monthly", repeat_month_week=nth if nth < 5 else -1, repeat_count=4)


def test_the_order_is_the_former_algorithms_page_by_page(portal):
    varied_calendar()
    calendar = KalenderIndexPage.objects.get()
    listing = calendar.get_listing_queryset()
    assert listing.exclude(rrule="").count() >= 5  # the test is about series, not single events alone
    for per_page in (3, 5, 100):
        for page_number in (1, 2, 3, 4, 99, 0):
            page = order_by_next_occurrence(listing, page_number, per_page)
            shown = (page.number, page.paginator.count, [event.pk for event in page.object_list])
            assert shown == former_order(listing, page_number, per_page), (per_page, page_number)
    titles = [event.title for event in order_by_next_occurrence(listing, 1, 100).object_list]
    assert "Vorbei" not in titles and "Kurs vorbei" not in titles
    assert titles.index("Tanzkurs") > titles.index("Heute ganztägig")  # started months ago, sorted by its next day


def test_filtered_listings_keep_the_former_order(portal):
    rf = RequestFactory()
    varied_calendar()
    calendar = KalenderIndexPage.objects.get()
    for query in (
        {"kostenlos": "1"},
        {"bereich": "freizeit-kultur"},
        {"von": str(timezone.localdate() + datetime.timedelta(days=3))},
    ):
        context = calendar.get_context(rf.get(calendar.url, query))
        assert context["filter_form"].is_valid(), query
        page = context["items"]
        listing = calendar.apply_dates_and_order(calendar.get_listing_queryset(), context["filter_form"].cleaned_data)
        listing = apply_listing_filters(listing, context["filter_form"].cleaned_data)
        assert (page.number, page.paginator.count, [event.pk for event in page.object_list]) == former_order(
            listing, 1, calendar.per_page
        ), query
