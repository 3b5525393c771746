import pytest
from django.core.cache import cache

from core.setup import set_up_portal


@pytest.fixture
def portal(db):
    """A fresh portal: taxonomies, the home page with its index and standard pages, the groups."""
    return set_up_portal()


@pytest.fixture(autouse=True)
def fresh_cache():
    """The cache outlives the rolled-back test transaction: start every test with an empty one."""
    cache.clear()
