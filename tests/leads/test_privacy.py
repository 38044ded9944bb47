import datetime
import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from frontdesk.reports import build_report
from leads.models import Lead, LeadAccess, LeadEvent
from leads.privacy import erase_person, export_person
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

    data = json.loads(
        export_person(email="ana@example.com", phone="07700 900001", lead_ids=[first.pk, second.pk])
    )

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

    assert erase_person(email="ana@example.com", lead_ids=[lead.pk], by=front_desk) == 1

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


def privacy_post(client, **data):
    return client.post(reverse("lead_admin:privacy"), data)


def test_privacy_page_erases_only_for_staff_with_the_delete_permission(client, front_desk, manager):
    lead = LeadFactory(email="ana@example.com")
    erase = {"action": "erase", "confirmed": "yes", "email": "ana@example.com", "leads": [lead.pk]}

    client.force_login(front_desk)
    refused = privacy_post(client, **erase)
    export = privacy_post(client, action="export", email="ana@example.com", leads=[lead.pk])
    client.force_login(manager)
    erased = privacy_post(client, **erase)

    assert refused.status_code in (302, 403) and "privacy" not in refused.get("Location", "")
    assert json.loads(export.content)["leads"][0]["email"] == "ana@example.com"
    assert erased.status_code == 302
    lead.refresh_from_db()
    assert lead.anonymised_at is not None


def test_search_shows_why_each_request_matched_and_ticks_only_those_matching_everything(client, manager):
    ana = LeadFactory(first_name="Ana", email="ana@example.com", phone="+447700900001")
    mother = LeadFactory(first_name="Maria", email="maria@example.com", phone="+447700900001")
    old_address = LeadFactory(first_name="Ana", email="ana@example.com", phone="+447700900999")
    client.force_login(manager)

    response = privacy_post(client, action="search", email="ANA@example.com", phone="07700 900001")

    assert response.status_code == 200
    matches = {match.lead.pk: match for match in response.context["matches"]}
    assert set(matches) == {ana.pk, mother.pk, old_address.pk}
    assert (matches[ana.pk].matched_by, matches[ana.pk].matches_all) == ("email and phone", True)
    assert (matches[mother.pk].matched_by, matches[mother.pk].matches_all) == ("phone", False)
    assert (matches[old_address.pk].matched_by, matches[old_address.pk].matches_all) == ("email", False)
    html = response.content.decode()
    assert f'value="{ana.pk}" id="privacy-lead-{ana.pk}" checked' in html
    assert f'value="{mother.pk}" id="privacy-lead-{mother.pk}">' in html
    assert "maria@example.com" not in html and "m***@example.com" in html
    assert "+447700900001" not in html and "+44*******001" in html


def test_one_search_identifier_ticks_every_request_sent_with_it(client, manager):
    ana, mother = (LeadFactory(phone="+447700900001") for _ in range(2))
    client.force_login(manager)

    response = privacy_post(client, action="search", phone="07700 900001")

    assert [(m.lead.pk, m.matched_by, m.matches_all) for m in response.context["matches"]] == [
        (ana.pk, "phone", True),
        (mother.pk, "phone", True),
    ]


def test_erasing_one_person_of_a_family_sharing_a_phone_leaves_the_other_untouched(client, manager):
    ana = LeadFactory(first_name="Ana", email="ana@example.com", phone="+447700900001")
    mother = LeadFactory(first_name="Maria", email="maria@example.com", phone="+447700900001")
    client.force_login(manager)
    person = {"email": "ana@example.com", "phone": "07700 900001"}

    confirm = privacy_post(client, action="erase", leads=[ana.pk], **person)
    assert confirm.status_code == 200
    assert "This cannot be undone" in confirm.content.decode()
    assert [match.lead.pk for match in confirm.context["selected"]] == [ana.pk]
    erased = privacy_post(client, action="erase", confirmed="yes", leads=[ana.pk], **person)

    assert erased.status_code == 302
    ana.refresh_from_db()
    mother.refresh_from_db()
    assert ana.anonymised_at is not None and ana.email == ""
    assert mother.anonymised_at is None
    assert (mother.first_name, mother.email, str(mother.phone)) == (
        "Maria",
        "maria@example.com",
        "+447700900001",
    )


def test_an_erase_post_without_the_confirmation_step_erases_nothing(client, manager):
    lead = LeadFactory(email="ana@example.com")
    client.force_login(manager)

    response = privacy_post(client, action="erase", email="ana@example.com", leads=[lead.pk])

    assert response.status_code == 200
    assert "Erase the personal data of 1 request?" in response.content.decode()
    lead.refresh_from_db()
    assert lead.anonymised_at is None
    assert not LeadAccess.objects.filter(kind=LeadAccess.Kind.ERASED).exists()


@pytest.mark.parametrize("action", ["erase", "export"])
def test_a_ticked_id_that_does_not_match_the_search_is_refused_and_nothing_changes(client, manager, action):
    ana = LeadFactory(email="ana@example.com")
    stranger = LeadFactory(email="someone@example.com")
    client.force_login(manager)

    response = privacy_post(
        client, action=action, confirmed="yes", email="ana@example.com", leads=[ana.pk, stranger.pk]
    )

    assert response.status_code == 400
    assert (
        f"Request {stranger.pk} does not match the email or phone searched for" in response.content.decode()
    )
    ana.refresh_from_db()
    stranger.refresh_from_db()
    assert ana.anonymised_at is None and stranger.anonymised_at is None
    assert not LeadAccess.objects.filter(
        kind__in=[LeadAccess.Kind.ERASED, LeadAccess.Kind.PERSON_EXPORTED]
    ).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(
            {"email": "ana@example.com", "leads": ["12x"]}, "were not understood", id="not-a-number"
        ),
        pytest.param({"email": "ana@example.com"}, "Tick at least one request.", id="none-ticked"),
        pytest.param({"email": "not-an-email"}, "Enter a valid email address.", id="bad-email"),
        pytest.param({"phone": "12"}, "Enter a valid phone number.", id="bad-phone"),
        pytest.param({}, "Enter an email address or a phone number.", id="nothing"),
    ],
)
def test_bad_privacy_input_gets_a_clear_error(client, manager, data, message):
    client.force_login(manager)

    response = privacy_post(client, action="erase", confirmed="yes", **data)

    assert response.status_code == 400
    assert message in response.content.decode()


def test_erasure_is_recorded_with_who_how_many_and_which_leads(client, manager):
    leads = [LeadFactory(email="ana@example.com") for _ in range(2)]
    client.force_login(manager)

    privacy_post(
        client, action="erase", confirmed="yes", email="ana@example.com", leads=[lead.pk for lead in leads]
    )

    entry = LeadAccess.objects.get(kind=LeadAccess.Kind.ERASED)
    assert entry.actor == manager
    assert entry.actor_name == manager.get_full_name()
    assert entry.lead_count == 2
    assert sorted(entry.lead_ids) == sorted(lead.pk for lead in leads)
    assert "ana@example.com" not in entry.summary


def test_export_holds_only_the_ticked_requests(client, manager):
    ana = LeadFactory(email="ana@example.com", phone="+447700900001")
    mother = LeadFactory(email="maria@example.com", phone="+447700900001")
    client.force_login(manager)

    response = privacy_post(
        client, action="export", email="ana@example.com", phone="07700900001", leads=[ana.pk]
    )

    assert response.status_code == 200
    assert [lead["id"] for lead in json.loads(response.content)["leads"]] == [ana.pk]
    assert "maria@example.com" not in response.content.decode()
    entry = LeadAccess.objects.get(kind=LeadAccess.Kind.PERSON_EXPORTED)
    assert list(entry.lead_ids) == [ana.pk] and mother.pk not in entry.lead_ids


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


@override_settings(LEADS_RETENTION_DAYS=730, LEADS_SPAM_RETENTION_DAYS=90)
def test_spam_loses_its_personal_data_after_the_shorter_spam_period(capsys):
    old_spam = LeadFactory(status=Lead.Status.SPAM, spam_reason="honeypot")
    recent_spam = LeadFactory(status=Lead.Status.SPAM, spam_reason="honeypot")
    old_lead = LeadFactory()
    age(old_spam, 91)
    age(recent_spam, 89)
    age(old_lead, 91)

    call_command("apply_lead_retention")

    assert "Anonymised 1 lead " in capsys.readouterr().out
    for lead in (old_spam, recent_spam, old_lead):
        lead.refresh_from_db()
    assert old_spam.anonymised_at is not None and old_spam.email == "" and old_spam.spam_reason == ""
    assert recent_spam.anonymised_at is None and recent_spam.email
    assert old_lead.anonymised_at is None and old_lead.email


def test_the_documented_spam_period_is_the_setting():
    doc = (settings.BASE_DIR / "docs" / "data-protection.md").read_text()
    assert f"| spam | {settings.LEADS_SPAM_RETENTION_DAYS} days after the last activity, then erased |" in doc
