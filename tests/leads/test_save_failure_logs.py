"""A request the database refuses: the patient is told to call, and no log or error email holds what they typed."""

import datetime

import pytest
from django.core import mail

from leads.forms import ConsultationForm
from leads.models import ConsentVersion
from tests.leads.conftest import valid_answers

PATIENT = {
    "first_name": "Philippa",
    "last_name": "Quarrington",
    "email": "philippa.quarrington@mail.example",
    "phone": "020 7946 0777",
    "message": "I would like to ask about my rosacea",
}
# How the phone is stored, and so how the database would quote it in an error.
PATIENT_PHONE_E164 = "+442079460777"


@pytest.fixture
def consent_words_missing(monkeypatch, db):
    """The consent version shown carries no words: the lead's copy goes in a NOT NULL column, so the
    database itself refuses the row, and on PostgreSQL its error says "Failing row contains (...)"
    with every value the patient sent."""
    version = ConsentVersion.objects.current()
    version.text = None
    monkeypatch.setattr(ConsultationForm, "wording_shown", lambda form: version)


def test_a_real_constraint_violation_logs_only_the_error_class_and_keeps_the_answers(
    send, settings, caplog, capfd, consent_words_missing
):
    settings.ADMINS = [("ops@clinic.example", "ops@clinic.example")]

    response = send(valid_answers(**PATIENT))

    assert response.status_code == 503
    page = response.content.decode()
    assert "We could not save your request" in page
    assert '<a href="tel:02079460321">020 7946 0321</a>' in page
    assert 'value="Philippa"' in page and "I would like to ask about my rosacea" in page
    assert "IntegrityError" in caplog.text
    logged = caplog.text + capfd.readouterr().err + "".join(m.subject + m.body for m in mail.outbox)
    assert mail.outbox, "a 503 still warns the operators"
    for value in [*PATIENT.values(), PATIENT_PHONE_E164, "Failing row"]:
        assert value not in logged


def test_the_page_that_could_not_save_shows_the_practice_hours(
    send, practice, django_capture_on_commit_callbacks, consent_words_missing
):
    practice.opening_hours = [
        ("hours", {"days": ["Saturday"], "opens": datetime.time(10), "closes": datetime.time(16)})
    ]
    with django_capture_on_commit_callbacks(execute=True):
        practice.save()

    response = send(valid_answers())

    assert response.status_code == 503
    assert "<dt>Saturday</dt><dd>10:00 to 16:00</dd>" in response.content.decode()
