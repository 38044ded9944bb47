"""A blocking advertising rule stops every route to publishing, not only the page editor's button."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from compliance.services import PublishingBlocked
from testimonials import models as testimonials
from tests.factories import StandardPageFactory
from tests.gallery.factories import GalleryItemFactory
from tests.treatments.factories import TreatmentPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_for_the_module")]

BLOCKED = "Botox from £199 per area, this month only."


@pytest.fixture
def page(home):
    return StandardPageFactory(parent=home, title="Injectables", slug="injectables", intro="Ask us about it.")


def live_intro(page):
    return type(page).objects.get(pk=page.pk).intro


def test_publishing_from_code_is_refused_and_the_live_page_is_unchanged(page):
    page.intro = BLOCKED
    revision = page.save_revision()

    with pytest.raises(PublishingBlocked, match="unlawful in the UK"):
        revision.publish()

    assert live_intro(page) == "Ask us about it."


def test_a_warning_does_not_stop_publishing_from_code(page):
    page.intro = "A quick lunchtime treatment."

    page.save_revision().publish()

    assert live_intro(page) == "A quick lunchtime treatment."


def test_switching_the_rules_off_lets_everything_publish(page, settings):
    settings.ADVERTISING_RULES_ENABLED = False
    page.intro = BLOCKED

    page.save_revision().publish()

    assert live_intro(page) == BLOCKED


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("moderator", password="x" * 12)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.mark.parametrize("ajax", [False, True], ids=["approve button", "approve with comment modal"])
def test_approving_a_workflow_is_refused_and_the_page_stays_in_moderation(page, moderator, client, ajax):
    page.intro = BLOCKED
    page.save_revision(user=moderator)
    state = page.get_workflow().start(page, moderator)
    client.force_login(moderator)
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.current_task_state.pk]
    )
    headers = {"headers": {"x-requested-with": "XMLHttpRequest"}} if ajax else {}

    response = client.post(url, {"comment": ""}, **headers)

    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if ajax:
        assert response.json()["redirect"] == edit_url
    else:
        assert response.status_code == 302 and response.url == edit_url
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("was not published" in message for message in messages)
    assert any("unlawful in the UK" in message for message in messages)
    assert live_intro(page) == "Ask us about it."
    state.refresh_from_db()
    assert state.status == state.STATUS_IN_PROGRESS  # the approval was undone with the publish


def test_bulk_publishing_is_refused(page, admin_client):
    page.intro = BLOCKED
    page.save_revision()
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={page.pk}"

    response = admin_client.post(url, {"include_descendants": ""})

    assert response.status_code == 302
    assert live_intro(page) == "Ask us about it."


def schedule(page, intro, minutes_ago=5):
    """A revision scheduled earlier, now due, as if the rules had changed since."""
    page.intro = intro
    revision = page.save_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    revision.save(update_fields=["approved_go_live_at"])
    return revision


def test_scheduled_publishing_skips_a_refused_revision_and_publishes_the_rest(page, home):
    other = StandardPageFactory(parent=home, slug="peels", intro="Chemical peels.")
    refused = schedule(page, BLOCKED, minutes_ago=10)
    schedule(other, "Chemical peels, updated.", minutes_ago=5)
    output = io.StringIO()

    call_command("publish_scheduled", stdout=output)

    assert live_intro(page) == "Ask us about it."
    assert live_intro(other) == "Chemical peels, updated."
    refused.refresh_from_db()
    assert refused.approved_go_live_at is None
    assert "Not published, taken off the schedule: “Injectables”" in output.getvalue()
    entry = PageLogEntry.objects.get(page=page, action="compliance.publish_refused")
    assert "unlawful in the UK" in entry.data["findings"][0]


def test_a_testimonial_breaking_a_blocking_rule_cannot_be_published():
    testimonial = testimonials.Testimonial(
        quote="Completely painless and no risk at all!",
        attribution="Sam",
        consent_reference="TC-1",
        consent_date=timezone.localdate(),
        live=True,
    )

    with pytest.raises(ValidationError) as error:
        testimonial.full_clean()

    assert "carries risks" in " ".join(error.value.message_dict["quote"])
    testimonial.live = False
    testimonial.full_clean()  # a draft may be saved and reworded


def test_a_gallery_caption_breaking_a_blocking_rule_cannot_be_published(treatment_index):
    treatment = TreatmentPageFactory(parent=treatment_index)
    item = GalleryItemFactory(
        treatment=treatment, caption="Three sessions of Botox, now 20% off.", live=False
    )
    item.live = True

    with pytest.raises(ValidationError) as error:
        item.full_clean()

    assert "caption" in error.value.message_dict
