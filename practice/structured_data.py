"""Schema.org structured data (JSON-LD) for the practice and the page trail; pages add their own."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from wagtail.models import Site

from .hours import hours_specification

SCHEMA = "https://schema.org"

# The same escapes as Django's json_script: no "</script>" or HTML entity can end the block early.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def to_json(data):
    """JSON text safe to place inside a <script type="application/ld+json"> element."""
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")).translate(
        _ESCAPES
    )


def absolute_url(url, *, request):
    """`url` made absolute on the current site's root URL, the base canonical URLs use too."""
    if url.startswith(("http://", "https://")):
        return url
    site = Site.find_for_request(request)
    base = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    return base + url


def medical_clinic(practice, *, url):
    """The practice as a MedicalClinic, from its site settings."""
    hours = [
        hours_specification(block.value["days"], block.value["opens"], block.value["closes"])
        for block in practice.opening_hours
    ]
    data = clinic_details(
        practice, name=practice.name, url=url, description=practice.tagline_shown, hours=hours
    )
    same_as = [link for _label, link in practice.social_links]
    if same_as:
        data["sameAs"] = same_as
    return data


def clinic_details(place, *, name, url, description, hours):
    """A MedicalClinic with what the practice and each of its clinics alike give: name, URL,
    description, phone, email, address and opening hours, empty ones left out."""
    data = {"@context": SCHEMA, "@type": "MedicalClinic", "name": name, "url": url}
    optional = {"description": description, "telephone": place.phone, "email": place.email}
    data.update({key: value for key, value in optional.items() if value})
    if place.address_lines:
        data["address"] = postal_address(place)
    if hours:
        data["openingHoursSpecification"] = hours
    return data


def postal_address(place):
    """A PostalAddress from a place's address fields (`PostalAddressFields`), empty parts left out."""
    address = {
        "streetAddress": place.street_address,
        "addressLocality": place.locality,
        "addressRegion": place.region,
        "postalCode": place.postal_code,
        "addressCountry": place.country,
    }
    return {"@type": "PostalAddress", **{key: value for key, value in address.items() if value}}


def breadcrumb_list(pages, *, request):
    """A BreadcrumbList for the trail of pages from the home page down to the current one."""
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": page.title,
                "item": page.get_full_url(request),
            }
            for position, page in enumerate(pages, start=1)
        ],
    }
