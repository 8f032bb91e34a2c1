"""The report's filters: date range, user, action and outcome."""

from __future__ import annotations

import django_filters
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from wagtail_ai_blocks.models import UsageRecord
from wagtail_ai_blocks.reports.figures import action_labels


def _users(request):
    """Users who appear in the ledger."""
    user_model = get_user_model()
    ids = UsageRecord.objects.exclude(user=None).values("user").distinct()
    return user_model.objects.filter(pk__in=ids).order_by(user_model.USERNAME_FIELD)


def _actions():
    labels = action_labels()
    used = UsageRecord.objects.order_by("action").values_list("action", flat=True).distinct()
    return sorted(
        ((action, labels.get(action, action)) for action in used),
        key=lambda choice: choice[1].casefold(),
    )


class UsageFilterSet(WagtailFilterSet):
    created_at = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    user = django_filters.ModelChoiceFilter(label=_("User"), queryset=_users)
    action = django_filters.ChoiceFilter(label=_("Action"), choices=_actions)
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=UsageRecord.Outcome.choices)

    class Meta:
        model = UsageRecord
        fields = ["created_at", "user", "action", "outcome"]
