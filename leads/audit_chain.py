"""The access trail's hash chain: an entry changed or deleted after the fact is detected.

Each entry gets, once its transaction has committed, the next `sequence` number and a `digest`:
SHA-256 over the digest before it and the entry's own content (kind, who, when, count, summary,
lead numbers). Changing any of that, or deleting an entry, breaks the chain from that entry on;
`manage.py verify_audit_trail` walks it. Plain SQL and hashing, so it works on SQLite and
PostgreSQL alike.

Entries are sealed after commit rather than as they are written: the notification task writes
its entry in a transaction that then talks to the mail server, and sealing there would hold every
other writer of the trail waiting on the mail server. `sequence` is unique, so two sealers racing
for the same number cannot fork the chain: the loser's transaction fails and the entries wait for
the next seal. What the chain cannot show is the newest entries deleted together with their
digests; `verify_audit_trail` prints the head so it can be noted somewhere else.
"""

import hashlib
import json
import logging
from dataclasses import dataclass
from datetime import UTC

from django.db import DatabaseError, transaction

from .models import LeadAccess

logger = logging.getLogger(__name__)

# Entries sealed by one call (a backlog, such as the entries written before the chain, takes
# several calls; `verify_audit_trail` seals everything).
SEAL_BATCH = 500


def entry_digest(entry, previous_digest):
    """The digest of `entry` (with `leads` prefetched) chained to the digest before it."""
    content = [
        previous_digest,
        entry.sequence,
        entry.kind,
        entry.actor_id,
        entry.actor_name,
        entry.lead_count,
        entry.summary,
        entry.created_at.astimezone(UTC).isoformat(),
        entry.lead_ids,
    ]
    return hashlib.sha256(json.dumps(content, separators=(",", ":")).encode()).hexdigest()


def seal(limit=SEAL_BATCH):
    """Chain up to `limit` committed, unsealed entries in the order they were written; returns how many."""
    with transaction.atomic():
        pending = list(
            LeadAccess.objects.select_for_update()
            .filter(sequence__isnull=True)
            .order_by("id")
            .prefetch_related("leads")[:limit]
        )
        head = LeadAccess.objects.filter(sequence__isnull=False).order_by("-sequence").first()
        sequence, digest = (head.sequence, head.digest) if head else (0, "")
        for entry in pending:
            sequence += 1
            entry.sequence = sequence
            entry.digest = digest = entry_digest(entry, digest)
        LeadAccess.objects.bulk_update(pending, ["sequence", "digest"])
    return len(pending)


def seal_quietly():
    try:
        seal()
    except DatabaseError as error:  # another sealer won the race, or the database is busy
        logger.info("Audit trail not sealed this time (%s); the next seal will", type(error).__name__)


def seal_soon():
    """Seal the trail once the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(seal_quietly)


@dataclass
class Verdict:
    checked: int
    unsealed: int
    head: LeadAccess | None
    broken_at: int | None = None  # the sequence number where the chain first fails
    reason: str = ""

    @property
    def intact(self):
        return self.broken_at is None


def verify():
    """Walk the chain in order and say where, if anywhere, it stops adding up."""
    digest, expected, entry = "", 1, None
    entries = LeadAccess.objects.filter(sequence__isnull=False).order_by("sequence").prefetch_related("leads")
    unsealed = LeadAccess.objects.filter(sequence__isnull=True).count()
    for entry in entries.iterator(chunk_size=1000):
        if entry.sequence != expected:
            return Verdict(expected - 1, unsealed, entry, expected, f"entry {expected} is missing")
        if entry_digest(entry, digest) != entry.digest:
            return Verdict(expected - 1, unsealed, entry, expected, f"entry {expected} was changed")
        digest, expected = entry.digest, expected + 1
    return Verdict(expected - 1, unsealed, entry)
