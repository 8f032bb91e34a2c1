"""Calls the editor stopped get their own outcome instead of counting as errors."""

from django.db import migrations, models


def stopped_from_errors(apps, schema_editor):
    UsageRecord = apps.get_model("wagtail_ai_blocks", "UsageRecord")
    UsageRecord.objects.filter(outcome="error", error_code="client_disconnected").update(
        outcome="stopped"
    )


def errors_from_stopped(apps, schema_editor):
    UsageRecord = apps.get_model("wagtail_ai_blocks", "UsageRecord")
    UsageRecord.objects.filter(outcome="stopped").update(outcome="error")


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_ai_blocks", "0008_rate_limit_log"),
    ]

    operations = [
        migrations.AlterField(
            model_name="usagerecord",
            name="outcome",
            field=models.CharField(
                choices=[
                    ("ok", "Answered"),
                    ("limited", "Refused by a limit"),
                    ("error", "Failed"),
                    ("stopped", "Stopped by the editor"),
                ],
                db_index=True,
                max_length=16,
            ),
        ),
        migrations.RunPython(stopped_from_errors, errors_from_stopped),
    ]
