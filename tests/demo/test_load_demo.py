from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site

from analytics.conversion import Period, conversion, totals
from analytics.models import PageViewCount
from leads.models import Lead
from practice.models import HomePage, PracticeSettings

pytestmark = pytest.mark.django_db


def load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_demo_builds_a_practice_site_with_an_admin_login(client):
    output = load_demo()

    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert PracticeSettings.for_site(site).name == "Riverside Aesthetics Clinic"
    assert "Admin login: admin / " in output
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
    assert "Riverside Aesthetics Clinic" in client.get("/").content.decode()


def test_running_the_demo_twice_changes_nothing():
    load_demo()
    pages_before = list(Page.objects.values_list("id", "path", "title").order_by("path"))

    output = load_demo()

    assert list(Page.objects.values_list("id", "path", "title").order_by("path")) == pages_before
    assert get_user_model().objects.count() == 1
    assert "already exists" in output


def test_demo_keeps_practice_details_an_editor_changed():
    load_demo()
    details = PracticeSettings.objects.get()
    details.name = "Renamed Clinic"
    details.save()

    load_demo()

    assert PracticeSettings.objects.get().name == "Renamed Clinic"


def test_demo_figures_fill_the_conversion_report_consistently_with_the_demo_requests():
    assert "consultation requests loaded" in load_demo_with_figures()
    rows = conversion(Period.last(30), by="page")
    by_source = {row.name: row for row in conversion(Period.last(30), by="source")}
    total = totals(rows)

    assert 5000 < total.views < 50000
    assert 20 < total.requests == Lead.objects.requests().count() < 200
    assert 0.1 < total.rate < 5
    assert total.requests > total.contacted > total.booked > total.patient > 0
    assert by_source["google (Paid ads)"].requests > 0
    assert by_source["instagram (Social network)"].views > 0
    counted = PageViewCount.objects.count()
    assert "no demo figures added" in load_demo_with_figures()
    assert PageViewCount.objects.count() == counted


def load_demo_with_figures():
    out = StringIO()
    call_command("load_demo", "--figures", stdout=out)
    return out.getvalue()
