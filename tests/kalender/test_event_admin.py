"""The event's admin form: recurrence choices as fields and checkboxes, not raw RRULE typing."""

import datetime

import pytest

from kalender.recurrence import BERLIN
from tests.factories import log_in, make_event, make_user

pytestmark = pytest.mark.django_db


def test_edit_form_offers_recurrence_choices_and_occurrence_changes(client, portal):
    make_user("admin", superuser=True)
    event = make_event(
        "Chor",
        start=datetime.datetime(2030, 11, 4, 18, tzinfo=BERLIN),
        repeat="weekly",
        repeat_weekdays="MO,TH",
        repeat_count=8,
    )
    log_in(client, "admin")
    html = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert 'name="repeat"' in html and 'name="repeat_month_week"' in html
    assert 'type="checkbox" name="repeat_weekdays" value="MO"' in html and "checked" in html
    assert "occurrence_changes-TOTAL_FORMS" in html
    assert 'name="rrule"' not in html
