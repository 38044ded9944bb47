import datetime
import json

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from leads.models import Lead, LeadEvent
from leads.privacy import erase_person, export_person
from leads.reports import build_report
from leads.workflow import lead_add_note, lead_change_status
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db


def age(lead, days):
    Lead.objects.filter(pk=lead.pk).update(updated_at=timezone.now() - datetime.timedelta(days=days))


def test_export_holds_every_lead_of_the_person_and_nobody_elses(front_desk):
    first = LeadFactory(email="Ana@Example.com", phone="+447700900001", message="About my scar")
    second = LeadFactory(email="other@example.com", phone="+447700900001")
    LeadFactory(email="someone@example.com", phone="+447700900777")
    lead_add_note(lead=first, text="Prefers Tuesdays", by=front_desk)

    data = json.loads(export_person(email="ana@example.com", phone="07700 900001"))

    assert [lead["id"] for lead in data["leads"]] == [first.pk, second.pk]
    assert data["leads"][0]["message"] == "About my scar"
    assert data["leads"][0]["timeline"][0]["note"] == "Prefers Tuesdays"


def test_erasing_a_person_clears_their_data_and_keeps_the_numbers(front_desk):
    lead = LeadFactory(
        email="ana@example.com",
        message="About my scar",
        referrer="https://www.google.com/search?q=ana+smith+scar",
        landing_page="https://clinic.example/peels/?email=ana@example.com",
        click_id_param="gclid",
        click_id="Cj0KCQ",
        utm_source="",
        marketing_consent=True,
    )
    lead_change_status(lead=lead, to="contacted", by=front_desk)
    lead_add_note(lead=lead, text="Her husband called too", by=front_desk)
    other = LeadFactory(email="bob@example.com")
    before = build_report(weeks=4)

    assert erase_person(email="ana@example.com", by=front_desk) == 1

    lead.refresh_from_db()
    assert (lead.first_name, lead.last_name, lead.email, str(lead.phone), lead.message) == (
        "Erased",
        "",
        "",
        "",
        "",
    )
    assert lead.referrer == "https://www.google.com/"
    assert lead.landing_page == "/peels/"
    # The click id is gone; the report still knows the lead came from a Google ad.
    assert (lead.click_id_param, lead.click_id) == ("gclid", "redacted")
    assert (lead.channel, lead.source) == ("paid", "google")
    assert lead.anonymised_at is not None
    assert not lead.marketing_consent
    assert not lead.events.exclude(note="").exists()
    assert lead.events.filter(kind=LeadEvent.Kind.ANONYMISED, actor=front_desk).exists()
    other.refresh_from_db()
    assert other.email == "bob@example.com"
    after = build_report(weeks=4)
    assert after.funnel == before.funnel
    assert after.by_source.counts == before.by_source.counts
    assert after.median_first_response == before.median_first_response


def test_privacy_page_erases_only_for_staff_with_the_delete_permission(client, front_desk, manager):
    lead = LeadFactory(email="ana@example.com")
    url = reverse("lead_admin:privacy")

    client.force_login(front_desk)
    refused = client.post(url, {"action": "erase", "email": "ana@example.com"})
    export = client.post(url, {"action": "export", "email": "ana@example.com"})
    client.force_login(manager)
    erased = client.post(url, {"action": "erase", "email": "ana@example.com"})

    assert refused.status_code in (302, 403) and "privacy" not in refused.get("Location", "")
    assert json.loads(export.content)["leads"][0]["email"] == "ana@example.com"
    assert erased.status_code == 302
    lead.refresh_from_db()
    assert lead.anonymised_at is not None


@override_settings(LEADS_RETENTION_DAYS=30)
def test_retention_command_anonymises_only_leads_past_the_period_and_is_safe_to_rerun(capsys):
    old = LeadFactory()
    recent = LeadFactory()
    age(old, 31)
    age(recent, 29)

    call_command("apply_lead_retention", "--dry-run")
    assert "Would anonymise 1 lead " in capsys.readouterr().out
    old.refresh_from_db()
    assert old.anonymised_at is None

    call_command("apply_lead_retention")
    assert "Anonymised 1 lead " in capsys.readouterr().out
    call_command("apply_lead_retention")
    assert "Anonymised 0 leads " in capsys.readouterr().out

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.anonymised_at is not None and old.email == ""
    assert recent.anonymised_at is None and recent.email


@override_settings(LEADS_RETENTION_DAYS=30)
def test_reports_count_the_same_after_a_retention_purge(front_desk):
    leads = LeadFactory.create_batch(4)
    for lead in leads[:3]:
        lead_change_status(lead=lead, to="contacted", by=front_desk)
    lead_change_status(lead=leads[0], to="booked", by=front_desk)
    for lead in leads:
        age(lead, 60)
    before = build_report(weeks=4)

    call_command("apply_lead_retention")

    after = build_report(weeks=4)
    assert Lead.objects.filter(anonymised_at__isnull=False).count() == 4
    assert after.funnel == before.funnel
    assert after.by_treatment.counts == before.by_treatment.counts
    assert after.by_source.counts == before.by_source.counts
