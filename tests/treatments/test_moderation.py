import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Workflow

from tests.treatments.factories import TreatmentCategoryFactory, TreatmentPageFactory
from treatments.models import TreatmentCategory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="x" * 12)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("moderator", password="x" * 12)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def test_editor_can_write_treatments_but_not_publish_them(editor, treatment_index):
    treatment = TreatmentPageFactory(parent=treatment_index)

    permissions = treatment.permissions_for_user(editor)

    assert permissions.can_edit()
    assert treatment_index.permissions_for_user(editor).can_add_subpage()
    assert not permissions.can_publish()
    assert not permissions.can_unpublish()


def test_moderator_can_publish_and_unpublish(moderator, treatment_index):
    permissions = TreatmentPageFactory(parent=treatment_index).permissions_for_user(moderator)

    assert permissions.can_publish()
    assert permissions.can_unpublish()


def test_both_groups_can_open_the_admin_and_use_images(client, editor, moderator):
    for user in (editor, moderator):
        client.force_login(user)
        assert client.get(reverse("wagtailadmin_home")).status_code == 200
        assert client.get(reverse("wagtailimages:add_multiple")).status_code == 200


def test_only_moderators_manage_redirects(client, editor, moderator):
    client.force_login(editor)
    assert client.get(reverse("wagtailredirects:index")).status_code == 302

    client.force_login(moderator)
    assert client.get(reverse("wagtailredirects:index")).status_code == 200


def test_editor_submission_goes_live_only_when_a_moderator_approves(editor, moderator, treatment_index):
    treatment = TreatmentPageFactory(parent=treatment_index, title="Old title")
    treatment.title = "New title"
    revision = treatment.save_revision(user=editor)
    workflow = treatment.get_workflow()

    state = workflow.start(treatment, editor)
    task_state = state.current_task_state
    task = task_state.task.specific

    assert workflow == Workflow.objects.get(name="Moderators approval")
    assert [name for name, *_ in task.get_actions(treatment, editor)] == []
    assert treatment.get_parent().specific.get_children().live().get().title == "Old title"

    assert "approve" in [name for name, *_ in task.get_actions(treatment, moderator)]
    task.on_action(task_state, moderator, "approve")

    treatment.refresh_from_db()
    assert treatment.live_revision_id == revision.id
    assert treatment.title == "New title"
    state.refresh_from_db()
    assert state.status == state.STATUS_APPROVED


def test_moderator_adds_a_treatment_category_listed_after_the_others(client, moderator):
    existing = TreatmentCategoryFactory(sort_order=5)
    client.force_login(moderator)

    response = client.post(
        reverse("wagtailsnippets_treatments_treatmentcategory:add"),
        {"name": "Injectables", "slug": "injectables", "description": "Given by injection."},
    )

    assert response.status_code == 302
    added = TreatmentCategory.objects.get(slug="injectables")
    assert list(TreatmentCategory.objects.all()) == [existing, added]


def test_editor_chooses_categories_but_cannot_change_them(client, editor):
    client.force_login(editor)

    response = client.get(reverse("wagtailsnippets_treatments_treatmentcategory:list"))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
