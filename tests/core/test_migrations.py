from io import StringIO
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db.migrations.loader import MigrationLoader


def test_models_and_migrations_are_in_sync(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_a_new_database_migrates_every_third_party_app_before_the_portal():
    """The order taxonomy 0001 sets: Wagtail's migrations after the portal's re-render its models, and `migrate`
    takes a third longer. A new portal app whose first migration depends on Wagtail alone must depend on taxonomy's."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    plan = [key for target in graph.leaf_nodes() for key in graph.forwards_plan(target)]
    plan = list(dict.fromkeys(plan))  # as the executor plans it: each migration once, where it first comes
    portal_apps = {config.label for config in apps.get_app_configs() if Path(config.path).parent == settings.BASE_DIR}
    first_of_portal = next(i for i, (app_label, _name) in enumerate(plan) if app_label in portal_apps)
    assert [key for key in plan[first_of_portal:] if key[0] not in portal_apps] == []
    assert {app_label for app_label, _name in plan[first_of_portal:]} == portal_apps & {app for app, _name in plan}
