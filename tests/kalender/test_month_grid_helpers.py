"""The month grid's day links and dates (portal_tags.day_url, date_of_day) are what Wagtail's routablepageurl and
Django's date filter write, in every language, for every day."""

import datetime

from django.template import Context, Template, defaultfilters
from django.test import RequestFactory
from django.utils import translation
from wagtail.contrib.routable_page.templatetags.wagtailroutablepage_tags import routablepageurl

from core.templatetags.portal_tags import date_of_day, day_url, time_html
from kalender.models import KalenderIndexPage


def test_day_links_are_routablepageurls(portal):
    calendar = KalenderIndexPage.objects.get()
    context = Context({"request": RequestFactory().get(calendar.url)})
    for day in (datetime.date(2027, 1, 5), datetime.date(2027, 12, 31), datetime.date(2028, 2, 29)):
        assert day_url(context, calendar, day) == routablepageurl(
            context, calendar, "day_view", day.year, day.month, day.day
        )
    assert day_url(context, calendar, datetime.date(2027, 1, 5)).endswith("/2027/1/5/")


def test_days_are_formatted_as_the_date_filter_does_in_each_language():
    days = [datetime.date(2027, 1, 4) + datetime.timedelta(days=n) for n in range(9)]
    for language in ("de", "en"):
        with translation.override(language):
            for day in days:
                for format_string in ("Y-m-d", "D, j.", "l, j. F Y"):
                    assert date_of_day(day, format_string) == defaultfilters.date(day, format_string)
    moment = datetime.datetime(2027, 1, 4, 18, 30, tzinfo=datetime.UTC)
    assert date_of_day(moment, "H:i") == defaultfilters.date(moment, "H:i")
    assert date_of_day(None, "Y") == ""


def test_entry_times_are_what_the_former_date_and_time_filters_wrote():
    former = Template("""<time datetime="{{ start|date:'c' }}">{{ start|time:"H:i" }}</time>""")
    moments = [
        datetime.datetime(2027, 1, 4, 18, 30, tzinfo=datetime.UTC),  # winter: +01:00
        datetime.datetime(2027, 7, 4, 5, 5, 7, 250, tzinfo=datetime.UTC),  # summer, seconds and microseconds
        datetime.datetime(2027, 3, 28, 0, 59, tzinfo=datetime.UTC),  # the hour before summer time
        datetime.datetime(2027, 10, 31, 1, 0, tzinfo=datetime.UTC),
    ]  # the hour after winter time
    for language in ("de", "en"):
        with translation.override(language):
            for moment in moments:
                assert time_html(moment) == former.render(Context({"start": moment}))
    assert "+02:00" in time_html(moments[1]) and ">07:05<" in time_html(moments[1])
