"""A request the database refuses: the patient is told to call, and no log or error email holds what they typed."""

from django.core import mail

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


def test_a_real_constraint_violation_logs_only_the_error_class_and_keeps_the_answers(
    send, settings, caplog, capfd
):
    settings.ADMINS = [("ops@clinic.example", "ops@clinic.example")]
    # The view stores this setting in a NOT NULL column: the database itself refuses the row, and on
    # PostgreSQL its error says "Failing row contains (...)" with every value the patient sent.
    settings.LEADS_CONSENT_TEXT = None

    response = send(valid_answers(**PATIENT))

    assert response.status_code == 503
    page = response.content.decode()
    assert "We could not save your request" in page
    assert "020 7946 0321" in page  # the practice's phone
    assert 'value="Philippa"' in page and "I would like to ask about my rosacea" in page
    assert "IntegrityError" in caplog.text
    logged = caplog.text + capfd.readouterr().err + "".join(m.subject + m.body for m in mail.outbox)
    assert mail.outbox, "a 503 still warns the operators"
    for value in [*PATIENT.values(), PATIENT_PHONE_E164, "Failing row"]:
        assert value not in logged
