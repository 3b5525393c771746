"""Test data built once per module instead of once per test, for modules whose tests share the same pages.

The data is written in a transaction that is rolled back when the module ends; each test's own transaction
(pytest-django) nests in it as a savepoint, so whatever a test changes in the database is undone before the
next one. What a test changes in memory is not: tests that may change the shared objects get ``fresh`` copies.
"""

from contextlib import contextmanager

from django.db import models, transaction


@contextmanager
def rolled_back_at_the_end(django_db_blocker):
    """Database writes in a transaction rolled back when the block ends. It is marked like a test case's own,
    so that code which insists on a durable transaction behaves as it does in every other test."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic._from_testcase = True
        with atomic:
            yield
            transaction.set_rollback(True)


def fresh(value):
    """A model instance read again from the database, also inside tuples, lists and dicts; other values as they are."""
    if isinstance(value, models.Model):
        return type(value)._default_manager.get(pk=value.pk)
    if isinstance(value, (tuple, list)):
        return type(value)(fresh(item) for item in value)
    if isinstance(value, dict):
        return {key: fresh(item) for key, item in value.items()}
    return value
