"""Template tags for treatment pages and articles: share links that need no third-party script."""

from urllib.parse import quote, urlencode

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()


@register.inclusion_tag("treatments/includes/share_links.html", takes_context=True)
def share_links(context, page):
    """Plain links that open each network's own share form; nothing loads until a reader clicks."""
    request = context["request"]
    url = page.get_full_url(request)
    title = page.meta_title
    links = [
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
        ("X", "https://x.com/intent/post?" + urlencode({"url": url, "text": title})),
        (
            "Pinterest",
            "https://www.pinterest.com/pin/create/button/?" + urlencode({"url": url, "description": title}),
        ),
        ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})),
        (_("Email"), f"mailto:?subject={quote(title)}&body={quote(url)}"),
    ]
    return {"links": links, "title": title}
