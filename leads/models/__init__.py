"""Consultation requests ("leads"), their timeline, the consent wording they were shown, and the trail
of staff access to them."""

from .access import LeadAccess, LeadAccessLead
from .consent import ConsentVersion
from .lead import Lead, LeadEvent

__all__ = ["ConsentVersion", "Lead", "LeadAccess", "LeadAccessLead", "LeadEvent"]
