import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import RequestFactory
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils import WagtailPageTestCase

from practice.models import HomePage
from team.models import PractitionerPage, RegistrationBody, TeamIndexPage
from tests.team.factories import PractitionerPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_for_the_module")]


def json_ld_blocks(html):
    return [
        json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def test_doctor_profile_is_a_person_and_physician_with_registration(client, doctor, practice):
    html = client.get(doctor.url).content.decode()

    [data] = [block for block in json_ld_blocks(html) if "Person" in block["@type"]]
    assert data["@type"] == ["Person", "Physician"]
    assert data["name"] == "Dr Amira Shah"
    assert data["hasCredential"]["identifier"] == doctor.registration_number
    assert data["hasCredential"]["recognizedBy"]["name"].startswith("General Medical Council")
    assert f"registration number {doctor.registration_number}" in html


def test_nurse_profile_is_a_person_only(team_index):
    nurse = PractitionerPageFactory(
        parent=team_index, role="Nurse prescriber", registration_body=RegistrationBody.NMC
    )

    assert nurse.person_json_ld()["@type"] == "Person"


def test_photo_without_alt_text_is_refused(team_index):
    photo = Image.objects.create(title="Portrait", file=get_test_image_file())
    page = PractitionerPage(title="Jo Bloggs", role="Nurse", photo=photo, photo_alt_text=" ")

    with pytest.raises(ValidationError) as error:
        page.clean()

    assert "photo_alt_text" in error.value.message_dict


def test_registration_body_needs_a_number(team_index):
    page = PractitionerPage(title="Jo Bloggs", role="Nurse", registration_body=RegistrationBody.NMC)

    with pytest.raises(ValidationError) as error:
        page.clean()

    assert "registration_number" in error.value.message_dict


def test_team_page_lists_live_practitioners_only(client, team_index, doctor, practice):
    PractitionerPageFactory(parent=team_index, title="Draft Person", live=False)

    html = client.get(team_index.url).content.decode()

    assert "Dr Amira Shah" in html
    assert "Draft Person" not in html


def test_who_performs_shows_live_practitioners_and_nothing_when_none(team_index, doctor):
    draft = PractitionerPageFactory(parent=team_index, title="Draft Person", live=False)
    template = Template("{% load team_tags %}{% who_performs practitioners %}")
    request = RequestFactory().get("/")

    html = template.render(Context({"practitioners": [doctor, draft], "request": request}))
    empty = template.render(Context({"practitioners": [draft], "request": request}))

    assert "Who performs this treatment" in html
    assert "Dr Amira Shah" in html and 'href="/team/amira-shah/"' in html
    assert "Draft Person" not in html
    assert empty.strip() == ""


class TestTeamPageTree(WagtailPageTestCase):
    def test_practitioners_live_under_the_team_page_only(self):
        self.assertAllowedParentPageTypes(PractitionerPage, {TeamIndexPage})
        self.assertCanCreateAt(HomePage, TeamIndexPage)
        self.assertCanNotCreateAt(HomePage, PractitionerPage)
