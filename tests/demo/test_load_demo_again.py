"""`manage.py load_demo` run again on a site that has the demo: what it leaves and what it adds.

These start from the demo already loaded in this process (tests/demo_database.py): a second run
costs a third of a first one.
"""

import pytest

from analytics.conversion import Period, conversion, totals
from analytics.models import PageViewCount
from leads.models import Lead
from practice.models import PracticeSettings
from tests.demo.test_load_demo import load_demo

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def test_demo_keeps_practice_details_an_editor_changed():
    details = PracticeSettings.objects.get()
    details.name = "Renamed Clinic"
    details.save()

    load_demo()

    assert PracticeSettings.objects.get().name == "Renamed Clinic"


def test_demo_figures_fill_the_conversion_report_consistently_with_the_demo_requests():
    assert "consultation requests loaded" in load_demo("--figures")
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
    assert "no demo figures added" in load_demo("--figures")
    assert PageViewCount.objects.count() == counted
