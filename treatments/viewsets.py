"""Admin views for treatment categories."""

from wagtail.snippets.views.snippets import SnippetViewSet

from .models import TreatmentCategory


class TreatmentCategoryViewSet(SnippetViewSet):
    """Treatment categories in the admin, dragged into the order the treatments index lists them. A
    snippet's views, so wagtail-localize adds "Translate" to each category (at the same address)."""

    model = TreatmentCategory
    base_url_path = "treatment-categories"
    icon = "folder-open-inverse"
    add_to_admin_menu = True
    menu_label = "Treatment categories"
    menu_order = 255
    list_display = ["name", "slug", "description"]
    search_fields = ["name"]
