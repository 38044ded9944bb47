"""Factories for consultation availability, its weekly times and appointments."""

import datetime

import factory

from appointments.models import Appointment, ConsultationAvailability, ConsultationTimes


class ConsultationAvailabilityFactory(factory.django.DjangoModelFactory):
    time_zone = "Europe/London"
    length_minutes = 30
    places = 1
    earliest_notice_hours = 48
    latest_weeks = 6

    class Meta:
        model = ConsultationAvailability


class ConsultationTimesFactory(factory.django.DjangoModelFactory):
    weekday = "Monday"
    starts = datetime.time(9)
    ends = datetime.time(12)

    class Meta:
        model = ConsultationTimes


class AppointmentFactory(factory.django.DjangoModelFactory):
    ends_at = factory.LazyAttribute(
        lambda appointment: (
            appointment.starts_at + datetime.timedelta(minutes=appointment.availability.length_minutes)
        )
    )
    place = 1

    class Meta:
        model = Appointment
