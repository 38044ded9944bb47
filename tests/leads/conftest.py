"""Fixtures for the leads tests: valid answers and a same-site POST, and staff of each kind."""

import datetime
import time
from types import SimpleNamespace

import django_ratelimit.core
import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from faker import Faker

from leads.abuse import make_form_token
from tests.clinics.factories import (
    ClinicIndexPageFactory,
    ClinicOpeningHoursFactory,
    ClinicPageFactory,
    ClinicPriceFactory,
)

from .factories import StaffFactory, TreatmentPageFactory

fake = Faker("en_GB")


@pytest.fixture
def treatment(home):
    return TreatmentPageFactory(parent=home, title="Laser skin tightening", slug="laser-skin-tightening")


@pytest.fixture
def clinics(home):
    """Marylebone and Richmond; laser at both, a peel at Marylebone only."""
    index = ClinicIndexPageFactory(parent=home)
    marylebone = ClinicPageFactory(
        parent=index, title="Marylebone", slug="marylebone", phone="020 7946 0100", email="w1@clinic.example"
    )
    richmond = ClinicPageFactory(
        parent=index, title="Richmond", slug="richmond", phone="020 8940 0200", email="tw9@clinic.example"
    )
    ClinicOpeningHoursFactory(
        clinic=richmond, weekday="Thursday", opens=datetime.time(11), closes=datetime.time(20)
    )
    laser = TreatmentPageFactory(parent=home, title="Laser skin tightening", slug="laser")
    peel = TreatmentPageFactory(parent=home, title="Chemical peel", slug="peel")
    for clinic in (marylebone, richmond):
        ClinicPriceFactory(clinic=clinic, treatment=laser)
    ClinicPriceFactory(clinic=marylebone, treatment=peel)
    return marylebone, richmond, laser, peel


def valid_answers(**overrides):
    """What a patient who fills in everything correctly sends, from a form shown a minute ago."""
    answers = {
        "first_name": fake.first_name(),
        "last_name": fake.last_name(),
        "email": fake.email(),
        "phone": "020 7946 " + fake.numerify("####"),
        "treatment": "",
        "preferred_contact": "phone",
        "best_time": "morning",
        "message": fake.sentence(),
        "consent": "on",
        "website": "",
        "form_token": make_form_token(issued_at=time.time() - 60),
        "client_key": fake.hexify("^" * 32),
        "source_page": "/consultation/",
    }
    answers.update(overrides)
    return {key: value for key, value in answers.items() if value is not None}


@pytest.fixture
def answers():
    return valid_answers()


@pytest.fixture
def send(client, practice):
    """POST the consultation form the way a browser on our own site does."""

    def send(data, **headers):
        headers.setdefault("HTTP_ORIGIN", "http://testserver")
        headers.setdefault("HTTP_SEC_FETCH_SITE", "same-origin")
        return client.post(reverse("leads:consultation"), data, **headers)

    return send


@pytest.fixture
def rate_limit(settings, monkeypatch):
    """Sets the form's rate limit for one test, with the limiter's clock stopped. Its windows end
    at a second of the minute chosen by the visitor's key, so two requests a few milliseconds apart
    could fall either side of that second and be counted apart (a CI run met this)."""
    stopped = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: stopped))

    def limit(rate):
        settings.LEADS_RATE_LIMIT = rate

    return limit


@pytest.fixture
def front_desk(db):
    """A member of the "Front desk" group (created by migration)."""
    return StaffFactory(groups=["Front desk"])


@pytest.fixture
def editor(db):
    """Someone who edits pages and may use the admin, but has no business with leads."""
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="wagtailcore"),
    )
    return StaffFactory(groups=["Editors"])


@pytest.fixture
def manager(db):
    """A superuser: the practice manager who handles erasure requests."""
    return StaffFactory(is_superuser=True, is_staff=True)
