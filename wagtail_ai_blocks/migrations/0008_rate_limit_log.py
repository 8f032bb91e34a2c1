from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_ai_blocks", "0007_image_description_jobs"),
    ]

    operations = [
        migrations.AddField(
            model_name="ratelimitcounter",
            name="log",
            field=models.TextField(blank=True, default="", verbose_name="log"),
        ),
    ]
