"""Admin forms for the prompt library and the per-site AI settings.

Choices (backends, built-in actions, page types) are read when a form is built,
so a new backend in settings or a newly registered action shows up at once.
"""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.coreutils import get_content_type_label

from wagtail_ai_blocks import conf

_FIELD_NAME_RE = re.compile(r"^[A-Za-z_][\w.\-]{0,63}$")


def backend_choices() -> list[tuple[str, str]]:
    names = [name for name in conf.get("BACKENDS") if name != "default"]
    return [("", _("Default")), *((name, name) for name in names)]


def builtin_action_choices() -> list[tuple[str, str]]:
    from wagtail_ai_blocks.prompts import list_actions

    return [(action.id, str(action.label)) for action in list_actions()]


def override_choices() -> list[tuple[str, str]]:
    return [("", _("None: add a new action")), *builtin_action_choices()]


class PageTypeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return get_content_type_label(obj)


class AIPromptForm(WagtailAdminModelForm):
    """Validates placeholders (through ``AIPrompt.clean``) and remembers who saved."""

    backend = forms.ChoiceField(label=_("Backend"), required=False, choices=backend_choices)
    overrides = forms.ChoiceField(
        label=_("Replaces built-in action"),
        required=False,
        choices=override_choices,
        help_text=_(
            "On the prompt's site(s), editors get this prompt in place of the built-in action, "
            "with the built-in's options (such as the tone or the language)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from wagtail.models import get_page_content_types

        if "site" in self.fields:
            self.fields["site"].empty_label = _("All sites")
        if "page_types" in self.fields:
            field = self.fields["page_types"]
            self.fields["page_types"] = PageTypeChoiceField(
                queryset=get_page_content_types(include_base_page_type=False),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                label=field.label,
                help_text=field.help_text,
            )

    def clean_field_names(self) -> str:
        value = self.cleaned_data.get("field_names", "")
        names = [name.strip() for name in value.split(",") if name.strip()]
        bad = [name for name in names if not _FIELD_NAME_RE.match(name)]
        if bad:
            raise forms.ValidationError(
                _("“%(name)s” is not a field name. Separate names with commas."),
                params={"name": bad[0]},
            )
        return ", ".join(names)

    def clean(self):
        cleaned = super().clean()
        overrides = cleaned.get("overrides")
        if overrides and cleaned.get("enabled"):
            from wagtail_ai_blocks.library.models import AIPrompt

            clash = AIPrompt.objects.filter(
                overrides=overrides, site=cleaned.get("site"), enabled=True
            ).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "overrides",
                    _("“%(prompt)s” already replaces this action on this site.")
                    % {"prompt": clash.first().label},
                )
        return cleaned

    def save(self, commit: bool = True):
        self.instance.saved_by = self.for_user
        return super().save(commit=commit)


class AISiteSettingsForm(WagtailAdminModelForm):
    hidden_actions = forms.MultipleChoiceField(
        label=_("Hidden built-in actions"),
        required=False,
        choices=builtin_action_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Editors on this site do not see these actions."),
    )
