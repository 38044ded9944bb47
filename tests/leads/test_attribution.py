"""First-touch attribution: from a landing URL with campaign parameters to the stored lead."""

import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from leads.attribution import COOKIE_NAME
from leads.models import Lead

from .conftest import valid_answers

pytestmark = pytest.mark.django_db

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
    assert lead.gclid == "Cj0KCQ-abc"
    assert lead.fbclid == ""
    assert lead.source_page == "/treatments/laser-skin-tightening/"


def test_an_external_referrer_alone_is_recorded(client, send, home):
    client.get("/", HTTP_REFERER="https://www.bing.com/search?q=laser")
    send(valid_answers())
    lead = Lead.objects.get()
    assert lead.referrer == "https://www.bing.com/search?q=laser"
    assert lead.landing_page == "/"
    assert lead.utm_source == ""


def test_facebook_click_id_is_recorded(client, send, home):
    client.get("/?fbclid=IwAR0xyz")
    send(valid_answers())
    assert Lead.objects.get().fbclid == "IwAR0xyz"


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
