"""Create the demo's superuser and content on first run; print how to log in."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from wagtail.models import Collection, Locale, Page, Site

from blog.models import BlogPage, HomePage

MONSTERA_BODY = (
    "<p>Monstera deliciosa is a <b>forgiving houseplant</b> that rewards bright, "
    "indirect light and a chunky, well-draining mix. Water when the top few "
    "centimetres of soil are dry, and see the "
    '<a href="https://en.wikipedia.org/wiki/Monstera_deliciosa">Monstera article</a> '
    "for its natural habitat.</p>"
    "<p>Wipe the leaves monthly so they can breathe, and give the plant a moss pole "
    "to climb: aerial roots are normal and help it grow large, split leaves.</p>"
)

POSTS = [
    {
        "title": "Caring for Monstera deliciosa",
        "slug": "caring-for-monstera-deliciosa",
        "intro": "Light, water and support for the Swiss cheese plant.",
        "body": MONSTERA_BODY,
    },
    {
        "title": "Propagating pothos in water",
        "slug": "propagating-pothos-in-water",
        "intro": "",
        "body": (
            "<p>Cut a stem just below a <i>node</i>, strip the lowest leaves and stand "
            "it in a jar of water on a bright windowsill.</p>"
            "<ul><li>Change the water weekly.</li><li>Pot it up once roots are 5 cm long.</li></ul>"
        ),
    },
    # Posts on other topics, so "Suggest related pages" has something to tell apart.
    {
        "title": "A simple sourdough loaf",
        "slug": "a-simple-sourdough-loaf",
        "intro": "Flour, water, salt and a lively starter.",
        "body": (
            "<p>Mix flour, water and salt with an active sourdough starter, fold the dough "
            "every half hour, shape the loaf and bake it in a hot Dutch oven for a crisp "
            "crust and an open crumb.</p>"
        ),
    },
    {
        "title": "Training for your first 100 km ride",
        "slug": "training-for-your-first-100-km-ride",
        "intro": "Endurance, pacing and food on the bike.",
        "body": (
            "<p>Build endurance with one long ride every weekend, ride at a conversational "
            "pace, and eat something every 45 minutes: cycling a century is about pacing.</p>"
        ),
    },
    {
        "title": "Making fresh pasta by hand",
        "slug": "making-fresh-pasta-by-hand",
        "intro": "Eggs, flour and a rolling pin.",
        "body": (
            "<p>Knead eggs into a well of flour until the dough is smooth, rest it for half an "
            "hour, then roll it thin and cut ribbons of tagliatelle.</p>"
        ),
    },
]


def provider_summary() -> str:
    from wagtail_ai_blocks.backends import get_backend
    from wagtail_ai_blocks.backends.base import describe
    from wagtail_ai_blocks.exceptions import AIBlocksError

    try:
        backend = describe(get_backend())
    except AIBlocksError as exc:
        return f"not available ({exc.message})"
    return f"{backend['provider']}, model {backend['model']}"


def editors_group() -> Group:
    """Wagtail's "Editors" group as its first migration makes it, plus this package's
    "Can use AI assistance" (its migration 0002). A flushed database, as the browser
    tests leave behind, has no groups: make it again rather than leave the editor
    without admin access.
    """
    from django.contrib.auth.models import Permission
    from wagtail.models import GroupCollectionPermission, GroupPagePermission

    group, created = Group.objects.get_or_create(name="Editors")
    if not created:
        return group
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="wagtail_ai_blocks", codename="use_ai"),
    )
    root_page = Page.get_first_root_node()
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=root_page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    root_collection = Collection.get_first_root_node()
    for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
        for action in ("add", "change", "choose"):
            GroupCollectionPermission.objects.create(
                group=group,
                collection=root_collection,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=f"{action}_{model}"
                ),
            )
    return group


class Command(BaseCommand):
    help = "Seed the demo site (idempotent) and print the login details."

    def handle(self, *args, **options):
        user_model = get_user_model()
        if not user_model.objects.filter(username="admin").exists():
            user_model.objects.create_superuser("admin", "admin@example.com", "changeme")
            self.stdout.write("Created superuser admin.")

        home = HomePage.objects.first()
        if home is None:
            Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
            root = Page.get_first_root_node() or Page.add_root(
                instance=Page(title="Root", slug="root")
            )
            # Replace Wagtail's placeholder "Welcome" page.
            for page in root.get_children():
                if not isinstance(page.specific, HomePage):
                    Site.objects.filter(root_page=page).delete()
                    page.delete()
            home = root.add_child(
                instance=HomePage(title="Plant care", slug="home", intro="A demo blog.")
            )
            Site.objects.update_or_create(
                is_default_site=True,
                defaults={"hostname": "localhost", "port": 80, "root_page": home},
            )
            self.stdout.write("Created the home page.")

        if not Collection.get_first_root_node():  # a flushed database has none
            Collection.add_root(name="Root")
        if not user_model.objects.filter(username="editor").exists():
            editor = user_model.objects.create_user("editor", "editor@example.com", "changeme")
            editor.groups.add(editors_group())
            self.stdout.write("Created editor (a regular user in the Editors group).")

        # The second content language: pages are translated into it with wagtail-localize.
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
            Locale.objects.get_or_create(language_code=code)

        for data in POSTS:
            if not BlogPage.objects.filter(slug=data["slug"]).exists():
                post = home.add_child(instance=BlogPage(**data))
                post.save_revision().publish()
                self.stdout.write(f"Created “{post.title}”.")

        self.seed_images()

        self.stdout.write(
            self.style.SUCCESS(
                "Log in at /admin/ as admin / changeme (superuser), "
                "or editor / changeme (regular editor, 10 AI calls an hour)."
            )
        )
        self.stdout.write(f"AI provider: {provider_summary()}")

    def seed_images(self) -> None:
        """Pictures drawn with Pillow, without descriptions (Images without alt text)."""
        from wagtail.images import get_image_model

        from blog.pictures import DEMO_IMAGES, create_plant_image, plant_title

        existing = set(get_image_model().objects.values_list("title", flat=True))
        created = 0
        for index in range(DEMO_IMAGES):
            if plant_title(index) not in existing:
                create_plant_image(index, size=(1280, 960))
                created += 1
        if created:
            self.stdout.write(f"Created {created} images without descriptions.")
