"""Admin views for testimonials."""

from wagtail.admin.viewsets.model import ModelViewSet

from .models import Testimonial


class TestimonialViewSet(ModelViewSet):
    """Testimonials in the admin, with whether each is published and its consent."""

    model = Testimonial
    name = "testimonials"
    icon = "openquote"
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["attribution", "treatment", "consent_date", "live"]
    list_filter = ["live"]
    search_fields = ["quote", "attribution"]
