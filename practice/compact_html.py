"""Public pages sent without the indentation between their tags.

Templates are indented for their readers; a browser collapses each run of white space to one space
anyway. So each run between two tags becomes one line break, or one space where it held no line
break: the page renders exactly as before (the white space is shortened, never removed, so no word
or inline element moves) and keeps a line per block for whoever reads its source. Nothing changes
inside <pre>, <textarea>, <script> or <style>, whose white space is kept as it is; the site's CSS
sets no `white-space: pre` anywhere else (tests/practice/test_compact_html.py checks both).

One transformation where responses leave Django, below the page cache: the page it stores and the
page a miss or an uncached visitor gets are the same bytes. The admin is left as Wagtail makes it.
"""

import functools
import re

from django.urls import reverse

# Runs that shorten: one holding a line break (\r is one to HTML's parser) with more white space,
# and two or more spaces and tabs. Form feeds are left alone: CSS does not collapse them.
GAP_WITH_LINE_BREAK = re.compile(rb">(?:[ \t]+[\n\r]|[\n\r][ \t\n\r])[ \t\n\r]*<")
GAP_OF_SPACES = re.compile(rb">[ \t]{2,}<")
WHITE_SPACE_KEPT_START = re.compile(rb"<(pre|textarea|script|style)[ \t\n\r\f/>]", re.IGNORECASE)
WHITE_SPACE_KEPT_END = {
    name: re.compile(rb"</" + name + rb"(?=[ \t\n\r\f/>])", re.IGNORECASE)
    for name in (b"pre", b"textarea", b"script", b"style")
}


def compact_html(content):
    """`content` (HTML, bytes) with each run of white space between tags shortened to one character,
    outside the elements that keep their white space."""
    pieces, start = [], 0
    while kept := WHITE_SPACE_KEPT_START.search(content, start):
        # Kept: from the element's name to its end tag's name, so the brackets around it stay in
        # the pieces compacted on either side, with the white space before and after the element.
        end = WHITE_SPACE_KEPT_END[kept[1].lower()].search(content, kept.end())
        kept_until = end.end() if end else len(content)  # never closed: the rest is its content
        pieces += compact_gaps(content[start : kept.start() + 1]), content[kept.start() + 1 : kept_until]
        start = kept_until
    pieces.append(compact_gaps(content[start:]))
    return b"".join(pieces)


def compact_gaps(html):
    return GAP_OF_SPACES.sub(b"> <", GAP_WITH_LINE_BREAK.sub(b">\n<", html))


@functools.cache
def admin_prefix():
    return reverse("wagtailadmin_home")


def is_compacted(request, response):
    """Whether this response is a page the public sees, whole and uncompressed."""
    return (
        response.get("Content-Type", "").startswith("text/html")
        and not response.streaming
        and not response.has_header("Content-Encoding")
        and not request.path_info.startswith(admin_prefix())
    )


class CompactHtmlMiddleware:
    """Compacts the HTML pages Django sends the public (compact_html); just below the page cache in
    MIDDLEWARE, so the cache stores what it made."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_compacted(request, response):
            response.content = compact_html(response.content)
            if response.has_header("Content-Length"):  # set by CommonMiddleware, below this one
                response["Content-Length"] = str(len(response.content))
        return response
