"""What a vision model is shown, and which backend may be shown it.

The model never receives the original file: it gets a rendition whose longest side is
at most 1024 px (``IMAGE_RENDITION``, a Wagtail filter spec), as JPEG or WebP, sent as
the provider's image content part (OpenAI's ``image_url`` with a ``data:`` URL). The
cache key includes the original file's hash, so the same image is described once
whatever it is called and whoever uploaded it.
"""

from __future__ import annotations

import base64
import mimetypes
from dataclasses import dataclass
from typing import Any

from wagtail_ai_blocks import conf
from wagtail_ai_blocks.backends import get_backend
from wagtail_ai_blocks.backends.base import Backend, Message
from wagtail_ai_blocks.exceptions import VisionUnavailable

#: The label of the message that carries the picture (the text says what it is).
IMAGE_LABEL = "IMAGE: the picture the task is about."


@dataclass(frozen=True)
class ImageInput:
    """One image prepared for a model: a rendition as a data URL, and what identifies it."""

    image_id: int
    file_hash: str
    rendition_spec: str
    mime_type: str
    data: bytes
    width: int
    height: int

    @property
    def data_url(self) -> str:
        return f"data:{self.mime_type};base64,{base64.b64encode(self.data).decode('ascii')}"

    @property
    def cache_token(self) -> dict[str, str]:
        """What the cache key needs: the original file, and how it was reduced."""
        return {"file_hash": self.file_hash, "rendition": self.rendition_spec}

    def message(self) -> Message:
        """A user message with the picture as an ``image_url`` content part."""
        content: Any = [
            {"type": "text", "text": IMAGE_LABEL},
            {"type": "image_url", "image_url": {"url": self.data_url}},
        ]
        return Message(role="user", content=content)


def image_input(image: Any) -> ImageInput:
    """Render ``image`` (a Wagtail image) for a model; Wagtail caches the rendition."""
    spec = conf.get("IMAGE_RENDITION")
    rendition = image.get_rendition(spec)
    with rendition.file.open("rb") as handle:
        data = handle.read()
    mime_type = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
    return ImageInput(
        image_id=image.pk,
        file_hash=image.get_file_hash(),
        rendition_spec=spec,
        mime_type=mime_type,
        data=data,
        width=rendition.width,
        height=rendition.height,
    )


def with_image(messages: list[Message], image: ImageInput) -> list[Message]:
    """The messages with the picture just before the last (text) user message.

    The text message stays last, so the ledger and the post-processing read text.
    """
    return [*messages[:-1], image.message(), messages[-1]]


def vision_backend(default: Backend) -> Backend:
    """The backend image actions use: ``VISION_BACKEND`` if set, else ``default``.

    Raises :class:`VisionUnavailable` when that backend cannot see images.
    """
    name = conf.get("VISION_BACKEND")
    backend = get_backend(name) if name else default
    if not backend.supports_vision:
        raise VisionUnavailable(detail={"backend": backend.name})
    return backend


def configured_vision_backend() -> Backend | None:
    """The backend image actions would use (``None`` if it cannot be built)."""
    from wagtail_ai_blocks.backends import backend_for_action
    from wagtail_ai_blocks.exceptions import AIBlocksError

    name = conf.get("VISION_BACKEND")
    try:
        return get_backend(name) if name else backend_for_action("image_description")
    except AIBlocksError:
        return None


def vision_available() -> bool:
    backend = configured_vision_backend()
    return bool(backend is not None and backend.supports_vision)
