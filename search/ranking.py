"""The order of search results: the backend's relevance, with the pages whose title names what was
typed first and, among those, treatment pages ahead of articles.

PostgreSQL weighs a title above a body (Wagtail's boosts), but SQLite's FTS5 ranks a whole page with
one `bm25()`, blind to which field matched: on the demo, "laser tightening" put the article about
the treatment above the treatment. Asking the backend again for title matches only gives the same
order on both databases, with each backend's own stemming.
"""

from django.contrib.contenttypes.models import ContentType

from treatments.models import TreatmentPage


def best_first(pages, query):
    """The ids of `pages` matching `query`, best first: pages whose title matches every word of it
    (treatment pages first), then the rest, each in the backend's order."""
    found = [(page.pk, page.content_type_id) for page in pages.only("pk", "content_type").search(query)]
    titled = {page.pk for page in pages.only("pk").search(query, fields=["title"])}
    treatment = ContentType.objects.get_for_model(TreatmentPage).pk
    order = {
        pk: (pk not in titled, not (pk in titled and content_type == treatment), rank)
        for rank, (pk, content_type) in enumerate(found)
    }
    return sorted(order, key=order.__getitem__)
