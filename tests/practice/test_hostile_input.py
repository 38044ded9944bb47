"""Script and HTML sent through page fields and practice details never run on the site or in the admin.

The hostile party is an editor's account in the wrong hands or a pasted-in snippet: every value
goes in through the admin's own forms where one exists, and the public page and the admin views
must show it as text.
"""

import json
import re

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from practice.models import PracticeSettings, StandardPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_for_the_module")]

SCRIPT = '<script>alert("xss")</script>'
ATTRIBUTE = '"><img src=x onerror="alert(1)">'
PAYLOADS = [SCRIPT, ATTRIBUTE]


JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def assert_shown_as_text(html, payload=SCRIPT):
    # Structured data repeats page text as JSON, where <, > and & are \u-escaped and cannot form tags.
    for block in JSON_LD.findall(html):
        assert "<" not in block and ">" not in block
    html = JSON_LD.sub("", html)
    assert payload not in html
    assert "onerror=" not in html.replace("onerror=&quot;", "")
    assert "&lt;script&gt;" in html or "&lt;img" in html


def hostile_contentstate():
    """Draftail's data as a tampered browser could send it: script text and a javascript: link."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "type": "unstyled",
                    "depth": 0,
                    "text": f"Read me {SCRIPT}",
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": 4, "key": 0}],
                    "data": {},
                }
            ],
            "entityMap": {
                "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(1)"}}
            },
        }
    )


@pytest.mark.parametrize("payload", PAYLOADS, ids=["script", "attribute"])
def test_page_published_through_the_admin_shows_payloads_as_text(admin_client, home, practice, payload):
    data = nested_form_data(
        {
            "title": f"Peels {payload}",
            "slug": "hostile",
            "intro": payload,
            "seo_title": payload,
            "search_description": payload,
            "body": streamfield(
                [
                    ("heading", {"text": payload, "level": "h2"}),
                    ("paragraph", hostile_contentstate()),
                    ("quote", {"text": payload, "attribution": payload}),
                ]
            ),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )

    response = admin_client.post(
        reverse("wagtailadmin_pages:add", args=("practice", "standardpage", home.id)), data
    )

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = StandardPage.objects.get(slug="hostile")
    assert page.live
    html = admin_client.get(page.url).content.decode()
    assert_shown_as_text(html, payload)
    assert "javascript:" not in html
    assert "<a>Read</a> me &lt;script&gt;" in html  # the link's text survives, its href does not


def test_page_title_is_escaped_in_the_admin_explorer(admin_client, home):
    home.add_child(instance=StandardPage(title=f"Peels {SCRIPT}", slug="hostile"))

    html = admin_client.get(reverse("wagtailadmin_explore", args=(home.id,))).content.decode()

    assert_shown_as_text(html)


def practice_details_form(**changes):
    data = nested_form_data(
        {
            "name": "Riverside Aesthetics",
            "tagline": "",
            "phone": "020 7946 0321",
            "email": "hello@clinic.example",
            "street_address": "",
            "locality": "",
            "region": "",
            "postal_code": "",
            "country": "GB",
            "opening_hours": streamfield([]),
            "facebook_url": "",
            "instagram_url": "",
            "x_url": "",
            "linkedin_url": "",
            "youtube_url": "",
            "tagline_translations": inline_formset([]),
        }
    )
    return {**data, **changes}


def settings_url(practice):
    return reverse("wagtailsettings:edit", args=("practice", "practicesettings", practice.site_id))


def test_practice_details_saved_through_the_admin_show_as_text_in_header_and_footer(admin_client, practice):
    data = practice_details_form(
        name=f"Clinic {SCRIPT}",
        tagline=f"Care {ATTRIBUTE}",
        street_address=f"1 High St {SCRIPT}",
        locality=ATTRIBUTE,
        region=SCRIPT,
        phone='020 "><b>',
    )

    response = admin_client.post(settings_url(practice), data)

    assert response.status_code == 302, response.context["form"].errors
    html = admin_client.get("/").content.decode()
    for payload in PAYLOADS:
        assert payload not in html
    assert "Clinic &lt;script&gt;" in html
    assert "1 High St &lt;script&gt;" in html
    assert 'onerror="' not in html


def test_practice_details_refuse_a_javascript_link(admin_client, practice):
    response = admin_client.post(
        settings_url(practice), practice_details_form(facebook_url="javascript:alert(1)")
    )

    assert response.status_code == 200  # the form again, with an error
    assert PracticeSettings.objects.get(pk=practice.pk).facebook_url == ""


@pytest.mark.parametrize("payload", PAYLOADS, ids=["script", "attribute"])
def test_values_stored_without_the_admin_still_render_as_text(client, home, practice, payload):
    for field in ["name", "tagline", "phone", "email", "street_address", "locality", "facebook_url"]:
        setattr(practice, field, f"x{payload}")
    practice.save()
    home.hero_heading = home.hero_text = home.hero_button_label = home.search_description = payload
    home.save_revision().publish()

    html = client.get("/").content.decode()

    assert payload not in html
    assert 'onerror="' not in html
    assert Page.objects.get(pk=home.pk).specific.hero_heading == payload
