"""A practice ten times the demo's size, added to the demo: treatments in categories and a blog.

    grow(home, treatments=150, articles=1000, categories=12)

For the scale bench (bench/scale.py) and the search tests at a thousand pages. Pages are written the
way an editor's publish leaves them (live, with a title, summary, body and questions) but without a
revision each, which only the admin reads. The words are deterministic and chosen so that many pages
mention lasers and many mention tightening, as a real practice's do; none but the demo's is *about*
laser skin tightening.
"""

import datetime
import json
import random

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from demo.writing import faq, heading, paragraphs
from treatments.models import ArticleIndexPage, ArticlePage, TreatmentIndexPage, TreatmentPage

CATEGORIES = [
    ("Skin tightening", ["Radiofrequency", "Ultrasound", "Thread", "Infrared", "Microcurrent"]),
    ("Injectables", ["Anti-wrinkle", "Skin booster", "Polynucleotide", "Collagen stimulator", "Vitamin"]),
    ("Dermal fillers", ["Hyaluronic", "Volumising", "Hydrating", "Contouring", "Softening"]),
    ("Peels", ["Glycolic", "Salicylic", "Lactic", "TCA", "Mandelic"]),
    ("Laser hair removal", ["Diode", "Alexandrite", "Nd:YAG", "Long-pulse", "Triple-wave"]),
    ("Resurfacing", ["Fractional laser", "CO2 laser", "Erbium laser", "Plasma", "Dermabrasion"]),
    ("Pigmentation", ["Pico laser", "Q-switched laser", "Brightening", "Melasma", "Tyrosinase"]),
    ("Acne and scarring", ["Blue light", "Subcision", "Extraction", "Microneedling", "Laser genesis"]),
    ("Vascular", ["Vascular laser", "Sclerotherapy", "Thermocoagulation", "Pulsed dye laser", "KTP laser"]),
    ("Body contouring", ["Cryolipolysis", "Fat-dissolving", "Cellulite", "Muscle-toning", "Lymphatic"]),
    ("Hair restoration", ["PRP", "Mesotherapy", "Low-level light", "Exosome", "Scalp micropigmentation"]),
    ("Wellness", ["IV drip", "Hydrafacial", "LED", "Oxygen facial", "Lymphatic drainage"]),
]
AREAS = ["face", "neck", "jawline", "eyes", "forehead", "hands", "arms", "abdomen", "thighs", "back", "chest"]
BATCH = 200  # rows per INSERT, within SQLite's limit on parameters
# One page in six mentions each of these in passing, besides the pages named for lasers or tightening.
ASIDES = [
    "Laser energy is one of several ways to warm the deeper skin, and we explain the others too.",
    "Skin tightening results build over a few months as the skin lays down new collagen.",
]
SENTENCES = [
    "We start with a consultation to agree what the treatment can and cannot do for you.",
    "Most people return to their day straight away, with some redness for a few hours.",
    "A patch test comes first when your skin has not had this treatment with us before.",
    "Results vary from person to person, and we will be honest about what to expect.",
    "Sun protection matters before and after, whichever treatment you choose.",
    "Your practitioner explains the costs and the number of sessions before anything starts.",
    "Tell us about any medicines you take, as a few of them change what we can offer.",
    "Photographs taken at each visit show how things change, and they stay private.",
    "Plan around holidays and events: the best results come some weeks after the last session.",
    "Gentle skin care at home helps, and we will suggest what suits your skin type.",
    "Side effects are usually mild and short-lived; we tell you which ones to call us about.",
    "Pregnancy and breastfeeding are times to wait, and we will gladly see you afterwards.",
]
ARTICLE_OPENINGS = ["What to expect from", "Myths about", "A guide to", "Aftercare for", "Costs of"]
ARTICLE_SEASONS = [
    "in winter",
    "before a wedding",
    "after pregnancy",
    "in your forties",
    "for men",
    "at home",
]


def grow(home, *, treatments=150, articles=1000, categories=12, seed=21):
    """Add `treatments` treatment pages in `categories` categories and `articles` articles under
    the site's indexes (created when missing), and index them for search; returns the treatment
    and article pages added."""
    rng = random.Random(seed)
    # As `manage.py update_index` does: the titles' length norms are worked out afresh at the end,
    # over every page, rather than for each new page against the average length of its day.
    search = get_search_backend()
    rebuild = search.rebuilder_class(search.get_index_for_model(Page))
    rebuild.start()
    treatment_index = (
        TreatmentIndexPage.objects.child_of(home).first()
        or _add(home, [TreatmentIndexPage(title="Treatments", slug="treatments")])[0]
    )
    article_index = (
        ArticleIndexPage.objects.child_of(home).first()
        or _add(home, [ArticleIndexPage(title="Articles", slug="articles")])[0]
    )
    groups = CATEGORIES[:categories]
    category_of = _categories([name for name, _ in groups])
    new_treatments = []
    for number in range(treatments):
        name, techniques = groups[number % len(groups)]
        technique = techniques[number // len(groups) % len(techniques)]
        area = AREAS[number // (len(groups) * len(techniques)) % len(AREAS)]
        title = f"{technique} {name.lower()} for the {area}"
        new_treatments.append(
            TreatmentPage(
                title=title,
                slug=f"{slugify(title)}-{number}",
                summary=f"{technique} treatment of the {area}. {rng.choice(SENTENCES)}",
                category=category_of(name),
                body=json.dumps(_body(rng, title)),
            )
        )
    added_treatments = _add(treatment_index, new_treatments) if new_treatments else []
    new_articles, about = [], []
    first_day = datetime.date(2020, 1, 1)
    for number in range(articles):
        treatment = added_treatments[number % len(added_treatments)] if added_treatments else None
        subject = treatment.title.lower() if treatment else "skin care"
        title = f"{rng.choice(ARTICLE_OPENINGS)} {subject} {rng.choice(ARTICLE_SEASONS)}"
        new_articles.append(
            ArticlePage(
                title=title,
                slug=f"{slugify(title)}-{number}",
                date=first_day + datetime.timedelta(days=number * 2),
                intro=rng.choice(SENTENCES),
                body=json.dumps(_body(rng, title)),
            )
        )
        about.append(treatment)
    added_articles = _add(article_index, new_articles) if new_articles else []
    links = ArticlePage.treatments.through
    links.objects.bulk_create(
        links(articlepage=article, treatmentpage=treatment)
        for article, treatment in zip(added_articles, about, strict=True)
        if treatment
    )
    rebuild.finish()
    return added_treatments, added_articles


def _categories(names):
    """A function giving each category name's value for TreatmentPage.category: an editor-managed
    TreatmentCategory when the project has that model, otherwise one of the fixed choices."""
    try:
        category_model = apps.get_model("treatments", "TreatmentCategory")
    except LookupError:
        choices = [value for value, _ in TreatmentPage.Category.choices]
        return lambda name: choices[names.index(name) % len(choices)]
    rows = {}
    for order, name in enumerate(names):
        # In English: a translated category's copies share its slug.
        rows[name], _ = category_model.objects.get_or_create(
            slug=slugify(name), locale=Locale.get_default(), defaults={"name": name, "sort_order": order}
        )
    return rows.__getitem__


def _body(rng, title):
    asides = [aside for aside in ASIDES if rng.random() < 1 / 6]
    return [
        heading(f"About {title.lower()}"),
        paragraphs(*rng.sample(SENTENCES, 3), *asides),
        heading("How it works"),
        paragraphs(*rng.sample(SENTENCES, 2)),
        faq(
            (f"Is {title.lower()} painful?", rng.choice(SENTENCES)),
            ("How long do results last?", rng.choice(SENTENCES)),
        ),
    ]


def _add(parent, pages):
    """Add live `pages` (all of one type) as `parent`'s last children and index them for search.

    In a few statements rather than `add_child()` and its signals per page (a quarter of a second
    each on a busy machine): the tree's paths are worked out here, the page rows inserted in bulk,
    then the page type's own rows (Django's bulk_create refuses a model with a parent table, so its
    insert step is called for the child table alone). The reference index, which only the admin's
    usage counts read, is left out.
    """
    model = type(pages[0])
    content_type = ContentType.objects.get_for_model(model)
    last = parent.get_last_child()
    path = last._inc_path() if last else Page._get_path(parent.path, parent.depth + 1, 1)
    now = timezone.now()
    for page in pages:
        page.path, page.depth, page.numchild = path, parent.depth + 1, 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type, page.locale_id = content_type, parent.locale_id
        page.draft_title, page.live, page.has_unpublished_changes = page.title, True, False
        page.first_published_at = page.last_published_at = now
        path = Page(path=path)._inc_path()
    base_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    rows = Page.objects.bulk_create(
        [Page(**{field.attname: getattr(page, field.attname) for field in base_fields}) for page in pages],
        batch_size=BATCH,
    )
    for page, row in zip(pages, rows, strict=True):
        page.id = page.page_ptr_id = row.pk
    for start in range(0, len(pages), BATCH):
        model.objects._insert(pages[start : start + BATCH], fields=model._meta.local_concrete_fields)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.numchild += len(pages)
    get_search_backend().add_bulk(model, pages)
    return pages
