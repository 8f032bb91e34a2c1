"""Grant "Can use AI assistance" to Wagtail's default Editors and Moderators groups."""

from django.db import migrations

GROUPS = ("Editors", "Moderators")


def _permission(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtail_ai_blocks", model="usagerecord"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="use_ai",
        defaults={"name": "Can use AI assistance"},
    )
    return permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permission = _permission(apps)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permission = _permission(apps)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_ai_blocks", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
