import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Workflow

from team.dates import add_months
from team.models import ClinicalReviewTask
from team.services import pages_due_for_review
from tests.reviewed_pages.models import ReviewedPage
from tests.team.factories import ReviewedPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_for_the_module")]

TODAY = datetime.date(2026, 11, 25)


def days(n):
    return datetime.timedelta(days=n)


def test_next_review_defaults_to_twelve_months_after_the_last(home, doctor):
    page = ReviewedPageFactory(parent=home, reviewed_by=doctor, last_reviewed=datetime.date(2026, 3, 3))

    assert page.next_review_due == datetime.date(2027, 3, 3)


def test_review_interval_is_a_setting(home, doctor, settings):
    settings.CLINICAL_REVIEW_INTERVAL_MONTHS = 6

    page = ReviewedPageFactory(parent=home, reviewed_by=doctor, last_reviewed=datetime.date(2026, 3, 3))

    assert page.next_review_due == datetime.date(2026, 9, 3)


def test_an_editor_may_set_an_earlier_review_date(home, doctor):
    page = ReviewedPageFactory(
        parent=home,
        reviewed_by=doctor,
        last_reviewed=datetime.date(2026, 3, 3),
        next_review_due=datetime.date(2026, 6, 1),
    )

    assert page.next_review_due == datetime.date(2026, 6, 1)


def test_month_arithmetic_keeps_to_the_end_of_short_months():
    assert add_months(datetime.date(2024, 2, 29), 12) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2026, 8, 31), 6) == datetime.date(2027, 2, 28)
    assert add_months(datetime.date(2026, 11, 30), 2) == datetime.date(2027, 1, 30)


def test_review_needs_a_reviewer_and_a_later_due_date(doctor):
    no_reviewer = ReviewedPage(title="Peels", last_reviewed=datetime.date(2026, 3, 3))
    backwards = ReviewedPage(
        title="Peels",
        reviewed_by=doctor,
        last_reviewed=datetime.date(2026, 3, 3),
        next_review_due=datetime.date(2026, 3, 1),
    )

    with pytest.raises(ValidationError) as missing:
        no_reviewer.clean()
    with pytest.raises(ValidationError) as wrong_order:
        backwards.clean()

    assert "reviewed_by" in missing.value.message_dict
    assert "next_review_due" in wrong_order.value.message_dict


def test_overdue_and_due_soon_follow_the_due_date(doctor):
    def page(due):
        return ReviewedPage(
            title="x", reviewed_by=doctor, last_reviewed=TODAY - days(300), next_review_due=due
        )

    assert page(TODAY - days(1)).is_review_overdue(TODAY)
    assert not page(TODAY).is_review_overdue(TODAY)
    assert page(TODAY + days(30)).is_review_due_soon(TODAY)
    assert not page(TODAY + days(31)).is_review_due_soon(TODAY)
    assert ReviewedPage(title="never reviewed").is_review_overdue(TODAY)


def test_json_ld_is_a_medical_web_page_with_reviewer_and_date(home, doctor):
    page = ReviewedPageFactory(parent=home, reviewed_by=doctor, last_reviewed=datetime.date(2026, 3, 3))

    [data] = [
        item
        for item in page.get_structured_data(RequestFactory().get("/"))
        if item["@type"] == "MedicalWebPage"
    ]

    assert data["@type"] == "MedicalWebPage"
    assert data["lastReviewed"] == "2026-03-03"
    assert data["reviewedBy"]["name"] == "Dr Amira Shah"
    assert data["reviewedBy"]["@type"] == ["Person", "Physician"]
    assert data["url"].endswith(page.url)


def test_medically_reviewed_line_follows_the_nhs_pattern(home, doctor):
    template = Template(
        "{% load team_tags %}{% medically_reviewed page.reviewed_by page.last_reviewed page.next_review_due %}"
    )
    page = ReviewedPageFactory(parent=home, reviewed_by=doctor, last_reviewed=datetime.date(2026, 3, 3))

    html = template.render(Context({"page": page, "request": RequestFactory().get("/")}))

    assert "Medically reviewed by" in html and 'href="/team/amira-shah/">Dr Amira Shah</a>' in html
    text = " ".join(html.split())
    assert 'Page last reviewed: <time datetime="2026-03-03">3 March 2026</time>' in text
    assert 'Next review due: <time datetime="2027-03-03">3 March 2027</time>' in text


def test_unreviewed_page_shows_no_review_line(home):
    page = ReviewedPageFactory(parent=home)
    template = Template("{% load team_tags %}{% medically_reviewed page.reviewed_by page.last_reviewed %}")

    assert template.render(Context({"page": page})).strip() == ""


def test_report_lists_overdue_due_soon_and_unreviewed_pages_most_urgent_first(home, doctor):
    today = timezone.localdate()

    def reviewed(title, due):
        return ReviewedPageFactory(
            parent=home, title=title, reviewed_by=doctor, last_reviewed=today - days(400), next_review_due=due
        )

    overdue = reviewed("Overdue page", today - days(10))
    soon = reviewed("Due soon page", today + days(20))
    reviewed("Fine page", today + days(90))
    never = ReviewedPageFactory(parent=home, title="Never reviewed page")

    assert pages_due_for_review() == [never, overdue, soon]


def test_editor_sees_the_review_report_with_reviewers(admin_client, home, doctor):
    today = timezone.localdate()
    ReviewedPageFactory(
        parent=home,
        title="Laser resurfacing",
        reviewed_by=doctor,
        last_reviewed=today - days(400),
        next_review_due=today - days(35),
    )

    response = admin_client.get("/admin/reports/clinical-review/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Laser resurfacing" in html and "Dr Amira Shah" in html and "Overdue" in html


def test_clinicians_group_and_review_step_exist_after_migrating():
    task = ClinicalReviewTask.objects.get(name="Clinical review")

    assert list(task.groups.values_list("name", flat=True)) == ["Clinicians"]
    steps = Workflow.objects.get(name="Clinical review").workflow_tasks.order_by("sort_order")
    assert [step.task.name for step in steps] == ["Clinical review", "Moderators approval"]
    assert steps[0].task.specific == task
    assert Group.objects.get(name="Clinicians").permissions.filter(codename="access_admin").exists()


def test_approving_the_clinical_review_step_records_the_reviewer_and_date(
    home, doctor, django_user_model, admin_user
):
    clinician = django_user_model.objects.create_user("amira", password="x" * 12)
    clinician.groups.add(Group.objects.get(name="Clinicians"))
    doctor.user = clinician
    doctor.save()
    page = ReviewedPageFactory(parent=home, live=False)
    page.save_revision()
    workflow = Workflow.objects.get(name="Clinical review")
    workflow.start(page, clinician)
    page.refresh_from_db()
    task_state = page.current_workflow_task_state

    task_state.task.specific.on_action(task_state.specific, clinician, "approve")
    page.refresh_from_db()
    moderation = page.current_workflow_task_state
    moderation.task.specific.on_action(moderation.specific, admin_user, "approve")

    page = ReviewedPage.objects.get(pk=page.pk)
    assert page.live
    assert page.reviewed_by == doctor
    assert page.last_reviewed == timezone.localdate()
    assert page.next_review_due == add_months(timezone.localdate(), 12)


def test_review_report_exports_as_csv(admin_client, home, doctor):
    ReviewedPageFactory(parent=home, title="Chemical peels")

    response = admin_client.get("/admin/reports/clinical-review/?export=csv")

    content = (
        b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    )
    assert response.status_code == 200
    assert "Chemical peels" in content
