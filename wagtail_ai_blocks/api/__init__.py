"""The JSON and streaming API (v1), mounted under the Wagtail admin URLs."""
