"""`manage.py load_demo` on a database without the demo, as `make run` first runs it."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site

from practice.models import HomePage, PracticeSettings

pytestmark = pytest.mark.django_db


def load_demo(*options):
    out = StringIO()
    call_command("load_demo", *options, stdout=out)
    return out.getvalue()


def test_demo_builds_a_practice_site_with_an_admin_login_and_a_second_run_changes_nothing(client):
    output = load_demo()

    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert PracticeSettings.for_site(site).name == "Riverside Aesthetics Clinic"
    assert "Admin login: admin / " in output
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
    assert "Riverside Aesthetics Clinic" in client.get("/").content.decode()

    pages_before = list(Page.objects.values_list("id", "path", "title").order_by("path"))
    output = load_demo()

    assert list(Page.objects.values_list("id", "path", "title").order_by("path")) == pages_before
    assert get_user_model().objects.count() == 1
    assert "already exists" in output
