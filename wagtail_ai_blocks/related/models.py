"""The vector index of live pages: one row per page, in the site's own database."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class PageEmbedding(models.Model):
    """A live page's vector, made by ``model`` from text whose hash is ``content_hash``.

    Vectors are unit length (cosine similarity is their dot product), stored as
    little-endian float32 in a binary field: portable to every database Django
    supports (PostgreSQL, SQLite, MySQL), read with no extension or numpy.
    """

    page = models.OneToOneField(
        Page, on_delete=models.CASCADE, primary_key=True, related_name="+", verbose_name=_("page")
    )
    model = models.CharField(_("embedding model"), max_length=128, db_index=True)
    content_hash = models.CharField(_("content hash"), max_length=64)
    dimensions = models.PositiveIntegerField(_("dimensions"))
    vector = models.BinaryField(_("vector"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("page embedding")
        verbose_name_plural = _("page embeddings")

    def __str__(self) -> str:
        return f"{self.page_id} ({self.model}, {self.dimensions})"
