"""System checks about how the package is installed and deployed (stable ids).

- ``wagtail_ai_blocks.E006`` the built frontend assets are missing from the installed package
- ``wagtail_ai_blocks.E007`` ``CACHE_ALIAS`` or ``LIMITER_CACHE_ALIAS`` names no cache in
  ``CACHES``
- ``wagtail_ai_blocks.W003`` the package's Redis cache is the site's ``default`` cache, so a
  Redis outage takes the whole site down
- ``wagtail_ai_blocks.W004`` budgets are on but a configured model has no price in
  ``PRICES``, so its calls cost 0 and never count against a budget
- ``wagtail_ai_blocks.W020`` the admin does not render the browser's AI config
  (``wagtail_ai_blocks`` is below ``wagtail.admin`` in ``INSTALLED_APPS``), so no AI
  controls show (nor "Review with AI" in the Checks panel, whose template override
  needs the same order)

The settings checks are in :mod:`wagtail_ai_blocks.checks`.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from wagtail_ai_blocks import conf

#: Where ``npm run build`` writes the bundles (frontend/build.mjs), inside the package.
STATIC_DIR = Path(__file__).resolve().parent / "static" / "wagtail_ai_blocks"
#: The bundles the package's Python puts on admin pages (draftail.py, ai_field.py,
#: blocks/mixin.py, related/panels.py, the Checks panel's review section); without them
#: every editor with an AI control breaks.
REQUIRED_ASSETS = (
    "js/draftail.js",
    "css/draftail.css",
    "js/panel.js",
    "css/panel.css",
    "js/blocks.js",
    "js/page.js",
    "css/page.css",
    "js/review.js",
    "js/related.js",
    "js/panel_session.js",
    "js/once.js",
    "js/lazy/assist.js",
    "css/assist.css",
)
CACHE_SETTINGS = ("CACHE_ALIAS", "LIMITER_CACHE_ALIAS")


@register(Tags.staticfiles)
def check_frontend_assets(app_configs=None, **kwargs):
    missing = [name for name in REQUIRED_ASSETS if not (STATIC_DIR / name).is_file()]
    if not missing:
        return []
    return [
        Error(
            "The built frontend of wagtail-ai-blocks is missing ("
            + ", ".join(missing)
            + f" in {STATIC_DIR}): rich text editors and AI panels will not work.",
            hint="Install a released wheel, or build from a checkout with "
            "`pip install <checkout>` (it runs `npm ci && npm run build`, which needs Node.js); "
            "in a development checkout run `npm ci && npm run build`.",
            id="wagtail_ai_blocks.E006",
        )
    ]


@register(Tags.caches)
def check_cache_aliases(app_configs=None, **kwargs):
    caches = settings.CACHES
    errors = []
    for key in CACHE_SETTINGS:
        alias = conf.get(key)
        if alias not in caches:
            errors.append(
                Error(
                    f"{conf.SETTING_NAME}[{key!r}] is {alias!r}, which is not in CACHES.",
                    hint="Known aliases: " + ", ".join(map(repr, caches)) + ".",
                    id="wagtail_ai_blocks.E007",
                )
            )
    return errors


@register(Tags.caches)
def check_separate_cache(app_configs=None, **kwargs):
    """A Redis outage should cost the editors their AI, not the public their site."""
    caches = settings.CACHES
    shared = [
        key
        for key in CACHE_SETTINGS
        if conf.get(key) == "default" and "redis" in str(caches.get("default", {}).get("BACKEND"))
    ]
    if not shared:
        return []
    return [
        Warning(
            "wagtail-ai-blocks keeps its answers and rate limits in the site's default "
            "cache, on Redis: if Redis goes down, every page that touches the default cache "
            "(sessions, the public site) fails with it.",
            hint="Add a cache alias of its own for the package, e.g. CACHES['ai'] on Redis, "
            f"and set {conf.SETTING_NAME}['CACHE_ALIAS'] and ['LIMITER_CACHE_ALIAS'] to "
            "'ai': a Redis outage then only makes AI assistance say it is unavailable. "
            "See the README, 'Production setup'.",
            id="wagtail_ai_blocks.W003",
        )
    ]


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


@register(Tags.templates)
def check_admin_template(app_configs=None, **kwargs):
    """Our ``wagtailadmin/admin_base.html`` renders the AI config; Wagtail's must not
    be found first (a project's own override that extends the name still reaches ours)."""
    import wagtail.admin
    from django.template import engines
    from django.template.backends.django import DjangoTemplates

    name = "wagtailadmin/admin_base.html"
    ours = Path(__file__).parent / "templates" / name
    wagtails = Path(wagtail.admin.__file__).parent / "templates" / name
    for engine in engines.all():
        if not isinstance(engine, DjangoTemplates):
            continue
        for loader in engine.engine.template_loaders:
            for origin in loader.get_template_sources(name):
                path = Path(origin.name)
                if path == ours:
                    return []
                if path == wagtails:
                    return [
                        Warning(
                            "The Wagtail admin does not render the AI config, so editors "
                            "see no AI controls.",
                            hint='Put "wagtail_ai_blocks" above "wagtail.admin" in '
                            "INSTALLED_APPS (the package extends wagtailadmin/admin_base.html).",
                            id="wagtail_ai_blocks.W020",
                        )
                    ]
    return []
