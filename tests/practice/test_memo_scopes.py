"""A render memo is kept until a purge of what it shows, wherever that purge was made: the scopes'
generations live in the shared page cache beside its own, and purges say what changed."""

import pytest
from django.test import RequestFactory

from practice.cache import (
    GALLERY,
    LINKS,
    PAGES,
    SETTINGS,
    page_cache,
    purge_page_cache,
    scope_generations,
    scope_key,
)
from practice.memo import memoised
from practice.models import PracticeSettings
from tests.factories import publish
from tests.treatments.factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db


class Builds:
    """Counts how often each value is built; each call is a new request, as each render is."""

    def __init__(self):
        self.counts = {}

    def read(self, name, shows=None, inside=None):
        def build():
            self.counts[name] = self.counts.get(name, 0) + 1
            return f"{name} {inside()}" if inside else name

        request = RequestFactory().get("/")
        if shows is None:
            return memoised(request, name, build)
        return memoised(request, name, build, shows=shows)


def test_a_value_is_kept_across_purges_of_what_it_does_not_show():
    builds = Builds()
    builds.read("gallery", shows=(GALLERY,))

    purge_page_cache(PAGES, LINKS)
    builds.read("gallery", shows=(GALLERY,))
    assert builds.counts["gallery"] == 1

    purge_page_cache(GALLERY)
    builds.read("gallery", shows=(GALLERY,))
    assert builds.counts["gallery"] == 2

    purge_page_cache()  # everything: an image, a site or a privacy restriction changed
    builds.read("gallery", shows=(GALLERY,))
    assert builds.counts["gallery"] == 3


def test_a_value_that_names_nothing_is_built_again_after_any_purge():
    builds = Builds()
    builds.read("form digest")

    purge_page_cache(GALLERY)
    builds.read("form digest")

    assert builds.counts["form digest"] == 2


def test_a_value_holding_another_is_built_again_when_what_the_other_shows_changes():
    builds = Builds()

    def page():
        return builds.read("page", shows=(PAGES,), inside=lambda: builds.read("gallery", shows=(GALLERY,)))

    assert page() == "page gallery"
    purge_page_cache(GALLERY)
    assert page() == "page gallery"

    assert builds.counts == {"page": 2, "gallery": 2}


def test_another_servers_purge_is_seen_on_the_next_request():
    builds = Builds()
    request = RequestFactory().get("/")
    memoised(request, "menu", lambda: "menu", shows=(LINKS,))

    # Another server purges links: it moves the generation in the cache both share.
    page_cache().incr(scope_key(LINKS))
    # A request reads the generations once: one that began before the purge renders as it began.
    assert memoised(request, "menu", lambda: "new", shows=(LINKS,)) == "menu"
    builds.read("menu", shows=(LINKS,))

    assert builds.counts["menu"] == 1


def purged_by(action):
    """The scopes `action` purged."""
    before = scope_generations()
    action()
    after = scope_generations()
    return {scope for scope in after if after[scope] != before[scope]}


def test_a_publish_says_whether_other_pages_show_what_it_changed(treatment_index, practice):
    treatment = TreatmentPageFactory(parent=treatment_index, title="Laser skin tightening")

    assert purged_by(lambda: publish(treatment, summary="Firmer skin.")) == {PAGES}
    assert purged_by(lambda: publish(treatment, title="Laser tightening")) == {PAGES, LINKS}
    assert purged_by(lambda: publish(treatment, slug="laser")) == {PAGES, LINKS}
    assert purged_by(lambda: publish(treatment, show_in_menus=True)) == {PAGES, LINKS}
    assert purged_by(treatment.unpublish) == {PAGES, LINKS}
    assert purged_by(lambda: TreatmentPageFactory(parent=treatment_index)) == {PAGES, LINKS}
    details = PracticeSettings.objects.get()
    assert purged_by(details.save) == {SETTINGS}
