"""The report's filters: date range, user, action and outcome."""

from __future__ import annotations

import datetime

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_filters.fields import DateRangeField
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from wagtail_ai_blocks.models import UsageRecord
from wagtail_ai_blocks.reports.figures import action_labels

#: The dates the report accepts: far enough from ``date.min``/``date.max`` that the
#: charts' 92 days and any time zone stay inside Python's calendar.
FIRST_DATE = datetime.date(1900, 1, 1)
LAST_DATE = datetime.date(9998, 12, 31)


class BoundedDateRangeField(DateRangeField):
    """A from-to date range whose ends lie between :data:`FIRST_DATE` and :data:`LAST_DATE`."""

    def compress(self, data_list):
        for day in data_list or ():
            if day and not FIRST_DATE <= day <= LAST_DATE:
                raise ValidationError(
                    _("Enter a date between %(first)s and %(last)s."),
                    code="date_out_of_range",
                    params={"first": FIRST_DATE.isoformat(), "last": LAST_DATE.isoformat()},
                )
        return super().compress(data_list)


class BoundedDateFromToRangeFilter(django_filters.DateFromToRangeFilter):
    field_class = BoundedDateRangeField


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
    created_at = BoundedDateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    user = django_filters.ModelChoiceFilter(label=_("User"), queryset=_users)
    action = django_filters.ChoiceFilter(label=_("Action"), choices=_actions)
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=UsageRecord.Outcome.choices)

    class Meta:
        model = UsageRecord
        fields = ["created_at", "user", "action", "outcome"]
