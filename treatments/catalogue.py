"""The treatments index's lists: every category with its first few treatments, or one category a
page at a time. A few queries whatever the number of treatments: the index never loads them all."""

import re
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.http import Http404

from practice.translated_snippets import in_reading_language

from .listing import with_listing_images
from .models.categories import UNCATEGORISED_NAME, UNCATEGORISED_SLUG, TreatmentCategory


@dataclass
class Group:
    """A category as the index shows it: its first treatments and how many it has in all."""

    category: TreatmentCategory
    treatments: list
    count: int

    @property
    def has_more(self):
        return self.count > len(self.treatments)


def uncategorised():
    """The group of treatments without a category, listed last (never saved)."""
    return TreatmentCategory(name=UNCATEGORISED_NAME, slug=UNCATEGORISED_SLUG)


def by_category(treatments):
    """[(category, its treatments), ...] of treatments loaded with their categories, in the
    editors' order of categories and then those without one (uncategorised() for them). A category
    is named in the reader's language, and a treatment that points at another language's copy of it
    (a translation that came with its page) is listed in the same group."""
    listed = {}
    for treatment in treatments:
        key = treatment.category.translation_key if treatment.category else None
        if key not in listed:
            listed[key] = (treatment.category or uncategorised(), [])
        listed[key][1].append(treatment)
    categories = [category for category, _treatments in listed.values() if category.pk]
    named = {category.translation_key: category for category in in_reading_language(categories)}
    return sorted(
        ((named.get(key, category), treatments) for key, (category, treatments) in listed.items()),
        key=lambda group: (group[0].pk is None, group[0].sort_order or 0, group[0].name),
    )


def groups(treatments, per_group):
    """The categories that have treatments among `treatments`, in the editors' order and then the
    treatments without one, each with its first `per_group` treatments by title: three queries (the
    counts, the treatments with their categories and images, their renditions), and a fourth for
    the categories' names in a language other than theirs."""
    counts = dict(treatments.order_by().values_list("category__translation_key").annotate(Count("pk")))
    by_title = [F("title").asc(), F("pk").asc()]
    firsts = with_listing_images(
        treatments.select_related("category")
        .annotate(
            position=Window(RowNumber(), partition_by=F("category__translation_key"), order_by=by_title)
        )
        .filter(position__lte=per_group)
        .order_by(*by_title)
    )
    return [
        Group(category, treatments, counts[category.translation_key if category.pk else None])
        for category, treatments in by_category(firsts)
    ]


def category_page(treatments, slug, page_number, per_page):
    """(category, page of its treatments by title) for the category with this slug ("other": those
    without one); a page number that is not one gives the first or last page, an unknown category 404."""
    if slug == UNCATEGORISED_SLUG:
        category, treatments = uncategorised(), treatments.filter(category__isnull=True)
    else:
        # Only what a slug can be: a NUL byte would make PostgreSQL refuse the query with an error.
        category = (
            TreatmentCategory.objects.filter(slug=slug).first() if re.fullmatch(r"[-\w]+", slug) else None
        )
        if category is None:
            raise Http404("No such treatment category")
        # Every language's copy shares the slug; its treatments may point at any of them.
        (category,) = in_reading_language([category])
        treatments = treatments.filter(category__translation_key=category.translation_key)
    listing = with_listing_images(treatments.order_by("title", "pk"))
    return category, Paginator(listing, per_page).get_page(page_number)
