"""The prompt library: administrators' own prompts, their versions, and per-site settings.

:class:`AIPrompt` is what an administrator edits (Settings → AI prompts). Every
change to what the model is told (instruction, placement, output, overridden
action) saves a new :class:`AIPromptVersion` and bumps ``version``; the version's
``token`` (``p<pk>.<version>``) is what the usage ledger records as
``prompt_version``, so old rows keep pointing at the text that produced them.

:class:`AISiteSettings` (Settings → AI assistance) holds each site's brand voice
and the built-in actions it hides.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, Site

from wagtail_ai_blocks.library import placeholders
from wagtail_ai_blocks.library.forms import AIPromptForm, AISiteSettingsForm

#: The fields whose change makes a new version (they change what the model is told).
VERSIONED_FIELDS = ("instruction", "placement", "output", "overrides")


class Placement(models.TextChoices):
    RICH_TEXT = "rich_text", _("Rich text toolbar")
    FIELD = "field", _("Field panels")
    PAGE_REVIEW = "page_review", _("Page review (Checks panel)")


#: The kind of action each placement makes (see ``Action.kind``).
PLACEMENT_KINDS = {
    Placement.RICH_TEXT: "rewrite",
    Placement.FIELD: "field",
    Placement.PAGE_REVIEW: "page",
}


class Output(models.TextChoices):
    REPLACE = "replace", _("Replace the text")
    INSERT_BELOW = "insert_below", _("Insert below the text")


class AIPrompt(Orderable):
    """An administrator's prompt, offered to editors next to the built-in actions.

    A prompt with ``overrides`` set replaces that built-in action (same id, same
    options) on its site; otherwise it is a new action with the id
    ``prompt_<pk>``. ``site`` empty means every site; a site's own prompt wins
    over an every-site prompt overriding the same action.
    """

    site = models.ForeignKey(
        Site,
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Leave empty to offer the prompt on every site."),
    )
    label = models.CharField(
        _("label"), max_length=60, help_text=_("What editors see in the AI menu.")
    )
    description = models.CharField(
        _("description"),
        max_length=255,
        blank=True,
        help_text=_("A short explanation shown to editors."),
    )
    instruction = models.TextField(
        _("instruction"),
        help_text=_(
            "What the AI should do. You can use %(placeholders)s, for example: "
            "“Rewrite {selected_text} as a short social media post about {page_title}.”"
        )
        % {"placeholders": placeholders.ALLOWED_DESCRIPTION},
    )
    placement = models.CharField(
        _("where it applies"),
        max_length=16,
        choices=Placement.choices,
        default=Placement.RICH_TEXT,
        help_text=_(
            "Rich text toolbar: works on the text an editor selects. "
            "Field panels: suggests a value for a field."
        ),
    )
    output = models.CharField(
        _("output"), max_length=16, choices=Output.choices, default=Output.REPLACE
    )
    field_names = models.CharField(
        _("only these fields"),
        max_length=255,
        blank=True,
        help_text=_("Field names separated by commas, e.g. “body, intro”. Empty: every field."),
    )
    page_types = models.ManyToManyField(
        ContentType,
        verbose_name=_("only these page types"),
        blank=True,
        related_name="+",
        help_text=_("Empty: every page type."),
    )
    backend = models.CharField(
        _("backend"),
        max_length=64,
        blank=True,
        help_text=_("Which configured AI backend answers. Empty: the default."),
    )
    overrides = models.CharField(
        _("replaces built-in action"),
        max_length=64,
        blank=True,
        help_text=_("Leave empty to add a new action."),
    )
    enabled = models.BooleanField(_("enabled"), default=True)
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    base_form_class = AIPromptForm
    #: Who is saving (not a database field): the admin form sets it, and the new
    #: version records it as its author.
    saved_by: Any = None

    class Meta(Orderable.Meta):
        verbose_name = _("AI prompt")
        verbose_name_plural = _("AI prompts")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.label

    # -- identity ---------------------------------------------------------------

    @property
    def action_id(self) -> str:
        """The action id editors' requests use: the overridden built-in's, or ``prompt_<pk>``."""
        return self.overrides or f"prompt_{self.pk}"

    @property
    def token(self) -> str:
        """This version's identity in the usage ledger (``prompt_version``)."""
        return version_token(self.pk, self.version)

    @property
    def site_label(self) -> str:
        return str(self.site) if self.site_id else str(_("All sites"))

    @property
    def field_name_list(self) -> tuple[str, ...]:
        return tuple(name.strip() for name in self.field_names.split(",") if name.strip())

    # -- validation -------------------------------------------------------------

    def clean(self) -> None:
        super().clean()
        from wagtail_ai_blocks.prompts import list_actions

        builtins = {action.id: action for action in list_actions()}
        extra: tuple[str, ...] = ()
        if self.placement == Placement.PAGE_REVIEW and not self.overrides:
            # A review prompt is the site's version of the one review action.
            from wagtail_ai_blocks.feedback.action import REVIEW_ACTION_ID

            self.overrides = REVIEW_ACTION_ID
        if self.overrides:
            builtin = builtins.get(self.overrides)
            if builtin is None:
                raise ValidationError({"overrides": _("There is no built-in action with this id.")})
            extra = tuple(param.name for param in builtin.params)
            if builtin.kind != PLACEMENT_KINDS.get(self.placement):
                placement = next(p for p, kind in PLACEMENT_KINDS.items() if kind == builtin.kind)
                raise ValidationError(
                    {
                        "placement": _(
                            "“%(action)s” is used in the %(placement)s: choose that placement."
                        )
                        % {"action": builtin.label, "placement": placement.label}
                    }
                )
        try:
            placeholders.validate_instruction(self.instruction, extra)
        except ValidationError as exc:
            raise ValidationError({"instruction": exc.error_list}) from exc

    # -- versioning -------------------------------------------------------------

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, and record a new version when what the model is told changed.

        The admin form sets :attr:`saved_by` (the user), stored with the version.
        """
        saved_by = self.saved_by
        with transaction.atomic():
            previous = None
            if self.pk is not None:
                previous = (
                    type(self)
                    .objects.select_for_update()
                    .filter(pk=self.pk)
                    .values("version", *VERSIONED_FIELDS)
                    .first()
                )
            changed = previous is None or any(
                previous[name] != getattr(self, name) for name in VERSIONED_FIELDS
            )
            if previous is not None:
                self.version = previous["version"]
            if changed:
                self.version += 1
            update_fields = kwargs.get("update_fields")
            if changed and update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version"}
            super().save(*args, **kwargs)
            if changed:
                AIPromptVersion.objects.create(
                    prompt=self,
                    token=self.token,
                    version=self.version,
                    action_id=self.action_id,
                    label=self.label,
                    instruction=self.instruction,
                    placement=self.placement,
                    output=self.output,
                    overrides=self.overrides,
                    created_by=saved_by if getattr(saved_by, "is_authenticated", False) else None,
                )


def version_token(pk: int | None, version: int) -> str:
    """``p<pk>.<version>``: fits ``UsageRecord.prompt_version`` (32 characters)."""
    return f"p{pk}.{version}"


class AIPromptVersion(models.Model):
    """What a prompt said at one version. Kept when the prompt changes or is deleted."""

    prompt = models.ForeignKey(
        AIPrompt,
        verbose_name=_("prompt"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="versions",
    )
    token = models.CharField(_("token"), max_length=32, unique=True)
    version = models.PositiveIntegerField(_("version"))
    action_id = models.CharField(_("action id"), max_length=64, db_index=True)
    label = models.CharField(_("label"), max_length=60)
    instruction = models.TextField(_("instruction"))
    placement = models.CharField(_("where it applies"), max_length=16, choices=Placement.choices)
    output = models.CharField(_("output"), max_length=16, choices=Output.choices)
    overrides = models.CharField(_("replaces built-in action"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("AI prompt version")
        verbose_name_plural = _("AI prompt versions")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.label} (v{self.version})"


@register_setting(icon="ai-sparkle")
class AISiteSettings(BaseSiteSetting):
    """A site's brand voice, its page review criteria and the built-in actions it hides."""

    brand_voice = models.TextField(
        _("brand voice"),
        blank=True,
        validators=[placeholders.validate_no_placeholders],
        help_text=_(
            "Your style guide in a few sentences (tone, spelling, words to use or avoid). "
            "Every AI action on this site follows it."
        ),
    )
    review_criteria = models.TextField(
        _("review criteria"),
        blank=True,
        validators=[placeholders.validate_no_placeholders],
        help_text=_(
            "What “Review with AI” checks on every page of this site, one criterion a line, "
            "e.g. “Paragraphs of at most 3 sentences” or “Always mention the return policy”."
        ),
    )
    hidden_actions = models.JSONField(
        _("hidden built-in actions"),
        default=list,
        blank=True,
        help_text=_("Built-in actions editors on this site do not see."),
    )

    base_form_class = AISiteSettingsForm
    panels = [
        FieldPanel("brand_voice"),
        FieldPanel("review_criteria"),
        FieldPanel("hidden_actions"),
    ]

    class Meta:
        verbose_name = _("AI assistance")
        verbose_name_plural = _("AI assistance")
