"""Public pages leave Django with each run of white space between tags shortened to one character,
outside the elements that keep their white space; the admin is left alone, and the page cache
stores and serves the same bytes a miss sends."""

import hashlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from practice.cache import purge_page_cache
from practice.compact_html import compact_html
from tests.factories import StandardPageFactory
from tests.page_cache_client import PageCacheClient

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_for_the_module")]

STATIC = Path(settings.BASE_DIR) / "static"
# Two or more white-space characters between tags: what compact_html leaves nowhere it may shorten.
LONG_GAP = re.compile(rb">[ \t\n\r]{2,}<")


@pytest.mark.parametrize(
    ("html", "compacted"),
    [
        (b"<ul>\n    <li>One</li>\n\n    <li>Two</li>\n</ul>", b"<ul>\n<li>One</li>\n<li>Two</li>\n</ul>"),
        (b"<p><a>one</a>   <a>two</a></p>", b"<p><a>one</a> <a>two</a></p>"),  # a space between words stays
        (b"<p><a>one</a>\t\r\n  <a>two</a></p>", b"<p><a>one</a>\n<a>two</a></p>"),
    ],
    ids=["indentation", "spaces", "line break with spaces"],
)
def test_each_run_between_tags_becomes_one_line_break_or_one_space(html, compacted):
    assert compact_html(html) == compacted


@pytest.mark.parametrize(
    "html",
    [
        b"<p><b>one</b> <i>two</i>\n<i>three</i></p>",
        b"<p>Words   inside\n    text</p>",
        b"<p>\xc2\xa0\xc2\xa0<b>no-break spaces</b>&nbsp; <i>x</i></p>",
        b"<div>\x0c\x0c<b>form feeds</b></div>",
    ],
    ids=["one character", "text", "no-break spaces", "form feeds"],
)
def test_what_is_not_a_longer_run_between_tags_is_left_as_it_is(html):
    assert compact_html(html) == html


@pytest.mark.parametrize(
    "kept",
    [
        b"<pre>\n    <b>code</b>\n    <i>more</i>\n</pre>",
        b'<PRE class="x">\n    <b>upper case</b>\n</Pre >',
        b'<textarea name="message">  \n  </textarea>',
        b"<script>\nlet html = '<p>    <b>';\n</script>",
        b"<style>\na >  <b {}\n</style>",
        b"<pre>\n    <b>never closed</b>\n    <i>",
    ],
    ids=["pre", "upper case", "textarea", "script", "style", "never closed"],
)
def test_white_space_inside_elements_that_keep_it_is_left_as_it_is(kept):
    around = b"<div>\n    <p>before</p>\n    " + kept

    assert compact_html(around) == b"<div>\n<p>before</p>\n" + kept


def test_a_preformatted_name_that_only_begins_the_same_is_compacted():
    assert compact_html(b"<pre-view>\n    <b>x</b>\n</pre-view>") == b"<pre-view>\n<b>x</b>\n</pre-view>"


def test_the_site_styles_keep_white_space_nowhere_else():
    """What the transformation relies on: only <pre> and <textarea> show white space as it is typed."""
    for stylesheet in STATIC.rglob("*.css"):
        assert "pre" not in re.findall(r"white-space:\s*([a-z-]+)", stylesheet.read_text()), stylesheet


@pytest.fixture
def about(home, practice):
    purge_page_cache()
    return StandardPageFactory(parent=home, title="About us", slug="about", show_in_menus=True).url


@pytest.mark.parametrize("client", [PageCacheClient, Client], ids=["WSGI layer", "middleware"])
def test_a_page_is_compact_and_the_same_bytes_hit_and_miss(about, client):
    miss = client().get(about)
    hit = client().get(about)

    assert (miss["X-Cache"], hit["X-Cache"]) == ("miss", "hit")
    assert b"<main" in miss.content and not LONG_GAP.search(miss.content)
    assert hit.content == miss.content
    assert int(miss["Content-Length"]) == len(miss.content)
    assert hit["ETag"] == miss["ETag"] == f'"{hashlib.sha256(miss.content).hexdigest()[:32]}"'


def test_a_page_that_is_not_cached_is_compact_too(about, admin_client):
    response = admin_client.get(about)

    assert "X-Cache" not in response
    assert b"<main" in response.content and not LONG_GAP.search(response.content)


def test_the_admin_is_sent_as_wagtail_makes_it(admin_client):
    response = admin_client.get("/admin/")

    assert response.status_code == 200
    assert LONG_GAP.search(response.content)
