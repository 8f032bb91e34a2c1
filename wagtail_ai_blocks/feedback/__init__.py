"""Content feedback: "Review with AI" in the page editor's Checks panel.

Public API::

    from wagtail_ai_blocks.feedback.content import bound_edit_form, page_content
    from wagtail_ai_blocks.feedback.review import review_page

``review_page(page_content(page, form), user=…)`` returns a
:class:`~wagtail_ai_blocks.feedback.review.PageReview`: a score, observations and
improvements, each located in the field (its input name) that holds its original text.
"""
