"""Schema.org structured data (JSON-LD) for treatments, articles and their FAQs."""

from practice.languages import page_languages
from practice.models import PracticeSettings
from practice.share_images import share_rendition
from practice.structured_data import SCHEMA, absolute_url


def content_language(page, *, request):
    """The language `page`'s words are in: its own, or English for a page not translated yet that
    is shown under another language's prefix."""
    return page_languages(request, page).code


def _image_url(image, request):
    return absolute_url(share_rendition(image).url, request=request)


def medical_procedure(page, *, request):
    """A treatment page as a MedicalProcedure."""
    data = {
        "@context": SCHEMA,
        "@type": "MedicalProcedure",
        "name": page.title,
        "description": page.summary,
        "url": page.get_full_url(request),
        "procedureType": f"{SCHEMA}/{page.procedure_type}",
    }
    if page.hero_image:
        data["image"] = _image_url(page.hero_image, request)
    return data


def faq_page(page, *, request):
    """An FAQPage whose questions and answers are exactly those shown by the page's FAQ blocks, in
    the language they are shown in."""
    return {
        "@context": SCHEMA,
        "@type": "FAQPage",
        "inLanguage": content_language(page, request=request),
        "mainEntity": [
            {
                "@type": "Question",
                "name": item["question"],
                "acceptedAnswer": {"@type": "Answer", "text": item.answer_html},
            }
            for item in page.faq_items
        ],
    }


def article(page, *, request):
    """An article page as an Article published by the practice."""
    practice = PracticeSettings.for_request(request)
    organisation = {"@type": "MedicalClinic", "name": practice.name}
    data = {
        "@context": SCHEMA,
        "@type": "Article",
        "headline": page.title,
        "inLanguage": content_language(page, request=request),
        "description": page.intro,
        "url": page.get_full_url(request),
        "mainEntityOfPage": page.get_full_url(request),
        "datePublished": page.date.isoformat(),
        "author": organisation,
        "publisher": organisation,
    }
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if page.hero_image:
        data["image"] = _image_url(page.hero_image, request)
    if page.treatment_pages:
        data["about"] = [
            {"@type": "MedicalProcedure", "name": treatment.title, "url": treatment.get_full_url(request)}
            for treatment in page.treatment_pages
        ]
    return data
