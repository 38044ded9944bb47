"""First-touch attribution: where a visitor first arrived from, kept in a signed first-party cookie."""

from dataclasses import asdict, dataclass, fields
from urllib.parse import urlsplit

from django.core import signing

COOKIE_NAME = "practice_src"
COOKIE_SALT = "leads.attribution"
COOKIE_MAX_AGE = 90 * 24 * 3600
CAMPAIGN_PARAMS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "gclid", "fbclid")
# Values are cut to these lengths so the cookie stays well under the 4 KB browsers accept.
URL_LENGTH = 1000
PARAM_LENGTH = 200


@dataclass(frozen=True)
class Attribution:
    """The visitor's first arrival: landing page, referrer and campaign parameters."""

    landing_page: str = ""
    referrer: str = ""
    utm_source: str = ""
    utm_medium: str = ""
    utm_campaign: str = ""
    utm_term: str = ""
    utm_content: str = ""
    gclid: str = ""
    fbclid: str = ""

    @classmethod
    def from_dict(cls, data):
        names = {field.name for field in fields(cls)}
        return cls(**{key: str(value) for key, value in data.items() if key in names})

    def as_dict(self):
        return asdict(self)


def external_referrer(request):
    """The Referer header when it points at another site, else an empty string."""
    referrer = request.headers.get("Referer", "")
    try:
        host = urlsplit(referrer).netloc
    except ValueError:
        return ""
    return referrer[:URL_LENGTH] if host and host != request.get_host() else ""


def first_touch(request):
    """The attribution of this request when it carries campaign parameters or an external referrer."""
    params = {name: request.GET.get(name, "")[:PARAM_LENGTH] for name in CAMPAIGN_PARAMS}
    referrer = external_referrer(request)
    if not referrer and not any(params.values()):
        return None
    return Attribution(landing_page=request.get_full_path()[:URL_LENGTH], referrer=referrer, **params)


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
