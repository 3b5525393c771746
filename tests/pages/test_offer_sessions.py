"""An offer over a period lists each of its sessions, derived from its first and last day and its "Zeiten"
(weekdays, time, days left out); when the text does not say for certain, only the range is shown (issue 15)."""

import datetime

from bs4 import BeautifulSoup
from django.utils import timezone

from bildungsboerse.sessions import period_sessions
from tests.factories import make_offer

D = datetime.date


def days_and_times(sessions) -> list[str]:
    return [f"{timezone.localtime(s.start):%a %d.%m. %H:%M}–{timezone.localtime(s.end):%H:%M}" for s in sessions]


def test_weekly_sessions_from_the_weekday_and_time_with_holidays_left_out():
    sessions = period_sessions(
        D(2027, 2, 15), D(2027, 4, 26), "montags, 10:00–11:00 Uhr, 10 Termine, nicht am 29. März (Ostermontag)"
    )
    assert len(sessions) == 10
    assert days_and_times(sessions)[:2] == ["Mon 15.02. 10:00–11:00", "Mon 22.02. 10:00–11:00"]
    assert D(2027, 3, 29) not in {s.start.date() for s in sessions}
    assert days_and_times(sessions)[-1] == "Mon 26.04. 10:00–11:00"
    assert sessions[0].start.utcoffset() == datetime.timedelta(hours=1)  # Berlin winter time
    assert sessions[-1].start.utcoffset() == datetime.timedelta(hours=2)  # and summer time


def test_several_weekdays_ranges_and_hours_without_minutes():
    assert days_and_times(period_sessions(D(2027, 3, 8), D(2027, 3, 12), "Montag bis Freitag 7:30–16:00 Uhr")) == [
        "Mon 08.03. 07:30–16:00",
        "Tue 09.03. 07:30–16:00",
        "Wed 10.03. 07:30–16:00",
        "Thu 11.03. 07:30–16:00",
        "Fri 12.03. 07:30–16:00",
    ]
    assert days_and_times(
        period_sessions(D(2027, 5, 4), D(2027, 5, 22), "dienstags 18:30–20:30 Uhr, dazu Samstag 22. Mai 9–12 Uhr")
    ) == ["Tue 04.05. 18:30–20:30", "Tue 11.05. 18:30–20:30", "Tue 18.05. 18:30–20:30"]
    assert len(period_sessions(D(2027, 9, 1), D(2027, 9, 30), "mittwochs und freitags 17–20 Uhr")) == 9


def test_no_list_when_the_text_does_not_say_for_certain():
    assert period_sessions(D(2027, 7, 19), D(2027, 7, 24), "Montag bis Samstag") == []  # no time
    assert period_sessions(D(2027, 9, 6), D(2028, 6, 30), "montags und mittwochs nach Schulschluss") == []
    assert period_sessions(D(2027, 7, 8), D(2027, 8, 20), "während der Öffnungszeiten in den Sommerferien") == []
    assert (
        period_sessions(D(2027, 1, 12), D(2027, 3, 30), "dienstags, 18:00–19:30 Uhr, 10 Termine") == []
    )  # 12 Tuesdays
    assert period_sessions(D(2027, 2, 8), D(2027, 5, 28), "Montag bis Freitag, 8:30–12:00 Uhr") == []  # too many
    assert period_sessions(D(2027, 1, 12), None, "dienstags, 18:00–19:30 Uhr") == []


def test_offer_page_lists_every_session_of_its_period(client, portal):
    offer = make_offer(
        "Aquarell für Einsteiger",
        start_date=D(2027, 1, 12),
        end_date=D(2027, 3, 30),
        schedule_note="dienstags, 18:00–19:30 Uhr, 12 Termine",
    )
    html = BeautifulSoup(client.get(offer.url).content, "html.parser")
    sessions = html.select(".sessions .dates time")
    assert len(sessions) == 12
    assert sessions[0]["datetime"] == "2027-01-12T18:00:00+01:00"
    assert sessions[0].get_text() == "Di, 12. Januar 2027, 18:00 Uhr"
    assert sessions[-1]["datetime"] == "2027-03-30T18:00:00+02:00"
    assert "12. Januar 2027 bis Di, 30. März 2027" in html.select_one(".when").get_text()  # the range stays

    unclear = make_offer(
        "Ferienwerkstatt",
        start_date=D(2027, 7, 8),
        end_date=D(2027, 8, 20),
        schedule_note="während der Öffnungszeiten in den Sommerferien",
    )
    assert BeautifulSoup(client.get(unclear.url).content, "html.parser").select(".sessions") == []
