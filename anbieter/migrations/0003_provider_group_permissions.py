"""Provider groups made before registrations and ratings existed get today's permissions.

The list is frozen here as it stood when this migration was written (anbieter.services.MODEL_PERMISSIONS
may grow later; `setup_portal` grants whatever it holds then). Permissions and content types are
normally created after all migrations ran (post_migrate); the models of anmeldung and feedback may be
new in this very run, so their permissions are created first.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

PROVIDER_MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"), ("anbieter", "view_anbieter"), ("anbieter", "change_anbieter"),
    ("anmeldung", "view_slot"), ("anmeldung", "change_slot"), ("anmeldung", "view_registration"),
    ("anmeldung", "add_registration"), ("anmeldung", "change_registration"), ("feedback", "view_rating"),
]


def grant_provider_permissions(apps, schema_editor):
    Anbieter = apps.get_model("anbieter", "Anbieter")
    Permission = apps.get_model("auth", "Permission")
    groups = [provider.group for provider in Anbieter.objects.exclude(group=None).select_related("group")]
    if not groups:
        return  # a fresh database: providers made from now on get their permissions when approved
    for app_label in {app_label for app_label, _codename in PROVIDER_MODEL_PERMISSIONS}:
        create_permissions(global_apps.get_app_config(app_label), verbosity=0, apps=apps,
                           using=schema_editor.connection.alias)
    permissions = [Permission.objects.get(content_type__app_label=app_label, codename=codename)
                   for app_label, codename in PROVIDER_MODEL_PERMISSIONS]
    for group in groups:
        group.permissions.add(*permissions)


class Migration(migrations.Migration):

    dependencies = [
        ("anbieter", "0002_anbieter_collection_anbieter_group_providerrequest"),
        ("anmeldung", "0001_initial"),
        ("feedback", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(grant_provider_permissions, migrations.RunPython.noop),
    ]
