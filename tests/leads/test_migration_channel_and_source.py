"""Migration 0009: existing leads get one generic click id, and their channel and source by the rule."""

import pytest
from django.utils import timezone

from leads.models import Lead
from tests.migrations import migrate_back_to, migrate_to_latest

BEFORE = [("leads", "0008_portable_access_trail")]

# Migrating changes the schema: a real transaction, and the migrations' own data put back after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_existing_leads_are_named_by_the_same_rule_as_new_ones():
    old_lead = migrate_back_to(BEFORE).get_model("leads", "Lead")
    now = timezone.now()

    def create(**fields):
        common = {"first_name": "A", "last_name": "B", "consent_text": "x", "consent_version": "1"}
        return old_lead.objects.create(consented_at=now, **common, **fields).pk

    google_ad = create(gclid="Cj0KCQ", landing_page="/?gclid=Cj0KCQ")
    erased_facebook_ad = create(fbclid="redacted", landing_page="/peels/")
    newsletter = create(utm_source="Newsletter", utm_medium="email", landing_page="/?utm_source=Newsletter")
    mailchimp = create(landing_page="/?mc_cid=abc&mc_eid=def")
    search = create(referrer="https://www.google.co.uk/")
    blog = create(referrer="https://www.skin-blog.example/post")
    direct = create()

    migrate_to_latest()

    named = {lead.pk: lead for lead in Lead.objects.all()}
    assert (named[google_ad].click_id_param, named[google_ad].click_id) == ("gclid", "Cj0KCQ")
    assert (named[erased_facebook_ad].click_id_param, named[erased_facebook_ad].click_id) == (
        "fbclid",
        "redacted",
    )
    assert {pk: (named[pk].channel, named[pk].source) for pk in named} == {
        google_ad: ("paid", "google"),
        erased_facebook_ad: ("paid", "facebook"),
        newsletter: ("email", "newsletter"),
        mailchimp: ("email", "mailchimp"),
        search: ("organic", "google"),
        blog: ("referral", "skin-blog.example"),
        direct: ("direct", "direct"),
    }
