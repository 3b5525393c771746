import pytest
from django.core.cache import cache

from home.models import HomePage
from portal.setup import set_up_portal


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The portal is set up once per test session (per xdist worker): every test's transaction rolls back to it.

    Transactional tests (live server, concurrency) flush the database at their end; pytest-django runs them
    after the others, and ``portal`` sets the portal up again for them.
    """
    with django_db_blocker.unblock():
        set_up_portal()


@pytest.fixture
def portal(db):
    """The portal: taxonomies, the home page with its index and standard pages, the groups and the workflow."""
    return HomePage.objects.first() or set_up_portal()


@pytest.fixture(autouse=True)
def fresh_cache():
    """The cache outlives the rolled-back test transaction: start every test with an empty one."""
    cache.clear()
