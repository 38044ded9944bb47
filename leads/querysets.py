"""Ways to find leads that more than one part of the code needs, each written once."""

from django.db import models
from django.db.models import Q

from clinics.models import ClinicPage


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


def sees_every_clinic(user):
    """Whether `user` sees every clinic's leads (`LeadQuerySet.visible_to`)."""
    return user.has_perm("staff.see_every_clinic") or ClinicPage.objects.count() < 2


def team_clinics(user):
    """The clinics whose teams `user` is in (staff.ClinicMembership)."""
    return ClinicPage.objects.filter(memberships__user=user)


def clinics_worked_by(user):
    """The clinics `user` may see and record leads for: every one, or those of the user's teams."""
    return ClinicPage.objects.all() if sees_every_clinic(user) else team_clinics(user)


class LeadQuerySet(models.QuerySet):
    def for_person(self, *, email="", phone=""):
        """Leads sent with this email or this phone number (`same_person`)."""
        return self.filter(same_person(email=email, phone=phone))

    def requests(self):
        """Real consultation requests: everything but spam, erased ones included (the request
        happened; only the person's details are gone). What every report counts as received."""
        return self.exclude(status="spam")

    def visible_to(self, user):
        """The leads `user` may see and work: the one rule of who sees which clinic's leads, used by
        every lead screen, export, bulk action, report, privacy tool and dashboard count.

        Superusers and practice managers (permission staff.see_every_clinic) see every lead, and so
        does everyone while the practice has one clinic or none. Otherwise staff see the leads of the
        clinics they belong to (staff.ClinicMembership), and leads with no clinic, which were sent
        before the practice had a second clinic: someone must still answer them. Staff in no clinic
        team see only those: a new account sees no patient until an admin says where it works.
        """
        if sees_every_clinic(user):
            return self
        return self.filter(Q(clinic__isnull=True) | Q(clinic__in=team_clinics(user)))
