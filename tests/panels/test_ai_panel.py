"""AIPanel and its shortcuts: configuration, cloning, and the options they resolve."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from wagtail.admin.panels import MultiFieldPanel, ObjectList, TitleFieldPanel

from blog.models import Author, BlogPage
from wagtail_ai_blocks.panels import (
    AIIntroductionPanel,
    AIPanel,
    AISearchDescriptionPanel,
    AISEOTitlePanel,
    AITitlePanel,
)

ALL_OPTIONS = {
    "action": "seo_title",
    "context_fields": ("title", "intro"),
    "max_length": 50,
    "candidates": 5,
    "labels": {"generate": "Suggest"},
    "heading": "SEO title",
    "help_text": "Shown in search results.",
    "classname": "seo",
}


def bound(panel, model, instance, user, form_data=None):
    """``panel`` bound to ``model``, ``instance``, a request by ``user`` and a form."""
    edit_handler = ObjectList([panel]).bind_to_model(model)
    form = edit_handler.get_form_class()(form_data, instance=instance, for_user=user)
    request = RequestFactory().get("/")
    request.user = user
    bound_list = edit_handler.get_bound_panel(instance=instance, request=request, form=form)
    return bound_list.children[0]


def test_clone_keeps_every_option():
    panel = AIPanel("seo_title", **ALL_OPTIONS)

    clone = panel.clone()

    assert type(clone) is AIPanel
    assert clone.clone_kwargs() == panel.clone_kwargs()
    assert {key: clone.clone_kwargs()[key] for key in ALL_OPTIONS} == ALL_OPTIONS


@pytest.mark.parametrize(
    ("panel", "field_name", "action"),
    [
        (AITitlePanel(), "title", "title"),
        (AISEOTitlePanel(), "seo_title", "seo_title"),
        (AISearchDescriptionPanel(), "search_description", "search_description"),
        (AIIntroductionPanel("intro"), "intro", "introduction"),
    ],
    ids=lambda value: getattr(value, "__name__", None) or type(value).__name__,
)
def test_shortcuts_survive_binding_inside_a_multi_field_panel(panel, field_name, action):
    group = MultiFieldPanel([panel], heading="Group").bind_to_model(BlogPage)

    child = group.children[0]

    assert type(child) is type(panel)
    assert (child.field_name, child.action_id) == (field_name, action)
    assert child.clone_kwargs() == panel.clone_kwargs()


def test_shortcuts_take_every_ai_panel_option():
    panel = AISEOTitlePanel(context_fields=["title"], candidates=4, max_length=40)

    assert (panel.context_fields, panel.candidates, panel.max_length) == (("title",), 4, 40)
    assert AISEOTitlePanel(action="title").action_id == "title"


def test_ai_title_panel_keeps_title_field_panel_options_through_clone():
    panel = AITitlePanel(placeholder="Headline", targets=["slug", "seo_title"], apply_if_live=True)

    clone = panel.bind_to_model(BlogPage)

    assert isinstance(clone, TitleFieldPanel)
    assert (clone.placeholder, clone.targets, clone.apply_if_live) == (
        "Headline",
        ["slug", "seo_title"],
        True,
    )
    assert clone.classname == "title"


def test_action_defaults_to_the_field_name():
    assert AIPanel("seo_title").action_id == "seo_title"


def test_context_fields_given_as_a_string_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="must be a list of field names"):
        AIPanel("seo_title", context_fields="title")


@pytest.mark.django_db
def test_an_unknown_action_names_the_registered_ones(admin_user, monstera):
    panel = bound(AIPanel("intro", action="summarise_page"), BlogPage, monstera, admin_user)

    with pytest.raises(ImproperlyConfigured, match=r"no AI action 'summarise_page'.*seo_title"):
        panel.render_html()


@pytest.mark.django_db
def test_panel_max_length_tightens_the_model_field_limit(admin_user, monstera):
    panel = bound(
        AIPanel("intro", action="introduction", max_length=120), BlogPage, monstera, admin_user
    )

    assert panel.ai_options().max_length == 120


@pytest.mark.django_db
def test_rich_text_field_asks_for_html_within_its_features(admin_user, monstera):
    panel = bound(AIPanel("body", action="introduction"), BlogPage, monstera, admin_user)

    options = panel.ai_options()

    assert (options.format, options.mode) == ("html", "field")
    assert options.features == (
        "h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul", "ai",
    )  # fmt: skip
    assert 'data-wab-ai-field-format-value="html"' in panel.render_html()


@pytest.mark.django_db
def test_rewrite_action_only_improves(admin_user, monstera):
    panel = bound(AIPanel("intro", action="shorten"), BlogPage, monstera, admin_user)

    assert panel.ai_options().mode == "rewrite"


@pytest.mark.django_db
def test_read_only_panel_has_no_ai(admin_user, monstera):
    panel = bound(AIPanel("intro", read_only=True), BlogPage, monstera, admin_user)

    assert panel.ai_enabled is False
    assert "wab-ai-field" not in panel.render_html()
    assert panel.media._js == []


@pytest.mark.django_db
def test_snippet_editor_renders_the_ai_panel_with_the_snippet_as_context(admin_client):
    from tests.editor_pages import ai_fields, scripts, soup, values

    author = Author.objects.create(name="Ada Gardener")

    page = soup(admin_client.get(f"/admin/snippets/blog/author/edit/{author.pk}/"))

    element = ai_fields(page)["bio"]
    assert values(element)["page"] == {"type": "Author", "title": "Ada Gardener"}
    assert values(element)["candidates"] == "2"
    assert values(element)["maxLength"] == "500"
    assert element.select_one("textarea[name=bio]")["data-wab-ai-field-target"] == "input"
    assert "/static/wagtail_ai_blocks/js/panel.js" in scripts(page)


@pytest.mark.django_db
def test_inline_panel_children_get_ai_with_their_own_prefix(admin_client, monstera):
    from tests.editor_pages import ai_fields, scripts, soup, values

    monstera.related_links.create(url="https://example.com/monstera", title="Monstera facts")
    monstera.save()

    page = soup(admin_client.get(f"/admin/pages/{monstera.pk}/edit/"))

    child = page.select_one("#inline_child_related_links-0")
    element = ai_fields(child)["title"]
    assert values(element)["action"] == "link_title"
    assert "page" not in values(element)  # the browser describes the page around it
    assert element.select_one("[data-wab-ai-field-target]")["name"] == "related_links-0-title"
    # The template for new children carries the same attributes.
    template = page.select_one("template#id_related_links-EMPTY_FORM_TEMPLATE")
    assert 'data-controller="wab-ai-field"' in template.decode_contents()
    assert "related_links-__prefix__-title" in template.decode_contents()
    assert "/static/wagtail_ai_blocks/js/panel.js" in scripts(page)


def test_editor_js_hook_loads_the_controller_for_inline_panel_children():
    from wagtail import hooks

    output = "".join(str(hook()) for hook in hooks.get_hooks("insert_editor_js"))

    assert "wagtail_ai_blocks/js/panel.js" in output
    assert "wagtail_ai_blocks/css/panel.css" in output


@pytest.mark.django_db
def test_labels_override_the_default_button_labels_one_by_one(admin_user, monstera):
    panel = bound(
        AIPanel("intro", action="introduction", labels={"improve": "Rewrite"}),
        BlogPage,
        monstera,
        admin_user,
    )

    attributes = panel.ai_options().data_attributes()

    assert attributes["data-wab-ai-field-labels-value"] == (
        '{"generate": "Generate", "improve": "Rewrite"}'
    )
