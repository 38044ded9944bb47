"""The privacy screen's search: a person's leads, each with why it matched, masked on screen.

The leads are found by leads.privacy (the one rule of the same person); this only says, for staff
choosing what to export or erase, which identifiers each lead was sent with.
"""

from dataclasses import dataclass

from leads.models import Lead
from leads.privacy import leads_of_person, person_identifiers


@dataclass(frozen=True)
class PersonMatch:
    """One lead a privacy search found, and which of the identifiers given it was sent with.

    A family may share a phone or an email, so a lead matching only some of the identifiers may be
    someone else's: staff see why each one matched before choosing what to export or erase.
    """

    lead: Lead
    on_email: bool
    on_phone: bool
    matches_all: bool

    @property
    def matched_by(self):
        return " and ".join(name for name, hit in (("email", self.on_email), ("phone", self.on_phone)) if hit)

    @property
    def masked_email(self):
        return mask_email(self.lead.email)

    @property
    def masked_phone(self):
        return mask_phone(self.lead.phone)


def find_person(*, email="", phone="", by):
    """The leads sent with this email or phone that `by` may see, each with why it matched
    (PersonMatch), oldest first."""
    email, phone = person_identifiers(email=email, phone=phone)
    matches = []
    for lead in leads_of_person(email=email, phone=phone, by=by):
        on_email = bool(email) and lead.email.casefold() == email.casefold()
        on_phone = bool(phone) and str(lead.phone) == phone
        matches_all = (on_email or not email) and (on_phone or not phone)
        matches.append(PersonMatch(lead=lead, on_email=on_email, on_phone=on_phone, matches_all=matches_all))
    return matches


def mask_email(email):
    """'a***@example.com': enough to tell two addresses apart on screen without showing them."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}" if domain else ""


def mask_phone(phone):
    """'+44*******001': the country code and last three digits."""
    phone = str(phone or "")
    return f"{phone[:3]}{'*' * max(len(phone) - 6, 0)}{phone[-3:]}" if phone else ""
