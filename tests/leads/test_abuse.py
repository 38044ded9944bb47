"""Spam, cross-site requests, rate limits, double submissions and repeat requests."""

import time

import pytest
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from leads.abuse import SpamReason, ip_hash, make_form_token, read_form_token
from leads.models import Lead

from .conftest import valid_answers
from .factories import LeadFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_for_the_module")]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        pytest.param(lambda: {"website": "http://cheap-pills.example"}, SpamReason.HONEYPOT, id="honeypot"),
        pytest.param(
            lambda: {"website": "http://cheap-pills.example", "form_token": None},
            SpamReason.HONEYPOT,
            id="honeypot-without-token",
        ),
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


@pytest.mark.parametrize(
    "token", [pytest.param(None, id="missing"), pytest.param("forged:token", id="forged")]
)
def test_a_bad_token_is_kept_for_review_and_the_practice_is_told(send, token):
    response = send(valid_answers(form_token=token))

    assert response.status_code == 302
    lead = Lead.objects.get()
    assert lead.status == Lead.Status.NEEDS_REVIEW
    assert lead.spam_reason == SpamReason.BAD_TOKEN
    assert lead.notification_state == Lead.NotificationState.PENDING
    assert DBTaskResult.objects.get().args_kwargs == {"args": [lead.pk], "kwargs": {}}


def test_a_form_signed_before_a_key_rotation_is_accepted_with_the_old_key_in_fallbacks(send, settings):
    answers = valid_answers()  # signed with the current key, "test-only-not-secret"
    settings.SECRET_KEY = "the-rotated-secret-key"
    settings.SECRET_KEY_FALLBACKS = ["test-only-not-secret"]

    assert send(answers).status_code == 302
    assert Lead.objects.get().status == Lead.Status.NEW


def test_a_form_signed_before_a_key_rotation_without_fallbacks_needs_review(send, settings):
    answers = valid_answers()
    settings.SECRET_KEY = "the-rotated-secret-key"
    settings.SECRET_KEY_FALLBACKS = []

    assert send(answers).status_code == 302
    lead = Lead.objects.get()
    assert lead.status == Lead.Status.NEEDS_REVIEW
    assert lead.notification_state == Lead.NotificationState.PENDING


def shown_at(response):
    """When the form on `response` says it was first shown."""
    return read_form_token(response.context["form"].data["form_token"]).issued_at


def test_a_patient_who_fixes_a_mistake_within_a_second_is_not_spam(send):
    first_shown = time.time() - 4  # read the form, typed for four seconds, sent with a typo
    answers = valid_answers(email="ann@example", form_token=make_form_token(issued_at=first_shown))

    error = send(answers)
    assert error.status_code == 200
    assert shown_at(error) == pytest.approx(first_shown)

    # The correction goes out at once, with the token of the page showing the error.
    fixed = {**answers, "email": "ann@example.com", "form_token": error.context["form"].data["form_token"]}
    assert send(fixed).status_code == 302
    lead = Lead.objects.get()
    assert lead.status == Lead.Status.NEW
    assert lead.notification_state == Lead.NotificationState.PENDING
    assert DBTaskResult.objects.count() == 1


def test_a_bot_resending_within_three_seconds_of_the_first_display_is_still_spam(send):
    first_shown = time.time() - 1
    answers = valid_answers(email="not-an-email", form_token=make_form_token(issued_at=first_shown))

    error = send(answers)
    resent = {**answers, "email": "bot@example.com", "form_token": error.context["form"].data["form_token"]}
    send(resent)

    lead = Lead.objects.get()
    assert (lead.status, lead.spam_reason) == (Lead.Status.SPAM, SpamReason.TOO_FAST)


def test_a_form_shown_again_after_a_forged_token_gets_a_fresh_one(send):
    before = time.time()
    error = send(valid_answers(email="not-an-email", form_token="forged:token"))

    assert shown_at(error) >= before


def test_an_expired_form_asks_to_send_again_and_keeps_the_answers(send, settings):
    settings.LEADS_FORM_MAX_AGE_SECONDS = 60
    answers = valid_answers(form_token=make_form_token(issued_at=time.time() - 3600))
    response = send(answers)
    assert response.status_code == 200
    assert "open for a long time" in response.content.decode()
    assert answers["first_name"] in response.content.decode()
    assert Lead.objects.count() == 0
    # The page carries a valid token again, and sending it at once is not "too fast": the
    # patient had the form for long enough.
    fresh = response.context["form"].data["form_token"]
    assert fresh != answers["form_token"]
    assert send({**answers, "form_token": fresh}).status_code == 302
    assert Lead.objects.get().status == Lead.Status.NEW


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


def test_one_address_sending_too_many_requests_is_refused_with_429(send, rate_limit):
    rate_limit("3/m")
    statuses = [send(valid_answers()).status_code for _ in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    assert Lead.objects.count() == 3


def test_invalid_attempts_do_not_use_up_the_rate_limit(send, rate_limit):
    rate_limit("2/m")
    for _ in range(4):
        send(valid_answers(phone="junk"))
    assert send(valid_answers()).status_code == 302


def test_forwarded_for_is_ignored_unless_proxies_are_configured(send, rate_limit):
    rate_limit("1/m")
    assert send(valid_answers(), HTTP_X_FORWARDED_FOR="10.0.0.1").status_code == 302
    # A client cannot escape the limit by inventing addresses.
    assert send(valid_answers(), HTTP_X_FORWARDED_FOR="10.0.0.2").status_code == 429


def test_spoofed_forwarded_for_from_an_unlisted_address_is_ignored(send, settings, rate_limit):
    rate_limit("1/m")
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    spoofer = {"REMOTE_ADDR": "203.0.113.9"}
    assert send(valid_answers(), HTTP_X_FORWARDED_FOR="6.6.6.6", **spoofer).status_code == 302
    assert send(valid_answers(), HTTP_X_FORWARDED_FOR="7.7.7.7", **spoofer).status_code == 429


def test_behind_a_listed_proxy_the_address_it_saw_is_used(send, settings, rate_limit):
    rate_limit("1/m")
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    assert send(valid_answers(), HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.1", **proxy).status_code == 302
    # The first entry is the client's own invention; only the one our proxy appended counts.
    assert send(valid_answers(), HTTP_X_FORWARDED_FOR="7.7.7.7, 198.51.100.1", **proxy).status_code == 429
    assert send(valid_answers(), HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy).status_code == 302


def test_eleven_patients_behind_a_listed_proxy_are_not_rate_limited(send, settings):
    # The default limit (10 per 10 minutes) applies per patient, not to the whole site.
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    statuses = [
        send(valid_answers(), HTTP_X_FORWARDED_FOR=f"198.51.100.{patient}").status_code
        for patient in range(1, 12)
    ]
    assert statuses == [302] * 11
    assert Lead.objects.filter(status=Lead.Status.NEW).count() == 11
    assert Lead.objects.values("ip_hash").distinct().count() == 11


def test_ipv6_addresses_of_one_64_share_a_limit_and_a_hash(send, rate_limit):
    rate_limit("1/m")
    assert send(valid_answers(), REMOTE_ADDR="2001:db8:1:2::1").status_code == 302
    # Another address of the same /64 is the same visitor...
    assert send(valid_answers(), REMOTE_ADDR="2001:db8:1:2:abcd::7").status_code == 429
    # ... another /64 is someone else.
    assert send(valid_answers(), REMOTE_ADDR="2001:db8:1:3::1").status_code == 302
    first, other = Lead.objects.order_by("created_at")
    assert first.ip_hash != other.ip_hash


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


def test_rotating_the_secret_key_changes_neither_ip_hashes_nor_rate_limits(send, settings, rate_limit):
    rate_limit("1/m")
    assert send(valid_answers()).status_code == 302
    settings.SECRET_KEY = "a-brand-new-secret-key"
    settings.SECRET_KEY_FALLBACKS = ["test-only-not-secret"]
    # Still the same visitor: the limit holds and the hash is the one stored before.
    assert send(valid_answers()).status_code == 429
    request = RequestFactory().get("/")
    assert ip_hash(request) == Lead.objects.get().ip_hash


def test_ip_hashes_carry_the_version_of_their_key(settings):
    request = RequestFactory().get("/")
    first = ip_hash(request)
    settings.LEADS_IP_HASH_KEY = "the-next-ip-hash-key"
    settings.LEADS_IP_HASH_KEY_VERSION = 2
    second = ip_hash(request)
    assert first.startswith("v1:")
    assert second.startswith("v2:")
    assert first[3:] != second[3:]
