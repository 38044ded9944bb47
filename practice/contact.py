"""How to reach the practice, for error pages: shown even when the database cannot be read.

Error pages (500, refused requests, a request that could not be saved) must tell a patient whom
to call at exactly the moment the database may be down, so they never read it. They read:
1. the details this process last read from the database (`remember`, on every successful read), or
2. a small JSON snapshot at PRACTICE_CONTACT_SNAPSHOT, written whenever the details are saved,
   by `load_demo`, and by `manage.py write_contact_snapshot` at deploy, or
3. nothing: the page then still says to telephone the practice, without a number.
"""

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ContactDetails:
    """The practice's name, phone, email and opening hours as ("Monday, Tuesday", "09:00 to 17:00")."""

    name: str = ""
    phone: str = ""
    email: str = ""
    opening_hours: tuple = field(default_factory=tuple)

    @property
    def phone_href(self):
        return phone_href(self.phone)


def phone_href(phone):
    """A tel: link for a number written as patients dial it, spaces and brackets dropped."""
    return "tel:" + "".join(ch for ch in phone if ch.isdigit() or ch == "+")


_last_read = None


def details_of(practice):
    """The contact details of a PracticeSettings, in the form error pages show them."""
    return ContactDetails(
        name=practice.name,
        phone=practice.phone,
        email=practice.email,
        opening_hours=tuple(
            (", ".join(block.value["days"]), f"{block.value['opens']:%H:%M} to {block.value['closes']:%H:%M}")
            for block in practice.opening_hours
        ),
    )


def remember(practice):
    """Keep `practice`'s details as this process's last good read; returns `practice`."""
    global _last_read  # noqa: PLW0603  # one copy per process, replaced whole
    _last_read = details_of(practice)
    return practice


def write_snapshot(practice):
    """Remember `practice`'s details and write them to the snapshot file, atomically."""
    remember(practice)
    path = Path(settings.PRACTICE_CONTACT_SNAPSHOT)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write then rename: a reader never sees half a file.
    with tempfile.NamedTemporaryFile("w", dir=path.parent, suffix=".tmp", delete=False) as file:
        json.dump(asdict(_last_read), file)
    os.replace(file.name, path)
    return path


def read_snapshot():
    """The details in the snapshot file, or empty ones if it is missing or unreadable."""
    try:
        data = json.loads(Path(settings.PRACTICE_CONTACT_SNAPSHOT).read_text())
        return ContactDetails(
            name=str(data.get("name", "")),
            phone=str(data.get("phone", "")),
            email=str(data.get("email", "")),
            opening_hours=tuple((str(days), str(hours)) for days, hours in data.get("opening_hours", [])),
        )
    except (OSError, ValueError, TypeError, AttributeError) as error:
        logger.warning("No practice contact snapshot to show: %s", type(error).__name__)
        return ContactDetails()


def current():
    """The practice's contact details without touching the database."""
    return _last_read or read_snapshot()


def error_response(template_name, status, context=None):
    """An error page that reads no more than `current()`: rendered without the request, so no
    context processor (user, site settings) can reach the database."""
    html = render_to_string(template_name, {"contact": current(), **(context or {})})
    return HttpResponse(html, status=status)
