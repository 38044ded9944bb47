"""The demo practice's team, clinical reviews, consented gallery and a testimonial; safe to run again."""

import datetime

from django.utils import timezone
from wagtail.models import Locale

from gallery.models import ConsentRecord, GalleryIndexPage, GalleryItem
from team.dates import add_months
from team.models import PractitionerPage, RegistrationBody, TeamIndexPage
from team.services import reviewed_page_models
from testimonials.models import Testimonial
from treatments.models import TreatmentPage

from .images import demo_image
from .treatments import PEELS

PRACTITIONERS = [
    {
        "title": "Dr Amira Shah",
        "slug": "amira-shah",
        "role": "Medical director and aesthetic doctor",
        "credentials": "MBBS, MRCS",
        "registration_body": RegistrationBody.GMC,
        "registration_number": "7012345",
        "photo_alt_text": "Dr Amira Shah smiling in the clinic's treatment room",
        "biography": "<p>Amira trained in surgery before specialising in aesthetic medicine, "
        "and has led the clinic since 2018. She performs all laser and injectable treatments.</p>",
        "colours": ((90, 60, 110), (220, 200, 230)),
    },
    {
        "title": "Tom Reilly",
        "slug": "tom-reilly",
        "role": "Aesthetic nurse prescriber",
        "credentials": "RGN, NMP",
        "registration_body": RegistrationBody.NMC,
        "registration_number": "09A1234E",
        "photo_alt_text": "Tom Reilly, nurse prescriber, in clinic uniform",
        "biography": "<p>Tom is a registered nurse and independent prescriber with ten years' "
        "experience in skin treatments and chemical peels.</p>",
        "colours": ((40, 90, 130), (200, 220, 235)),
    },
]


def team(home):
    """The team page and its two practitioners, created once."""
    index = TeamIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=TeamIndexPage(
                title="Our team",
                slug="team",
                show_in_menus=True,
                intro="Doctors and nurses registered with their professional regulators.",
            )
        )
    people = []
    for details in PRACTITIONERS:
        details = dict(details)
        colours = details.pop("colours")
        existing = PractitionerPage.objects.filter(slug=details["slug"]).first()
        if existing:
            people.append(existing)
            continue
        photo = demo_image(f"Portrait of {details['title']}", colours=colours, size=(800, 800))
        people.append(index.add_child(instance=PractitionerPage(photo=photo, **details)))
    return people


def performers(doctor, nurse):
    """Say who performs each treatment that has nobody yet: the doctor all of them, the nurse peels
    and resurfacing."""
    treatments = TreatmentPage.objects.filter(practitioners__isnull=True).select_related("category")
    for page in treatments.order_by("path"):
        nurse_too = page.category is not None and page.category.slug == PEELS
        page.practitioners.set([doctor, nurse] if nurse_too else [doctor])
        revision = page.save_revision()
        if page.live:
            revision.publish()


def reviews(reviewers):
    """Stamp a review on every reviewed page that has none: the first one overdue, to show the report."""
    today = timezone.localdate()
    first = True
    for model in reviewed_page_models():
        for page in model.objects.filter(last_reviewed__isnull=True).order_by("path"):
            page.reviewed_by = reviewers[0]
            page.last_reviewed = add_months(today, -14 if first else -2)
            page.next_review_due = None  # the practice's interval applies
            revision = page.save_revision()
            if page.live:
                revision.publish()
            first = False


GALLERY = [
    # (title, patient reference, days since consent signed, days consent still runs, caption)
    ("Jawline, 3 sessions", "RA-10231", 60, 670, "Woman in her fifties; mild laxity along the jawline."),
    ("Neck, 4 sessions", "RA-10388", 40, 690, "Man in his sixties; crepey skin on the neck."),
    # Consent ran out yesterday: this item must never appear, and the daily command unpublishes it.
    ("Cheeks, 2 sessions", "RA-09870", 800, -1, "Woman in her forties; early laxity on the cheeks."),
]


def gallery(home):
    """The gallery page and three items, one resting on consent that has expired."""
    if not GalleryIndexPage.objects.exists():
        home.add_child(
            instance=GalleryIndexPage(
                title="Before and after",
                slug="before-and-after",
                show_in_menus=True,
                intro="Photos of real patients, shown with their written consent.",
            )
        )
    treatment = TreatmentPage.objects.get(slug="laser-skin-tightening", locale=Locale.get_default())
    today = timezone.localdate()
    for number, (title, reference, signed_ago, runs_for, caption) in enumerate(GALLERY):
        if GalleryItem.objects.filter(title=title).exists():
            continue
        consent = ConsentRecord.objects.create(
            patient_reference=reference,
            signed_on=today - datetime.timedelta(days=signed_ago),
            expires_on=today + datetime.timedelta(days=runs_for),
            scope_website=True,
        )
        GalleryItem.objects.create(
            title=title,
            treatment=treatment,
            before_image=demo_image(f"{title}: before", colours=((150, 110, 95), (215, 180, 160))),
            before_alt_text=f"{caption} Before treatment.",
            after_image=demo_image(f"{title}: after", colours=((170, 130, 110), (235, 205, 185))),
            after_alt_text=f"{caption} Three months after the final session.",
            sessions=int(title.split(", ")[1].split()[0]),
            time_since_treatment="3 months after the last session",
            caption=caption,
            consent=consent,
            sort_order=number,
        )


def testimonial():
    Testimonial.objects.get_or_create(
        consent_reference="TC-2026-014",
        locale=Locale.get_default(),  # a translation has the same consent
        defaults={
            "quote": "Dr Shah told me plainly what laser tightening could and could not do. "
            "The change is subtle, which is what I wanted.",
            "attribution": "Patient, 58, Southwark",
            "consent_date": timezone.localdate() - datetime.timedelta(days=90),
            "live": True,
        },
    )


def load(home):
    people = team(home)
    performers(*people)
    reviews(people)
    gallery(home)
    testimonial()
