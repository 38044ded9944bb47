"""The practice's clinics: pages, opening hours, closures, photos and prices."""

from .hours import ClinicOpeningHours, ClinicSpecialHours
from .pages import ClinicIndexPage, ClinicPage, ClinicPhoto, PriceListPage
from .prices import ClinicPrice

__all__ = [
    "ClinicIndexPage",
    "ClinicOpeningHours",
    "ClinicPage",
    "ClinicPhoto",
    "ClinicPrice",
    "ClinicSpecialHours",
    "PriceListPage",
]
