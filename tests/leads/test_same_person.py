"""One rule of "the same person" (Lead.objects.for_person), shared by repeats and privacy requests."""

import pytest

from leads.models import Lead
from leads.privacy import leads_of_person
from leads.services import find_earlier_lead
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db


def test_same_email_in_any_case_or_same_phone_is_the_same_person():
    by_email = LeadFactory(email="Ana.Silva@example.com", phone="+447700900001")
    by_phone = LeadFactory(email="someone.else@example.com", phone="+447700900123")
    LeadFactory(email="other@example.com", phone="+447700900999")

    found = Lead.objects.for_person(email="ana.silva@EXAMPLE.com", phone="+447700900123")

    assert set(found) == {by_email, by_phone}


def test_no_email_and_no_phone_is_nobody():
    LeadFactory(email="", phone="")

    assert not Lead.objects.for_person(email="", phone="").exists()
    assert find_earlier_lead(email="", phone="") is None


def test_repeats_and_privacy_requests_find_the_same_person_alike():
    first = LeadFactory(email="Ana.Silva@example.com", phone="+447700900123")

    assert find_earlier_lead(email="ana.silva@example.com", phone="") == first
    assert find_earlier_lead(email="", phone="+447700900123") == first
    assert list(leads_of_person(email="ANA.SILVA@example.com")) == [first]
    assert list(leads_of_person(phone="07700 900123")) == [first]
