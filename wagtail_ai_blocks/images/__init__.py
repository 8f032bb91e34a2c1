"""AI for images: titles, descriptions and alt text from a vision model.

- :mod:`.vision`: what the model is shown (a bounded rendition, never the original file)
  and which backend may see it.
- :mod:`.actions`: the image actions (``image_title``, ``image_description``,
  ``image_alt_text``), run by the generation service like every other action.
- :mod:`.forms`: Generate/Improve on Wagtail's image add and edit forms.
- :mod:`.bulk`: "Images without alt text": background jobs with a review step.
"""
