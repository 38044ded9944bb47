"""Admin views for testimonials."""

from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Testimonial


class TestimonialViewSet(SnippetViewSet):
    """Testimonials in the admin, with whether each is published and its consent. A snippet's views,
    so wagtail-localize adds "Translate" to each testimonial (at the same address)."""

    model = Testimonial
    base_url_path = "testimonials"
    icon = "openquote"
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["attribution", "treatment", "consent_date", "live"]
    list_filter = ["live"]
    search_fields = ["quote", "attribution"]
