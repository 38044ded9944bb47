"""Consultation availability in the admin's Settings, for practice managers and superusers."""

from wagtail.admin.panels import ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from .forms import ConsultationAvailabilityForm
from .models import ConsultationAvailability


class ConsultationAvailabilityViewSet(ModelViewSet):
    """Each clinic's consultation length, places, notice and weekly times; the model's permissions
    (held by the Practice managers group and superusers) decide who may see and change them."""

    model = ConsultationAvailability
    icon = "date"
    menu_label = "Consultation times"
    add_to_settings_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["__str__", "length_minutes", "places", "offered"]
    edit_handler = ObjectList(ConsultationAvailability.panels, base_form_class=ConsultationAvailabilityForm)


consultation_availability_viewset = ConsultationAvailabilityViewSet(
    "consultation_availability", url_prefix="consultation-times"
)
