"""Ways to find leads that more than one part of the code needs, each written once."""

from django.db import models
from django.db.models import Q


def same_person(*, email="", phone=""):
    """The filter for leads sent with this email (in any case) or this E.164 phone number.

    The one rule of "the same person", shared by repeat detection, privacy requests and the inbox
    search. An empty identifier matches nothing: two leads without an email are not one person.
    """
    match = Q(pk__in=[])
    if email:
        match |= Q(email__iexact=email)
    if phone:
        match |= Q(phone=phone)
    return match


class LeadQuerySet(models.QuerySet):
    def for_person(self, *, email="", phone=""):
        """Leads sent with this email or this phone number (`same_person`)."""
        return self.filter(same_person(email=email, phone=phone))

    def requests(self):
        """Real consultation requests: everything but spam, erased ones included (the request
        happened; only the person's details are gone). What every report counts as received."""
        return self.exclude(status="spam")
