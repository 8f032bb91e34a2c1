"""System checks about how the package is installed and deployed (stable ids).

- ``wagtail_ai_blocks.W004`` budgets are on but a configured model has no price in
  ``PRICES``, so its calls cost 0 and never count against a budget

The settings checks are in :mod:`wagtail_ai_blocks.checks`.
"""

from __future__ import annotations

from django.core.checks import Tags, Warning, register

from wagtail_ai_blocks import conf


@register(Tags.compatibility)
def check_prices(app_configs=None, **kwargs):
    """Budgets count money; a model without a price costs nothing and slips past them."""
    from wagtail_ai_blocks.pricing import price_for

    budgets = conf.get("BUDGETS")
    if not isinstance(budgets, dict) or all(value is None for value in budgets.values()):
        return []
    warnings = []
    for name, model in _billed_models():
        if price_for(model) is None:
            warnings.append(
                Warning(
                    f"The model {model!r} of the AI backend {name!r} has no price in "
                    f"{conf.SETTING_NAME}['PRICES']: its calls cost 0, so BUDGETS never "
                    "count them.",
                    hint=f"Add {conf.SETTING_NAME}['PRICES'][{model!r}] = "
                    "(input, output) in your currency per million tokens.",
                    id="wagtail_ai_blocks.W004",
                )
            )
    return warnings


def _billed_models():
    """(backend name, model) for each configured backend whose calls are billed."""
    from wagtail_ai_blocks.backends.registry import DEFAULT_CLASS, backend_class
    from wagtail_ai_blocks.exceptions import ImproperlyConfiguredBackend

    for name, config in conf.get("BACKENDS").items():
        if not isinstance(config, dict):
            continue  # wagtail_ai_blocks.E003
        try:
            cls = backend_class(config.get("CLASS", DEFAULT_CLASS))
        except ImproperlyConfiguredBackend:
            continue  # wagtail_ai_blocks.E003
        if getattr(cls, "free", False):
            continue
        model = config.get("MODEL") or config.get("DEPLOYMENT")
        if model is None and cls.__module__.startswith("wagtail_ai_blocks.backends.openai"):
            from wagtail_ai_blocks.backends.openai_backend.config import DEFAULT_MODEL

            model = DEFAULT_MODEL
        if isinstance(model, str):
            yield name, model
