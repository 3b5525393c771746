"""The month grid's day links and dates (portal_tags.day_url, date_of_day) are what Wagtail's routablepageurl and
Django's date filter write, in every language, for every day."""

import datetime

from django.template import Context, defaultfilters
from django.test import RequestFactory
from django.utils import translation
from wagtail.contrib.routable_page.templatetags.wagtailroutablepage_tags import routablepageurl

from core.templatetags.portal_tags import date_of_day, day_url
from kalender.models import KalenderIndexPage


def test_day_links_are_routablepageurls(portal):
    calendar = KalenderIndexPage.objects.get()
    context = Context({"request": RequestFactory().get(calendar.url)})
    for day in (datetime.date(2027, 1, 5), datetime.date(2027, 12, 31), datetime.date(2028, 2, 29)):
        assert day_url(context, calendar, day) == routablepageurl(context, calendar, "day_view", day.year, day.month, day.day)
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
