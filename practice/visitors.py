"""What a request's User-Agent says about the visitor's device: the one rule for leads and page counts.

Only the class is kept (never the User-Agent itself), so a report can compare phones with desktops
without storing anything that narrows down a person.
"""

import functools

from django.db import models

# Browsers send ~150 characters; a longer header is cut before it is read, so a 10 KB one costs nothing.
USER_AGENT_LENGTH = 512


class Device(models.TextChoices):
    MOBILE = "mobile", "Phone"
    TABLET = "tablet", "Tablet"
    DESKTOP = "desktop", "Desktop"


def device_class(user_agent):
    return _device_class(user_agent[:USER_AGENT_LENGTH])


@functools.lru_cache(maxsize=1024)
def _device_class(user_agent):
    # Read once per distinct header: the same few browsers send nearly every request.
    if (
        "iPad" in user_agent
        or "Tablet" in user_agent
        or ("Android" in user_agent and "Mobile" not in user_agent)
    ):
        return Device.TABLET
    if "Mobi" in user_agent or "iPhone" in user_agent:
        return Device.MOBILE
    return Device.DESKTOP
