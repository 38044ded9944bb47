"""Every kind of arrival, landing on a page another visitor already put in the page cache, to the
stored lead and its row in the lead report; in each cookie mode, and with bad input."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from frontdesk.reports import build_report
from leads.landing import CHOICE_COOKIE_NAME, COOKIE_NAME, read_cookie
from leads.models import Lead
from practice.cache import page_cache, request_generation
from practice.cache_rules import cache_key
from tests.page_cache_client import PageCacheClient

from .conftest import valid_answers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_for_the_module")]

GOOGLE = "https://www.google.com/"

# (query string of the landing URL, Referer header, expected channel, expected source)
ARRIVALS = [
    pytest.param("", "", "direct", "direct", id="direct"),
    pytest.param("", GOOGLE, "organic", "google", id="organic-google"),
    pytest.param("", "https://www.google.co.uk/", "organic", "google", id="organic-google-uk"),
    pytest.param("", "https://www.bing.com/", "organic", "bing", id="organic-bing"),
    pytest.param("", "https://duckduckgo.com/", "organic", "duckduckgo", id="organic-duckduckgo"),
    pytest.param("", "https://www.ecosia.org/", "organic", "ecosia", id="organic-ecosia"),
    pytest.param("", "https://l.facebook.com/", "social", "facebook", id="social-facebook"),
    pytest.param("", "https://t.co/", "social", "x", id="social-x"),
    pytest.param("", "https://www.instagram.com/", "social", "instagram", id="social-instagram"),
    pytest.param("", "https://www.nhs.uk/conditions/acne/", "referral", "nhs.uk", id="referral"),
    pytest.param(
        "utm_source=Newsletter&utm_medium=email&utm_campaign=autumn",
        "",
        "email",
        "newsletter",
        id="utm-email",
    ),
    pytest.param(
        "utm_source=google&utm_medium=cpc&utm_campaign=peels", GOOGLE, "paid", "google", id="utm-cpc"
    ),
    pytest.param("gclid=Cj0KCQiA-abc", GOOGLE, "paid", "google", id="gclid"),
    pytest.param("gbraid=0AAAAA-ios", "", "paid", "google", id="gbraid"),
    pytest.param("wbraid=CkAKCQ-web", "", "paid", "google", id="wbraid"),
    pytest.param("fbclid=IwAR0xyz", "https://l.facebook.com/", "paid", "facebook", id="fbclid"),
    pytest.param("msclkid=5f1b2c", "https://www.bing.com/", "paid", "bing", id="msclkid"),
    pytest.param("ttclid=E.C.P.abc", "", "paid", "tiktok", id="ttclid"),
    pytest.param("li_fat_id=9d2b-77", "", "paid", "linkedin", id="li_fat_id"),
    pytest.param("mc_cid=3f2a&mc_eid=9e8d", "", "email", "mailchimp", id="mailchimp"),
]


@pytest.fixture
def landing(treatment, practice):
    """The treatment page, put in the page cache by an earlier visitor who came from nowhere.

    With the practice's details already saved: a first render would create them, and saving them
    empties the page cache."""
    assert Client().get(treatment.url)["X-Cache"] == "miss"
    return treatment.url


def arrive(client, url, referrer=""):
    headers = {"HTTP_REFERER": referrer} if referrer else {}
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response


def accept(client, url, referrer, choice="accepted"):
    """What the prompt's script sends when the visitor presses a button on the landing page."""
    return client.post(
        reverse("leads:cookie_choice"),
        {"choice": choice, "landing": f"http://testserver{url}", "referrer": referrer},
        HTTP_ORIGIN="http://testserver",
        HTTP_SEC_FETCH_SITE="same-origin",
    )


def cookie_attribution(response):
    return read_cookie({COOKIE_NAME: response.cookies[COOKIE_NAME].value})


@pytest.mark.parametrize(("query", "referrer", "channel", "source"), ARRIVALS)
@pytest.mark.parametrize("mode", ["always", "consent"])
def test_arrival_through_a_cached_page_is_named_on_the_lead_and_in_the_report(
    client, send, landing, settings, mode, query, referrer, channel, source
):
    settings.LEADS_ATTRIBUTION_COOKIE = mode
    url = f"{landing}?{query}" if query else landing

    response = arrive(client, url, referrer)

    assert response["X-Cache"] == "hit"
    if mode == "consent":
        assert COOKIE_NAME not in response.cookies
        assert accept(client, url, referrer).status_code == 204
    assert (COOKIE_NAME in client.cookies) == (channel != "direct")
    # The form's hidden fields stay empty: the cookie alone carries the arrival.
    assert send(valid_answers(source_page=landing)).status_code == 302

    lead = Lead.objects.get()
    assert (lead.channel, lead.source) == (channel, source)
    assert lead.source_page == landing
    report = build_report(weeks=1)
    assert (report.by_source.names, report.by_source.totals()) == ([source], [1])


def test_an_ad_click_with_a_unique_click_id_is_served_from_the_cache(client, landing, settings):
    settings.LEADS_ATTRIBUTION_COOKIE = "always"
    first = arrive(Client(), f"{landing}?gclid=first-visitor", GOOGLE)
    second = arrive(client, f"{landing}?gclid=second-visitor&utm_source=google&utm_medium=cpc", GOOGLE)

    assert first["X-Cache"] == "hit"
    assert second["X-Cache"] == "hit"
    assert first.content == second.content
    # Each visitor's own click id, added on the way out of the shared page.
    assert cookie_attribution(first).click_id == "first-visitor"
    assert cookie_attribution(second).click_id == "second-visitor"


def test_other_query_parameters_still_key_the_cache(client, landing):
    assert arrive(client, f"{landing}?gclid=abc&page=2")["X-Cache"] == "miss"
    assert arrive(Client(), f"{landing}?page=2&utm_source=x")["X-Cache"] == "hit"


def test_the_stored_page_never_holds_a_visitor_cookie(client, treatment, practice, settings, rf):
    settings.LEADS_ATTRIBUTION_COOKIE = "always"
    url = f"{treatment.url}?gclid=abc"
    miss = arrive(client, url, GOOGLE)
    assert miss["X-Cache"] == "miss"
    assert COOKIE_NAME in miss.cookies

    request = rf.get(url)
    stored = page_cache().get(cache_key(request.META, request_generation(request)))
    status, headers, *_ = stored
    assert status == 200
    assert not [name for name, _ in headers if name.lower() == "set-cookie"]
    later = arrive(Client(), treatment.url)
    assert later["X-Cache"] == "hit"
    assert COOKIE_NAME not in later.cookies


def test_canonical_and_social_urls_never_carry_tracking_parameters(client, landing):
    response = arrive(client, f"{landing}?utm_source=google&utm_medium=cpc&gclid=abc&fbclid=x")

    head = BeautifulSoup(response.content, "html.parser").head
    canonical = head.find("link", rel="canonical")["href"]
    og_url = head.find("meta", property="og:url")["content"]
    assert canonical == og_url == f"http://localhost{landing}"


def test_consent_mode_sets_no_cookie_before_accepting_yet_the_lead_has_its_landing(
    client, send, landing, settings
):
    settings.LEADS_ATTRIBUTION_COOKIE = "consent"
    url = f"{landing}?gclid=Cj0-before-consent&utm_campaign=spring"

    response = arrive(client, url, GOOGLE)

    assert response["X-Cache"] == "hit"
    assert COOKIE_NAME not in response.cookies
    assert "data-cookie-prompt" in response.content.decode()
    send(valid_answers(source_page=landing, landing_url=url, landing_referrer=GOOGLE))
    lead = Lead.objects.get()
    assert (lead.channel, lead.source) == ("paid", "google")
    assert (lead.click_id_param, lead.click_id) == ("gclid", "Cj0-before-consent")
    assert lead.utm_campaign == "spring"
    assert lead.landing_page == url
    assert lead.referrer == GOOGLE
    assert COOKIE_NAME not in client.cookies


def test_refusing_sets_no_attribution_cookie_and_is_remembered(client, landing, settings):
    settings.LEADS_ATTRIBUTION_COOKIE = "consent"
    url = f"{landing}?gclid=abc"
    arrive(client, url, GOOGLE)

    response = accept(client, url, GOOGLE, choice="refused")

    assert response.status_code == 204
    assert response.cookies[CHOICE_COOKIE_NAME].value == "refused"
    assert not response.cookies[CHOICE_COOKIE_NAME]["httponly"]
    assert not response.cookies.get(COOKIE_NAME, None) or not response.cookies[COOKIE_NAME].value
    # Refused stays refused: a later landing with campaign data sets nothing, from the cache.
    later = arrive(client, f"{landing}?gclid=def", GOOGLE)
    assert later["X-Cache"] == "hit"
    assert COOKIE_NAME not in later.cookies


def test_an_accepted_visitor_gets_the_cookie_on_a_later_landing(client, landing, settings):
    settings.LEADS_ATTRIBUTION_COOKIE = "consent"
    client.cookies[CHOICE_COOKIE_NAME] = "accepted"

    response = arrive(client, f"{landing}?fbclid=IwAR", "https://l.facebook.com/")

    assert response["X-Cache"] == "hit"
    assert cookie_attribution(response).click_id_param == "fbclid"


def test_the_choice_cookie_does_not_bypass_the_page_cache(client, landing):
    client.cookies[CHOICE_COOKIE_NAME] = "refused"
    assert arrive(client, landing)["X-Cache"] == "hit"


def test_the_choice_endpoint_refuses_other_sites_and_nonsense(client, settings):
    settings.LEADS_ATTRIBUTION_COOKIE = "consent"
    url = reverse("leads:cookie_choice")

    cross_site = client.post(url, {"choice": "accepted"}, HTTP_ORIGIN="https://evil.example")
    nonsense = client.post(url, {"choice": "maybe"}, HTTP_ORIGIN="http://testserver")
    read = client.get(url)

    assert cross_site.status_code == 403
    assert nonsense.status_code == 400
    assert read.status_code == 405
    assert not client.cookies


def test_the_choice_endpoint_ignores_a_landing_on_another_site(client, settings):
    settings.LEADS_ATTRIBUTION_COOKIE = "consent"
    response = client.post(
        reverse("leads:cookie_choice"),
        {"choice": "accepted", "landing": "https://evil.example/?gclid=x", "referrer": GOOGLE},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 204
    assert response.cookies[CHOICE_COOKIE_NAME].value == "accepted"
    assert COOKIE_NAME not in response.cookies


def test_never_mode_sets_no_cookie_and_shows_no_prompt(client, send, treatment, settings):
    # Set before the page is first cached: the prompt's markup is part of the stored page.
    settings.LEADS_ATTRIBUTION_COOKIE = "never"
    landing = treatment.url
    url = f"{landing}?gclid=abc"
    assert Client().get(landing)["X-Cache"] == "miss"
    client.cookies[CHOICE_COOKIE_NAME] = "accepted"

    response = arrive(client, url, GOOGLE)

    assert response["X-Cache"] == "hit"
    assert COOKIE_NAME not in response.cookies
    assert "data-cookie-prompt" not in response.content.decode()
    assert accept(client, url, GOOGLE).status_code == 404
    send(valid_answers(source_page=landing, landing_url=url, landing_referrer=GOOGLE))
    lead = Lead.objects.get()
    assert (lead.channel, lead.source, lead.click_id) == ("paid", "google", "abc")
    assert COOKIE_NAME not in client.cookies


def test_a_valid_cookie_wins_over_the_form_fields_as_first_touch(client, send, landing, settings):
    settings.LEADS_ATTRIBUTION_COOKIE = "always"
    arrive(client, f"{landing}?utm_source=newsletter&utm_medium=email", "")
    later = f"{landing}?gclid=later"

    send(valid_answers(landing_url=later, landing_referrer=GOOGLE))

    lead = Lead.objects.get()
    assert (lead.channel, lead.source, lead.click_id) == ("email", "newsletter", "")


# --- bad input: served from the cache, no 500, the lead keeps what can be trusted


@pytest.mark.parametrize(
    "referrer",
    [
        "http://[::1",
        "javascript:alert(1)",
        "not a url",
        "https://exa mple.com/",
        "ftp://files.example/",
        "https://",
    ],
)
def test_malformed_referrers_are_served_and_ignored(client, send, landing, settings, referrer):
    settings.LEADS_ATTRIBUTION_COOKIE = "always"

    response = arrive(client, landing, referrer)
    send(valid_answers(landing_url=landing, landing_referrer=referrer))

    assert response["X-Cache"] == "hit"
    assert COOKIE_NAME not in response.cookies
    lead = Lead.objects.get()
    assert (lead.channel, lead.source, lead.referrer) == ("direct", "direct", "")


def test_repeated_parameters_give_one_value(client, send, landing, settings):
    settings.LEADS_ATTRIBUTION_COOKIE = "always"

    response = arrive(client, f"{landing}?gclid=a&gclid=b&utm_source=X&utm_source=Y&utm_medium=cpc", GOOGLE)
    send(valid_answers())

    assert response["X-Cache"] == "hit"
    lead = Lead.objects.get()
    assert lead.click_id in {"a", "b"}
    assert lead.source in {"x", "y"}
    assert lead.channel == "paid"


def test_a_two_thousand_character_click_id_is_cut_to_the_field(client, send, landing, settings):
    settings.LEADS_ATTRIBUTION_COOKIE = "always"
    click_id = "C" * 2000
    url = f"{landing}?utm_source=google&utm_medium=cpc&gclid={click_id}"

    response = arrive(client, url, GOOGLE)
    send(valid_answers())

    assert response["X-Cache"] == "hit"
    lead = Lead.objects.get()
    assert lead.click_id == "C" * 255
    assert len(lead.landing_page) <= 1000
    assert (lead.channel, lead.source) == ("paid", "google")


def test_a_long_click_id_in_the_form_fields_never_refuses_the_request(client, send, landing, settings):
    settings.LEADS_ATTRIBUTION_COOKIE = "never"
    url = f"{landing}?msclkid={'m' * 5000}"

    response = send(valid_answers(landing_url=url, landing_referrer="https://www.bing.com/" + "q" * 3000))

    assert response.status_code == 302
    lead = Lead.objects.get()
    assert (lead.channel, lead.source, lead.click_id) == ("paid", "bing", "m" * 255)


def test_form_fields_pointing_at_another_site_are_ignored(client, send, settings):
    settings.LEADS_ATTRIBUTION_COOKIE = "never"

    send(valid_answers(landing_url="https://evil.example/?gclid=x", landing_referrer=GOOGLE))

    lead = Lead.objects.get()
    assert (lead.channel, lead.landing_page, lead.click_id) == ("direct", "", "")


def test_a_tampered_cookie_is_replaced_and_never_trusted(client, send, landing, settings):
    settings.LEADS_ATTRIBUTION_COOKIE = "always"
    client.cookies[COOKIE_NAME] = "eyJ1dG1fc291cmNlIjoiZXZpbCJ9:forged"

    response = arrive(client, f"{landing}?utm_source=Instagram&utm_medium=social")
    send(valid_answers())

    assert response["X-Cache"] == "hit"
    lead = Lead.objects.get()
    assert (lead.channel, lead.source) == ("social", "instagram")


@pytest.mark.parametrize(
    ("mode", "choice", "gets_cookie"),
    [
        ("always", None, True),
        ("consent", None, False),
        ("consent", "accepted", True),
        ("consent", "refused", False),
        ("never", "accepted", False),
    ],
)
def test_hits_answered_before_django_set_the_same_attribution_cookie(
    landing, settings, mode, choice, gets_cookie
):
    """The page cache's WSGI layer answers hits without Django's middleware: leads' hit hook sets
    the cookie there, under the same rule (leads.middleware.landing_to_remember)."""
    settings.LEADS_ATTRIBUTION_COOKIE = mode
    visitor = PageCacheClient()
    if choice:
        visitor.cookies[CHOICE_COOKIE_NAME] = choice

    response = arrive(visitor, f"{landing}?gclid=unique-{mode}-{choice}", GOOGLE)

    assert response["X-Cache"] == "hit"
    assert response.served_before_django
    assert (COOKIE_NAME in response.cookies) == gets_cookie
    if gets_cookie:
        assert cookie_attribution(response).click_id == f"unique-{mode}-{choice}"
        assert response.cookies[COOKIE_NAME]["httponly"]
        # A valid cookie is the first touch: a later ad click keeps it.
        again = arrive(visitor, f"{landing}?gclid=later", GOOGLE)
        assert COOKIE_NAME not in again.cookies
