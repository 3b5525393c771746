import datetime

import pytest
from django.utils import timezone

from tests.factories import make_event, make_provider_account
from tests.module_data import fresh, rolled_back_at_the_end


@pytest.fixture(scope="module")
def shared_provider(django_db_setup, django_db_blocker):
    """The provider's account (its group, folders, collection and user), built once per module
    (tests/module_data.py)."""
    with rolled_back_at_the_end(django_db_blocker):
        yield make_provider_account("Volkshochschule", username="vhs")


@pytest.fixture
def provider(shared_provider, portal):
    """(provider, its user), fresh copies for each test: what a test changes is undone after it."""
    return fresh(shared_provider)


@pytest.fixture(scope="module")
def shared_event(shared_provider, django_db_blocker):
    """The provider's event that takes three registrations, built once per module with its account."""
    anbieter, _user = shared_provider
    with django_db_blocker.unblock():
        yield make_event(
            "Kochkurs",
            anbieter=anbieter,
            registration_mode="portal",
            capacity=3,
            start=timezone.now() + datetime.timedelta(days=5),
            contact_email="kurse@vhs.example.org",
        )


@pytest.fixture
def event(shared_event, portal):
    """A fresh copy for each test: its registrations and changes are undone after it."""
    return fresh(shared_event)
