import pytest
from django.contrib.messages import get_messages
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from compliance.models import AdvertisingRule, Severity
from compliance.services import check_content
from practice.models import StandardPage
from tests.factories import StandardPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_for_the_module")]


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


def create_page(admin_client, home, intro, publish=True, body="<p>Ask us about it.</p>"):
    data = nested_form_data(
        {
            "title": "Injectables",
            "slug": "injectables",
            "intro": intro,
            "body": streamfield(
                [
                    ("paragraph", rich_text("<p>Our doctors explain every treatment.</p>")),
                    ("paragraph", rich_text(body)),
                ]
            ),
        }
    )
    if publish:
        data["action-publish"] = "action-publish"
    return admin_client.post(f"/admin/pages/add/practice/standardpage/{home.pk}/", data)


def test_publishing_a_blocking_finding_shows_the_error_on_its_field(admin_client, home):
    response = create_page(admin_client, home, "Botox from £199 this month only.")

    assert response.status_code == 200  # the editor again, with the text as typed
    assert not StandardPage.objects.filter(slug="injectables").exists()
    errors = response.context["form"].errors
    assert list(errors) == ["intro"]
    assert "Cannot be published" in errors["intro"][0] and "unlawful in the UK" in errors["intro"][0]
    page = response.content.decode()
    intro_field = page[page.index('id="panel-child-content-intro-section"') : page.index('id="id_intro"')]
    assert "unlawful in the UK" in intro_field
    assert "Botox from £199 this month only." in page


def test_a_blocking_finding_in_the_body_is_shown_on_its_block(admin_client, home):
    response = create_page(admin_client, home, "Ask us.", body="<p>Completely safe, with no risk at all.</p>")

    error = response.context["form"].errors["body"].as_data()[0]
    assert list(error.block_errors) == [1]  # the second paragraph, not the first
    assert "Cannot be published" in error.block_errors[1].messages[0]
    # The editor's script places it from the stream's error data (HTML-escaped in the page).
    assert "&quot;blockErrors&quot;: {&quot;1&quot;: {&quot;messages&quot;: [&quot;Cannot be published" in (
        response.content.decode()
    )
    assert "no risk at all" in error.block_errors[1].messages[0]
    assert "paragraph" not in error.block_errors[1].messages[0]  # words only, not the block's type
    assert not StandardPage.objects.filter(slug="injectables").exists()


def test_a_draft_with_a_blocking_finding_is_saved_and_the_editor_warned(admin_client, home):
    response = create_page(admin_client, home, "Botox from £199 this month only.", publish=False)

    page = StandardPage.objects.get(slug="injectables")
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert not page.live
    assert response.status_code == 302
    assert any("unlawful in the UK" in message for message in messages)


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

    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", data)

    page.refresh_from_db()
    assert "intro" in response.context["form"].errors
    assert "Ask us about injectables." in client.get(page.url).content.decode()
    assert page.live and page.intro == "Ask us about injectables."


def test_warning_rule_publishes_and_warns(admin_client, home):
    response = create_page(admin_client, home, "A quick lunchtime treatment.")

    page = StandardPage.objects.get(slug="injectables")
    messages = [(message.level_tag, str(message)) for message in get_messages(response.wsgi_request)]
    assert page.live
    assert any(level == "warning" and "trivial" in text for level, text in messages)
