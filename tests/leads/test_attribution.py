"""First-touch attribution: the rule that names an arrival, and a landing URL's way to the lead.

Arrivals through the page cache, the cookie modes and bad input: test_arrivals.py.
"""

import re

import pytest
from django.conf import settings as django_settings
from django.core import signing
from django.template import Context, Template
from django.test import RequestFactory

from leads import attribution, landing
from leads.attribution import Channel, channel_label_expression, classify, source_of
from leads.landing import COOKIE_NAME
from leads.models import Lead

from .conftest import valid_answers
from .factories import LeadFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_for_the_module")]


@pytest.fixture(autouse=True)
def cookie_always(settings):
    """These tests are about what the cookie records; test_arrivals.py covers asking first."""
    settings.LEADS_ATTRIBUTION_COOKIE = "always"


@pytest.mark.parametrize(
    ("params", "referrer", "expected"),
    [
        ({}, "", ("direct", "direct")),
        ({"utm_source": "Google", "utm_medium": "CPC"}, "", ("paid", "google")),
        ({"utm_source": "google", "utm_medium": "ppc"}, "", ("paid", "google")),
        ({"utm_source": "facebook", "utm_medium": "paid_social"}, "", ("paid", "facebook")),
        ({"utm_source": "newsletter", "utm_medium": "email"}, "", ("email", "newsletter")),
        ({"utm_source": "instagram", "utm_medium": "social"}, "", ("social", "instagram")),
        ({"utm_source": "google", "utm_medium": "organic"}, "", ("organic", "google")),
        ({"utm_source": "partner", "utm_medium": "referral"}, "", ("referral", "partner")),
        ({"utm_source": "flyer", "utm_medium": "print"}, "", ("campaign", "flyer")),
        ({"utm_source": "flyer"}, "", ("campaign", "flyer")),
        ({"utm_source": "google", "gclid": "x"}, "", ("paid", "google")),
        ({"utm_medium": "cpc", "gclid": "x"}, "", ("paid", "google")),
        ({"gclid": "x", "fbclid": "y"}, "", ("paid", "google")),
        ({"msclkid": "x"}, "", ("paid", "bing")),
        ({"_hsenc": "x"}, "", ("email", "hubspot")),
        ({}, "https://www.google.de/", ("organic", "google")),
        ({}, "https://www.google.com.au/search", ("organic", "google")),
        ({}, "https://uk.search.yahoo.com/", ("organic", "yahoo")),
        ({}, "https://yandex.ru/", ("organic", "yandex")),
        ({}, "https://www.qwant.com/", ("organic", "qwant")),
        ({}, "https://www.startpage.com/", ("organic", "startpage")),
        ({}, "https://search.brave.com/", ("organic", "brave")),
        ({}, "https://www.baidu.com/", ("organic", "baidu")),
        ({}, "https://m.facebook.com/", ("social", "facebook")),
        ({}, "https://x.com/", ("social", "x")),
        ({}, "https://lnkd.in/abc", ("social", "linkedin")),
        ({}, "https://www.linkedin.com/", ("social", "linkedin")),
        ({}, "https://uk.pinterest.com/", ("social", "pinterest")),
        ({}, "https://www.youtube.com/", ("social", "youtube")),
        ({}, "https://old.reddit.com/", ("social", "reddit")),
        ({}, "https://www.threads.net/", ("social", "threads")),
        ({}, "https://www.tiktok.com/", ("social", "tiktok")),
        # Matched by registrable domain, never by a substring.
        ({}, "https://evil-google.com/", ("referral", "evil-google.com")),
        ({}, "https://google.evil.com/", ("referral", "google.evil.com")),
        ({}, "https://notfacebook.com/", ("referral", "notfacebook.com")),
        ({}, "https://www.best-clinics.co.uk/lasers", ("referral", "best-clinics.co.uk")),
        ({}, "HTTPS://WWW.NHS.UK/", ("referral", "nhs.uk")),
        ({}, "android-app://com.google.android.gm/", ("direct", "direct")),
        ({}, "not a url", ("direct", "direct")),
    ],
)
def test_one_rule_names_every_arrival(params, referrer, expected):
    arrival = classify(params, referrer)
    assert (arrival.channel, arrival.source) == expected


def test_the_page_cache_ignores_every_parameter_attribution_reads():
    """A parameter the rule reads but the cache keys on would send every ad click to the slow path."""
    read = {*attribution.UTM_PARAMS, *attribution.CLICK_IDS, *attribution.EMAIL_TOOL_PARAMS}
    assert read <= set(django_settings.PAGE_CACHE_IGNORED_PARAMS)


LANDING = "/?utm_source=google&utm_medium=cpc&utm_campaign=spring-laser&utm_term=skin+tightening&utm_content=ad-2&gclid=Cj0KCQ-abc"


def test_campaign_landing_is_carried_to_the_lead(client, send, home):
    landing = client.get(LANDING, HTTP_REFERER="https://www.google.com/")
    assert landing.status_code == 200
    assert COOKIE_NAME in landing.cookies
    assert landing.cookies[COOKIE_NAME]["httponly"]
    # Later page views, even with other parameters, do not replace the first touch.
    later = client.get("/?utm_source=newsletter", HTTP_REFERER="https://mail.example/")
    assert COOKIE_NAME not in later.cookies

    send(valid_answers(source_page="/treatments/laser-skin-tightening/"))

    lead = Lead.objects.get()
    assert lead.landing_page == LANDING
    assert lead.referrer == "https://www.google.com/"
    assert lead.utm_source == "google"
    assert lead.utm_medium == "cpc"
    assert lead.utm_campaign == "spring-laser"
    assert lead.utm_term == "skin tightening"
    assert lead.utm_content == "ad-2"
    assert (lead.click_id_param, lead.click_id) == ("gclid", "Cj0KCQ-abc")
    assert (lead.channel, lead.source) == ("paid", "google")
    assert lead.source_page == "/treatments/laser-skin-tightening/"


def test_an_external_referrer_alone_is_recorded(client, send, home):
    client.get("/", HTTP_REFERER="https://www.bing.com/search?q=laser")
    send(valid_answers())
    lead = Lead.objects.get()
    assert lead.referrer == "https://www.bing.com/search?q=laser"
    assert lead.landing_page == "/"
    assert lead.utm_source == ""
    assert (lead.channel, lead.source) == ("organic", "bing")


def test_facebook_click_id_is_recorded(client, send, home):
    client.get("/?fbclid=IwAR0xyz")
    send(valid_answers())
    lead = Lead.objects.get()
    assert (lead.click_id_param, lead.click_id, lead.channel, lead.source) == (
        "fbclid",
        "IwAR0xyz",
        "paid",
        "facebook",
    )


def test_internal_navigation_sets_no_cookie(client, home):
    response = client.get("/", HTTP_REFERER="http://testserver/about/")
    assert COOKIE_NAME not in response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_staff_pages_set_no_cookie(client, home):
    response = client.get("/admin/login/?utm_source=google")
    assert COOKIE_NAME not in response.cookies


def test_a_tampered_cookie_is_ignored(client, send, home):
    client.cookies[COOKIE_NAME] = "eyJ1dG1fc291cmNlIjoiZXZpbCJ9:forged"
    send(valid_answers())
    lead = Lead.objects.get()
    assert lead.utm_source == ""
    assert lead.landing_page == ""
    assert (lead.channel, lead.source) == ("direct", "direct")


def test_a_cookie_set_before_click_ids_were_generalised_still_counts(client, send, home):
    old = {"landing_page": "/?gclid=old", "referrer": "", "utm_source": "", "gclid": "old", "fbclid": ""}
    client.cookies[COOKIE_NAME] = signing.dumps(old, salt=landing.COOKIE_SALT, compress=True)
    send(valid_answers())
    lead = Lead.objects.get()
    assert (lead.click_id_param, lead.click_id, lead.channel, lead.source) == (
        "gclid",
        "old",
        "paid",
        "google",
    )


def test_a_cookie_signed_before_the_key_was_rotated_still_counts(client, send, home, settings):
    """The cookie's signer derives its keys once; it must still read what Django's signer wrote
    under a key that is now only a fallback."""
    first_touch = {"landing_page": "/?utm_source=spring", "utm_source": "spring"}
    client.cookies[COOKIE_NAME] = signing.TimestampSigner(
        key="the-old-key", salt=landing.COOKIE_SALT
    ).sign_object(first_touch)
    settings.SECRET_KEY_FALLBACKS = ["the-old-key"]
    send(valid_answers())
    assert Lead.objects.get().utm_source == "spring"


def test_the_embedded_form_posts_from_the_page_it_is_on(treatment, practice):
    request = RequestFactory().get(treatment.url)
    html = Template("{% load leads_tags %}{% consultation_form treatment=page %}").render(
        Context({"request": request, "page": treatment})
    )
    assert f'name="source_page" value="{treatment.url}"' in html
    assert f'<option value="{treatment.pk}" selected>' in html
    assert 'action="/consultation/"' in html
    assert "csrfmiddlewaretoken" not in html


def test_a_cached_copy_of_a_page_serves_many_visitors(client, send, treatment, practice, settings):
    """Everyone gets the same cached HTML (same token); each still gets their own lead."""
    settings.LEADS_FORM_MIN_SECONDS = 0
    request = RequestFactory().get(treatment.url)
    cached_html = Template("{% load leads_tags %}{% consultation_form treatment=page %}").render(
        Context({"request": request, "page": treatment})
    )
    token = re.search(r'name="form_token" value="([^"]+)"', cached_html).group(1)

    for _ in range(3):
        answers = valid_answers(form_token=token, client_key="", treatment=str(treatment.pk))
        assert send(answers).status_code == 302

    assert Lead.objects.filter(status=Lead.Status.NEW, treatment=treatment).count() == 3


def test_reports_name_each_channel_as_the_lead_list_does():
    lead = LeadFactory()
    for channel in Channel:
        Lead.objects.filter(pk=lead.pk).update(channel=channel, source="")
        labelled = Lead.objects.annotate(label=channel_label_expression()).get(pk=lead.pk)

        assert labelled.label == source_of(labelled) == channel.label


def test_the_lead_list_names_a_source_with_its_channel():
    assert source_of(Lead(channel=Channel.PAID, source="google")) == "google (Paid ads)"
    assert source_of(Lead(channel=Channel.DIRECT, source="")) == "Direct"
