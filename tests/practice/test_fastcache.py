"""The page cache's WSGI layer (practice/fastcache.py): hits answered before Django's handler,
compressed once when stored, revalidated with ETags, ready for a CDN, and safe against bad input."""

import gzip

import pytest
from django.core.cache.backends.filebased import FileBasedCache
from django.core.signals import request_started
from django.test import Client

from practice.cache import GENERATION_KEY, SCOPES, current_generation, page_cache, purge_page_cache, scope_key
from practice.cache_rules import KNOWN_HOSTS_MAX, cache_key, rules
from tests.factories import StandardPageFactory
from tests.page_cache_client import PageCacheClient

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_for_the_module")]


@pytest.fixture(autouse=True)
def empty_page_cache():
    purge_page_cache()


@pytest.fixture
def client():
    return PageCacheClient()


@pytest.fixture
def about(client, home, practice):
    StandardPageFactory(parent=home, title="About us", slug="about", show_in_menus=True)
    assert client.get("/about/")["X-Cache"] == "miss"
    return "/about/"


@pytest.fixture
def cache_reads(monkeypatch):
    """The keys the page cache is asked for."""
    cache, keys = page_cache(), []
    real_get = cache.get

    def get(key, *args, **kwargs):
        keys.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", get)
    return keys


GENERATIONS = {GENERATION_KEY, *(scope_key(scope) for scope in SCOPES)}


@pytest.fixture
def stored_keys():
    """How many entries the (in-memory) page cache holds, read at call time."""
    return lambda: len(page_cache()._cache)


def test_a_hit_is_answered_before_djangos_handler(client, about):
    started = []
    request_started.connect(lambda **kwargs: started.append(kwargs), weak=False, dispatch_uid="t")
    try:
        hit = client.get(about)
    finally:
        request_started.disconnect(dispatch_uid="t")

    assert hit["X-Cache"] == "hit"
    assert hit.served_before_django
    assert not started


def test_stored_pages_are_shared_by_caches_and_revalidate_with_a_strong_etag(client, about, settings):
    hit = client.get(about)

    assert hit["Cache-Control"] == f"public, max-age=60, s-maxage={settings.PAGE_CACHE_SECONDS}"
    assert hit["Vary"] == "Accept-Encoding"
    assert hit["Last-Modified"].endswith(" GMT")
    assert hit["ETag"].startswith('"') and not hit["ETag"].startswith("W/")
    assert hit["ETag"] == Client().get(about)["ETag"]  # the same through Django's handler


@pytest.mark.parametrize("form", ["exact", "weak", "star", "in a list", "thousands of tags"])
def test_if_none_match_naming_the_stored_page_is_answered_304(client, about, form):
    etag = client.get(about)["ETag"]
    header = {
        "exact": etag,
        "weak": f"W/{etag}",
        "star": "*",
        "in a list": f'"other", {etag}',
        "thousands of tags": ", ".join([f'"tag{n}"' for n in range(5000)] + [etag]),
    }[form]

    response = client.get(about, HTTP_IF_NONE_MATCH=header)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response.served_before_django


def test_if_none_match_naming_other_tags_gets_the_page(client, about):
    many = ", ".join(f'"tag{n}"' for n in range(5000))

    response = client.get(about, HTTP_IF_NONE_MATCH=many)

    assert response.status_code == 200
    assert response["X-Cache"] == "hit"


def test_a_gzip_copy_made_when_stored_is_served_to_clients_that_accept_it(client, about):
    identity = client.get(about)

    compressed = client.get(about, HTTP_ACCEPT_ENCODING="gzip, deflate, br, zstd")

    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == identity.content
    assert int(compressed["Content-Length"]) == len(compressed.content) < len(identity.content) / 2
    assert compressed["ETag"] != identity["ETag"]
    # The compressed copy's tag revalidates too.
    assert client.get(about, HTTP_IF_NONE_MATCH=compressed["ETag"]).status_code == 304


@pytest.mark.parametrize(
    "accept_encoding",
    ["gzip;q=0", "identity", "gzip;q=nonsense", ";;;,,,=q;q=;", "x" * 20000, "br;q=1, " * 3000],
)
def test_refused_or_malformed_accept_encoding_gets_the_page_uncompressed(client, about, accept_encoding):
    response = client.get(about, HTTP_ACCEPT_ENCODING=accept_encoding)

    assert response.status_code == 200
    assert response["X-Cache"] == "hit"
    assert "Content-Encoding" not in response
    assert b"About us" in response.content


def test_a_page_that_is_not_stored_is_never_compressed(client, about, admin_user):
    client.force_login(admin_user)

    response = client.get(about, HTTP_ACCEPT_ENCODING="gzip")

    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert "X-Cache" not in response


def test_a_host_not_in_allowed_hosts_gets_a_400_before_any_cache_lookup(
    client, about, cache_reads, stored_keys
):
    before = stored_keys()

    for n in range(3):
        response = client.get(about, HTTP_HOST=f"evil{n}.example")
        assert response.status_code == 400

    assert cache_reads == []
    assert stored_keys() == before


def test_parameters_no_page_reads_are_served_from_the_pages_entry(client, about, stored_keys):
    before = stored_keys()

    for n in range(5):
        response = client.get(f"{about}?x={n}&utm_source=ad{n}")
        assert response["X-Cache"] == "hit"

    assert client.get(f"{about}?x=" + "a" * 10_000)["X-Cache"] == "hit"
    assert stored_keys() == before


@pytest.mark.parametrize(
    "query, same_as",
    [
        ("gclid=Cj0KCQ1&page=2", "page=2"),
        ("p%61ge=2&fbclid=x", "page=2"),  # an encoded name is read as Django reads it
        ("q=laser+peel", "q=laser%20peel"),
        ("q", "q="),
        ("&&q=a&&utm_source=x", "q=a"),
        ("utm_source=a&pages=2&p=3&gclid=b", "p=3"),  # a name that only begins like one is not it
    ],
)
def test_the_key_reads_the_parameters_pages_read_as_django_parses_them(query, same_as):
    def key(query):
        return cache_key({"QUERY_STRING": query, "HTTP_HOST": "testserver", "PATH_INFO": "/about/"}, 1)

    assert key(query) == key(same_as) != key("")


def test_a_10_kb_value_of_a_parameter_pages_read_is_served_but_never_stored(client, about, stored_keys):
    before = stored_keys()

    for n in range(3):
        response = client.get(f"{about}?q={n}" + "a" * 10_000)
        assert response.status_code == 200
        assert "X-Cache" not in response

    assert stored_keys() == before


def test_static_files_and_media_never_pay_a_cache_lookup(client, about, cache_reads):
    client.get("/static/css/missing.css")
    client.get("/media/images/missing.jpg")

    # (The 404 page rendered for them reads the generations, for its memos; no page is looked up.)
    assert [key for key in cache_reads if key not in GENERATIONS] == []


def test_head_is_answered_from_the_cache_without_a_body(client, about):
    response = client.head(about)

    assert response.status_code == 200
    assert response["X-Cache"] == "hit"
    assert response.content == b""


def test_a_purge_is_seen_by_the_layer_at_once(client, about):
    purge_page_cache()

    assert client.get(about)["X-Cache"] == "miss"
    assert client.get(about)["X-Cache"] == "hit"


@pytest.fixture
def file_page_cache(settings, tmp_path):
    """Pages in a FileBasedCache, as on one machine in production, and the same folder opened as
    another worker process would."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        },
    }
    return FileBasedCache(str(tmp_path), {})


def test_a_purge_by_another_worker_of_the_file_cache_is_seen_at_once(client, about, file_page_cache):
    assert client.get(about)["X-Cache"] == "miss"
    assert client.get(about)["X-Cache"] == "hit"
    generation = current_generation()

    file_page_cache.incr(GENERATION_KEY)  # another worker's purge: the file is replaced

    assert current_generation() == generation + 1
    assert client.get(about)["X-Cache"] == "miss"
    assert client.get(about)["X-Cache"] == "hit"

    file_page_cache.clear()  # the counter's file culled or cleared: a fresh generation, no old page

    assert current_generation() not in (generation, generation + 1)
    assert client.get(about)["X-Cache"] == "miss"


def test_hosts_remembered_as_allowed_are_bounded_and_forgotten_when_the_setting_changes(
    client, about, settings
):
    settings.ALLOWED_HOSTS = [".example.com"]
    for n in range(KNOWN_HOSTS_MAX + 20):
        assert client.get(about, HTTP_HOST=f"a{n}.example.com").status_code == 200

    assert len(rules().known_hosts) == KNOWN_HOSTS_MAX

    settings.ALLOWED_HOSTS = ["testserver"]

    assert client.get(about, HTTP_HOST="a1.example.com").status_code == 400
