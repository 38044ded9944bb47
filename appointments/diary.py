"""Each clinic's consultations day by day, as its own clock counts days: what the front desk's day
view lists. A day is local midnight to local midnight in the availability's time zone, so 23 hours
on the day the clocks go forward and 25 on the day they go back."""

import datetime
from dataclasses import dataclass

from django.db.models import F, Q

from .models import Appointment, ConsultationAvailability


@dataclass
class DiaryDay:
    """One local day of one availability and its consultations, in order of start and place."""

    day: datetime.date
    appointments: list


def local_day_span(day, zone):
    """The UTC instants at which local date `day` begins and the next one begins, in `zone`."""
    starts = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
    ends = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    return starts.astimezone(datetime.UTC), ends.astimezone(datetime.UTC)


def diaries(*, availabilities, leads, first_day, days):
    """[(availability, [DiaryDay])] for each of `availabilities` and each of `days` local dates from
    `first_day`, holding the appointments of `leads` only, cancelled ones included; two queries
    whatever the number of clinics, days or appointments."""
    availabilities = list(availabilities)
    if not availabilities:
        return []
    dates = [first_day + datetime.timedelta(days=n) for n in range(days)]
    spans = {
        availability.pk: [(day, *local_day_span(day, availability.zone)) for day in dates]
        for availability in availabilities
    }
    in_range = Q(pk__in=[])
    for availability in availabilities:
        first, last = spans[availability.pk][0], spans[availability.pk][-1]
        in_range |= Q(availability=availability, starts_at__gte=first[1], starts_at__lt=last[2])
    found = (
        Appointment.objects.filter(in_range, lead__in=leads)
        .select_related("lead")
        .order_by("starts_at", "place")
    )
    by_day = {}
    for appointment in found:
        for day, starts, ends in spans[appointment.availability_id]:
            if starts <= appointment.starts_at < ends:
                by_day.setdefault((appointment.availability_id, day), []).append(appointment)
    return [
        (availability, [DiaryDay(day, by_day.get((availability.pk, day), [])) for day in dates])
        for availability in availabilities
    ]


def availabilities_of(clinics):
    """The availabilities of `clinics` and the practice's own, the practice's first."""
    return (
        ConsultationAvailability.objects.filter(Q(clinic__isnull=True) | Q(clinic__in=clinics))
        .select_related("clinic")
        .order_by(F("clinic__title").asc(nulls_first=True))
    )
