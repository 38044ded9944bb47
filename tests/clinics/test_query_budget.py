"""What clinics cost a page view: one query on a treatment page's first render, none warm;
a clinic page and a price list the same number however many rows they show."""

import datetime

import pytest
from wagtail_factories import ImageFactory

from clinics.models import ClinicPhoto
from tests.budgets import PAGE_QUERY_BUDGET, first_render_queries, render_queries
from tests.clinics.factories import (
    ClinicIndexPageFactory,
    ClinicOpeningHoursFactory,
    ClinicPageFactory,
    ClinicPriceFactory,
    ClinicSpecialHoursFactory,
    PriceListPageFactory,
)
from tests.treatments.factories import TreatmentPageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("clinics", [1, 4])
def test_clinics_cost_a_treatment_page_one_query_on_its_first_render_and_none_warm(
    client, home, treatment_index, practice, clinics
):
    """The clinics offering the treatment with their prices. The form's live clinics with which
    treatments each offers are read in the query that digests what the form shows, with or without
    clinics, and the form kept under that digest is not rendered again."""
    treatment = TreatmentPageFactory(parent=treatment_index)
    render_queries(client, treatment.url)
    cold_without, warm_without = (
        first_render_queries(client, treatment.url),
        render_queries(client, treatment.url),
    )

    index = ClinicIndexPageFactory(parent=home)
    for _ in range(clinics):
        ClinicPriceFactory(clinic=ClinicPageFactory(parent=index), treatment=treatment)
    # The form's HTML changed with the clinics: rendered once, then kept until it changes again.
    render_queries(client, treatment.url)
    cold_with, warm_with = first_render_queries(client, treatment.url), render_queries(client, treatment.url)

    assert len(cold_with) == len(cold_without) + 1, cold_with
    assert len(warm_with) == len(warm_without), warm_with


def clinic_with_rows(index, treatment_index, amount):
    clinic = ClinicPageFactory(parent=index)
    for number in range(amount):
        ClinicOpeningHoursFactory(
            clinic=clinic, opens=datetime.time(8 + 2 * number), closes=datetime.time(9 + 2 * number)
        )
        ClinicSpecialHoursFactory(clinic=clinic, starts=datetime.date(2099, 1, 1 + number))
        ClinicPhoto.objects.create(clinic=clinic, image=ImageFactory(), alt_text="The waiting room")
        ClinicPriceFactory(clinic=clinic, treatment=TreatmentPageFactory(parent=treatment_index))
    return clinic


def test_clinic_and_price_list_pages_cost_the_same_with_one_row_or_many(
    client, home, treatment_index, practice
):
    index = ClinicIndexPageFactory(parent=home)
    small, large = clinic_with_rows(index, treatment_index, 1), clinic_with_rows(index, treatment_index, 4)
    small_prices, large_prices = PriceListPageFactory(parent=small), PriceListPageFactory(parent=large)

    small_queries, large_queries = render_queries(client, small.url), render_queries(client, large.url)

    assert len(large_queries) == len(small_queries) <= PAGE_QUERY_BUDGET, large_queries
    assert len(render_queries(client, large_prices.url)) == len(render_queries(client, small_prices.url))
