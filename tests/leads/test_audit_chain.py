"""The access trail's hash chain: an untouched trail verifies, and tampering is detected."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from leads import audit
from leads.audit_chain import entry_digest, seal
from leads.models import LeadAccess, LeadAccessLead
from tests.leads.factories import LeadFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail():
    """Four entries about three leads, chained."""
    staff = StaffFactory()
    leads = LeadFactory.create_batch(3)
    for lead in leads:
        audit.record(kind=LeadAccess.Kind.VIEWED, by=staff, leads=[lead])
    audit.record(kind=LeadAccess.Kind.LISTED, by=staff, leads=leads, count=3, summary="Status: New")
    seal()
    return LeadAccess.objects.order_by("sequence")


def verify_audit_trail():
    out = io.StringIO()
    call_command("verify_audit_trail", stdout=out)
    return out.getvalue()


def test_an_untouched_trail_is_intact(trail):
    assert [entry.sequence for entry in trail] == [1, 2, 3, 4]
    assert "intact: 4 entries" in verify_audit_trail()


def test_entries_are_chained_once_their_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        entry = audit.record(kind=LeadAccess.Kind.VIEWED, leads=[LeadFactory()])
        assert LeadAccess.objects.get(pk=entry.pk).sequence is None

    entry.refresh_from_db()
    assert entry.sequence == 1 and len(entry.digest) == 64


def test_entries_written_before_the_chain_are_chained_by_the_check():
    audit.record(kind=LeadAccess.Kind.VIEWED, leads=[LeadFactory()])  # never committed in a test: not sealed

    assert "intact: 1 entries" in verify_audit_trail()
    assert LeadAccess.objects.get().sequence == 1


@pytest.mark.parametrize(
    "tamper",
    [
        lambda entry: LeadAccess.objects.filter(pk=entry.pk).update(summary="No filters"),
        lambda entry: LeadAccess.objects.filter(pk=entry.pk).update(actor=None, actor_name="The system"),
        lambda entry: LeadAccess.objects.filter(pk=entry.pk).update(created_at=timezone.now()),
        lambda entry: LeadAccess.objects.filter(pk=entry.pk).update(kind=LeadAccess.Kind.EMAILED),
        lambda entry: LeadAccessLead.objects.filter(access=entry).update(lead_id=999999),
        lambda entry: LeadAccessLead.objects.filter(access=entry).delete(),
    ],
    ids=["summary", "who", "when", "what", "which lead", "lead removed"],
)
def test_a_changed_entry_is_detected(trail, tamper):
    tamper(trail.get(sequence=2))

    with pytest.raises(CommandError, match="entry 2 was changed"):
        verify_audit_trail()


def test_an_entry_rehashed_after_its_change_breaks_the_next_one(trail):
    first, second = trail.get(sequence=1), trail.get(sequence=2)
    second.summary = "No filters"
    LeadAccess.objects.filter(pk=second.pk).update(
        summary=second.summary, digest=entry_digest(second, first.digest)
    )

    with pytest.raises(CommandError, match="entry 3 was changed"):
        verify_audit_trail()


def test_a_deleted_entry_is_detected(trail):
    trail.get(sequence=2).delete()

    with pytest.raises(CommandError, match="entry 2 is missing"):
        verify_audit_trail()
