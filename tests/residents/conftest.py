import datetime

import pytest
from django.utils import timezone

from tests.factories import make_event, make_provider_account


@pytest.fixture
def provider(portal):
    return make_provider_account("Volkshochschule", username="vhs")


@pytest.fixture
def event(provider):
    anbieter, _user = provider
    return make_event("Kochkurs", anbieter=anbieter, registration_mode="portal", capacity=3,
                      start=timezone.now() + datetime.timedelta(days=5), contact_email="kurse@vhs.example.org")
