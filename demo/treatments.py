"""The demo practice's treatments and articles, with laser skin tightening written in full."""

import datetime
import json

from wagtail.models import Locale

from practice.models import HomePageFeaturedItem
from treatments.models import (
    ArticleIndexPage,
    ArticlePage,
    TreatmentCategory,
    TreatmentIndexPage,
    TreatmentPage,
)

from .images import demo_image
from .writing import child, faq, heading, image, paragraphs, publish

LASER_FAQ = [
    (
        "Is laser skin tightening permanent?",
        "Not for ever. The new collagen it prompts can keep skin firmer for years, but no treatment stops "
        "the skin from ageing, so we suggest occasional maintenance sessions to hold on to the result.",
    ),
    (
        "How many sessions will I need?",
        "Most people need between two and five. The number depends on what you hope to achieve, how much "
        "the skin has loosened and the laser we use; we agree a plan at your consultation.",
    ),
    (
        "Is there any downtime?",
        "Usually very little. How much depends on the device and how intensive the treatment is; we will "
        "tell you what to expect for your plan before we start.",
    ),
    (
        "Does it involve surgery, needles or an anaesthetic?",
        "No. The treatment is done in our clinic without incisions, anaesthesia or stitches, and it leaves "
        "no scars.",
    ),
    (
        "How does the laser tighten skin?",
        "It gently heats the dermis, the collagen-rich layer under the surface. The skin repairs that "
        "controlled warming by making fresh collagen and elastin, which firms it from within.",
    ),
]

SKIN_TIGHTENING, INJECTABLES, PEELS = "skin-tightening", "injectables", "peels-and-resurfacing"
# (slug, name, description) in the order the treatments index lists them.
CATEGORIES = [
    (SKIN_TIGHTENING, "Skin tightening", "Firmer skin on the face and body without surgery."),
    (INJECTABLES, "Injectables", "Treatments given by injection, by a doctor."),
    (PEELS, "Peels and resurfacing", "Smoother, brighter skin by renewing its surface."),
]

OTHER_TREATMENTS = [
    {
        "slug": "anti-wrinkle-injections",
        "title": "Anti-wrinkle injections",
        "category": INJECTABLES,
        "procedure_type": TreatmentPage.ProcedureType.PERCUTANEOUS,
        "summary": "Small injections that relax the muscles behind expression lines on the forehead and "
        "around the eyes.",
        "facts": {"sessions": "1, repeated as the effect fades", "session_length": "About 15 minutes"},
        "text": "A doctor injects tiny amounts of a muscle relaxant into chosen muscles, softening the "
        "lines they cause. The effect builds over a couple of weeks and wears off gradually.",
        "faq": [
            (
                "When will I see a difference?",
                "Usually within a few days, with the full effect after about two weeks.",
            )
        ],
        "colours": ((120, 72, 96), (236, 210, 222)),
    },
    {
        "slug": "chemical-peel",
        "title": "Chemical peel",
        "category": PEELS,
        "procedure_type": TreatmentPage.ProcedureType.NONINVASIVE,
        "summary": "A solution applied to the skin that lifts away dull surface cells to even out tone and "
        "texture.",
        "facts": {"sessions": "Often a short course", "downtime": "From none to about a week, by peel depth"},
        "text": "We choose the strength of the peel for your skin and your goals. Lighter peels brighten "
        "with little or no flaking; deeper ones do more and need more recovery.",
        "faq": [
            (
                "Will my skin peel visibly?",
                "With light peels there may be only mild flaking; deeper peels cause more noticeable peeling "
                "for several days.",
            )
        ],
        "colours": ((164, 104, 46), (246, 226, 196)),
    },
    {
        "slug": "microneedling",
        "title": "Microneedling",
        "category": PEELS,
        "procedure_type": TreatmentPage.ProcedureType.PERCUTANEOUS,
        "summary": "Fine needles make tiny channels in the skin to encourage renewal, helping with texture "
        "and some scarring.",
        "facts": {"sessions": "Usually a course of several", "downtime": "Redness for a day or two"},
        "text": "A device with very fine needles passes over numbed skin. The skin's repair response "
        "gradually improves its texture over the following weeks.",
        "faq": [
            ("Does microneedling hurt?", "We apply a numbing cream first; most people feel only pressure.")
        ],
        "colours": ((46, 82, 140), (204, 220, 244)),
    },
    {
        "slug": "radiofrequency-body-tightening",
        "title": "Radiofrequency body tightening",
        "category": SKIN_TIGHTENING,
        "procedure_type": TreatmentPage.ProcedureType.NONINVASIVE,
        "summary": "Radiofrequency energy warms the skin of the abdomen, arms or thighs to help firm areas "
        "that have loosened.",
        "facts": {"sessions": "Usually a course of several", "downtime": "None for most people"},
        "text": "A handpiece delivers controlled warmth into the deeper skin, which responds by producing "
        "new collagen. Changes appear gradually over a few months.",
        "faq": [
            (
                "Is it a weight-loss treatment?",
                "No. It aims to firm loose skin; it does not replace diet and exercise for losing weight.",
            )
        ],
        "colours": ((58, 112, 64), (212, 236, 208)),
    },
]


def index_pages(home):
    treatments = child(home, "treatments") or publish(
        home,
        TreatmentIndexPage(
            title="Treatments",
            slug="treatments",
            show_in_menus=True,
            intro="Every treatment we offer, what it involves and what it can realistically achieve.",
            search_description="Laser, injectable, peel and body treatments at our doctor-led London clinic.",
        ),
    )
    articles = child(home, "articles") or publish(
        home,
        ArticleIndexPage(
            title="Articles",
            slug="articles",
            show_in_menus=True,
            intro="Straight answers to the questions patients ask us most.",
            search_description="Articles that answer patients' questions about skin treatments.",
        ),
    )
    return treatments, articles


def categories():
    """The demo's treatment categories by slug, made once (an editor may have renamed them since),
    in English: each language's copy has the same slug."""
    found = {}
    for position, (slug, name, description) in enumerate(CATEGORIES, start=1):
        found[slug], _ = TreatmentCategory.objects.get_or_create(
            slug=slug,
            locale=Locale.get_default(),
            defaults={"name": name, "description": description, "sort_order": position},
        )
    return found


def other_treatment(index, spec, category):
    existing = child(index, spec["slug"])
    if existing:
        return existing
    picture = demo_image(spec["title"], colours=spec["colours"])
    return publish(
        index,
        TreatmentPage(
            title=spec["title"],
            slug=spec["slug"],
            category=category,
            procedure_type=spec["procedure_type"],
            summary=spec["summary"],
            search_description=spec["summary"],
            hero_image=picture,
            **spec["facts"],
            body=json.dumps([paragraphs(spec["text"]), faq(*spec["faq"])]),
        ),
    )


def laser_skin_tightening(index, related, category):
    existing = child(index, "laser-skin-tightening")
    if existing:
        return existing
    hero = demo_image("Laser skin tightening")
    treatment_room = demo_image("Laser treatment room", colours=((70, 60, 110), (220, 214, 240)))
    page = TreatmentPage(
        title="Laser skin tightening",
        slug="laser-skin-tightening",
        seo_title="Laser skin tightening in London: how it works and how long it lasts",
        search_description="Non-surgical laser skin tightening: how it firms loose skin, how many sessions "
        "you need, downtime and how long results last.",
        category=category,
        procedure_type=TreatmentPage.ProcedureType.NONINVASIVE,
        summary="A non-surgical way to firm and lift loose skin: laser light warms the deeper skin so it "
        "rebuilds collagen, with little or no time off afterwards.",
        hero_image=hero,
        sessions="2 to 5",
        session_length="Depends on the area; we confirm it at consultation",
        downtime="Minimal for most people",
        results_last="Years, kept up with maintenance sessions; not permanent",
        body=json.dumps(
            [
                heading("What is laser skin tightening?"),
                paragraphs(
                    "It is a treatment for skin that has started to sag, crease or fold. Instead of "
                    "surgery it uses laser energy, so there are no cuts, no anaesthetic and no scars, and "
                    "it is carried out here in the clinic.",
                    "How much downtime you have depends on the laser and on how intensive the treatment "
                    "is, but for most people it is short.",
                ),
                heading("How does it work?"),
                paragraphs(
                    "The laser sends light energy into the dermis, the layer beneath the surface that is "
                    "rich in collagen, and warms it precisely. That controlled heat sets off the skin's "
                    "own repair process.",
                    "As cells called fibroblasts mend the treated tissue, they lay down new collagen and "
                    "elastin. Over the following weeks the skin's support is rebuilt and it looks firmer, "
                    "tighter and more supple.",
                ),
                image(
                    treatment_room, "A calm clinic room with a treatment couch", "Our laser treatment room"
                ),
                heading("Is it permanent?"),
                paragraphs(
                    "The results last a long time, often years, because the skin has genuinely renewed "
                    "itself. They are not permanent, though: the treatment cannot stop the skin from "
                    "ageing, so we usually recommend occasional maintenance sessions."
                ),
                heading("How many sessions will I need?"),
                paragraphs(
                    "Most patients have between two and five sessions. Your own number depends on your "
                    "goals, how much the skin has loosened and the technology used."
                ),
                faq(*LASER_FAQ),
            ]
        ),
    )
    page.related_treatments.set(related)
    return publish(index, page)


def laser_article(index, laser):
    existing = child(index, "is-laser-tightening-permanent")
    if existing:
        return existing
    page = ArticlePage(
        title="Is laser tightening permanent?",
        slug="is-laser-tightening-permanent",
        date=datetime.date(2026, 11, 2),
        search_description="Laser skin tightening gives results that last for years, but not for ever. "
        "Here is why, and how to make them last.",
        intro="Laser skin tightening can firm loose skin for years. Here is why it is not quite permanent, "
        "and what helps the results last.",
        hero_image=demo_image("Is laser tightening permanent?", colours=((31, 92, 90), (240, 214, 190))),
        body=json.dumps(
            [
                paragraphs(
                    "Among the non-surgical ways to treat sagging skin, laser tightening is one of the most "
                    "requested, because it can firm and lift skin for years. So it is natural to ask "
                    "whether the change lasts for good."
                ),
                heading("A quick reminder of how it works"),
                paragraphs(
                    "Laser light warms the collagen-rich dermis in a controlled way. The skin answers that "
                    "warmth by repairing itself, producing new collagen and elastin that make it firmer "
                    "and smoother. It needs no incisions, anaesthetic or stitches, and recovery is usually "
                    "quick."
                ),
                heading("So, is it permanent?"),
                paragraphs(
                    "The renewal it triggers is real, which is why results last for years. But the skin "
                    "keeps ageing afterwards, and no treatment can stop that. Occasional maintenance "
                    "sessions are the way to keep the effect for as long as possible."
                ),
                heading("How many sessions does it take?"),
                paragraphs(
                    "Most people need a course of two to five sessions. The right number for you depends "
                    "on your goals, how much laxity there is and which technology is used."
                ),
                faq(LASER_FAQ[0], LASER_FAQ[1], heading="Quick answers"),
            ]
        ),
    )
    page.treatments.set([laser])
    page.tags.add("Results", "Lasers")
    return publish(index, page)


def feature_on_home(home, pages):
    """Feature the demo's key pages on the home page, unless an editor already chose some."""
    if home.featured_items.exists():
        return
    for position, page in enumerate(pages):
        HomePageFeaturedItem.objects.create(page=home, linked_page=page, sort_order=position)


def load(home):
    """The treatments and articles; returns the pages the demo translates, parents first."""
    treatment_index, article_index = index_pages(home)
    category = categories()
    others = [other_treatment(treatment_index, spec, category[spec["category"]]) for spec in OTHER_TREATMENTS]
    by_slug = {page.slug: page for page in others}
    laser = laser_skin_tightening(
        treatment_index,
        [by_slug["microneedling"], by_slug["radiofrequency-body-tightening"]],
        category[SKIN_TIGHTENING],
    )
    article = laser_article(article_index, laser)
    feature_on_home(home, [laser, article, treatment_index])
    return [treatment_index, article_index, laser, article]
