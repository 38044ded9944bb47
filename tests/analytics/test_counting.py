"""Page views are counted for people on public pages, cache hits included, and for nobody else:
not robots, link previews, prefetches, HEAD, the admin, previews or signed-in editors, nor a flood."""

from types import SimpleNamespace

import pytest
from django.test import Client

from analytics import counting
from leads.landing import Attribution
from practice.cache import purge_page_cache
from tests.analytics.counting_fixtures import CHROME, IPHONE, counted, visit
from tests.factories import StandardPageFactory
from tests.page_cache_client import PageCacheClient

pytestmark = pytest.mark.django_db

DIRECT_DESKTOP = (False, "direct", "direct", "", "desktop")


@pytest.fixture(autouse=True)
def empty_page_cache():
    purge_page_cache()


@pytest.fixture(autouse=True)
def no_paths_not_found_yet(monkeypatch):
    monkeypatch.setattr(counting, "_not_found", SimpleNamespace(day="", paths=set()))


@pytest.fixture(params=["WSGI layer", "middleware"])
def client(request):
    """Each test twice: hits answered before Django's handler (production) and hits answered by
    PageCacheMiddleware inside it; misses go through Django either way."""
    return PageCacheClient() if request.param == "WSGI layer" else Client()


@pytest.fixture
def about(home, practice):
    StandardPageFactory(parent=home, title="About us", slug="about")
    return "/about/"


@pytest.fixture
def one_second(monkeypatch):
    """Every request arrives in the same second, until the test moves the clock on; no visitor was
    counted in it before."""
    clock = {"now": 1000.5}
    monkeypatch.setattr(counting, "monotonic", lambda: clock["now"])
    monkeypatch.setattr(counting._flood, "counted", set())
    return clock


def test_people_are_counted_on_misses_and_hits(client, about):
    answers = [visit(client, about) for _ in range(5)]

    assert [answer["X-Cache"] for answer in answers] == ["miss", "hit", "hit", "hit", "hit"]
    assert counted() == {(about, *DIRECT_DESKTOP): 5}


def test_hits_answered_before_django_are_counted_by_the_hit_hook(about):
    client = PageCacheClient()
    visit(client, about)

    hits = [visit(client, about) for _ in range(3)]

    assert all(hit.served_before_django for hit in hits)
    assert counted() == {(about, *DIRECT_DESKTOP): 4}


@pytest.mark.parametrize(
    "robot",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",  # a link preview
        "WhatsApp/2.23.20.0",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        CHROME.replace("Chrome/", "HeadlessChrome/"),  # a scripted browser
        "python-requests/2.32.3",
        "curl/8.5.0",
        "",  # every browser names itself
    ],
)
def test_robots_and_link_previews_are_not_counted(client, about, robot):
    visit(client, about)  # stored: the robots' requests below are hits

    for _ in range(3):
        visit(client, about, user_agent=robot)

    assert counted() == {(about, *DIRECT_DESKTOP): 1}


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {"HTTP_PURPOSE": "prefetch"},
        {"HTTP_X_MOZ": "prefetch"},
        {"HTTP_X_PURPOSE": "preview"},  # Safari's Top Sites thumbnails
        {"HTTP_SEC_FETCH_DEST": "iframe"},
        {"HTTP_SEC_FETCH_DEST": "empty"},  # a script's fetch()
    ],
)
def test_prefetches_prerenders_frames_and_fetches_are_not_counted(client, about, headers):
    visit(client, about, HTTP_SEC_FETCH_DEST="document")

    visit(client, about, **headers)
    visit(client, about, **headers)

    assert counted() == {(about, *DIRECT_DESKTOP): 1}


def test_head_and_post_are_not_counted(client, about):
    visit(client, about)

    visit(client, about, method="head")
    visit(client, about, method="post")

    assert counted() == {(about, *DIRECT_DESKTOP): 1}


def test_signed_in_editors_the_admin_and_previews_are_not_counted(client, home, admin_user):
    page = StandardPageFactory(parent=home, slug="about")
    client.force_login(admin_user)

    assert visit(client, "/about/").status_code == 200
    assert visit(client, f"/admin/pages/{page.pk}/edit/preview/").status_code == 200
    client.logout()
    client.cookies.clear()
    assert visit(client, "/admin/login/").status_code == 200

    assert counted() == {}


def test_feeds_sitemaps_and_files_are_not_page_views(client, about):
    for path in ("/sitemap.xml", "/robots.txt"):
        assert visit(client, path).status_code == 200

    assert counted() == {}


def test_not_found_is_counted_apart_with_the_path_cut(client, about):
    endless = "/wp-admin/" + "a" * 2000 + "/"

    visit(client, "/no-such-page/")
    visit(client, "/no-such-page/")
    visit(client, endless)

    assert counted() == {
        ("/no-such-page/", True, "direct", "direct", "", "desktop"): 2,
        (endless[:255], True, "direct", "direct", "", "desktop"): 1,
    }


def test_a_scanner_adds_a_bounded_number_of_not_found_rows_a_day(client, about, monkeypatch):
    monkeypatch.setattr(counting, "NOT_FOUND_PATHS_PER_DAY", 3)

    for n in range(6):
        visit(client, f"/scan-{n}/")
    visit(client, "/scan-0/")  # a path already counted today keeps its row
    monkeypatch.setattr(counting, "local_date", lambda: "2099-01-01")
    visit(client, "/scan-5/")  # a new day, a new allowance

    assert {key[0]: views for key, views in counted().items()} == {
        "/scan-0/": 2,
        "/scan-1/": 1,
        "/scan-2/": 1,
        counting.OTHER_NOT_FOUND: 3,
        "/scan-5/": 1,
    }


def test_one_address_is_counted_once_a_second_at_most(client, about, one_second):
    for _ in range(5):
        visit(client, about, REMOTE_ADDR="203.0.113.7")
    one_second["now"] += 1
    visit(client, about, REMOTE_ADDR="203.0.113.7")
    visit(client, about, REMOTE_ADDR="203.0.113.8")  # another visitor in the same second

    assert counted() == {(about, *DIRECT_DESKTOP): 3}


def test_an_ipv6_visitor_is_one_slash_64(client, about, one_second):
    visit(client, about, REMOTE_ADDR="2001:db8:1:2::1")
    visit(client, about, REMOTE_ADDR="2001:db8:1:2:ffff::9")  # the same subscriber's network
    visit(client, about, REMOTE_ADDR="2001:db8:1:3::1")

    assert counted() == {(about, *DIRECT_DESKTOP): 2}


def test_visitors_behind_our_proxy_are_told_apart_by_forwarded_for(client, about, one_second, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]

    for visitor in ("203.0.113.1", "203.0.113.2", "203.0.113.2"):
        visit(client, about, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=visitor)

    assert counted() == {(about, *DIRECT_DESKTOP): 2}


def test_each_view_is_grouped_by_its_arrival_named_like_a_leads_first_touch(client, about, home):
    home_url = "http://testserver/"
    visit(client, about, HTTP_REFERER="https://www.google.co.uk/")
    visit(client, f"{about}?gclid=Cj0KCQ123", HTTP_REFERER="https://www.google.com/")
    visit(client, f"{about}?utm_source=Newsletter&utm_medium=email&utm_campaign=spring-peels")
    visit(client, about, HTTP_REFERER="https://www.nhs.uk/conditions/acne/")
    visit(client, about, HTTP_REFERER=home_url)  # a link on our own site
    visit(client, f"{about}?page=2", HTTP_REFERER=f"{home_url}about/")
    visit(client, f"{about}?page=2")  # a query string that names no arrival
    visit(client, about, user_agent=IPHONE)

    assert counted() == {
        (about, False, "organic", "google", "", "desktop"): 1,
        (about, False, "paid", "google", "", "desktop"): 1,
        (about, False, "email", "newsletter", "spring-peels", "desktop"): 1,
        (about, False, "referral", "nhs.uk", "", "desktop"): 1,
        (about, False, "internal", "", "", "desktop"): 2,
        (about, False, "direct", "direct", "", "desktop"): 1,
        (about, False, "direct", "direct", "", "mobile"): 1,
    }


def test_bad_input_is_counted_or_left_out_never_a_server_error(client, about):
    endless_query = "&".join(f"x{n}={'y' * 20}" for n in range(2000))
    answers = [
        visit(client, about, user_agent=CHROME + "x" * 10240),  # a 10 KB User-Agent
        visit(client, f"{about}?{endless_query}&utm_source={'s' * 5000}&utm_campaign={'c' * 5000}"),
        visit(client, "/%FF%FE/"),  # not UTF-8
        visit(client, about, HTTP_REFERER="http://[::1"),  # not a URL
        visit(client, about, HTTP_SEC_PURPOSE="x" * 10000),  # no purpose we know: a view
    ]

    assert [answer.status_code for answer in answers] == [200, 200, 404, 200, 200]
    views = counted()
    assert views == {
        (about, *DIRECT_DESKTOP): 3,
        (about, False, "campaign", "s" * 100, "c" * 200, "desktop"): 1,
        ("/%FF%FE/", True, "direct", "direct", "", "desktop"): 1,
    }


def test_nothing_is_counted_when_counting_is_off(client, about, settings):
    settings.ANALYTICS_ENABLED = False

    visit(client, about)
    visit(client, about)

    assert counted() == {}


def test_counting_sets_no_cookie(client, about):
    answers = [visit(client, about), visit(client, about, HTTP_REFERER="https://www.google.com/")]

    assert [answer.cookies for answer in answers] == [{}, {}]
    assert counted() == {(about, *DIRECT_DESKTOP): 1, (about, False, "organic", "google", "", "desktop"): 1}


def test_an_ad_click_hit_works_out_its_first_touch_once_for_the_cookie_and_the_count(
    client, about, settings, monkeypatch
):
    settings.LEADS_ATTRIBUTION_COOKIE = "always"
    visit(client, about)
    landings = []
    from_landing = Attribution.from_landing.__func__
    monkeypatch.setattr(
        Attribution,
        "from_landing",
        classmethod(lambda cls, **kw: landings.append(1) or from_landing(cls, **kw)),
    )

    hit = visit(client, f"{about}?gclid=Cj0KCQ1", HTTP_REFERER="https://www.google.com/")

    assert hit["X-Cache"] == "hit" and "practice_src" in hit.cookies
    assert counted()[(about, False, "paid", "google", "", "desktop")] == 1
    assert len(landings) == 1
