"""Hostile input through the real consultation form, with the same-site check enforced.

Classes already proven elsewhere are not repeated here: overlong fields, control characters, NUL,
script in names, bidi overrides in names, CR/LF in the email, junk choices and whitespace-only
fields (test_form.py: BAD_INPUT), invalid UTF-8, wrong content types and PUT/PATCH/DELETE
(test_form.py), foreign Origin, missing or forged token and the honeypot (test_abuse.py),
spreadsheet formulas in CSV and XLSX (test_admin_listing.py), phones from twelve countries
(test_form.py). This file adds the rest, and follows every accepted payload everywhere it is shown.
"""

import csv
import io
import logging
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from leads.models import Lead
from leads.notifications import email_context, patient_confirmation, practice_notification

from .conftest import valid_answers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_for_the_module")]

CONSULTATION = reverse("leads:consultation")
COLUMNS = {"first_name": "First name", "last_name": "Last name", "email": "Email", "message": "Message"}

# Accepted as they are (a legitimate request may contain them), then shown as text everywhere.
ACCEPTED = [
    pytest.param({"email": "anna@bücher.example"}, "email", id="idn-email-domain"),
    pytest.param(
        {"message": "{{ settings.SECRET_KEY }} {% debug %} ${7*7} %s%n {0.__class__}"},
        "message",
        id="template-and-format-strings",
    ),
    pytest.param({"last_name": "O'Brien {0} %(name)s"}, "last_name", id="format-string-in-name"),
    pytest.param(
        {"message": "Robert'); DROP TABLE leads_lead;-- ' OR '1'='1"}, "message", id="sql-in-message"
    ),
    pytest.param({"last_name": "O'Brien-Smith; SELECT 1"}, "last_name", id="sql-looking-name"),
    pytest.param(
        {"message": "Hello \u200bthere\ufeff, pasted from a word processor"},
        "message",
        id="zero-width-in-message-kept",
    ),
    pytest.param({"message": "Thank you 😀👍🏽 — Zoë, Nguyễn"}, "message", id="emoji-and-accents"),
    pytest.param(
        {"first_name": "Nguyễn", "last_name": "Thị Minh Khai"}, "first_name", id="combining-marks-name"
    ),
    pytest.param(
        {"message": "Line one\r\nBcc: victim@example.com\r\nSubject: spam"},
        "message",
        id="crlf-header-injection-in-message",
    ),
]

# Refused beside their field; nothing stored.
REFUSED = [
    pytest.param({"message": "Call me \u202eevil\u202c please"}, "message", id="bidi-override-in-message"),
    pytest.param({"email": "аnna@example.com"}, "email", id="cyrillic-homoglyph-in-email"),
    pytest.param({"email": "anna\u200b@example.com"}, "email", id="zero-width-in-email"),
    pytest.param({"email": "anna@exa\u202emple.com"}, "email", id="bidi-in-email"),
    pytest.param({"first_name": "An\u200bna"}, "first_name", id="zero-width-space-in-name"),
    pytest.param({"last_name": "Smith\ufeff"}, "last_name", id="byte-order-mark-in-name"),
    pytest.param(
        {"first_name": "Z\u0335\u0322\u0317a\u0338\u0323l\u0334g\u0336o" + "\u0336\u0337\u0338" * 20},
        "first_name",
        id="zalgo-name",
    ),
    pytest.param(
        {"message": "Z" + "\u0336\u0337\u0338\u0335\u0334" * 30 + "algo"}, "message", id="zalgo-message"
    ),
    pytest.param(
        {"first_name": "Ann\r\nBcc: victim@example.com"}, "first_name", id="crlf-header-injection-in-name"
    ),
    pytest.param(
        {"email": "anna@example.com\nTo: victim@example.com"}, "email", id="lf-header-injection-in-email"
    ),
]


@pytest.fixture
def desk(client, front_desk):
    client.force_login(front_desk)
    return client


def export_row(desk, kind):
    response = desk.get(reverse("lead_admin:index"), {"export": kind})
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    if kind == "csv":
        return list(csv.DictReader(io.StringIO(body.decode())))[-1]
    sheet = load_workbook(io.BytesIO(body)).active
    headings = [cell.value for cell in sheet[1]]
    return dict(zip(headings, [cell.value for cell in sheet[sheet.max_row]], strict=True))


@pytest.mark.parametrize(("change", "field"), ACCEPTED)
def test_accepted_payloads_are_stored_verbatim_and_shown_as_text_everywhere(
    send, client, front_desk, change, field, caplog, settings
):
    settings.LEADS_PATIENT_CONFIRMATION = True
    answers = valid_answers(**change)
    with caplog.at_level(logging.DEBUG):
        response = send(answers)
        assert response.status_code == 302
        thanks = client.get(response["Location"])
    lead = Lead.objects.get()
    value = getattr(lead, field)
    assert value == answers[field].strip()
    # The thank-you page is the same for everybody: nothing typed appears on it.
    assert thanks.status_code == 200
    assert value not in thanks.content.decode()

    client.force_login(front_desk)
    assert client.get(reverse("lead_admin:index")).status_code == 200
    detail = client.get(reverse("lead_admin:detail", args=[lead.pk])).content.decode()
    # Stored text is escaped by the template, never evaluated: no secret, no arithmetic.
    assert settings.SECRET_KEY not in detail
    assert all(escape(line) in detail for line in value.splitlines())

    column = COLUMNS[field]
    # Spreadsheets get the text too: quoted against formulas in CSV, a string cell in XLSX.
    assert export_row(client, "csv")[column].lstrip("'").replace("\r\n", "\n") == value.replace("\r\n", "\n")
    assert export_row(client, "xlsx")[column] == value
    context = email_context(lead)
    for message in (practice_notification(lead, context), patient_confirmation(lead, context)):
        sent = message.message()
        # One recipient each, whatever was typed; no header a patient wrote.
        assert len(message.recipients()) == 1
        assert sent["Bcc"] is None
        assert "victim@example.com" not in sent.as_string().split("\n\n", 1)[0]
        assert settings.SECRET_KEY not in sent.as_string()
    # Logs name the lead by id only.
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert value not in logged
    assert answers["email"] not in logged


@pytest.mark.parametrize(("change", "field"), REFUSED)
def test_refused_payloads_come_back_beside_their_field_and_store_nothing(send, change, field):
    response = send(valid_answers(**change))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Lead.objects.count() == 0
    assert "Traceback" not in response.content.decode()


def test_a_repeated_choice_counts_once_as_its_last_value(send):
    assert send(valid_answers(preferred_contact=["phone", "email"])).status_code == 302
    assert Lead.objects.get().preferred_contact == "email"


def test_over_a_thousand_extra_fields_are_ignored_and_the_request_still_counts(send):
    answers = valid_answers()
    answers.update({f"junk{n}": "x" for n in range(1500)})

    assert send(answers).status_code == 302
    assert Lead.objects.count() == 1


def test_more_fields_than_django_accepts_is_a_400_without_a_lead(send, settings):
    answers = valid_answers()
    answers.update({f"junk{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)})

    response = send(answers)

    assert response.status_code == 400
    assert "Traceback" not in response.content.decode()
    assert Lead.objects.count() == 0


@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "multipart/form-data"])
def test_a_body_over_the_upload_limit_is_refused_with_400(client, practice, settings, content_type):
    oversize = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    if content_type == "multipart/form-data":
        response = client.post(
            CONSULTATION, {**valid_answers(), "message": oversize}, HTTP_ORIGIN="http://testserver"
        )
    else:
        response = client.post(
            CONSULTATION,
            f"first_name=Ann&message={oversize}",
            content_type=content_type,
            HTTP_ORIGIN="http://testserver",
        )
    assert response.status_code in (400, 413)
    assert "Traceback" not in response.content.decode()
    assert Lead.objects.count() == 0


def test_a_large_file_part_is_refused_with_413_before_it_is_read(client, practice, settings):
    # Django's upload limit leaves out file parts; the form has none, so the view refuses them.
    upload = SimpleUploadedFile("big.bin", b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1))

    response = client.post(
        CONSULTATION, {**valid_answers(), "attachment": upload}, HTTP_ORIGIN="http://testserver"
    )

    assert response.status_code == 413
    assert Lead.objects.count() == 0


def test_a_foreign_host_header_is_refused(send, answers):
    response = send(answers, HTTP_HOST="evil.example", HTTP_ORIGIN="http://evil.example")
    assert response.status_code == 400
    assert Lead.objects.count() == 0


def test_x_forwarded_host_cannot_make_a_foreign_origin_look_like_ours(send, answers):
    response = send(answers, HTTP_X_FORWARDED_HOST="evil.example", HTTP_ORIGIN="http://evil.example")
    assert response.status_code == 403
    assert Lead.objects.count() == 0


@pytest.mark.parametrize("method", ["OPTIONS", "TRACE", "CONNECT", "PROPFIND"])
def test_unusual_http_methods_are_refused_without_a_lead(client, practice, method):
    response = client.generic(
        method, CONSULTATION, urlencode(valid_answers()), HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 405
    assert Lead.objects.count() == 0


def test_a_50000_character_word_in_site_search_is_answered_not_crashed(client, home, practice):
    word = "a" * 50_000
    response = client.get("/search/", {"q": word})
    assert response.status_code == 200
    assert "Traceback" not in response.content.decode()
