"""Grade response headers the way Mozilla's HTTP Observatory does, offline.

The rules are the Observatory's published scoring table (httpobs/docs/scoring.md in
mozilla/http-observatory): start at 100, add each test's modifier, and count bonuses (positive
modifiers) only when the score without them is 90 or more. Tests that need the internet (HSTS and
HPKP preload lists) or files we do not serve (contribute.json, crossdomain.xml) are left out; the
X-XSS-Protection test is not scored by the current Observatory and is left out too.

    python bench/observatory.py https://clinic.example/ https://clinic.example/admin/login/
    python bench/observatory.py http://127.0.0.1:8000/ --forwarded-https   (behind no TLS proxy)
"""

import http.client
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

GRADES = [
    (100, "A+"),
    (90, "A"),
    (85, "A-"),
    (80, "B+"),
    (70, "B"),
    (65, "B-"),
    (60, "C+"),
    (50, "C"),
    (45, "C-"),
    (40, "D+"),
    (30, "D"),
    (25, "D-"),
    (0, "F"),
]
SIX_MONTHS = 15_768_000
PRIVATE_REFERRER = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}


@dataclass
class Report:
    """Each test's result and modifier, and the score and grade they add up to."""

    results: list = field(default_factory=list)

    def add(self, test, result, modifier):
        self.results.append((test, result, modifier))

    @property
    def score(self):
        base = 100 + sum(modifier for _, _, modifier in self.results if modifier < 0)
        bonus = sum(modifier for _, _, modifier in self.results if modifier > 0)
        return max(0, base + bonus if base >= 90 else base)

    @property
    def grade(self):
        return next(grade for floor, grade in GRADES if self.score >= floor)


def parse_csp(header):
    policy = {}
    for part in header.split(";"):
        if part.strip():
            name, *sources = part.split()
            policy.setdefault(name.lower(), [source.lower() for source in sources])
    return policy


def csp_test(headers):
    header = headers.get("content-security-policy")
    if not header:
        return "csp-not-implemented", -25
    policy = parse_csp(header)
    default = policy.get("default-src")
    script = policy.get("script-src", default)
    style = policy.get("style-src", default)
    object_src = policy.get("object-src", default)
    broad = {"*", "http:", "https:", "data:"}
    if script is None or object_src is None:
        return "csp-implemented-with-unsafe-inline", -20
    if "'unsafe-inline'" in script or broad & set(script) or broad & set(object_src):
        return "csp-implemented-with-unsafe-inline", -20
    if "'unsafe-eval'" in script:
        return "csp-implemented-with-unsafe-eval", -10
    if any(source.startswith("http:") for sources in policy.values() for source in sources):
        return "csp-implemented-with-insecure-scheme", -20
    if style and ("'unsafe-inline'" in style or broad & set(style)):
        return "csp-implemented-with-unsafe-inline-in-style-src-only", 0
    if default == ["'none'"]:
        return "csp-implemented-with-no-unsafe-default-src-none", 10
    return "csp-implemented-with-no-unsafe", 5


def cookies_test(set_cookies, hsts):
    if not set_cookies:
        return "cookies-not-found", 0
    all_samesite = True
    for cookie in set_cookies:
        name = cookie.split("=", 1)[0].strip().lower()
        attributes = {part.strip().split("=")[0].lower(): part.strip() for part in cookie.split(";")[1:]}
        session = "session" in name
        if session and "httponly" not in attributes:
            return "cookies-session-without-httponly-flag", -30
        if "secure" not in attributes:
            if session:
                return (
                    ("cookies-session-without-secure-flag-but-protected-by-hsts", -10)
                    if hsts
                    else (
                        "cookies-session-without-secure-flag",
                        -40,
                    )
                )
            return (
                ("cookies-without-secure-flag-but-protected-by-hsts", -5)
                if hsts
                else ("cookies-without-secure-flag", -20)
            )
        samesite = attributes.get("samesite", "").split("=")[-1].lower()
        if "samesite" in attributes and samesite not in ("strict", "lax"):
            return "cookies-samesite-flag-invalid", -20
        all_samesite &= "samesite" in attributes
    if all_samesite:
        return "cookies-secure-with-httponly-sessions-and-samesite", 5
    return "cookies-secure-with-httponly-sessions", 0


def cors_test(headers):
    if headers.get("access-control-allow-origin", "").strip() == "*":
        return "cross-origin-resource-sharing-implemented-with-public-access", 0
    if headers.get("access-control-allow-origin"):
        return "cross-origin-resource-sharing-implemented-with-restricted-access", 0
    return "cross-origin-resource-sharing-not-implemented", 0


def hsts_test(headers):
    header = headers.get("strict-transport-security")
    if not header:
        return "hsts-not-implemented", -20
    match = re.search(r"max-age=\"?(\d+)", header, re.IGNORECASE)
    if not match:
        return "hsts-header-invalid", -20
    if int(match.group(1)) < SIX_MONTHS:
        return "hsts-implemented-max-age-less-than-six-months", -10
    return "hsts-implemented-max-age-at-least-six-months", 0


def redirection_test(http_status, http_location, host):
    if http_status is None:
        return "redirection-not-needed-no-http", 0
    if http_status not in (301, 302, 307, 308) or not http_location:
        return "redirection-missing", -20
    target = urlsplit(http_location)
    if target.scheme != "https":
        return "redirection-not-to-https-on-initial-redirection", -10
    if target.hostname != host:
        return "redirection-off-host-from-http", -5
    return "redirection-to-https", 0


def referrer_test(headers):
    header = headers.get("referrer-policy")
    if not header:
        return "referrer-policy-not-implemented", 0
    values = {value.strip().lower() for value in header.split(",")}
    if values & PRIVATE_REFERRER:
        return "referrer-policy-private", 5
    if values & {"origin", "origin-when-cross-origin", "unsafe-url"}:
        return "referrer-policy-unsafe", -5
    if "no-referrer-when-downgrade" in values:
        return "referrer-policy-no-referrer-when-downgrade", 0
    return "referrer-policy-header-invalid", -5


class ScriptTags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))


def sri_test(headers, body, host):
    if "html" not in headers.get("content-type", ""):
        return "sri-not-implemented-response-not-html", 0
    parser = ScriptTags()
    parser.feed(body)
    external = [
        script
        for script in parser.scripts
        if script.get("src") and urlsplit(script["src"]).hostname not in (None, host)
    ]
    if not parser.scripts:
        return "sri-not-implemented-but-no-scripts-loaded", 0
    if not external:
        return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0
    if all(script.get("integrity") for script in external):
        if all(script["src"].startswith("https:") for script in external):
            return "sri-implemented-and-external-scripts-loaded-securely", 5
        return "sri-implemented-but-external-scripts-not-loaded-securely", -20
    if all(script["src"].startswith("https:") for script in external):
        return "sri-not-implemented-but-external-scripts-loaded-securely", -5
    return "sri-not-implemented-and-external-scripts-not-loaded-securely", -50


def content_type_options_test(headers):
    header = headers.get("x-content-type-options")
    if not header:
        return "x-content-type-options-not-implemented", -5
    if header.strip().lower() == "nosniff":
        return "x-content-type-options-nosniff", 0
    return "x-content-type-options-header-invalid", -5


def frame_options_test(headers):
    csp = parse_csp(headers.get("content-security-policy", ""))
    if "frame-ancestors" in csp:
        return "x-frame-options-implemented-via-csp", 5
    header = headers.get("x-frame-options", "").strip().upper()
    if not header:
        return "x-frame-options-not-implemented", -20
    if header in ("DENY", "SAMEORIGIN"):
        return "x-frame-options-sameorigin-or-deny", 0
    if header.startswith("ALLOW-FROM"):
        return "x-frame-options-allow-from-origin", 0
    return "x-frame-options-header-invalid", -20


def grade(headers, set_cookies, body, host, http_status=None, http_location=None):
    """Score one HTTPS response. `headers` maps lower-case names to values."""
    headers = {name.lower(): value for name, value in headers.items()}
    hsts = "strict-transport-security" in headers
    report = Report()
    for test, (result, modifier) in [
        ("content-security-policy", csp_test(headers)),
        ("cookies", cookies_test(set_cookies, hsts)),
        ("cross-origin-resource-sharing", cors_test(headers)),
        ("redirection", redirection_test(http_status, http_location, host)),
        ("referrer-policy", referrer_test(headers)),
        ("strict-transport-security", hsts_test(headers)),
        ("subresource-integrity", sri_test(headers, body, host)),
        ("x-content-type-options", content_type_options_test(headers)),
        ("x-frame-options", frame_options_test(headers)),
    ]:
        report.add(test, result, modifier)
    return report


def fetch(url, forwarded_https, host):
    parts = urlsplit(url)
    connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = connection_class(parts.hostname, parts.port, timeout=30)
    headers = {"Host": host}
    if forwarded_https:
        headers["X-Forwarded-Proto"] = "https"
    connection.request("GET", parts.path or "/", headers=headers)
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    all_headers = response.getheaders()
    connection.close()
    cookies = [value for name, value in all_headers if name.lower() == "set-cookie"]
    return response.status, dict(all_headers), cookies, body


def main(argv):
    forwarded = "--forwarded-https" in argv
    host_args = [arg for arg in argv if arg.startswith("--host=")]
    urls = [arg for arg in argv if not arg.startswith("--")]
    worst = 135
    for url in urls:
        host = host_args[0].split("=", 1)[1] if host_args else urlsplit(url).hostname
        status, headers, cookies, body = fetch(url, forwarded, host)
        # The same path over plain HTTP, as a visitor typing the bare domain would arrive.
        http_url = url.replace("https://", "http://", 1)
        http_status, http_headers, _, _ = fetch(http_url, False, host)
        location = {name.lower(): value for name, value in http_headers.items()}.get("location")
        report = grade(headers, cookies, body, host, http_status, location)
        print(f"{url}  (HTTP {status})  score {report.score}  grade {report.grade}")
        for test, result, modifier in report.results:
            print(f"    {modifier:+4d}  {test:32s} {result}")
        worst = min(worst, report.score)
    return 0 if worst >= 100 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
