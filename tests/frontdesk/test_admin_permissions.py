import pytest
from django.urls import reverse

from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(db):
    return LeadFactory(first_name="Private", last_name="Patient")


def lead_urls(lead):
    """Every page and download that shows lead data, with the method and data to request it."""
    index = reverse("lead_admin:index")
    bulk = "/admin/bulk/leads/lead/{}/?id=" + str(lead.pk)
    return [
        ("get", index, {}),
        ("get", reverse("lead_admin:index_results"), {}),
        ("get", index, {"export": "csv"}),
        ("get", index, {"export": "xlsx"}),
        ("get", reverse("lead_admin:detail", args=[lead.pk]), {}),
        ("post", reverse("lead_admin:detail", args=[lead.pk]), {"action": "note", "note-text": "hi"}),
        ("get", reverse("lead_admin:report"), {}),
        ("get", reverse("lead_admin:privacy"), {}),
        ("post", reverse("lead_admin:privacy"), {"action": "export", "email": lead.email}),
        ("get", bulk.format("change_status"), {}),
        ("get", bulk.format("assign"), {}),
        ("post", bulk.format("mark_spam"), {}),
    ]


def denied(response):
    """Wagtail answers a forbidden admin page with a 403 or a redirect to the dashboard."""
    if response.status_code == 302:
        return "/leads/" not in response["Location"] and "/bulk/" not in response["Location"]
    return response.status_code == 403


@pytest.mark.parametrize("index", range(12))
def test_editor_is_refused_every_lead_url_and_export(client, editor, lead, index):
    method, url, data = lead_urls(lead)[index]
    client.force_login(editor)

    response = getattr(client, method)(url, data)

    assert denied(response), (url, response.status_code)
    assert b"Private" not in b"".join(response) if response.streaming else b"Private" not in response.content
    lead.refresh_from_db()
    assert lead.status == "new"
    assert not lead.events.exists()


@pytest.mark.parametrize("index", range(12))
def test_anonymous_visitor_is_sent_to_the_login_page(client, lead, index):
    method, url, data = lead_urls(lead)[index]

    response = getattr(client, method)(url, data)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("index", [0, 1, 2, 3, 4, 6, 7, 9, 10])
def test_front_desk_can_open_every_lead_page_and_export(client, front_desk, lead, index):
    method, url, data = lead_urls(lead)[index]
    client.force_login(front_desk)

    response = getattr(client, method)(url, data)

    assert response.status_code == 200


def test_front_desk_without_export_permission_gets_no_export(client, front_desk, lead):
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.get(name="Front desk")
    group.permissions.remove(Permission.objects.get(codename="export_lead"))
    client.force_login(front_desk)

    listing = client.get(reverse("lead_admin:index"))
    export = client.get(reverse("lead_admin:index"), {"export": "csv"})

    assert b"Download CSV" not in listing.content
    assert denied(export)


def test_front_desk_group_has_no_page_permissions(front_desk):
    from wagtail.models import GroupPagePermission

    assert not GroupPagePermission.objects.filter(group__name="Front desk").exists()
    assert not front_desk.has_perm("wagtailcore.add_page")
    assert not front_desk.has_perm("leads.delete_lead")
    assert front_desk.has_perms(
        ["wagtailadmin.access_admin", "leads.view_lead", "leads.change_lead", "leads.export_lead"]
    )


def test_only_lead_staff_see_the_menu_item_with_the_new_count_and_the_dashboard_panel(
    client, front_desk, editor
):
    LeadFactory.create_batch(3)
    LeadFactory(status="contacted")

    client.force_login(front_desk)
    desk_home = client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(editor)
    editor_home = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Leads (3 new)" in desk_home
    assert "leads-summary" in desk_home
    assert "Leads (3 new)" not in editor_home
    assert "leads-summary" not in editor_home


def test_the_dashboard_and_menu_count_requests_that_need_review(client, front_desk):
    LeadFactory.create_batch(2)
    LeadFactory(status="needs_review")
    LeadFactory(status="spam")

    client.force_login(front_desk)
    home = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Leads (3 new)" in home
    assert "<strong>1</strong> to check" in home
    assert "<strong>3</strong> received today" in home


@pytest.mark.parametrize("index", [0, 2, 3, 4])
def test_lead_pages_and_exports_are_never_cached(client, front_desk, lead, index):
    method, url, data = lead_urls(lead)[index]
    client.force_login(front_desk)

    response = getattr(client, method)(url, data)

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
