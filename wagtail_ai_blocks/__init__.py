"""AI assistance for Wagtail editors: rich text toolbar, field panels, StreamField blocks."""

__version__ = "0.1.0"
