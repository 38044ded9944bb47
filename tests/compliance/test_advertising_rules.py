import pytest
from django.contrib.messages import get_messages
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from compliance.models import AdvertisingRule, Severity
from compliance.services import check_content
from practice.models import StandardPage
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def findings_for(home, intro="", body=()):
    page = StandardPageFactory.build(title="Our treatments", intro=intro, body=list(body))
    return {(finding.rule.name, finding.blocks) for finding in check_content(page)}


POM_PRICE = ("Prescription-only medicine with a price or offer", True)
POM_NAMED = ("Prescription-only medicine named", False)


@pytest.mark.parametrize(
    "text",
    [
        "Botox from £199 per area.",
        "Our anti-wrinkle injections are 20% off this month.",
        "Special offer on Azzalure and Dysport for new patients.",
    ],
)
def test_prescription_only_medicine_near_a_price_blocks_publishing(home, text):
    assert POM_PRICE in findings_for(home, intro=text)


def test_medicine_named_far_from_any_price_only_warns(home):
    text = "Xeomin is a prescription-only medicine. " + "word " * 30 + "Consultations cost £50."

    found = findings_for(home, intro=text)

    assert POM_NAMED in found and POM_PRICE not in found


def test_trivialising_words_and_no_risk_claims_are_flagged(home):
    found = findings_for(
        home, body=[("paragraph", "<p>A painless lunchtime treatment with no risk at all.</p>")]
    )

    assert ("Trivialising words", False) in found
    assert ("Claims of no risk", True) in found


def test_honest_text_passes(home):
    text = "Laser skin tightening may cause redness for a few days. Your doctor will discuss the risks."

    assert findings_for(home, intro=text) == set()


def test_the_check_switches_off_by_setting(home, settings):
    settings.ADVERTISING_RULES_ENABLED = False

    assert findings_for(home, intro="Botox from £199, painless!") == set()


def test_a_practice_can_add_its_own_rule(home):
    AdvertisingRule.objects.create(
        name="Guarantees", pattern=r"\bguaranteed?\b", message="No guarantees.", severity=Severity.WARNING
    )

    assert ("Guarantees", False) in findings_for(home, intro="Results guaranteed.")


def test_an_invalid_pattern_is_refused():
    rule = AdvertisingRule(name="Broken", pattern="(unclosed", message="x")

    with pytest.raises(Exception, match="Not a valid regular expression"):
        rule.full_clean()


def create_page(admin_client, home, intro, publish=True):
    data = nested_form_data(
        {
            "title": "Injectables",
            "slug": "injectables",
            "intro": intro,
            "body": streamfield([("paragraph", rich_text("<p>Ask us about it.</p>"))]),
        }
    )
    if publish:
        data["action-publish"] = "action-publish"
    return admin_client.post(f"/admin/pages/add/practice/standardpage/{home.pk}/", data)


def test_blocking_rule_saves_a_draft_and_tells_the_editor_why(admin_client, home):
    response = create_page(admin_client, home, "Botox from £199 this month only.")

    page = StandardPage.objects.get(slug="injectables")
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert not page.live
    assert page.get_latest_revision().as_object().intro.startswith("Botox from £199")
    assert response.status_code == 302 and response.url == f"/admin/pages/{page.pk}/edit/"
    assert any("unlawful in the UK" in message for message in messages)
    assert any("not published" in message for message in messages)


def test_blocking_rule_keeps_the_live_version_of_an_edited_page(admin_client, home, client, practice):
    page = StandardPageFactory(parent=home, slug="injectables", intro="Ask us about injectables.")
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": "Dysport: 30% off for new patients!",
            "body": streamfield([]),
        }
    )
    data["action-publish"] = "action-publish"

    admin_client.post(f"/admin/pages/{page.pk}/edit/", data)

    page.refresh_from_db()
    assert "Ask us about injectables." in client.get(page.url).content.decode()
    assert page.get_latest_revision().as_object().intro.startswith("Dysport")


def test_warning_rule_publishes_and_warns(admin_client, home):
    response = create_page(admin_client, home, "A quick lunchtime treatment.")

    page = StandardPage.objects.get(slug="injectables")
    messages = [(message.level_tag, str(message)) for message in get_messages(response.wsgi_request)]
    assert page.live
    assert any(level == "warning" and "trivial" in text for level, text in messages)
