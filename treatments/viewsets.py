"""Admin views for treatment categories."""

from wagtail.admin.viewsets.model import ModelViewSet

from .models import TreatmentCategory


class TreatmentCategoryViewSet(ModelViewSet):
    """Treatment categories in the admin, dragged into the order the treatments index lists them."""

    model = TreatmentCategory
    name = "treatment-categories"
    icon = "folder-open-inverse"
    add_to_admin_menu = True
    menu_label = "Treatment categories"
    menu_order = 255
    list_display = ["name", "slug", "description"]
    search_fields = ["name"]
