"""Schema.org structured data (JSON-LD) for a clinic: a MedicalClinic of the practice."""

from practice.models import PracticeSettings
from practice.structured_data import absolute_url, clinic_details


def clinic(page, *, request):
    """A clinic as a MedicalClinic with its own address, position and hours (weekly, then closures
    and special hours), the practice as the organisation it belongs to."""
    practice = PracticeSettings.for_request(request)
    hours = [row.specification for _day, rows in page.weekly_hours for row in rows]
    hours += [row.specification for row in page.upcoming_special_hours]
    data = clinic_details(
        page, name=page.title, url=page.get_full_url(request), description=page.intro, hours=hours
    )
    if page.latitude is not None and page.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(page.latitude),
            "longitude": float(page.longitude),
        }
    if page.shown_photos:
        data["image"] = [
            absolute_url(photo.image.get_rendition("fill-1200x630|format-jpeg").url, request=request)
            for photo in page.shown_photos
        ]
    data["parentOrganization"] = {
        "@type": "MedicalClinic",
        "name": practice.name,
        "url": absolute_url("/", request=request),
    }
    return data
