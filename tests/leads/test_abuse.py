"""Spam, cross-site requests, rate limits, double submissions and repeat requests."""

import time

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from leads.models import Lead
from leads.spam import SpamReason, make_form_token

from .conftest import valid_answers
from .factories import LeadFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        pytest.param(lambda: {"website": "http://cheap-pills.example"}, SpamReason.HONEYPOT, id="honeypot"),
        pytest.param(lambda: {"form_token": None}, SpamReason.BAD_TOKEN, id="missing-token"),
        pytest.param(lambda: {"form_token": "forged:token"}, SpamReason.BAD_TOKEN, id="forged-token"),
        pytest.param(
            lambda: {"form_token": make_form_token(issued_at=time.time() - 1)},
            SpamReason.TOO_FAST,
            id="too-fast",
        ),
    ],
)
def test_spam_is_recorded_as_spam_without_notification(send, change, reason):
    response = send(valid_answers(**change()))
    # The bot sees the same success as a person.
    assert response.status_code == 302
    lead = Lead.objects.get()
    assert lead.status == Lead.Status.SPAM
    assert lead.spam_reason == reason
    assert lead.notification_state == Lead.NotificationState.NOT_NEEDED
    assert DBTaskResult.objects.count() == 0


def test_an_expired_form_asks_to_send_again_and_keeps_the_answers(send, settings):
    settings.LEADS_FORM_MAX_AGE_SECONDS = 60
    answers = valid_answers(form_token=make_form_token(issued_at=time.time() - 3600))
    response = send(answers)
    assert response.status_code == 200
    assert "open for a long time" in response.content.decode()
    assert answers["first_name"] in response.content.decode()
    assert Lead.objects.count() == 0
    # The page carries a fresh token, so sending it again (a little later) works.
    fresh = response.context["form"].data["form_token"]
    assert fresh != answers["form_token"]


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({"HTTP_ORIGIN": "https://evil.example"}, id="foreign-origin"),
        pytest.param({"HTTP_ORIGIN": "null"}, id="null-origin"),
        pytest.param(
            {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "cross-site"}, id="cross-site"
        ),
        pytest.param(
            {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-site"}, id="same-site"
        ),
    ],
)
def test_cross_site_posts_are_refused(send, answers, headers):
    response = send(answers, **headers)
    assert response.status_code == 403
    assert Lead.objects.count() == 0


def test_a_post_without_origin_or_referrer_is_refused(client, practice, answers):
    response = client.post("/consultation/", answers)
    assert response.status_code == 403
    assert Lead.objects.count() == 0


def test_a_post_with_our_referrer_but_no_origin_is_accepted(client, practice, answers):
    response = client.post("/consultation/", answers, HTTP_REFERER="http://testserver/treatments/laser/")
    assert response.status_code == 302
    assert Lead.objects.count() == 1


def test_a_trusted_origin_is_accepted(send, answers, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://www.practice.example"]
    response = send(answers, HTTP_ORIGIN="https://www.practice.example", HTTP_SEC_FETCH_SITE="same-site")
    assert response.status_code == 302


def test_one_address_sending_too_many_requests_is_refused_with_429(send, settings):
    settings.LEADS_RATE_LIMIT = "3/m"
    statuses = [send(valid_answers()).status_code for _ in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    assert Lead.objects.count() == 3


def test_invalid_attempts_do_not_use_up_the_rate_limit(send, settings):
    settings.LEADS_RATE_LIMIT = "2/m"
    for _ in range(4):
        send(valid_answers(phone="junk"))
    assert send(valid_answers()).status_code == 302


def test_forwarded_for_is_ignored_unless_proxies_are_configured(send, settings):
    settings.LEADS_RATE_LIMIT = "1/m"
    assert send(valid_answers(), HTTP_X_FORWARDED_FOR="10.0.0.1").status_code == 302
    # A client cannot escape the limit by inventing addresses.
    assert send(valid_answers(), HTTP_X_FORWARDED_FOR="10.0.0.2").status_code == 429


def test_with_one_proxy_the_address_it_saw_is_used(send, settings):
    settings.LEADS_RATE_LIMIT = "1/m"
    settings.TRUSTED_PROXY_COUNT = 1
    assert send(valid_answers(), HTTP_X_FORWARDED_FOR="6.6.6.6, 10.0.0.1").status_code == 302
    # The first entry is the client's own invention; only the last one, our proxy's, counts.
    assert send(valid_answers(), HTTP_X_FORWARDED_FOR="7.7.7.7, 10.0.0.1").status_code == 429
    assert send(valid_answers(), HTTP_X_FORWARDED_FOR="10.0.0.2").status_code == 302


def test_a_double_click_creates_one_lead(send, answers):
    first = send(answers)
    second = send(answers)
    assert first.status_code == second.status_code == 302
    assert Lead.objects.count() == 1


def test_the_same_page_view_sending_different_answers_creates_two_leads(send, answers):
    send(answers)
    send({**answers, "message": "Sorry, one more thing"})
    assert Lead.objects.count() == 2


def test_visitors_of_one_cached_page_without_javascript_get_separate_leads(send):
    shared_token = make_form_token(issued_at=time.time() - 60)
    send(valid_answers(form_token=shared_token, client_key=""))
    send(valid_answers(form_token=shared_token, client_key=""))
    assert Lead.objects.count() == 2


def test_without_javascript_a_resent_post_still_creates_one_lead(send):
    answers = valid_answers(client_key="")
    send(answers)
    send(answers)
    assert Lead.objects.count() == 1


def test_the_same_person_asking_again_is_linked_as_a_repeat(send):
    first = valid_answers(email="ann@example.com", phone="")
    first["preferred_contact"] = "email"
    send(first)
    send(valid_answers(email="Ann@Example.com", phone="020 7946 0999"))
    earlier, later = Lead.objects.order_by("created_at")
    assert earlier.repeat_of is None
    assert later.repeat_of == earlier
    assert later.is_repeat
    assert later.status == Lead.Status.NEW


def test_a_repeat_by_phone_number_in_another_format_is_linked(send):
    send(valid_answers(phone="020 7946 0321"))
    send(valid_answers(phone="+44 20 7946 0321"))
    earlier, later = Lead.objects.order_by("created_at")
    assert later.repeat_of == earlier


def test_requests_outside_the_repeat_window_are_not_linked(send, settings):
    settings.LEADS_REPEAT_WINDOW_DAYS = 7
    old = LeadFactory(email="ann@example.com")
    Lead.objects.filter(pk=old.pk).update(created_at=timezone.now() - timezone.timedelta(days=8))
    send(valid_answers(email="ann@example.com"))
    assert Lead.objects.exclude(pk=old.pk).get().repeat_of is None


def test_spam_is_never_the_earlier_lead_of_a_repeat(send):
    LeadFactory(email="ann@example.com", status=Lead.Status.SPAM)
    send(valid_answers(email="ann@example.com"))
    assert Lead.objects.filter(status=Lead.Status.NEW).get().repeat_of is None


def test_no_lead_data_is_written_to_the_logs(send, caplog):
    answers = valid_answers(message="very private words")
    with caplog.at_level("DEBUG"):
        send(answers)
    assert Lead.objects.count() == 1
    for secret in (answers["first_name"], answers["email"], "very private words", "7946"):
        assert secret not in caplog.text
    assert len(mail.outbox) == 0
