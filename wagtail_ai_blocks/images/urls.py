from __future__ import annotations

from django.urls import path

from wagtail_ai_blocks.images import views

app_name = "wagtail_ai_blocks_images"

urlpatterns = [
    path("", views.ImagesWithoutAltTextView.as_view(), name="index"),
    path("jobs/<int:pk>/", views.JobView.as_view(), name="job"),
    path("jobs/<int:pk>/status/", views.job_status_view, name="job_status"),
]
