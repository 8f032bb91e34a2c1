"""One exception tree for the whole package.

Every error an editor can meet is an :class:`AIBlocksError`. Each subclass knows
its HTTP status, a stable machine-readable ``code`` and a message that is safe to
show to an editor. ``wagtail_ai_blocks.api.errors`` is the one place that turns
them into JSON responses.
"""

from __future__ import annotations

import logging

from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class AIBlocksError(Exception):
    """Base class. Subclasses set ``status``, ``code`` and ``default_message``."""

    status: int = 500
    code: str = "internal_error"
    default_message = _("Something went wrong while talking to the AI service.")

    def __init__(self, message: str | None = None, *, detail: dict | None = None):
        self.message = str(message) if message is not None else str(self.default_message)
        #: Extra JSON-safe fields added to the error response (never secrets).
        self.detail: dict = dict(detail or {})
        super().__init__(self.message)

    def as_dict(self) -> dict:
        return {"error": {"code": self.code, "message": self.message, **self.detail}}


# -- 4xx: the request -------------------------------------------------------


class BadRequest(AIBlocksError):
    status = 400
    code = "bad_request"
    default_message = _("The request could not be understood.")


class UnknownAction(BadRequest):
    code = "unknown_action"
    default_message = _("This AI action does not exist.")


class PermissionDenied(AIBlocksError):
    status = 403
    code = "permission_denied"
    default_message = _("You do not have permission to use AI assistance.")


class NotAuthenticated(PermissionDenied):
    status = 401
    code = "not_authenticated"
    default_message = _("Log in to the Wagtail admin to use AI assistance.")


class CsrfFailed(PermissionDenied):
    code = "csrf_failed"
    default_message = _("Your session has expired or the page is out of date. Reload the page.")


class PayloadTooLarge(AIBlocksError):
    status = 413
    code = "payload_too_large"
    default_message = _("The selected text is too long for AI assistance. Select less text.")


class RateLimited(AIBlocksError):
    """A rate limit tier or a cost budget refused the request.

    ``retry_after`` is in whole seconds; ``tier`` names what was hit
    (``user``, ``staff``, ``group:<name>``, ``global``, ``budget:user_daily`` …).
    """

    status = 429
    code = "rate_limited"
    default_message = _("You have used all your AI requests for now.")
    #: The limiter's ``LimitDecision`` when a rate-limit tier refused (for headers).
    decision = None

    def __init__(
        self,
        message: str | None = None,
        *,
        retry_after: int,
        tier: str,
        detail: dict | None = None,
    ):
        self.retry_after = max(1, int(retry_after))
        self.tier = tier
        super().__init__(
            message,
            detail={"retry_after": self.retry_after, "tier": tier, **(detail or {})},
        )


class BudgetExceeded(RateLimited):
    code = "budget_exceeded"
    default_message = _("The AI spending budget has been reached.")


# -- 5xx: the provider or our own storage -----------------------------------


class ProviderError(AIBlocksError):
    """The AI provider answered with an error (or an unusable answer)."""

    status = 502
    code = "provider_error"
    default_message = _("The AI service returned an error. Try again in a moment.")


class ProviderRateLimited(ProviderError):
    """The provider itself throttled us (its 429), distinct from our own limits.

    Answered as 503 with ``Retry-After`` when the provider said how long to wait.
    """

    status = 503
    code = "provider_rate_limited"
    default_message = _("The AI service is busy. Try again in a moment.")

    def __init__(self, message: str | None = None, *, retry_after: int | None = None):
        self.retry_after = retry_after
        super().__init__(message, detail={"retry_after": retry_after} if retry_after else None)


class EmptyAnswer(ProviderError):
    code = "empty_answer"
    default_message = _("The AI service returned an empty answer. Try again.")


class InvalidAnswer(ProviderError):
    """A structured answer (the page review) did not follow its schema, twice."""

    code = "invalid_answer"
    default_message = _(
        "The AI service answered in a form that could not be read. Try again, or ask your "
        "administrator for a larger model."
    )


class UnusableAnswer(ProviderError):
    """Every answer failed the checks of :mod:`wagtail_ai_blocks.answer_check`, twice.

    A 422, not a 5xx: the service and the provider worked, the answers did not fit
    the request (a field of 20 characters, a tiny model's chat reply).
    """

    status = 422
    code = "unusable_answer"
    default_message = _("The AI answer was not usable. Try again.")


class OfflineModelFailed(UnusableAnswer):
    """The embedded small model gave no usable answer (its quota charge is given back)."""

    code = "offline_model_failed"
    default_message = _(
        "The offline model could not do this. Connect an AI provider for better answers."
    )


class NoFittingSuggestion(UnusableAnswer):
    """No suggestion fits the field's maximum length (``detail["max_length"]``)."""

    code = "no_fitting_suggestion"
    default_message = _("None of the suggestions fit in this field. Try again.")


class StreamInterrupted(ProviderError):
    """The provider's answer stopped part-way (connection dropped, no finish marker)."""

    code = "stream_interrupted"
    default_message = _("The AI service stopped answering part-way. Try again.")


class ProviderUnavailable(AIBlocksError):
    status = 503
    code = "provider_unavailable"
    default_message = _("The AI service cannot be reached right now.")


class LimiterUnavailable(AIBlocksError):
    """The rate-limit storage (Redis, database) failed and the limiter fails closed."""

    status = 503
    code = "limiter_unavailable"
    default_message = _("AI assistance is temporarily unavailable. Try again shortly.")


class ProviderTimeout(AIBlocksError):
    status = 504
    code = "provider_timeout"
    default_message = _("The AI service took too long to answer. Try again.")


class VisionUnavailable(AIBlocksError):
    """An image action, but the configured backend cannot see images."""

    status = 503
    code = "vision_unavailable"
    default_message = _(
        "Image actions need an AI model that can see images. Ask an administrator to "
        "configure a vision model."
    )


class ImproperlyConfiguredBackend(AIBlocksError):
    """The AI backend's settings are missing or wrong.

    ``message`` says what to fix (which backend, model, setting or environment
    variable): it is for logs, system checks and superusers. Editors read only
    :attr:`default_message`: the API's answer (:meth:`as_dict`) never carries the
    details, and logs them instead.
    """

    status = 503
    code = "backend_not_configured"
    default_message = _("AI is not configured; ask an administrator.")

    def as_dict(self) -> dict:
        logger.warning("AI backend is not configured: %s", self.message)
        return {"error": {"code": self.code, "message": str(self.default_message), **self.detail}}
