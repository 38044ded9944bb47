"""The demo practice's two clinics, Marylebone and Richmond, with their hours, a closure next month,
photos and prices, the price lists and the times each offers consultations; safe to run again."""

import datetime
from decimal import Decimal

from django.utils import timezone
from wagtail.models import Locale

from appointments.models import ConsultationAvailability, ConsultationTimes
from clinics.models import (
    ClinicIndexPage,
    ClinicOpeningHours,
    ClinicPage,
    ClinicPhoto,
    ClinicPrice,
    ClinicSpecialHours,
    PriceListPage,
)
from treatments.models import TreatmentPage

from .images import demo_image
from .writing import child, publish

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]

CLINICS = [
    {
        "title": "Marylebone",
        "slug": "marylebone",
        "intro": "Our central London clinic, a short walk from Baker Street.",
        "phone": "020 7946 0455",
        "email": "marylebone@riverside-aesthetics.example",
        "street_address": "41 Harley Place",
        "locality": "London",
        "postal_code": "W1G 8QT",
        "latitude": Decimal("51.520180"),
        "longitude": Decimal("-0.147590"),
        "directions": "The blue door beside the pharmacy; reception is on the ground floor.",
        "transport": "Baker Street and Regent's Park stations are both a six-minute walk away.",
        "parking": "Pay-by-phone bays on Harley Place; no parking at the clinic.",
        "accessibility": "Step-free entrance and treatment rooms on the ground floor; an accessible toilet.",
        "hours": [(day, datetime.time(9), datetime.time(19)) for day in WEEKDAYS]
        + [("Saturday", datetime.time(10), datetime.time(16))],
        "prices": [
            ("laser-skin-tightening", Decimal("300"), True, "per session"),
            ("chemical-peel", Decimal("120"), False, "per peel"),
            ("microneedling", Decimal("250"), False, "per session"),
        ],
        "colours": ((60, 90, 140), (214, 224, 240)),
        # Two consultation rooms; no consultations over lunch.
        "consultations": {
            "places": 2,
            "times": [(day, datetime.time(10), datetime.time(13)) for day in WEEKDAYS]
            + [(day, datetime.time(14), datetime.time(18)) for day in WEEKDAYS]
            + [("Saturday", datetime.time(10), datetime.time(15))],
        },
    },
    {
        "title": "Richmond",
        "slug": "richmond",
        "intro": "Our riverside clinic in Richmond, with parking close by.",
        "phone": "020 8946 0177",
        "email": "richmond@riverside-aesthetics.example",
        "street_address": "7 Hill Rise",
        "locality": "Richmond",
        "region": "Surrey",
        "postal_code": "TW10 6UQ",
        "latitude": Decimal("51.457480"),
        "longitude": Decimal("-0.303610"),
        "directions": "At the top of Hill Rise, opposite the bookshop; the clinic is on the first floor.",
        "transport": "Richmond station (District line, Overground and trains from Waterloo) is ten minutes away.",
        "parking": "Paradise Road car park, five minutes' walk.",
        "accessibility": "A lift to the first floor; tell us if you need help on arrival.",
        "hours": [
            ("Tuesday", datetime.time(10), datetime.time(18)),
            ("Wednesday", datetime.time(10), datetime.time(18)),
            ("Thursday", datetime.time(12), datetime.time(20)),
            ("Friday", datetime.time(10), datetime.time(18)),
            ("Saturday", datetime.time(9), datetime.time(13)),
        ],
        "prices": [
            ("laser-skin-tightening", Decimal("280"), True, "per session"),
            ("chemical-peel", Decimal("110"), False, "per peel"),
            ("radiofrequency-body-tightening", None, False, ""),
        ],
        "colours": ((150, 110, 60), (244, 230, 206)),
        "consultations": {
            "places": 1,
            "times": [
                ("Tuesday", datetime.time(10), datetime.time(17)),
                ("Wednesday", datetime.time(10), datetime.time(17)),
                ("Thursday", datetime.time(13), datetime.time(19, 30)),
                ("Friday", datetime.time(10), datetime.time(17)),
                ("Saturday", datetime.time(9), datetime.time(12, 30)),
            ],
        },
    },
]


def next_month_day(today, day):
    """`day` of the month after `today`'s."""
    first_of_next = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return first_of_next.replace(day=day)


def clinic(index, spec, today):
    existing = child(index, spec["slug"])
    if existing:
        return existing
    spec = dict(spec)
    hours, prices, colours = spec.pop("hours"), spec.pop("prices"), spec.pop("colours")
    spec.pop("consultations")
    treatments = {
        page.slug: page
        for page in TreatmentPage.objects.filter(slug__in=[p[0] for p in prices], locale=Locale.get_default())
    }
    page = ClinicPage(search_description=spec["intro"], **spec)
    page.opening_hours = [
        ClinicOpeningHours(weekday=day, opens=opens, closes=closes) for day, opens, closes in hours
    ]
    page.photos = [
        ClinicPhoto(
            image=demo_image(f"{spec['title']} clinic reception", colours=colours),
            alt_text=f"The reception desk at our {spec['title']} clinic, with two armchairs",
        )
    ]
    page.prices = [
        ClinicPrice(treatment=treatments[slug], price=price, is_from_price=is_from, note=note)
        for slug, price, is_from, note in prices
        if slug in treatments
    ]
    closure = next_month_day(today, 15 if spec["slug"] == "marylebone" else 3)
    special_hours = [ClinicSpecialHours(reason="Staff training", starts=closure, ends=closure)]
    if spec["slug"] == "richmond":
        christmas_eve = datetime.date(today.year, 12, 24)
        special_hours.append(
            ClinicSpecialHours(
                reason="Christmas Eve",
                starts=christmas_eve,
                ends=christmas_eve,
                closed=False,
                opens=datetime.time(10),
                closes=datetime.time(14),
            )
        )
    page.special_hours = special_hours
    return publish(index, page)


def consultations(page, spec):
    """Half-hour consultations within the clinic's opening hours, bookable 2 days to 6 weeks ahead."""
    if ConsultationAvailability.objects.filter(clinic=page).exists():
        return
    availability = ConsultationAvailability(clinic=page, places=spec["places"])
    availability.times = [
        ConsultationTimes(weekday=day, starts=starts, ends=ends) for day, starts, ends in spec["times"]
    ]
    availability.save()


def price_list(parent, slug, title, intro):
    return child(parent, slug) or publish(
        parent, PriceListPage(title=title, slug=slug, intro=intro, search_description=intro)
    )


def load(home):
    index = child(home, "clinics") or publish(
        home,
        ClinicIndexPage(
            title="Our clinics",
            slug="clinics",
            show_in_menus=True,
            intro="Two clinics in London, each with its own hours and team at the front desk.",
            search_description="Our clinics in Marylebone and Richmond: addresses, opening hours and how to get there.",
        ),
    )
    today = timezone.localdate()
    clinics = [clinic(index, spec, today) for spec in CLINICS]
    for page, spec in zip(clinics, CLINICS, strict=True):
        consultations(page, spec["consultations"])
    price_list(index, "prices", "Prices", "What each treatment costs at each of our clinics.")
    for page in clinics:
        price_list(
            page,
            "prices",
            f"Prices at {page.title}",
            f"What each treatment costs at our {page.title} clinic.",
        )
