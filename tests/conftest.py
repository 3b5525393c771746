import pytest

from core.setup import set_up_portal


@pytest.fixture
def portal(db):
    """A fresh portal: taxonomies, the home page with its index and standard pages, the groups."""
    return set_up_portal()
