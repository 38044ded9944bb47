"""Where a visitor first arrived from, captured and kept for the consultation form: first touch.

The landing's parameters and external referrer are read from the first page view that shows an
arrival (the middleware) or that a page reports about itself (the form's hidden fields, the cookie
prompt's script), kept in a signed cookie when the configured mode and the visitor allow it, and
handed to the new lead. What they mean is leads.attribution's rule, run when the lead is saved.
"""

from dataclasses import asdict, dataclass, fields
from urllib.parse import parse_qsl, urlsplit

from django.conf import settings
from django.core import signing
from django.core.exceptions import DisallowedHost

from .attribution import (
    CLICK_ID_LENGTH,
    CLICK_IDS,
    EMAIL_TOOL_PARAMS,
    PARAM_LENGTH,
    URL_LENGTH,
    UTM_PARAMS,
    site_host,
)

COOKIE_NAME = "practice_src"
COOKIE_SALT = "leads.attribution"
COOKIE_MAX_AGE = 90 * 24 * 3600
# The visitor's answer to the cookie prompt ("accepted" or "refused"); readable by the prompt's script.
CHOICE_COOKIE_NAME = "practice_cookie_choice"
CHOICE_COOKIE_MAX_AGE = 180 * 24 * 3600
CHOICES = ("accepted", "refused")


@dataclass(frozen=True)
class Attribution:
    """The visitor's first arrival: landing page, external referrer, campaign and click id."""

    landing_page: str = ""
    referrer: str = ""
    utm_source: str = ""
    utm_medium: str = ""
    utm_campaign: str = ""
    utm_term: str = ""
    utm_content: str = ""
    click_id_param: str = ""
    click_id: str = ""

    @classmethod
    def from_landing(cls, *, path, params, referrer):
        """The attribution of a landing on `path` (with its query) with parameters and a Referer
        from another site; None when there is nothing to record (internal navigation, a bookmark)."""
        values = {name: params.get(name, "")[:PARAM_LENGTH] for name in UTM_PARAMS}
        click_id_param = next((name for name in CLICK_IDS if params.get(name)), "")
        has_email_tool = any(params.get(name) for name in EMAIL_TOOL_PARAMS)
        if not referrer and not click_id_param and not has_email_tool and not any(values.values()):
            return None
        return cls(
            landing_page=path[:URL_LENGTH],
            referrer=referrer[:URL_LENGTH],
            click_id_param=click_id_param,
            click_id=params.get(click_id_param, "")[:CLICK_ID_LENGTH] if click_id_param else "",
            **values,
        )

    @classmethod
    def from_dict(cls, data):
        data = dict(data)
        # Cookies set before click ids were generalised hold gclid/fbclid keys.
        for name in ("gclid", "fbclid"):
            if data.get(name) and not data.get("click_id"):
                data.update(click_id_param=name, click_id=data[name])
        limits = {"landing_page": URL_LENGTH, "referrer": URL_LENGTH, "click_id": CLICK_ID_LENGTH}
        values = {
            field.name: str(data.get(field.name, ""))[: limits.get(field.name, PARAM_LENGTH)]
            for field in fields(cls)
        }
        if values["click_id_param"] not in CLICK_IDS:
            values.update(click_id_param="", click_id="")
        return cls(**values)

    def as_dict(self):
        return asdict(self)

    def __bool__(self):
        return any(self.as_dict().values())


def _params(query_dict):
    """One value per name (the first), as a plain dict; repeated parameters do not multiply."""
    return {name: query_dict.get(name, "") for name in query_dict}


def own_host(request):
    """This site's hostname without "www.", or "" when the Host header is not one we serve."""
    try:
        return request.get_host().split(":")[0].lower().removeprefix("www.")
    except DisallowedHost:  # Django answers such requests with a 400 of its own
        return ""


def external_referrer(referrer, request):
    """`referrer` when it is a well-formed URL of another site, else "" (same-site or malformed)."""
    host = site_host(referrer)
    return referrer.strip() if host and host != own_host(request) else ""


def first_touch(request):
    """The attribution of this page view, or None when it shows no arrival from elsewhere."""
    referrer = external_referrer(request.headers.get("Referer", ""), request)
    return Attribution.from_landing(
        path=request.get_full_path(), params=_params(request.GET), referrer=referrer
    )


def landing_from_page(request, *, landing_url, referrer):
    """The attribution a page reports about its own landing (the prompt's script, the form's hidden
    fields): the URL must be one of ours and the referrer another site's, or they are ignored."""
    try:
        parts = urlsplit(landing_url.strip())
    except ValueError:
        return None
    if parts.netloc and site_host(landing_url) != own_host(request):
        return None
    path = parts.path if parts.path.startswith("/") and not parts.path.startswith("//") else ""
    if not path:
        return None
    params = dict(parse_qsl(parts.query))
    full_path = f"{path}?{parts.query}" if parts.query else path
    return Attribution.from_landing(
        path=full_path, params=params, referrer=external_referrer(referrer, request)
    )


def read_cookie(request):
    """The attribution stored in the visitor's cookie, or an empty one when absent or tampered with."""
    value = request.COOKIES.get(COOKIE_NAME)
    if not value:
        return Attribution()
    try:
        return Attribution.from_dict(signing.loads(value, salt=COOKIE_SALT, max_age=COOKIE_MAX_AGE))
    except (signing.BadSignature, TypeError, ValueError, AttributeError):
        return Attribution()


def write_cookie(response, request, attribution):
    response.set_cookie(
        COOKIE_NAME,
        signing.dumps(attribution.as_dict(), salt=COOKIE_SALT, compress=True),
        max_age=COOKIE_MAX_AGE,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def cookie_mode():
    """`always`, `consent` or `never` (settings.LEADS_ATTRIBUTION_COOKIE)."""
    return settings.LEADS_ATTRIBUTION_COOKIE


def may_set_cookie(request):
    """Whether this visitor's attribution may be kept in a cookie, under the configured mode."""
    mode = cookie_mode()
    return mode == "always" or (mode == "consent" and request.COOKIES.get(CHOICE_COOKIE_NAME) == "accepted")


def for_lead(request, *, landing_url, referrer):
    """The attribution a new lead gets: the cookie's first touch when there is a valid one, else
    what the form's page reported about its own landing, else nothing."""
    return (
        read_cookie(request)
        or landing_from_page(request, landing_url=landing_url, referrer=referrer)
        or Attribution()
    )


def record_choice(request, response, *, choice, landing_url, referrer):
    """Remember the visitor's answer to the prompt; on "accepted", keep the landing the page
    reports (unless a valid cookie already holds the first touch); on "refused", drop any cookie."""
    secure = request.is_secure()
    # Readable by the prompt's script (not HttpOnly): it decides whether to show the prompt.
    response.set_cookie(
        CHOICE_COOKIE_NAME, choice, max_age=CHOICE_COOKIE_MAX_AGE, secure=secure, samesite="Lax"
    )
    if choice == "refused":
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
        return
    if not read_cookie(request):
        attribution = landing_from_page(request, landing_url=landing_url, referrer=referrer)
        if attribution is not None:
            write_cookie(response, request, attribution)
