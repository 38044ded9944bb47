"""The demo practice: its details, home page and plain pages."""

import datetime

from wagtail.models import Page, Site

from practice.models import HomePage, PracticeSettings, StandardPage

from .images import demo_image

PRACTICE = {
    "name": "Riverside Aesthetics Clinic",
    "tagline": "Doctor-led skin and aesthetic treatments",
    "phone": "020 7946 0321",
    "email": "hello@riverside-aesthetics.example",
    "street_address": "12 Riverside Walk",
    "locality": "London",
    "postal_code": "SE1 9PP",
    "country": "GB",
    "instagram_url": "https://www.instagram.com/riverside.aesthetics.example/",
    "facebook_url": "https://www.facebook.com/riverside.aesthetics.example/",
}

HOURS = [
    (["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], datetime.time(9), datetime.time(19)),
    (["Saturday"], datetime.time(10), datetime.time(16)),
]


def home_page():
    """The demo home page at the root of the default site, created once."""
    home = HomePage.objects.first()
    if home:
        return home
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title="Home",
            slug="practice-home",
            seo_title="Riverside Aesthetics Clinic: laser and skin treatments in London",
            search_description="Doctor-led laser skin tightening, injectables and peels in London. "
            "Read about each treatment and book a consultation.",
            hero_heading="Skin treatments explained honestly, delivered by doctors",
            hero_text="Understand what each treatment can and cannot do, then talk it through with us.",
            hero_image=demo_image("Treatment room"),
            intro="<p>We are a doctor-led clinic offering non-surgical treatments for skin laxity, "
            "lines and texture. Every treatment starts with a consultation.</p>",
        )
    )
    # Wagtail's installation creates a placeholder page and points the default site at it.
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name=PRACTICE["name"]
        )
    else:
        placeholder = site.root_page
        site.root_page = home
        site.site_name = PRACTICE["name"]
        site.save()
        if placeholder.depth == 2 and placeholder.specific_class is Page:
            placeholder.delete()
    return home


def practice_settings(site):
    """Fill in the practice's details, unless an editor already changed them."""
    details, _ = PracticeSettings.objects.get_or_create(site=site)
    if details.name != PracticeSettings._meta.get_field("name").default:
        return details
    for field, value in PRACTICE.items():
        setattr(details, field, value)
    details.opening_hours = [
        ("hours", {"days": days, "opens": opens, "closes": closes}) for days, opens, closes in HOURS
    ]
    details.save()
    return details


def standard_page(parent, slug, title, intro, paragraphs, show_in_menus=False):
    """A plain page under `parent`, created once."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    body = [("paragraph", "".join(f"<p>{text}</p>" for text in paragraphs))]
    page = StandardPage(
        title=title, slug=slug, intro=intro, body=body, show_in_menus=show_in_menus, search_description=intro
    )
    parent.add_child(instance=page)
    return page


def load():
    home = home_page()
    practice_settings(Site.objects.get(root_page=home))
    standard_page(
        home,
        "about",
        "About us",
        "A doctor-led clinic that explains every treatment before it starts.",
        [
            "Our practitioners are registered doctors and nurses with years of experience in "
            "aesthetic medicine.",
            "We will tell you honestly when a treatment is not right for you.",
        ],
        show_in_menus=True,
    )
    standard_page(
        home,
        "contact",
        "Contact",
        "Call, email or visit us by the river.",
        ["Phone us on 020 7946 0321 or email hello@riverside-aesthetics.example."],
        show_in_menus=True,
    )
    privacy = standard_page(
        home,
        "privacy",
        "Privacy policy",
        "How we look after the details you send us.",
        [
            "We use the details you send through our consultation form only to answer your request.",
            "We keep consultation requests for no longer than we need them and you may ask us to "
            "erase them at any time.",
        ],
    )
    accessibility = standard_page(
        home,
        "accessibility",
        "Accessibility statement",
        "How easy this website is to use, what we have checked and how to tell us about a problem.",
        [
            "We want everyone who visits our website to be able to read about our treatments and "
            "ask for a consultation, whether they use a keyboard, a screen reader, a magnifier or "
            "their voice.",
            "What we check: every page can be used with a keyboard alone, with a visible focus "
            "ring that is never hidden behind anything else; the consultation form says which "
            "answer needs changing and takes you there; buttons, checkboxes and links are large "
            "enough to tap; text can be resized to 200% without losing content; pages load "
            "nothing from other companies. Automated checks (axe) run on every page type before "
            "each change goes live, and we aim to meet WCAG 2.2 level AA.",
            "What we know is not perfect yet: the aftercare leaflets we link to as PDF files were "
            "not written for screen readers. Ask us and we will send the same advice as plain "
            "text or large print.",
            "If something on this site is hard to use, or you need information in another format, "
            "call us on 020 7946 0321 or email hello@riverside-aesthetics.example, and we will "
            "answer within two working days. If you are not happy with our reply, you can contact "
            "the Equality Advisory and Support Service (EASS).",
            "This statement was last reviewed in November 2026.",
        ],
    )
    link_policy_pages(Site.objects.get(root_page=home), privacy=privacy, accessibility=accessibility)
    return home


def link_policy_pages(site, *, privacy, accessibility):
    """Link the privacy notice and the accessibility statement from the footer and the consent
    box, unless an editor already chose pages."""
    details = PracticeSettings.for_site(site)
    if details.privacy_notice_page_id or details.accessibility_statement_page_id:
        return
    details.privacy_notice_page = privacy
    details.accessibility_statement_page = accessibility
    details.save()
